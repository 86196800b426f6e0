"""The practice test in the exam's format: every question is answered by choosing.

E資格 asks multiple-choice questions only. In exam mode a numeric question of the practice pool becomes a
four-option question: the right value and three wrong ones, each the result of a classic mistake that is named
(σ(0) taken for σ′(0), a product with one factor too few, nats instead of bits …). The learner who picks a wrong
option is told which mistake gives that value. Choice and code questions keep their options, in an order fixed by
their id: the bank lists the right option first or second in most questions, which an exam would not.

Examples
--------
>>> q = exam_form("02.sigmoid-max")
>>> q["kind"], len(q["options"]), q["options"][q["answer"]]["en"]
('choice', 4, '0.25')
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from helpers.quiz.bank import BANK


class Mistake(NamedTuple):
    """A wrong value and the mistake that gives it: `value` computes it, `en`/`ja` name the mistake."""

    value: Callable[[], float]
    en: str
    ja: str


def _s(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _one_factor_off(base: float, n: int) -> list[Mistake]:
    """The two counting slips of a product of `n` equal factors `base`: one factor too few, one too many."""
    few, many = n - 1, n + 1
    return [
        Mistake(lambda: base**few, f"That is ${base}^{{{few}}}$: one factor too few.",
                f"それは ${base}^{{{few}}}$ で、因子が 1 つ足りません。"),
        Mistake(lambda: base**many, f"That is ${base}^{{{many}}}$: one factor too many.",
                f"それは ${base}^{{{many}}}$ で、因子が 1 つ多すぎます。"),
    ]


MISTAKES: dict[str, list[Mistake]] = {
    "01.sigmoid-threshold": [
        Mistake(
            lambda: 0.25,
            "That is $\\gamma = 1/4$ itself; the threshold is $1/\\gamma$.",
            "それは $\\gamma = 1/4$ そのものです。閾値は $1/\\gamma$ です。",
        ),
        Mistake(
            lambda: 1.0,
            "That is the threshold for tanh ($\\gamma = 1$), not for the sigmoid.",
            "それは tanh（$\\gamma = 1$）の閾値で、シグモイド関数のものではありません。",
        ),
        Mistake(
            lambda: 1 / 0.25**2,
            "That is $1/\\gamma^2$: the bound is squared.",
            "それは $1/\\gamma^2$ です。上界を 2 乗しています。",
        ),
    ],
    "01.twenty-steps": [
        *_one_factor_off(0.5, 20),
        Mistake(
            lambda: 0.5 / 20,
            "That divides by the number of steps; the factors multiply: $0.5^{20}$.",
            "それはステップ数で割っています。因子は掛け合わされるので $0.5^{20}$ です。",
        ),
    ],
    "02.sigmoid-max": [
        Mistake(
            lambda: _s(0.0),
            "That is $\\sigma(0)$, the function's value, not its derivative.",
            "それは関数の値 $\\sigma(0)$ で、導関数の値ではありません。",
        ),
        Mistake(
            lambda: 1 - math.tanh(0.0) ** 2,
            "That is the largest value of $\\tanh'$, not of $\\sigma'$.",
            "それは $\\tanh'$ の最大値で、$\\sigma'$ の最大値ではありません。",
        ),
        Mistake(
            lambda: 1 - _s(0.0) ** 2,
            "That is $1 - \\sigma^2$, the form of tanh's derivative applied to $\\sigma$.",
            "それは tanh の導関数の形 $1 - \\sigma^2$ を $\\sigma$ に当てはめた値です。",
        ),
    ],
    "02.tanh-max": [
        Mistake(
            lambda: math.tanh(0.0),
            "That is $\\tanh(0)$, the function's value, not its derivative.",
            "それは関数の値 $\\tanh(0)$ で、導関数の値ではありません。",
        ),
        Mistake(
            lambda: _s(0.0) * (1 - _s(0.0)),
            "That is the sigmoid's largest slope, $\\sigma'(0)$.",
            "それはシグモイド関数の傾きの最大値 $\\sigma'(0)$ です。",
        ),
        Mistake(
            lambda: _s(0.0),
            "That is $\\sigma(0)$, the sigmoid's value at 0.",
            "それはシグモイド関数の 0 での値 $\\sigma(0)$ です。",
        ),
    ],
    "03.six-eight": [
        Mistake(
            lambda: 6.0,
            "That is the component before clipping: the norm 10 exceeds the threshold.",
            "それはクリッピング前の成分です。ノルム 10 は閾値を超えています。",
        ),
        Mistake(
            lambda: min(6.0, 5.0),
            "That clips each component to the threshold (clipping by value), not the norm.",
            "それは成分ごとに閾値で切る、値によるクリッピングです。ノルムによるクリッピングではありません。",
        ),
        Mistake(
            lambda: 6.0 / math.hypot(6.0, 8.0),
            "That rescales to length 1 instead of to the threshold.",
            "それは長さを閾値ではなく 1 にそろえています。",
        ),
    ],
    "04.cec-weight": [
        Mistake(
            lambda: -1.0,
            "With $w = -1$ the factor has size 1 but flips the error's sign at every step.",
            "$w = -1$ では因子の大きさは 1 ですが、誤差の符号がステップごとに反転します。",
        ),
        Mistake(
            lambda: 0.0,
            "With $w = 0$ there is no self-loop: nothing is passed back at all.",
            "$w = 0$ では自己ループがなく、何も逆向きに渡りません。",
        ),
        Mistake(
            lambda: 1 / (1 - math.tanh(0.7) ** 2),
            "That is $1/\\tanh'(0.7)$: the derivative of tanh, not of the linear unit.",
            "それは $1/\\tanh'(0.7)$ で、線形ユニットではなく tanh の導関数を使っています。",
        ),
    ],
    "04.factor-100": [
        *_one_factor_off(0.9, 100),
        Mistake(
            lambda: 0.9 / 100,
            "That divides by the number of steps; the factors multiply: $0.9^{100}$.",
            "それはステップ数で割っています。因子は掛け合わされるので $0.9^{100}$ です。",
        ),
    ],
    "04.drift": [
        Mistake(
            lambda: 0.5 * 0.2,
            "That is one step's increment, not the sum of 100.",
            "それは 1 ステップ分の増分で、100 ステップ分の和ではありません。",
        ),
        Mistake(
            lambda: 100 * 0.2,
            "That leaves out the input gate: each step adds $i_t g_t$, not $g_t$.",
            "それは入力ゲートを落としています。毎ステップ足されるのは $g_t$ ではなく $i_t g_t$ です。",
        ),
        Mistake(
            lambda: 100 * 0.5,
            "That adds the gate $i_t$ instead of the gated candidate $i_t g_t$.",
            "それはゲートを通した入力候補 $i_t g_t$ ではなく、ゲート $i_t$ を足しています。",
        ),
    ],
    "05.closed-gate": [
        Mistake(
            lambda: _s(4.0),
            "That is $\\sigma(4)$: the sign of the bias is lost.",
            "それは $\\sigma(4)$ で、バイアスの符号が落ちています。",
        ),
        Mistake(
            lambda: 0.0,
            "A sigmoid gate is never exactly closed: $\\sigma(-4)$ is small but not 0.",
            "シグモイド関数のゲートがちょうど閉じることはありません。$\\sigma(-4)$ は小さいものの 0 ではありません。",
        ),
        Mistake(
            lambda: math.tanh(-4.0),
            "That is $\\tanh(-4)$; gates use the sigmoid.",
            "それは $\\tanh(-4)$ です。ゲートはシグモイド関数を使います。",
        ),
    ],
    "05.write": [
        Mistake(
            lambda: 1.0 * 0.3,
            "That overwrites the cell with $i_t g_t$; without a forget gate the old content stays.",
            "それはセルを $i_t g_t$ で上書きしています。忘却ゲートがなければ古い内容は残ります。",
        ),
        Mistake(
            lambda: 0.5 * 0.3,
            "That multiplies the old content by the candidate instead of adding.",
            "それは古い内容に入力候補を掛けています。足すのが正しい計算です。",
        ),
        Mistake(
            lambda: 0.5 + 0.5 * 0.3,
            "That takes the input gate as 0.5; it is fully open, $i_t = 1$.",
            "それは入力ゲートを 0.5 としています。入力ゲートは完全に開いていて $i_t = 1$ です。",
        ),
    ],
    "06.prod-f": [
        *_one_factor_off(0.9, 20),
        Mistake(
            lambda: 0.9 * 20,
            "That adds the gates; along the cell path they multiply.",
            "それはゲートを足しています。セルの経路ではゲートが掛け合わされます。",
        ),
    ],
    "06.bias-one": [
        Mistake(
            lambda: 1.0,
            "That is the bias $b_f$ itself, not $\\sigma(b_f)$.",
            "それはバイアス $b_f$ そのもので、$\\sigma(b_f)$ ではありません。",
        ),
        Mistake(
            lambda: _s(0.0),
            "That is $\\sigma(0)$, the gate with a zero bias.",
            "それはバイアスが 0 のときのゲート $\\sigma(0)$ です。",
        ),
        Mistake(
            lambda: math.tanh(1.0),
            "That is $\\tanh(1)$; gates use the sigmoid.",
            "それは $\\tanh(1)$ です。ゲートはシグモイド関数を使います。",
        ),
    ],
    "07.param-count": [
        Mistake(
            lambda: 4 * 100,
            "That gives the candidate a peephole too; only the three gates look at the cell.",
            "それは入力候補にも覗き穴結合を付けています。セルを見るのは 3 つのゲートだけです。",
        ),
        Mistake(
            lambda: 3 * 100**2,
            "That counts full $H \\times H$ matrices; peephole weights are diagonal.",
            "それは $H \\times H$ の行列全体を数えています。覗き穴結合の重みは対角です。",
        ),
        Mistake(
            lambda: 100, "That counts one gate's peephole only.", "それは 1 つのゲートの覗き穴結合だけを数えています。"
        ),
    ],
    "08.baseline": [
        Mistake(
            lambda: 1 / 12,
            "That is the variance of one uniform value; $y$ is the sum of two.",
            "それは一様分布の値 1 つの分散です。$y$ は 2 つの値の和です。",
        ),
        Mistake(
            lambda: math.sqrt(1 / 6),
            "That is the standard deviation of $y$; the MSE is its variance.",
            "それは $y$ の標準偏差です。MSE は分散です。",
        ),
        Mistake(
            lambda: 4 / 12,
            "That is the variance of $2v$: the two values are treated as one value doubled.",
            "それは $2v$ の分散で、2 つの値を 1 つの値の 2 倍として扱っています。",
        ),
    ],
    "10.param-count": [
        Mistake(
            lambda: 4 * (10 * 20 + 20 * 20 + 20),
            "That counts four blocks, as in an LSTM; a GRU has three.",
            "それは LSTM のように 4 ブロックを数えています。GRU は 3 ブロックです。",
        ),
        Mistake(
            lambda: 3 * (10 * 20 + 20 * 20 + 20),
            "That counts one bias per block; this GRU has two, bx and bh.",
            "それはブロックごとにバイアスを 1 つしか数えていません。この GRU には bx と bh の 2 つがあります。",
        ),
        Mistake(
            lambda: 10 * 20 + 20 * 20 + 20,
            "That counts one block, as in a plain RNN.",
            "それは素の RNN のように 1 ブロックだけを数えています。",
        ),
    ],
    "12.rnn-jacobian": [
        Mistake(
            lambda: 1 - 0.6**2,
            "That is $\\tanh'$ alone: the chain rule's factor $w$ is missing.",
            "それは $\\tanh'$ だけで、連鎖律による係数 $w$ が抜けています。",
        ),
        Mistake(
            lambda: 2.0,
            "That is $w$ alone: the derivative of tanh is missing.",
            "それは $w$ だけで、tanh の導関数が抜けています。",
        ),
        Mistake(
            lambda: 2 * (1 - 0.6),
            "That uses $1 - h_t$ for $\\tanh'$; it is $1 - h_t^2$.",
            "それは $\\tanh'$ を $1 - h_t$ としています。正しくは $1 - h_t^2$ です。",
        ),
    ],
    "12.sigmoid-at-08": [
        Mistake(
            lambda: 0.25,
            "That is the sigmoid's largest slope, reached only at $\\sigma = 0.5$.",
            "それはシグモイド関数の傾きの最大値で、$\\sigma = 0.5$ のときにしかとりません。",
        ),
        Mistake(
            lambda: 1 - 0.8,
            "That is $1 - \\sigma$ alone: the factor $\\sigma$ is missing.",
            "それは $1 - \\sigma$ だけで、因子 $\\sigma$ が抜けています。",
        ),
        Mistake(
            lambda: 1 - 0.8**2,
            "That is $1 - \\sigma^2$, the form of tanh's derivative.",
            "それは tanh の導関数の形 $1 - \\sigma^2$ です。",
        ),
    ],
    "12.lstm-params": [
        Mistake(lambda: 4 * (50 * 100 + 100 * 100), "That leaves out the bias.", "それはバイアスを数えていません。"),
        Mistake(
            lambda: 50 * 100 + 100 * 100 + 100,
            "That counts one block; an LSTM has four (i, f, g, o).",
            "それは 1 ブロックだけを数えています。LSTM には 4 ブロック（i、f、g、o）あります。",
        ),
        Mistake(
            lambda: 3 * (50 * 100 + 100 * 100 + 100),
            "That counts three blocks, as in a GRU.",
            "それは GRU のように 3 ブロックを数えています。",
        ),
    ],
    "12.cell-update": [
        Mistake(
            lambda: 0.25 * 0.8,
            "That is only what is written; the kept part $f_t c_{t-1}$ is missing.",
            "それは書き込まれる分だけで、残る分 $f_t c_{t-1}$ が抜けています。",
        ),
        Mistake(
            lambda: 2 + 0.25 * 0.8,
            "That ignores the forget gate: $c_{t-1}$ is kept whole.",
            "それは忘却ゲートを無視して、$c_{t-1}$ をそのまま残しています。",
        ),
        Mistake(
            lambda: 0.5 * 2 + 0.8,
            "That ignores the input gate: the whole candidate is written.",
            "それは入力ゲートを無視して、入力候補をそのまま書き込んでいます。",
        ),
    ],
    "11.uniform-bpc": [
        Mistake(
            lambda: math.log(65),
            "That is $\\ln 65$, in nats; bits use $\\log_2$.",
            "それは $\\ln 65$ で、単位はナットです。ビットには $\\log_2$ を使います。",
        ),
        Mistake(
            lambda: 65.0,
            "That is the number of characters, not the bits needed to tell them apart.",
            "それは文字の種類の数で、それらを区別するのに必要なビット数ではありません。",
        ),
        Mistake(
            lambda: 1 / 65,
            "That is the probability of each character; the cost is $-\\log_2$ of it.",
            "それは各文字の確率です。コストはその $-\\log_2$ です。",
        ),
    ],
}
"""Numeric question of the pool → its three mistakes. tests/test_practice.py holds that every numeric question of
the pool has them, and that the four values are different and shown differently."""


def format_value(v: float) -> str:
    """An option's value as the exam prints it: a count in full, otherwise up to four significant digits, very
    small or large values as LaTeX powers of ten."""
    if float(v).is_integer() and abs(v) < 1e9:
        return str(int(v))
    if 1e-3 <= abs(v) < 1e4:
        return f"{v:.4g}"
    mantissa, exponent = f"{v:.3e}".split("e")
    return f"${float(mantissa):g} \\times 10^{{{int(exponent)}}}$"


def exam_form(qid: str) -> dict:
    """Question `qid` as the exam asks it: a numeric question as four options in increasing order (the right
    value and its three mistakes, each wrong option saying which mistake gives it); a choice or code question with
    its options in an order drawn from its id (the same on every machine), the right one at position
    crc32(id) mod 4, and a code question's per-line "why" keyed by the new positions."""
    if qid not in BANK:
        raise KeyError(f"no quiz {qid!r}")
    q = BANK[qid]
    if q["kind"] != "numeric":
        key = zlib.crc32(qid.encode())
        others = [n for n in range(len(q["options"])) if n != q["answer"]]
        order = [others[n] for n in np.random.default_rng(key).permutation(len(others))]
        position = key % len(q["options"])
        order.insert(position, q["answer"])
        asked = {**q, "options": [q["options"][n] for n in order], "answer": position}
        if "why" in q:  # a code question's reasons are keyed by the bank's index: move them with their lines
            asked["why"] = {order.index(n): why for n, why in q["why"].items()}
        return asked
    if qid not in MISTAKES:
        raise KeyError(f"numeric quiz {qid!r} has no mistakes in helpers.quiz.exam.MISTAKES, so no exam form")
    values = [(float(q["answer"]), None)] + [(float(m.value()), m) for m in MISTAKES[qid]]
    values.sort(key=lambda item: item[0])
    options = []
    for value, mistake in values:
        text = format_value(value)
        option = {"en": text, "ja": text}
        if mistake is not None:
            option["why"] = {"en": mistake.en, "ja": mistake.ja}
        options.append(option)
    answer = next(n for n, (_, mistake) in enumerate(values) if mistake is None)
    return {
        "kind": "choice",
        "question": q["question"],
        "options": options,
        "answer": answer,
        "explanation": q["explanation"],
    }
