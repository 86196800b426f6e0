"""Explorer of notebook 03: gradient descent on the cliff, without and with clipping by norm, side by side."""

from __future__ import annotations

import math

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots._base import text
from helpers.plots.clipping import B_LIM, LABELS, W_LIM, draw_clipping_explorer, update_clipping_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, sweep_frames

ALT = {
    "en": "Two copies of the error surface of the one-unit RNN over w from 0 to 10 and b from -6 to 2: a dark valley "
          "of low error from (0, 0.8) down to about (4, -2), and a straight cliff from there to (10, -5.7) between a "
          "high plateau below and a middle plateau above. From the start (5, -4) both descents climb to the cliff. "
          "Without clipping (left) one step of length about 85 throws the parameters out of the picture and the "
          "error stays at 0.09; clipped by norm at 1 (right) the steps stay at most 0.5 long, zigzag along the cliff "
          "and reach the valley with error 0.0004.",
    "ja": "1 ユニットの RNN の誤差曲面（w は 0〜10、b は −6〜2）を 2 つ並べた図。(0, 0.8) から (4, −2) 付近まで誤差の"
          "小さい暗い谷があり、そこから (10, −5.7) まで、下の高い平坦な領域と上の中くらいの平坦な領域を分ける崖がまっ"
          "すぐ続く。出発点 (5, −4) からはどちらも崖まで登る。クリッピングなし（左）では長さ約 85 の一歩でパラメータが"
          "図の外へ飛ばされ、誤差は 0.09 のまま。閾値 1 でノルムによるクリッピングをすると（右）一歩は 0.5 以下に収ま"
          "り、崖に沿ってジグザグに進んで谷に着き、誤差は 0.0004 になる。",
}

NAMES = {"en": ("threshold", "learning rate", "start w", "start b"), "ja": ("閾値", "学習率", "出発点 w", "出発点 b")}

SWEEPS = (Sweep("threshold", (0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0, 5.0, 7.0, 10.0),
                {lang: names[0] for lang, names in NAMES.items()}, ".2f"),)
"""What the exported slides and pages sweep (issue 17)."""


def clipping_explorer(lang: str = "en", w0: float = 5.0, b0: float = -4.0, lr: float = 0.5, threshold: float = 1.0):
    """Sliders for the clipping threshold, the learning rate and the start (w0, b0); two descents drawn on the
    error surface (a swept figure when LECTURE_STATIC=1).

    Parameters
    ----------
    lang : {"en", "ja"}
    w0, b0 : float
        Start, inside w in [0, 10], b in [-6, 2].
    lr : float
        Learning rate, in [0.01, 2].
    threshold : float
        Clipping threshold, in [0.1, 10].

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_clipping_explorer(w0, b0, lr, threshold, lang)
    if static_mode():
        readout = {f"{name}-status": text(LABELS, lang, title) for name, title in (("unclipped", "unclipped"),
                                                                                  ("clipped", "by_norm"))}
        start = {"w0": w0, "b0": b0, "lr": lr, "threshold": threshold}
        return sweep_frames(fig, update_clipping_explorer, SWEEPS, start, ALT[lang], lang, {"lang": lang},
                            readout=readout)
    label = dict(zip(("threshold", "lr", "w0", "b0"), NAMES[lang]))
    style = {"description_width": "initial"}
    controls = {
        "threshold": W.FloatLogSlider(value=threshold, base=10, min=-1, max=1, step=0.02, readout_format=".2f",
                                      description=label["threshold"], style=style, continuous_update=True),
        "lr": W.FloatLogSlider(value=lr, base=10, min=-2, max=math.log10(2.0), step=0.02, readout_format=".2f",
                               description=label["lr"], style=style, continuous_update=True),
        "w0": W.FloatSlider(value=w0, min=W_LIM[0], max=W_LIM[1], step=0.05, description=label["w0"], style=style,
                            continuous_update=True),
        "b0": W.FloatSlider(value=b0, min=B_LIM[0], max=B_LIM[1], step=0.05, description=label["b0"], style=style,
                            continuous_update=True),
    }
    return Explorer(fig, update_clipping_explorer, controls, ALT[lang], fixed={"lang": lang})
