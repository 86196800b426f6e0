"""Explorer of notebook 01: how the gradient's norm changes going back in time, against λ₁ and 1/γ."""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.rnn import LABELS, S_RANGE, T_MAX, draw_gradient_explorer, update_gradient_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, sweep_frames

ALT = {
    "en": "Log-scale plot of the gradient norm ||dL/dh_(T-k)|| against the number of steps back k for four input "
          "sequences of a tanh RNN with all singular values of W_h equal to 1 (T = 50, H = 64), beside the bound "
          "(gamma lambda_1)^k, which stays at 1 here while the curves fall below it. A strip underneath marks "
          "lambda_1 = 1 on a log axis of s from 0.1 to 12: left of 1/gamma the gradient must vanish, right of it "
          "it may explode.",
    "ja": "tanh の RNN（W_h の特異値はすべて 1、T = 50、H = 64）で、4 つの入力系列それぞれについて勾配のノルム ‖∂L/∂h_"
          "(T−k)‖ を遡るステップ数 k に対して描いたグラフ（縦軸は対数目盛り）。上界 (γλ₁)^k はここでは 1 のままで、曲"
          "線はその下へ下がっていく。下の帯は 0.1〜12 の対数目盛りの軸上で λ₁ = 1 の位置を示し、1/γ より左では勾配は必"
          "ず消失し、右では爆発しうる。",
}

ACTIVATIONS = ("sigmoid", "tanh", "linear")
HIDDEN_SIZES = (2, 4, 8, 16, 32, 64)

# λ₁ on a roughly logarithmic grid through both cliffs (1/γ = 1 for tanh and linear, 4 for the sigmoid); the
# activation as a second control, since it moves the cliff
SWEEPS = (Sweep("s", (0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0),
                "λ₁ = s", ".2f"),
          Sweep("activation", ACTIVATIONS, {"en": "activation", "ja": "活性化関数"},
                names={lang: {a: LABELS[lang][a] for a in ACTIVATIONS} for lang in LABELS}))
"""What the exported slides and pages sweep (issue 17)."""


def rnn_gradient_explorer(lang: str = "en", s: float = 1.0, activation: str = "tanh", T: int = 50, H: int = 64):
    """Sliders for λ₁ = s, the activation, T and H over the curves ‖∂L/∂h_{T−k}‖ (a swept figure when static).

    Parameters
    ----------
    lang : {"en", "ja"}
    s : float
        Starting singular value of W_h, in [0.1, 12].
    activation : {"sigmoid", "tanh", "linear"}
    T : int
        Starting sequence length, 1..100.
    H : int
        Starting hidden size, one of 2, 4, 8, 16, 32, 64.

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_gradient_explorer(s, activation, T, H, lang)
    if static_mode():
        return sweep_frames(fig, update_gradient_explorer, SWEEPS, {"s": s, "activation": activation, "T": T, "H": H},
                            ALT[lang], lang, {"lang": lang})
    import math

    controls = {
        "s": W.FloatLogSlider(value=s, base=10, min=math.log10(S_RANGE[0]), max=math.log10(S_RANGE[1]), step=0.01,
                              description="λ₁ = s", readout_format=".2f", continuous_update=True,
                              layout=W.Layout(width="380px")),
        "activation": W.ToggleButtons(options=[(LABELS[lang][a], a) for a in ACTIVATIONS], value=activation,
                                      style={"button_width": "7em"}),
        "T": W.IntSlider(value=T, min=1, max=T_MAX, description="T", continuous_update=True,
                         layout=W.Layout(width="320px")),
        "H": W.SelectionSlider(options=list(HIDDEN_SIZES), value=H, description="H", continuous_update=True,
                               layout=W.Layout(width="260px")),
    }
    return Explorer(fig, update_gradient_explorer, controls, ALT[lang], fixed={"lang": lang})
