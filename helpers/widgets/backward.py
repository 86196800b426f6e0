"""Explorers of notebook 09: the gradient highway (LSTM next to the RNN) and gradient checking against eps."""

from __future__ import annotations

import math

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.backward import (
    FORGET_BIAS_RANGE,
    LOG_EPS,
    RNN_S_RANGE,
    U_SCALE_RANGE,
    draw_eps_explorer,
    draw_highway_explorer,
    update_eps_explorer,
    update_highway_explorer,
)
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, grid, sweep_frames

HIGHWAY_ALT = {
    "en": "Log-scale plot of gradient norms against the number of steps back k (0 to 100), medians over four input "
          "sequences, starting from a unit gradient at the last hidden state. With the forget-gate bias at 1 and "
          "the LSTM's recurrent weight as initialised, the LSTM's cell gradient falls only to about 1e-2 at k = 50 "
          "and 6e-4 at k = 100, its hidden-state gradient just below it, while the tanh RNN with every singular "
          "value 1 falls to about 6e-11 and 4e-21. A dotted line, sigma(1)^k, the cell path alone at f = 0.73, "
          "falls to about 2e-7 and 3e-14.",
    "ja": "最後の隠れ状態での単位ベクトルの勾配から遡ったときの勾配のノルムを、遡るステップ数 k（0〜100）に対して描いた"
          "片対数グラフ（4 つの入力系列の中央値）。忘却ゲートのバイアスが 1、LSTM の再帰重みが初期値のとき、LSTM の"
          "セル状態の勾配は k = 50 で約 1e-2、k = 100 で約 6e-4 までしか下がらず、隠れ状態の勾配はそのすぐ下にある。"
          "特異値がすべて 1 の tanh の RNN では約 6e-11 と 4e-21 まで下がる。点線の σ(1)^k（f = 0.73 のときのセルの"
          "経路だけ）は約 2e-7 と 3e-14 まで下がる。",
}

EPS_ALT = {
    "en": "Log-log plot of the relative error of a centred-difference gradient check against the step eps from "
          "1e-12 to 1e-1. For an LSTM in float64 the curve is a V: about 1e-3 at eps = 1e-12, falling to about "
          "4e-11 near eps = 3e-5, rising again to 2e-4 at 1e-1. In float32 the error is 1 for eps below 1e-7 and "
          "never gets below about 2e-5, above the dashed tolerance 1e-6. For a ReLU with an input 2e-6 above "
          "its kink the error is tiny up to eps = 1.8e-6 and jumps to about 0.1 beyond, where the difference "
          "straddles the kink. A vertical line marks eps = 1e-5.",
    "ja": "中心差分による勾配確認の相対誤差を、刻み幅 ε（1e-12〜1e-1）に対して描いた両対数グラフ。float64 の LSTM では"
          "V 字形になり、ε = 1e-12 で約 1e-3、ε = 3e-5 付近で約 4e-11 まで下がり、1e-1 で 2e-4 まで再び上がる。"
          "float32 では ε が 1e-7 より小さいと誤差は 1 で、最小でも約 2e-5 と破線の許容誤差 1e-6 を下回らない。"
          "折れ目のすぐ上 2e-6 に入力がある ReLU では、ε = 1.8e-6 までは誤差がごく小さく、それより大きいと差分が"
          "折れ目をまたいで約 0.1 に跳ね上がる。縦線は ε = 1e-5 の位置。",
}


# b_f on its own grid, U x at 0 (the cell path alone) and 1, and the RNN's lambda_1 below, at and above 1: what the
# notebook's "What to look for" asks a learner to try, so that the deck can do it too (issue 23)
HIGHWAY_SWEEPS = (Sweep("forget_bias", grid(*FORGET_BIAS_RANGE, 1.0), "LSTM b_f", "+.2f"),
                  Sweep("u_scale", (0.0, 1.0), "LSTM U ×", ".2f"),
                  Sweep("s", (0.5, 1.0, 3.0), "RNN λ₁", ".2f"))
EPS_SWEEPS = (Sweep("eps", tuple(10.0 ** e for e in grid(float(LOG_EPS[0]), -1.0, 0.5)), "ε", ".1e"),)
"""What the exported slides and pages sweep (issue 17)."""


def highway_explorer(lang: str = "en", forget_bias: float = 1.0, u_scale: float = 1.0, s: float = 1.0):
    """Sliders for the LSTM's forget-gate bias b_f and recurrent-weight scale, and the RNN's lambda_1 (a plain
    figure when LECTURE_STATIC=1).

    Parameters
    ----------
    lang : {"en", "ja"}
    forget_bias : float
        Starting b_f, in [-2, 8].
    u_scale : float
        Starting factor on the LSTM's recurrent weight U, in [0, 1.5].
    s : float
        Starting largest singular value of the RNN's W_h, in [0.25, 4].

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_highway_explorer(forget_bias, u_scale, s, lang)
    if static_mode():
        start = {"forget_bias": forget_bias, "u_scale": u_scale, "s": s}
        return sweep_frames(fig, update_highway_explorer, HIGHWAY_SWEEPS, start, HIGHWAY_ALT[lang], lang,
                            {"lang": lang})
    wide = W.Layout(width="330px")
    controls = {
        "forget_bias": W.FloatSlider(value=forget_bias, min=FORGET_BIAS_RANGE[0], max=FORGET_BIAS_RANGE[1],
                                     step=0.25, description="LSTM b_f", readout_format="+.2f", layout=wide),
        "u_scale": W.FloatSlider(value=u_scale, min=U_SCALE_RANGE[0], max=U_SCALE_RANGE[1], step=0.05,
                                 description="LSTM U ×", readout_format=".2f", layout=wide),
        "s": W.FloatLogSlider(value=s, base=10, min=math.log10(RNN_S_RANGE[0]), max=math.log10(RNN_S_RANGE[1]),
                              step=0.01, description="RNN λ₁", readout_format=".2f", layout=wide),
    }
    return Explorer(fig, update_highway_explorer, controls, HIGHWAY_ALT[lang], fixed={"lang": lang})


def gradcheck_explorer(lang: str = "en", eps: float = 1e-5):
    """A log slider for the step eps of the centred difference over the relative-error curves (a swept figure
    when LECTURE_STATIC=1).

    Parameters
    ----------
    lang : {"en", "ja"}
    eps : float
        Starting step, in [1e-12, 1e-1].

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_eps_explorer(eps, lang)
    if static_mode():
        return sweep_frames(fig, update_eps_explorer, EPS_SWEEPS, {"eps": eps}, EPS_ALT[lang], lang, {"lang": lang})
    controls = {
        "eps": W.FloatLogSlider(value=eps, base=10, min=float(LOG_EPS[0]), max=float(LOG_EPS[-1]), step=0.25,
                                description="ε", readout_format=".0e", layout=W.Layout(width="420px")),
    }
    return Explorer(fig, update_eps_explorer, controls, EPS_ALT[lang], fixed={"lang": lang})
