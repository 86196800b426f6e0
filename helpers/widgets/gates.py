"""Explorer of notebook 05: the input gate decides what is written into the cell, the output gate what is read out.

One hand-wired LSTM unit without forget gate sees 20 values; a marker at step 4 should open the input gate and a
marker at step 15 the output gate. Sliders: the two gate biases and the strength of the input."""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.gates import draw_gates_explorer, update_gates_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, grid, sweep_frames

ALT = {
    "en": "Three panels over 20 time steps of one LSTM unit without forget gate. Top left: the input gate i and the "
          "output gate o; with biases -4 both stay near 0 except i at the write marker (step 4) and o at the read "
          "marker (step 15). Bottom left: the input values as grey bars, the cell c, which jumps to the written value "
          "at step 4 and then holds it, and the output h, which is near 0 except at step 15. Right: a heatmap of the "
          "gates i, f, g, o over time (f is fixed at 1).",
    "ja": "忘却ゲートのない LSTM ユニット 1 つの、20 ステップにわたる 3 つのグラフ。"
          "左上：入力ゲート i と出力ゲート o。バイアスが -4 ならどちらもほぼ 0 のままで、"
          "書き込みの印（時刻 4）で i が、読み出しの印（時刻 15）で o だけが開く。"
          "左下：灰色の棒が入力値、セル状態 c は時刻 4 で書き込まれた値に跳んでそのまま保ち、"
          "出力 h は時刻 15 以外ではほぼ 0。右：ゲート i, f, g, o の値の時間変化のヒートマップ（f は 1 に固定）。",
}

SWEEPS = (Sweep("input_bias", grid(-8.0, 4.0, 1.0), "b_i", "+.1f"),
          Sweep("output_bias", (-4.0, 0.0, 4.0), "b_o", "+.1f"))
"""What the exported slides and pages sweep (issue 17): the input gate's bias, and the output gate's coarsely."""


def gates_explorer(lang: str = "en", input_bias: float = -4.0, output_bias: float = -4.0, strength: float = 1.5):
    """Sliders for the input- and output-gate biases and the input strength of a hand-wired LSTM unit.

    Parameters
    ----------
    lang : {"en", "ja"}
    input_bias, output_bias : float
        Starting gate biases b_i and b_o.
    strength : float
        Starting weight from the value to the candidate g.

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_gates_explorer(input_bias, output_bias, strength, lang)
    if static_mode():
        start = {"input_bias": input_bias, "output_bias": output_bias, "strength": strength}
        return sweep_frames(fig, update_gates_explorer, SWEEPS, start, ALT[lang], lang, {"lang": lang})
    wide = W.Layout(width="330px")
    style = {"description_width": "3.5em"}
    controls = {
        "input_bias": W.FloatSlider(value=input_bias, min=-8.0, max=4.0, step=0.1, description="b_i",
                                    readout_format="+.1f", layout=wide, style=style),
        "output_bias": W.FloatSlider(value=output_bias, min=-8.0, max=4.0, step=0.1, description="b_o",
                                     readout_format="+.1f", layout=wide, style=style),
        "strength": W.FloatSlider(value=strength, min=0.0, max=3.0, step=0.05, description="W_g",
                                  readout_format=".2f", layout=wide, style=style),
    }
    return Explorer(fig, update_gates_explorer, controls, ALT[lang], fixed={"lang": lang})
