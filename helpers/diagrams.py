"""The diagrams in imgs/, drawn in code so they can be regenerated, translated and checked.

``python -m helpers.diagrams`` (or ``make imgs``) writes every diagram in both languages as
``imgs/<name>.<lang>.png``:

- ``rnn_unrolled``: an Elman RNN unrolled over three steps, the forward path in black and the backward
  path (the study note's delta^{t-z-1} = delta^{t-z} W f'(u^{t-z-1})) dashed in vermilion;
- ``lstm_cec_1997``: the 1997 LSTM cell: a CEC (a linear self-loop of weight exactly 1) guarded by an
  input gate and an output gate;
- ``lstm_forget_gate``: the same cell with a forget gate on the self-loop (Gers et al. 2000);
- ``lstm_peephole``: with peephole connections (Gers & Schmidhuber 2000): i and f look at c_{t-1},
  o looks at c_t;
- ``gru``: the GRU cell (Cho et al. 2014) in the same layout and scale as the LSTM's: one state h along the
  top, kept through z_t and refreshed through 1 - z_t; the reset gate scales h_{t-1} before the candidate.

Rendering is deterministic: fixed size and dpi, no metadata in the PNG, and text only through the
fonts of :func:`helpers.plots.style`. tests/test_diagrams.py redraws every image and compares its pixels
with the committed file.

Examples
--------
>>> from helpers.diagrams import draw_lstm_cec_1997, render_pixels
>>> render_pixels(draw_lstm_cec_1997("ja")).shape  # (height, width, RGB) at 100 dpi
(874, 1116, 3)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
from matplotlib import patheffects
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch
from PIL import Image

from helpers.plots._base import LANGS, PALETTE, mixed_font, new_figure, style, text, text_color

IMGS = Path(__file__).resolve().parents[1] / "imgs"
DIAGRAM_DPI = 100
"""Fixed resolution of the committed PNGs (pixels = inches x 100)."""

# Okabe-Ito hues (helpers.plots.palette) for the lines, their darker text shades for labels; every path is also told
# apart by its style (backward dashed, peepholes dashed, the CEC thick), not by colour alone.
BACKWARD = PALETTE["tanh"]
PEEPHOLE = PALETTE["accent"]
CEC = PALETTE["lstm"]
# Pale tints (40 % of sky blue and orange) for the sigmoid and tanh boxes, a grey for the cell and the loss: tinted
# boxes stay apart from each other and from the grey with every colour-vision deficiency (tests/test_palette.py),
# and black text on them keeps a contrast above 15:1.
FILL = {"sigmoid": "#bbe1f6", "tanh": "#f5d999", "cell": "#f4f4f4", "loss": "#e6e6e6"}

LABELS = {
    "en": {
        "rnn_title": "An RNN unrolled in time: forward (solid, black) and backward (dashed)",
        "loss": "loss $E$",
        "rnn_note": "Each step back multiplies the error by $W f'(u)$:  "
                    "$\\delta^{t-k} = \\delta^{t}\\, W f'(u^{t-1}) \\cdots W f'(u^{t-k})$.\n"
                    "If $|W f'(u)| < 1$ at every step it vanishes, if $> 1$ it can explode.",
        "shapes_rnn": "shapes: $x$ (N, D), $h$ and $\\delta$ (N, H), $W$ (H, H)",
        "forward": "forward",
        "backward": "backward",
        "title_cec_1997": "The 1997 LSTM cell: a CEC guarded by an input and an output gate",
        "title_forget_gate": "The LSTM cell with a forget gate",
        "title_peephole": "The LSTM cell with peephole connections",
        "i": "input gate",
        "f": "forget gate",
        "g": "candidate",
        "o": "output gate",
        "cec_loop": "CEC: self-loop of weight 1",
        "forget_loop": "the loop is scaled by $f_t$",
        "cell_update_1997": "$c_t = c_{t-1} + i_t \\odot g_t$",
        "cell_update_forget": "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$",
        "next_step": "next step: $c_t \\rightarrow c_{t-1}$",
        "gate_rule": "each gate: $\\sigma(x_t W + h_{t-1} U + b)$; the candidate $g$ uses tanh instead of $\\sigma$",
        "weights": "per gate $W$ (D, H), $U$ (H, H); in helpers the gates\n"
                   "i, f, g, o are column blocks of Wx (D, 4H), Wh (H, 4H)",
        "gates_shape": "$i_t, f_t, g_t, o_t, c_t, h_t$: all (N, H)",
        "peep_if": "peepholes\n$p_i, p_f$ (H,)\nsee $c_{t-1}$",
        "peep_o": "peephole\n$p_o$ (H,)\nsees $c_t$",
        "g_note": "$g_t$ is the candidate, the study note's $a(t)$",
        "title_gru": "The GRU cell: one state, an update gate and a reset gate",
        "r": "reset gate",
        "z": "update gate",
        "n": "candidate",
        "gru_update": "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$",
        "keep": "$z_t$: how much of $h_{t-1}$ is kept",
        "reset_product": "$r_t \\odot h_{t-1}$",
        "gru_gate_rule": "$r_t, z_t$: $\\sigma(x_t W_x + b_x + h_{t-1} W_h + b_h)$, each with its own weight blocks\n"
                         "$n_t = \\tanh(x_t W_{x,n} + b_{x,n} + (r_t \\odot h_{t-1}) W_{h,n} + b_{h,n})$",
        "gru_reset_after": "cuDNN, PyTorch (reset_after=True): $r_t \\odot (h_{t-1} W_{h,n} + b_{h,n})$ instead",
        "gru_weights": "in helpers r, z, n are column blocks of Wx (D, 3H), Wh (H, 3H)",
        "gru_shapes": "$r_t, z_t, n_t, h_t$: all (N, H); some sources swap $z_t$ and $1 - z_t$",
    },
    "ja": {
        "rnn_title": "時間方向に展開した RNN：順伝播（黒の実線）と逆伝播（破線）",
        "loss": "誤差 $E$",
        "rnn_note": "1 ステップ遡るごとに誤差には $W f'(u)$ が掛かる：  "
                    "$\\delta^{t-k} = \\delta^{t}\\, W f'(u^{t-1}) \\cdots W f'(u^{t-k})$。\n"
                    "どのステップでも $|W f'(u)| < 1$ なら勾配消失、$> 1$ なら勾配爆発が起こりうる。",
        "shapes_rnn": "形状：$x$ (N, D)、$h$ と $\\delta$ (N, H)、$W$ (H, H)",
        "forward": "順伝播",
        "backward": "逆伝播",
        "title_cec_1997": "1997 年の LSTM セル：入力ゲートと出力ゲートに守られた CEC",
        "title_forget_gate": "忘却ゲートをもつ LSTM セル",
        "title_peephole": "覗き穴結合をもつ LSTM セル",
        "i": "入力ゲート",
        "f": "忘却ゲート",
        "g": "入力候補",
        "o": "出力ゲート",
        "cec_loop": "CEC：重み 1 の自己ループ",
        "forget_loop": "ループに $f_t$ が掛かる",
        "cell_update_1997": "$c_t = c_{t-1} + i_t \\odot g_t$",
        "cell_update_forget": "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$",
        "next_step": "次のステップへ：$c_t \\rightarrow c_{t-1}$",
        "gate_rule": "各ゲート：$\\sigma(x_t W + h_{t-1} U + b)$。入力候補 $g$ だけは $\\sigma$ の代わりに tanh",
        "weights": "ゲートごとに $W$ (D, H)、$U$ (H, H)。helpers では\n"
                   "i, f, g, o が Wx (D, 4H)、Wh (H, 4H) の列ブロック",
        "gates_shape": "$i_t, f_t, g_t, o_t, c_t, h_t$：すべて (N, H)",
        "peep_if": "覗き穴結合\n$p_i, p_f$ (H,)\nが $c_{t-1}$ を見る",
        "peep_o": "覗き穴結合\n$p_o$ (H,)\nが $c_t$ を見る",
        "g_note": "$g_t$ は入力候補（学習ノートの $a(t)$）",
        "title_gru": "GRU セル：状態は 1 つ、更新ゲートとリセットゲート",
        "r": "リセットゲート",
        "z": "更新ゲート",
        "n": "入力候補",
        "gru_update": "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$",
        "keep": "$z_t$：$h_{t-1}$ をどれだけ残すか",
        "reset_product": "$r_t \\odot h_{t-1}$",
        "gru_gate_rule": "$r_t, z_t$：$\\sigma(x_t W_x + b_x + h_{t-1} W_h + b_h)$（ゲートごとに別の重みブロック）\n"
                         "$n_t = \\tanh(x_t W_{x,n} + b_{x,n} + (r_t \\odot h_{t-1}) W_{h,n} + b_{h,n})$",
        "gru_reset_after": "cuDNN・PyTorch（reset_after=True）では代わりに $r_t \\odot (h_{t-1} W_{h,n} + b_{h,n})$",
        "gru_weights": "helpers では r, z, n が Wx (D, 3H)、Wh (H, 3H) の列ブロック",
        "gru_shapes": "$r_t, z_t, n_t, h_t$：すべて (N, H)。$z_t$ と $1 - z_t$ を入れ替えて書く資料もある",
    },
}


# --------------------------------------------------------------------------------------------------
# Drawing primitives (data coordinates; one unit is the same length on both axes).
# --------------------------------------------------------------------------------------------------


def _canvas(lang: str, width: float, height: float, scale: float = 0.62, y0: float = 0.0):
    """A figure whose single axes spans it exactly, with data limits (0, width) x (y0, height)."""
    fig, ax = new_figure(lang, figsize=(width * scale, (height - y0) * scale))
    fig.set_layout_engine("none")
    fig.set_dpi(DIAGRAM_DPI)
    ax.set_position((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(y0, height)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return fig, ax


def _box(ax, x, y, w, h, label, fill, edge="#333333", size=12, lw=1.4, z=3):
    """A rounded box centred at (x, y) with `label` in its middle."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0,rounding_size=0.15",
                                fc=fill, ec=edge, lw=lw, zorder=z))
    if label:
        ax.text(x, y, label, ha="center", va="center", fontsize=size, zorder=z + 1, **mixed_font(label))


def _node(ax, x, y, op, r=0.3, color="#333333", fill="white"):
    """A pointwise operation: a circle with + (sum), x (times a constant) or a dot (elementwise product)."""
    ax.add_patch(Circle((x, y), r, fc=fill, ec=color, lw=1.4, zorder=4))
    d = r * 0.55
    if op == "+":
        ax.plot([x - d, x + d], [y, y], color=color, lw=1.6, zorder=5, solid_capstyle="butt")
        ax.plot([x, x], [y - d, y + d], color=color, lw=1.6, zorder=5, solid_capstyle="butt")
    elif op == "x":
        e = d * 0.75
        ax.plot([x - e, x + e], [y - e, y + e], color=color, lw=1.6, zorder=5)
        ax.plot([x - e, x + e], [y + e, y - e], color=color, lw=1.6, zorder=5)
    elif op == "odot":
        ax.add_patch(Circle((x, y), r * 0.2, fc=color, ec=color, zorder=5))
    else:
        raise ValueError(f"op must be '+', 'x' or 'odot', got {op!r}")


def _path(ax, points, color="#333333", lw=1.6, ls="-", arrow=True, z=2):
    """A polyline through `points`, with an arrow head on its last segment."""
    xs, ys = zip(*points)
    if len(points) > 2:
        ax.plot(xs[:-1], ys[:-1], color=color, lw=lw, ls=ls, zorder=z, solid_joinstyle="miter")
    style_ = "-|>,head_length=0.45,head_width=0.22" if arrow else "-"
    patch = FancyArrowPatch(points[-2], points[-1], arrowstyle=style_, mutation_scale=14, color=color, lw=lw,
                            linestyle=ls, shrinkA=0, shrinkB=0, zorder=z, joinstyle="miter")
    ax.add_patch(patch)


def _say(ax, x, y, s, size=11, ha="center", va="center", color="#111111", **kw):
    ax.text(x, y, s, fontsize=size, ha=ha, va=va, color=color, zorder=6, **mixed_font(s), **kw)


# --------------------------------------------------------------------------------------------------
# The diagrams.
# --------------------------------------------------------------------------------------------------


def draw_rnn_unrolled(lang: str = "en") -> Figure:
    """An Elman RNN over steps t-2, t-1, t; the loss at t; the error flowing back, one factor per step.

    Parameters
    ----------
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    L = LABELS
    W, H = 17.0, 10.2
    with style(lang):
        fig, ax = _canvas(lang, W, H)
        _say(ax, W / 2, 9.7, text(L, lang, "rnn_title"), size=14)
        # legend and shapes, top left
        _path(ax, [(0.4, 8.75), (1.3, 8.75)])
        _say(ax, 1.45, 8.75, text(L, lang, "forward"), size=11, ha="left")
        _path(ax, [(3.6, 8.75), (4.5, 8.75)], color=BACKWARD, ls="--")
        _say(ax, 4.65, 8.75, text(L, lang, "backward"), size=11, ha="left", color=text_color(BACKWARD))
        _say(ax, 0.4, 8.1, text(L, lang, "shapes_rnn"), size=11, ha="left", color="#444444")
        xs = (4.3, 8.8, 13.3)
        steps = ("t-2", "t-1", "t")
        cy, bw, bh = 4.75, 2.2, 1.3
        for x, s in zip(xs, steps):
            _box(ax, x, cy, bw, bh, f"$h_{{{s}}} = f(u^{{{s}}})$", FILL["tanh"], size=12)
            _path(ax, [(x, 1.75), (x, cy - bh / 2)])
            _say(ax, x, 1.4, f"$x_{{{s}}}$" + ("  (N, D)" if s == "t" else ""), size=12)
        # forward recurrence, left to right, just above the middle of the boxes
        fy = cy + 0.3
        _path(ax, [(0.4, fy), (xs[0] - bw / 2, fy)])
        _say(ax, 1.35, fy + 0.38, "$h_{t-3}$", size=12)
        _say(ax, 0.3, cy - 0.25, "…", size=14, ha="left")
        for a, b, s in zip(xs[:-1], xs[1:], steps[:-1]):
            _path(ax, [(a + bw / 2, fy), (b - bw / 2, fy)])
            _say(ax, (a + b) / 2, fy + 0.38, f"$h_{{{s}}}$" + ("  (N, H)" if s == "t-1" else ""), size=12)
        # the loss reads the last hidden state
        ly = 7.75
        _box(ax, xs[2], ly, 2.0, 0.9, text(L, lang, "loss"), FILL["loss"], size=12)
        _path(ax, [(xs[2] - 0.35, cy + bh / 2), (xs[2] - 0.35, ly - 0.45)])
        _say(ax, xs[2] - 0.5, 6.5, "$h_t$", size=12, ha="right")
        # backward: from the loss down into step t, then right to left below the forward arrows
        _path(ax, [(xs[2] + 0.35, ly - 0.45), (xs[2] + 0.35, cy + bh / 2)], color=BACKWARD, ls="--")
        _say(ax, xs[2] + 0.5, 6.5, "$\\delta^{t} = \\partial E / \\partial u^{t}$", size=12, ha="left",
             color=text_color(BACKWARD))
        by = cy - 0.3
        for a, b, s, later in zip(xs[1:], xs[:-1], ("t-2", "t-1"), ("t-1", "t")):
            _path(ax, [(a - bw / 2, by), (b + bw / 2, by)], color=BACKWARD, ls="--")
            _say(ax, (a + b) / 2, by - 0.45, f"$\\delta^{{{s}}}$", size=12, color=text_color(BACKWARD))
            _say(ax, (a + b) / 2, by - 1.0, f"$= \\delta^{{{later}}}\\, W f'(u^{{{s}}})$", size=12,
                 color=text_color(BACKWARD))
        _path(ax, [(xs[0] - bw / 2, by), (0.4 + 0.9, by)], color=BACKWARD, ls="--")
        _say(ax, 0.4, by - 0.45, "$\\delta^{t-3}$", size=12, color=text_color(BACKWARD), ha="left")
        _say(ax, W / 2, 0.1, text(L, lang, "rnn_note"), size=11.5, va="bottom", linespacing=1.5)
    return fig


def _draw_lstm_cell(lang: str, forget: bool, peephole: bool, title_key: str) -> Figure:
    """The LSTM cell in one layout for all three diagrams, so they differ only where the models differ.

    The cell path runs along the top (c_{t-1} in from the left, c_t out to the right, and back round
    as next step's c_{t-1}: the self-loop); the gates sit on a row below, all fed by one bus that
    carries x_t and h_{t-1}; a key under the cell says what every gate computes and every shape.
    """
    L = LABELS
    W, H, y0 = 18.0, 12.4, -1.7
    ty = 8.6  # the cell path
    gy = 4.1  # the gate row
    by = 1.9  # the input bus
    gx = {"f": 4.3, "i": 6.3, "g": 8.3, "o": 11.1}
    mul_x, add_x, tap_x = gx["f"], gx["g"], 12.9  # loop multiplier, the sum, where tanh(c) branches off
    wy = 6.6  # i_t * g_t
    out_y = 5.6  # h_t leaves the cell here
    gate_w, gate_h = 1.75, 1.2
    with style(lang):
        fig, ax = _canvas(lang, W, H, y0=y0)
        _say(ax, W / 2, 11.95, text(L, lang, title_key), size=15)
        ax.add_patch(FancyBboxPatch((2.4, 1.1), 12.0 + 0.2, 8.9, boxstyle="round,pad=0,rounding_size=0.4",
                                    fc=FILL["cell"], ec="#666666", lw=1.2, zorder=0))
        # --- the CEC: the cell path, drawn thick in bluish green, with its self-loop over the top
        _path(ax, [(0.3, ty), (mul_x - 0.3, ty)], color=CEC, lw=3.0)
        _say(ax, 0.3, ty - 0.45, "$c_{t-1}$  (N, H)", size=12, ha="left")
        _path(ax, [(mul_x + 0.3, ty), (add_x - 0.3, ty)], color=CEC, lw=3.0)
        _path(ax, [(add_x + 0.3, ty), (17.7, ty)], color=CEC, lw=3.0)
        _say(ax, 17.7, ty - 0.45, "$c_t$  (N, H)", size=12, ha="right")
        loop_y = 10.75
        _path(ax, [(16.6, ty), (16.6, loop_y), (1.2, loop_y), (1.2, ty + 0.08)], color=CEC, lw=1.6, ls=":")
        _say(ax, 16.45, loop_y + 0.35, text(L, lang, "next_step"), size=11,
             ha="right", color=text_color(CEC))
        if forget:
            _node(ax, mul_x, ty, "odot")
            _say(ax, 2.9, loop_y - 0.55, text(L, lang, "forget_loop"), size=12, ha="left", color=text_color(CEC))
        else:
            _node(ax, mul_x, ty, "x", color=CEC)
            _say(ax, mul_x, ty + 0.62, "1", size=15, color=text_color(CEC))
            _say(ax, 2.9, loop_y - 0.55, text(L, lang, "cec_loop"), size=12, ha="left", color=text_color(CEC))
        _node(ax, add_x, ty, "+")
        _say(ax, add_x + 0.45, ty + 0.5, text(L, lang, "cell_update_forget" if forget else "cell_update_1997"),
             size=12, ha="left")
        # --- writing: i_t * g_t enters the sum from below
        _node(ax, add_x, wy, "odot")
        _path(ax, [(add_x, wy + 0.3), (add_x, ty - 0.3)])
        _path(ax, [(gx["g"], gy + gate_h / 2), (gx["g"], wy - 0.3)])
        _say(ax, gx["g"] + 0.15, 5.3, "$g_t$", size=13, ha="left")
        _path(ax, [(gx["i"], gy + gate_h / 2), (gx["i"], wy), (add_x - 0.3, wy)])
        _say(ax, gx["i"] + 0.15, 5.3, "$i_t$", size=13, ha="left")
        # --- reading: h_t = o_t * tanh(c_t)
        _box(ax, tap_x, 7.15, 1.2, 0.7, "tanh", FILL["tanh"], size=11)
        _path(ax, [(tap_x, ty), (tap_x, 7.5)])
        _node(ax, tap_x, out_y, "odot")
        _path(ax, [(tap_x, 7.15 - 0.35), (tap_x, out_y + 0.3)])
        _path(ax, [(gx["o"] + gate_w / 2, gy), (tap_x, gy), (tap_x, out_y - 0.3)])
        _say(ax, tap_x + 0.15, 4.75, "$o_t$", size=13, ha="left")
        _path(ax, [(tap_x + 0.3, out_y), (17.7, out_y)])
        _say(ax, 17.7, out_y + 0.45, "$h_t$  (N, H)", size=12, ha="right")
        # --- the gates and their bus
        names = ("f", "i", "g", "o") if forget else ("i", "g", "o")
        _path(ax, [(0.3, by), (gx["o"] + 0.02, by)], arrow=False)
        _say(ax, 0.3, by + 0.45, "$h_{t-1}$  (N, H)", size=12, ha="left")
        _path(ax, [(3.1, 0.2), (3.1, by)], arrow=False)
        ax.add_patch(Circle((3.1, by), 0.08, color="#333333", zorder=3))
        _say(ax, 3.3, 0.5, "$x_t$  (N, D)", size=12, ha="left")
        for name in names:
            kind = "tanh" if name == "g" else "sigmoid"
            _path(ax, [(gx[name], by), (gx[name], gy - gate_h / 2)])
            _box(ax, gx[name], gy, gate_w, gate_h, "", FILL[kind])
            _say(ax, gx[name], gy + 0.25, text(L, lang, name), size=10)
            _say(ax, gx[name], gy - 0.25, "tanh" if kind == "tanh" else "σ", size=12)
        if forget:
            _path(ax, [(gx["f"], gy + gate_h / 2), (gx["f"], ty - 0.3)], z=3)
            _say(ax, gx["f"] + 0.15, 5.3, "$f_t$", size=13, ha="left")
        # --- peepholes: i and f see c_{t-1}, o sees c_t
        if peephole:
            px = 2.85
            _path(ax, [(px, ty), (px, gy)], color=PEEPHOLE, ls="--", arrow=False, z=1)
            ax.add_patch(Circle((px, ty), 0.09, color=PEEPHOLE, zorder=4))
            _path(ax, [(px, gy), (gx["f"] - gate_w / 2, gy)], color=PEEPHOLE, ls="--", z=1)
            _path(ax, [(px, 5.9), (gx["i"] - 0.45, 5.9), (gx["i"] - 0.45, gy + gate_h / 2)], color=PEEPHOLE,
                  ls="--", z=1)
            _say(ax, px - 0.25, 6.3, text(L, lang, "peep_if"), size=10.5, ha="right", color=text_color(PEEPHOLE),
                 linespacing=1.3, multialignment="right")
            ox = gx["o"] - 0.5
            _path(ax, [(ox, ty), (ox, gy + gate_h / 2)], color=PEEPHOLE, ls="--", z=1)
            ax.add_patch(Circle((ox, ty), 0.09, color=PEEPHOLE, zorder=4))
            _say(ax, ox - 0.25, 5.6, text(L, lang, "peep_o"), size=10.5, ha="right", color=text_color(PEEPHOLE),
                 linespacing=1.3, multialignment="right")
        # --- the key: what the boxes compute, and the shapes
        key = "\n".join(text(L, lang, k) for k in ("gate_rule", "weights", "gates_shape", "g_note"))
        _say(ax, 6.3, 0.85, key, size=11, ha="left", va="top", linespacing=1.55)
    return fig


def draw_lstm_cec_1997(lang: str = "en") -> Figure:
    """The 1997 LSTM cell: c_t = c_{t-1} + i_t g_t (a self-loop of weight 1), h_t = o_t tanh(c_t).

    Parameters
    ----------
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    return _draw_lstm_cell(lang, forget=False, peephole=False, title_key="title_cec_1997")


def draw_lstm_forget_gate(lang: str = "en") -> Figure:
    """The cell with a forget gate: c_t = f_t c_{t-1} + i_t g_t."""
    return _draw_lstm_cell(lang, forget=True, peephole=False, title_key="title_forget_gate")


def draw_lstm_peephole(lang: str = "en") -> Figure:
    """The cell with peepholes: i and f see c_{t-1}, o sees c_t (diagonal weights p_i, p_f, p_o)."""
    return _draw_lstm_cell(lang, forget=True, peephole=True, title_key="title_peephole")


def draw_gru(lang: str = "en") -> Figure:
    """The GRU cell (Cho et al. 2014), drawn like the LSTM cells: h_t = (1 - z_t) n_t + z_t h_{t-1}.

    The state runs along the top, as the LSTM's cell does; z_t scales what is kept, 1 - z_t what the candidate
    n_t writes; the reset gate scales h_{t-1} before it enters the candidate (Cho et al.'s convention; the key
    says what cuDNN and PyTorch do instead).

    Parameters
    ----------
    lang : {"en", "ja"}

    Returns
    -------
    fig : Figure
    """
    L = LABELS
    W, H, y0 = 18.0, 12.4, -1.7
    ty, gy = 8.6, 4.1  # the state path, the gate row
    hy, xy = 2.4, 1.5  # the h_{t-1} bus, the x_t line
    gx = {"r": 4.3, "z": 7.3, "n": 10.3}
    keep_x, add_x = 12.6, 15.3  # z * h_{t-1}, the sum
    reset_y, zy, write_y = 6.4, 7.4, 5.6
    gate_w, gate_h = 1.75, 1.2
    with style(lang):
        fig, ax = _canvas(lang, W, H, y0=y0)
        _say(ax, W / 2, 11.95, text(L, lang, "title_gru"), size=15)
        ax.add_patch(FancyBboxPatch((1.0, 1.0), 15.6, 9.0, boxstyle="round,pad=0,rounding_size=0.4",
                                    fc=FILL["cell"], ec="#666666", lw=1.2, zorder=0))
        # --- the state: h_{t-1} along the top, kept through z_t, plus what the candidate writes
        _path(ax, [(0.3, ty), (keep_x - 0.3, ty)], color=CEC, lw=3.0)
        _say(ax, 0.3, ty + 0.45, "$h_{t-1}$  (N, H)", size=12, ha="left")
        _path(ax, [(keep_x + 0.3, ty), (add_x - 0.3, ty)], color=CEC, lw=3.0)
        _path(ax, [(add_x + 0.3, ty), (17.7, ty)], color=CEC, lw=3.0)
        _say(ax, 17.7, ty + 0.45, "$h_t$  (N, H)", size=12, ha="right")
        _node(ax, keep_x, ty, "odot")
        _node(ax, add_x, ty, "+")
        _say(ax, W / 2, 10.55, text(L, lang, "gru_update"), size=13)
        # --- the gates read x_t and h_{t-1}; the candidate reads x_t and r_t * h_{t-1}
        _path(ax, [(1.6, ty), (1.6, hy), (gx["z"] + 0.02, hy)], arrow=False)
        ax.add_patch(Circle((1.6, ty), 0.09, color="#333333", zorder=3))
        _path(ax, [(2.6, 0.2), (2.6, xy), (gx["n"] + 0.02, xy)], arrow=False)
        _say(ax, 2.8, 0.5, "$x_t$  (N, D)", size=12, ha="left")
        for name in ("r", "z", "n"):
            kind = "tanh" if name == "n" else "sigmoid"
            _path(ax, [(gx[name], xy), (gx[name], gy - gate_h / 2)])
            ax.add_patch(Circle((gx[name], xy), 0.08, color="#333333", zorder=3))
            if name != "n":
                ax.add_patch(Circle((gx[name], hy), 0.08, color="#333333", zorder=3))
            _box(ax, gx[name], gy, gate_w, gate_h, "", FILL[kind])
            _say(ax, gx[name], gy + 0.25, text(L, lang, name), size=10)
            _say(ax, gx[name], gy - 0.25, "tanh" if kind == "tanh" else "σ", size=12)
        # --- reset: r_t * h_{t-1} feeds the candidate
        _node(ax, gx["r"], reset_y, "odot")
        _path(ax, [(gx["r"], ty), (gx["r"], reset_y + 0.3)])
        ax.add_patch(Circle((gx["r"], ty), 0.09, color="#333333", zorder=3))
        _path(ax, [(gx["r"], gy + gate_h / 2), (gx["r"], reset_y - 0.3)])
        _say(ax, gx["r"] + 0.15, 5.3, "$r_t$", size=13, ha="left")
        nx_in = gx["n"] - 0.5
        _path(ax, [(gx["r"] + 0.3, reset_y), (nx_in, reset_y), (nx_in, gy + gate_h / 2)])
        _say(ax, 5.0, reset_y + 0.4, text(L, lang, "reset_product"), size=12, ha="left")
        # --- update: z_t to the keep node, 1 - z_t to the write node (z's line passes over the reset line)
        halo = [patheffects.withStroke(linewidth=7, foreground=FILL["cell"])]
        ax.plot([gx["z"], gx["z"]], [gy + gate_h / 2, zy], color="#333333", lw=1.6, zorder=3, path_effects=halo)
        _path(ax, [(gx["z"], zy - 0.01), (keep_x, zy), (keep_x, ty - 0.3)], z=3)
        ax.add_patch(Circle((keep_x, zy), 0.08, color="#333333", zorder=3))
        _say(ax, gx["z"] + 0.15, zy + 0.4, text(L, lang, "keep"), size=12, ha="left")
        _box(ax, keep_x, 6.5, 1.5, 0.7, "$1 - z_t$", "white", size=12)
        _path(ax, [(keep_x, zy), (keep_x, 6.85)])
        _node(ax, add_x, write_y, "odot")
        _path(ax, [(keep_x, 6.15), (keep_x, write_y), (add_x - 0.3, write_y)])
        # --- write: n_t, scaled by 1 - z_t, into the sum
        _path(ax, [(gx["n"] + gate_w / 2, gy), (add_x, gy), (add_x, write_y - 0.3)])
        _say(ax, 12.0, gy + 0.35, "$n_t$", size=13)
        _path(ax, [(add_x, write_y + 0.3), (add_x, ty - 0.3)])
        # --- the key
        key = "\n".join(text(L, lang, k) for k in ("gru_gate_rule", "gru_reset_after", "gru_weights", "gru_shapes"))
        _say(ax, 4.2, 0.85, key, size=11, ha="left", va="top", linespacing=1.55)
    return fig


DIAGRAMS = {
    "rnn_unrolled": draw_rnn_unrolled,
    "lstm_cec_1997": draw_lstm_cec_1997,
    "lstm_forget_gate": draw_lstm_forget_gate,
    "lstm_peephole": draw_lstm_peephole,
    "gru": draw_gru,
}
"""Every diagram: name -> draw function(lang). Each is written as imgs/<name>.<lang>.png."""


def render_pixels(fig: Figure) -> np.ndarray:
    """The figure's RGB pixels, (height, width, 3) uint8, drawn at :data:`DIAGRAM_DPI`."""
    fig.set_dpi(DIAGRAM_DPI)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba())[:, :, :3].copy()


def png_bytes(pixels: np.ndarray) -> bytes:
    """Encode RGB pixels as a PNG with no metadata (no date, no software version): same pixels, same bytes
    for a given Pillow/zlib."""
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, format="png", optimize=False, compress_level=9)
    return buf.getvalue()


def path_for(name: str, lang: str, folder: Path = IMGS) -> Path:
    """imgs/<name>.<lang>.png"""
    if name not in DIAGRAMS:
        raise ValueError(f"name must be one of {list(DIAGRAMS)}, got {name!r}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return Path(folder) / f"{name}.{lang}.png"


def write_all(folder: Path = IMGS) -> list[Path]:
    """Draw every diagram in every language and write it under `folder`; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in DIAGRAMS.items():
        for lang in LANGS:
            path = path_for(name, lang, folder)
            path.write_bytes(png_bytes(render_pixels(draw(lang))))
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else IMGS
    for path in write_all(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
