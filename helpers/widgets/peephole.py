"""Explorer of notebook 07: three peephole weights decide what the gates of a counting cell see, and so when
its output gate opens."""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.peephole import PEEPHOLE_RANGE, draw_peephole_explorer, update_peephole_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, grid, sweep_frames

ALT = {
    "en": "Top: after a cue at step 5 the cell state of a hand-made cell climbs from 0 to about 8 by step 59, while "
          "h_t, the cell as seen from outside without peepholes, stays near 0 until the output gate opens. "
          "Bottom: the input gate is about 0.27 before the cue and 0.88 after it, the forget gate stays at about "
          "0.95, and with the output gate's peephole weight p_o = 1 the output gate rises past 0.5 at step 17, "
          "12 steps after the cue, marked by a dash-dotted line.",
    "ja": "上：重みを手で設定したセルの状態は、5 ステップ目の合図のあと 0 から増え、59 ステップ目で約 8 になる。"
          "覗き穴結合がないときに外から見えるセルの姿 h_t は、出力ゲートが開くまでほぼ 0 のまま。下：入力ゲートは"
          "合図の前は約 0.27、後は約 0.88、忘却ゲートは約 0.95 のまま。出力ゲートの覗き穴結合の重み p_o = 1 では、"
          "出力ゲートは合図の 12 ステップ後の 17 ステップ目で 0.5 を超え、一点鎖線がその時刻を示す。",
}

SWEEPS = (Sweep("po", grid(*PEEPHOLE_RANGE, 0.25), "p_o", "+.2f"),)
"""What the exported slides and pages sweep (issue 17): the output gate's peephole, which decides when it opens."""


def peephole_explorer(lang: str = "en", pi: float = 0.0, pf: float = 0.0, po: float = 1.0):
    """Sliders for the peephole weights p_i, p_f, p_o of a counting cell (a swept figure when LECTURE_STATIC=1).

    Parameters
    ----------
    lang : {"en", "ja"}
    pi, pf, po : float
        Starting peephole weights.

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_peephole_explorer(pi, pf, po, lang)
    if static_mode():
        return sweep_frames(fig, update_peephole_explorer, SWEEPS, {"pi": pi, "pf": pf, "po": po}, ALT[lang], lang,
                            {"lang": lang})
    wide = W.Layout(width="300px")
    controls = {name: W.FloatSlider(value=value, min=PEEPHOLE_RANGE[0], max=PEEPHOLE_RANGE[1], step=0.1,
                                    description=label, readout_format="+.1f", layout=wide)
                for name, value, label in (("pi", pi, "p_i"), ("pf", pf, "p_f"), ("po", po, "p_o"))}
    return Explorer(fig, update_peephole_explorer, controls, ALT[lang], fixed={"lang": lang})
