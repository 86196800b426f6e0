"""Explorer of notebook 04: a unit's self-weight w and activation slope f' decide what is left of an error
after k steps back; only w f' = 1 keeps it, and the CEC (w = 1, linear) keeps it for every input."""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.plots.cec import K_MAX, SLOPE_RANGE, W_RANGE, draw_cec_explorer, update_cec_explorer
from helpers.widgets._explorer import Explorer
from helpers.widgets._frames import Sweep, grid, sweep_frames

ALT = {
    "en": "Left: on a log scale, the error left after k = 0 to 100 steps back, (w f')^k, next to the CEC's flat "
          "line at 1. Right: a map of log10 of the error after 100 steps over self-weight w (0 to 2) and slope f' "
          "(0 to 1.25), blue where it vanishes, red where it explodes, white along the curve w f' = 1; a star "
          "marks the CEC at w = 1, f' = 1.",
    "ja": "左：k = 0〜100 ステップ遡ったときに残る誤差 (w f')^k のグラフ（縦軸は対数目盛り）と、1 のまま水平な CEC の"
          "線。右：自己ループの重み w（0〜2）と傾き f'（0〜1.25）ごとの、100 ステップ後の誤差の log10 のヒートマップ。"
          "消失する所は青、爆発する所は赤、曲線 w f' = 1 の上は白。星印は w = 1、f' = 1 の CEC。",
}

SWEEPS = (Sweep("w", grid(*W_RANGE, 0.1), "w", ".2f"),)
"""What the exported slides and pages sweep (issue 17): the self-weight, through w f' = 1 at f' = 1."""


def cec_explorer(lang: str = "en", w: float = 0.9, slope: float = 1.0, k: int = K_MAX):
    """Sliders for the self-weight, the activation slope and the number of steps back.

    Parameters
    ----------
    lang : {"en", "ja"}
    w, slope : float
        Starting self-weight and slope.
    k : int
        Starting number of steps back (1..100).

    Returns
    -------
    Explorer or FramedFigure
        Live: the widget; with LECTURE_STATIC=1: the static figure with its swept frames.
    """
    fig = draw_cec_explorer(w, slope, k, lang)
    if static_mode():
        return sweep_frames(fig, update_cec_explorer, SWEEPS, {"w": w, "slope": slope, "k": k}, ALT[lang], lang,
                            {"lang": lang})
    wide = W.Layout(width="330px")
    controls = {
        "w": W.FloatSlider(value=w, min=W_RANGE[0], max=W_RANGE[1], step=0.01, description="w",
                           readout_format=".2f", layout=wide),
        "slope": W.FloatSlider(value=slope, min=SLOPE_RANGE[0], max=SLOPE_RANGE[1], step=0.01, description="f′",
                               readout_format=".2f", layout=wide),
        "k": W.IntSlider(value=k, min=1, max=K_MAX, description="k", layout=wide),
    }
    return Explorer(fig, update_cec_explorer, controls, ALT[lang], fixed={"lang": lang})
