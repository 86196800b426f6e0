"""Explorers of notebook 11: what a character model writes at different temperatures, and one cell's value
coloured into the text it reads."""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from helpers.charlm import UNKNOWN
from helpers.charlm_probe import samples_at
from helpers.display import static_mode
from helpers.plots.charlm import draw_coloured_text, draw_samples, shown_values, update_coloured_text, update_samples
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, sweep_frames

TEMPERATURE_RANGE = (0.1, 1.6)
# The three columns: half, the chosen and twice the temperature, so that low, medium and high stay side by side.
FACTORS = (0.5, 1.0, 2.0)
SAMPLE_SEED = 0
# Characters per sample and the grid they are shown on (Japanese glyphs are full-width: half the columns).
SAMPLE_LAYOUT = {"en": {"n": 240, "width": 34, "n_rows": 10}, "ja": {"n": 120, "width": 17, "n_rows": 10}}
CELL_WIDTH = {"en": 80, "ja": 40}

SAMPLES_ALT = {
    "en": "Three texts the model wrote from the same seed at temperatures {temps}, side by side. {samples}",
    "ja": "同じシードから温度 {temps} でモデルが書いた 3 つのテキストを並べた図。{samples}",
}
CELL_ALT = {
    "en": "The text, each character on a background coloured by {what} (blue low, white middle, red high). "
          "Values from {lo:.2f} to {hi:.2f}; highest at the characters {top}, lowest at {bottom}.",
    "ja": "テキストの各文字の背景を {what} の値で塗った図（青が低く、白が中間、赤が高い）。"
          "値は {lo:.2f} から {hi:.2f}。最も高い文字は {top}、最も低い文字は {bottom}。",
}
# What the exported slides and pages sweep (issue 17): the temperature, and a spread of units (the starting unit,
# the one a notebook found, is slotted in). Every sampling frame runs the model: seven settings keep the export short.
TEMPERATURE_SWEEP = (Sweep("temperature", (0.25, 0.5, 0.75, 1.0, 1.25, 1.5), {"en": "temperature", "ja": "温度"},
                           ".2f"),)
UNITS_SWEPT = 12
# What the explorer's error box says when the prime holds characters the model cannot read (a model without the
# unknown symbol, e.g. the Shakespeare ones): in the learner's language, unlike helpers.charlm's own ValueError.
PRIME_ERROR = {
    "en": "The prime holds {n} character(s) outside the vocabulary of this model: {chars}. "
          "Use characters of the text it learned.",
    "ja": "書き出しに、このモデルの語彙にない文字が {n} 種類あります：{chars}。"
          "学習したテキストにある文字を使ってください。",
}
# The live controls' labels in the learner's language, with the prose's words and symbol (τ for the temperature;
# the glossary's 書き出し for the prime): the static frames' readouts say 温度／ユニット the same way.
CONTROL_LABELS = {
    "en": {"temperature": "temperature τ", "prime": "prime", "cell": "unit"},
    "ja": {"temperature": "温度 τ", "prime": "書き出し", "cell": "ユニット"},
}
_LABEL_STYLE = {"description_width": "initial"}  # the whole label, not cut to the default width
NAMES = {"c": "tanh(c)", "h": "h", "i": "i", "f": "f", "g": "g", "o": "o", "r": "r", "z": "z", "n": "n"}


def _temperatures(temperature: float) -> list[float]:
    return [round(f * temperature, 3) for f in FACTORS]


def _check_prime(model, prime: str, lang: str) -> None:
    """A ValueError in the learner's language if `prime` holds characters `model` cannot read."""
    vocab = set(model.vocab)
    missing = [] if UNKNOWN in vocab else sorted(set(prime) - vocab)
    if missing:
        raise ValueError(PRIME_ERROR[lang].format(n=len(missing), chars=repr("".join(missing[:20]))))


def _update_samples(fig, temperature: float, prime: str, model, lang: str):
    _check_prime(model, prime, lang)
    layout = SAMPLE_LAYOUT[lang]
    samples = samples_at(model, _temperatures(temperature), layout["n"], SAMPLE_SEED, prime)
    return update_samples(fig, samples, lang)


def _samples_alt(samples: list, lang: str) -> str:
    temps = ", ".join(f"{t:g}" for t, _ in samples)
    quoted = " ".join(f"[{t:g}] «{s[:120]}»" for t, s in samples)
    return SAMPLES_ALT[lang].format(temps=temps, samples=quoted)


def sampling_explorer(model, lang: str = "en", temperature: float = 1.0, prime: str = ""):
    """Samples of `model` at half, the chosen and twice the temperature, side by side, all from one seed; a slider
    for the temperature and a box for the prime text (a plain figure when LECTURE_STATIC=1).

    Parameters
    ----------
    model : helpers.charlm.CharLM
    lang : {"en", "ja"}
    temperature : float
        Starting temperature of the middle column, in [0.1, 1.6].
    prime : str
        Text the model reads before writing (characters of its vocabulary).

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its frames over the temperature.
    """
    if lang not in SAMPLE_LAYOUT:
        raise ValueError(f"lang must be one of {tuple(SAMPLE_LAYOUT)}, got {lang!r}")
    if not TEMPERATURE_RANGE[0] <= temperature <= TEMPERATURE_RANGE[1]:
        raise ValueError(f"temperature must be in {TEMPERATURE_RANGE}, got {temperature}")
    _check_prime(model, prime, lang)
    layout = SAMPLE_LAYOUT[lang]
    samples = samples_at(model, _temperatures(temperature), layout["n"], SAMPLE_SEED, prime)
    fig = draw_samples(samples, lang, width=layout["width"], n_rows=layout["n_rows"])
    alt = _samples_alt(samples, lang)
    if static_mode():
        return sweep_frames(fig, _update_samples, TEMPERATURE_SWEEP, {"temperature": temperature, "prime": prime},
                            alt, lang, {"model": model, "lang": lang}, readout=("title0", "title1", "title2"))
    label = CONTROL_LABELS[lang]
    controls = {
        "temperature": W.FloatSlider(value=temperature, min=TEMPERATURE_RANGE[0], max=TEMPERATURE_RANGE[1],
                                     step=0.05, description=label["temperature"], readout_format=".2f",
                                     continuous_update=False, style=_LABEL_STYLE, layout=W.Layout(width="420px")),
        "prime": W.Text(value=prime, description=label["prime"], continuous_update=False, style=_LABEL_STYLE,
                        layout=W.Layout(width="300px")),
    }
    return Explorer(fig, _update_samples, controls, alt, fixed={"model": model, "lang": lang})


def _context(text: str, t: int) -> str:
    return repr(text[max(0, t - 6):t] + "[" + text[t] + "]" + text[t + 1:t + 4])


def _cell_alt(text: str, trace: dict, quantity: str, cell: int, lang: str) -> str:
    values = shown_values(trace, quantity, cell)
    order = np.argsort(values, kind="stable")
    top = ", ".join(_context(text, int(t)) for t in order[::-1][:3])
    bottom = ", ".join(_context(text, int(t)) for t in order[:3])
    return CELL_ALT[lang].format(what=f"{NAMES[quantity]} #{cell}", lo=values.min(), hi=values.max(), top=top,
                                 bottom=bottom)


def cell_explorer(model, text: str, lang: str = "en", quantity: str | None = None, cell: int = 0):
    """`text` coloured character by character by one unit of `model` (a slider over the unit, a choice of the
    cell state, the hidden state or a gate); a plain figure when LECTURE_STATIC=1.

    Parameters
    ----------
    model : helpers.charlm.CharLM
    text : str
        A few hundred characters (the figure shows all of them).
    lang : {"en", "ja"}
    quantity : str, optional
        A key of ``model.trace(text)``: "c" (coloured by tanh c), "h", a gate. Default: "c" for an LSTM, else "h".
    cell : int
        Starting unit.

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with frames for a spread of units.
    """
    if lang not in CELL_WIDTH:
        raise ValueError(f"lang must be one of {tuple(CELL_WIDTH)}, got {lang!r}")
    trace = model.trace(text)
    if quantity is None:
        quantity = "c" if "c" in trace else "h"
    fig = draw_coloured_text(text, trace, quantity, cell, lang, width=CELL_WIDTH[lang])
    alt = _cell_alt(text, trace, quantity, cell, lang)
    H = trace["h"].shape[1]
    if static_mode():
        units = tuple(int(u) for u in np.unique(np.linspace(0, H - 1, min(UNITS_SWEPT, H)).round()))
        sweep = (Sweep("cell", units, {"en": "unit", "ja": "ユニット"}, "d"),)
        return sweep_frames(fig, update_coloured_text, sweep, {"cell": cell, "quantity": quantity}, alt, lang,
                            {"trace": trace, "lang": lang})
    controls = {
        "cell": W.IntSlider(value=cell, min=0, max=H - 1, step=1, description=CONTROL_LABELS[lang]["cell"],
                            style=_LABEL_STYLE, layout=W.Layout(width="420px")),
        "quantity": W.Dropdown(options=[(NAMES[k], k) for k in trace], value=quantity, description="",
                               layout=W.Layout(width="110px")),
    }
    return Explorer(fig, update_coloured_text, controls, alt, fixed={"trace": trace, "lang": lang})
