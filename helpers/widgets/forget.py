"""Explorer of notebook 06: the forget-gate bias, the input-gate bias and a reset after each episode decide
whether a cell on a never-reset stream stays bounded, and how fast ∏f (its memory and its gradient) decays."""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.forget import draw_forget_explorer, update_forget_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, grid, sweep_frames

FORGET_BIAS_RANGE = (-2.0, 8.0)
INPUT_BIAS_RANGE = (-6.0, 2.0)

ALT = {
    "en": "Top: over 300 steps of a never-reset stream of adding episodes, the cell state of a hand-made cell "
          "with a forget gate stays below about 1.3 (it is cleared after every episode), while the same cell "
          "without a forget gate climbs like a staircase and leaves the chart (at 8) near step 66, reaching about "
          "40 by step 300. Bottom, on a log scale: the running product of the forget-gate values, which falls "
          "below 1e-12 within 20 steps and runs on below the panel (a triangle and a note mark the step where it "
          "leaves), next to the flat line at 1 of the cell without forget gate.",
    "ja": "上：加算問題のエピソードがリセットなしで続く 300 ステップのストリーム上で、重みを手で設定したセルの状態。"
          "忘却ゲートがあるとエピソードごとに消去されて約 1.3 以下にとどまり、忘却ゲートがないと階段状に増え続けて"
          "66 ステップ付近で枠（8）の外に出て、300 ステップで約 40 になる。下（対数目盛り）：忘却ゲートの値の積 ∏f。"
          "20 ステップ以内に 1e-12 を下回り、そのまま枠の下へ出ていく（出ていく時刻を三角印と注記で示す）。"
          "忘却ゲートのないセルでは 1 のまま水平。",
}

SWEEPS = (Sweep("forget_bias", grid(*FORGET_BIAS_RANGE, 0.5), "b_f", "+.2f"),)
"""What the exported slides and pages sweep (issue 17)."""


def forget_explorer(lang: str = "en", forget_bias: float = 1.0, input_bias: float = -3.0, reset: bool = True):
    """Sliders for the forget-gate bias b_f and the input-gate bias b_i, and a reset switch (a swept figure
    when LECTURE_STATIC=1).

    Parameters
    ----------
    lang : {"en", "ja"}
    forget_bias, input_bias : float
        Starting b_f and b_i.
    reset : bool
        Whether the forget gate starts out closing after each episode's end flag.

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_forget_explorer(forget_bias, input_bias, reset, lang)
    if static_mode():
        start = {"forget_bias": forget_bias, "input_bias": input_bias, "reset": reset}
        return sweep_frames(fig, update_forget_explorer, SWEEPS, start, ALT[lang], lang, {"lang": lang})
    wide = W.Layout(width="330px")
    reset_label = {"en": "forget gate resets after each episode", "ja": "エピソードの終わりで忘却ゲートがリセット"}
    controls = {
        "forget_bias": W.FloatSlider(value=forget_bias, min=FORGET_BIAS_RANGE[0], max=FORGET_BIAS_RANGE[1],
                                     step=0.25, description="b_f", readout_format="+.2f", layout=wide),
        "input_bias": W.FloatSlider(value=input_bias, min=INPUT_BIAS_RANGE[0], max=INPUT_BIAS_RANGE[1], step=0.25,
                                    description="b_i", readout_format="+.2f", layout=wide),
        "reset": W.Checkbox(value=reset, description=reset_label[lang], indent=False),
    }
    return Explorer(fig, update_forget_explorer, controls, ALT[lang], fixed={"lang": lang})
