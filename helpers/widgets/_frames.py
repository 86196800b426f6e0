"""An explorer without a kernel: at export (``LECTURE_STATIC=1``) its main control, and where the point needs it one
or two more controls on coarse grids, is swept over a few values; each value's figure is drawn once, by the explorer's
own update function on its own figure, and the frames go into the page with a plain ``<input type="range">``
(``helpers/export/static/lecture-frames.js`` swaps the image, its alt text and the readout).

What is swept is small declarative data next to each explorer: a tuple of :class:`Sweep`. The frame at the
explorer's starting values is the static figure itself (the same PNG bytes); every other frame is lossless WebP
(the same pixels as a PNG would hold, in about 60 % of the bytes).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers.display import StaticFigure, _agg_canvas, encode_png
from helpers.plots._base import find_artist
from helpers.widgets._explorer import Painter

MAX_SWEEPS = 3  # a main control and up to two on coarse grids (09's highway: b_f, U x in {0, 1}, lambda_1)
MAX_FRAMES = 120  # frames of one explorer: at about 25 kB each, a deck stays well inside its 8 MB
LANGS = ("en", "ja")
_IDS = itertools.count()

TEX = {r"\sigma": "σ", r"\approx": "≈", r"\tanh": "tanh", r"\Vert": "‖", r"\partial": "∂", r"\lambda": "λ",
       r"\gamma": "γ", r"\cdot": "·", r"\prod": "∏", r"\epsilon": "ε", r"\varepsilon": "ε", r"\infty": "∞"}
MATH = re.compile(r"\$([^$]*)\$")
GAP = re.compile(r"[ \t]{2,}|\u3000")

ALT_MOVED = {
    "en": "The same figure at {setting} (the default is {default}). Its numbers: {numbers}. "
          "At the default the figure shows: {alt}",
    "ja": "{setting} のときの同じ図（既定は {default}）。図中の数値：{numbers}。既定の設定での図：{alt}",
}


def plain_text(text: str) -> str:
    """A figure's text as plain Unicode: mathtext ``$\\sigma(b_f)$`` becomes ``σ(b_f)``, lines join with "; " and
    the wide gaps that set numbers apart in a figure (two spaces or more, an ideographic space) become " · ".

    Examples
    --------
    >>> plain_text("f = $\\\\sigma(b_f)$ = 0.731   max|c| = 1.2   (f ≡ 1: 40)\\nleft the picture")
    'f = σ(b_f) = 0.731 · max|c| = 1.2 (f ≡ 1: 40); left the picture'
    >>> plain_text("$\\\\tanh(W_g v_4)$ = +0.74   →   c = +0.73,  h = +0.61")
    'tanh(W_g v_4) = +0.74 → c = +0.73, h = +0.61'
    """

    def unmath(m):
        inner = m[1]
        for tex, char in TEX.items():
            inner = re.sub(re.escape(tex) + r"(?![A-Za-z])", char, inner)
        return re.sub(r"[{}\\]", "", inner)

    lines = [_join_gaps([" ".join(part.split()) for part in GAP.split(MATH.sub(unmath, line)) if part.strip()])
             for line in text.splitlines()]
    return "; ".join(line for line in lines if line)


def _join_gaps(parts: list[str]) -> str:
    """Join the parts of a line that a figure set apart: " · " between two numbers, a space next to punctuation
    or an arrow, which already separate."""
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += " " if out[-1] in ",;:、，→(（" or part[0] in "→)）(（" else " · "
        out += part
    return out


@dataclass(frozen=True)
class Sweep:
    """One control of an explorer, swept at export.

    Parameters
    ----------
    name : str
        The update function's keyword argument (the control's name in the live explorer).
    values : sequence
        The values to draw, in slider order; numbers or choices, at least two, no repeats.
    label : str or {"en": str, "ja": str}
        What the slider is called on the page.
    fmt : str
        Format spec for a number (``"+.2f"``); ignored for values that `names` spells out.
    names : {"en": {value: str}, "ja": {...}}, optional
        How each value reads, for choices such as an activation function.
    """

    name: str
    values: tuple
    label: str | Mapping
    fmt: str = "g"
    names: Mapping | None = field(default=None)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"Sweep name must be a keyword argument name, got {self.name!r}")
        values = tuple(v.item() if isinstance(v, np.generic) else v for v in np.asarray(self.values, dtype=object)
                       .ravel()) if not isinstance(self.values, (str, bytes)) else None
        if values is None or len(values) < 2:
            raise ValueError(f"Sweep {self.name!r}: values must be a sequence of at least 2 values, "
                             f"got {self.values!r}")
        if len(set(values)) != len(values):
            raise ValueError(f"Sweep {self.name!r}: values must not repeat, got {list(values)}")
        object.__setattr__(self, "values", values)
        for lang in LANGS:
            if not self.label_in(lang).strip():
                raise ValueError(f"Sweep {self.name!r}: label must name the control in {lang!r}, got {self.label!r}")
            if self.names is not None:
                missing = [v for v in values if v not in self.names.get(lang, {})]
                if missing:
                    raise ValueError(f"Sweep {self.name!r}: names[{lang!r}] spells out no text for {missing}")
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        try:
            [format(v, self.fmt) for v in numbers]
        except (ValueError, TypeError) as exc:
            raise ValueError(f"Sweep {self.name!r}: fmt {self.fmt!r} cannot format its values ({exc})") from None
        if self.names is None and len(numbers) != len(values):
            raise ValueError(f"Sweep {self.name!r}: values that are not numbers need names; got {list(values)}")
        if any(not math.isfinite(v) for v in numbers):
            raise ValueError(f"Sweep {self.name!r}: values must be finite, got {list(values)}")

    def label_in(self, lang: str) -> str:
        return self.label if isinstance(self.label, str) else str(self.label.get(lang, ""))

    def text(self, value, lang: str) -> str:
        """How `value` reads on the slider and in the readout."""
        if self.names is not None:
            return str(self.names[lang][value])
        return format(value, self.fmt)

    def with_start(self, start) -> tuple[Sweep, int]:
        """This sweep with the explorer's starting value among its values (a number is slotted in where it
        belongs; a choice must already be there), and that value's index."""
        for n, v in enumerate(self.values):
            if v == start or (isinstance(v, float) and isinstance(start, (int, float)) and math.isclose(v, start)):
                return self, n
        if self.names is None and isinstance(start, (int, float)) and not isinstance(start, bool):
            values = tuple(sorted((*self.values, start)))
            return Sweep(self.name, values, self.label, self.fmt), values.index(start)
        raise ValueError(f"Sweep {self.name!r}: the explorer starts at {start!r}, which is not one of its values "
                         f"{list(self.values)}")


def grid(start: float, stop: float, step: float) -> tuple:
    """Evenly spaced numbers from `start` to `stop` inclusive, rounded so that they print and compare cleanly.

    Examples
    --------
    >>> grid(-1.0, 1.0, 0.5)
    (-1.0, -0.5, 0.0, 0.5, 1.0)
    """
    if not step > 0 or not stop > start:
        raise ValueError(f"grid needs start < stop and step > 0, got {start}, {stop}, {step}")
    n = int(round((stop - start) / step))
    return tuple(round(start + k * step, 10) + 0.0 for k in range(n + 1))


@dataclass(frozen=True)
class Frame:
    """One setting of the swept controls: its image (bytes and MIME type), alt text and readout."""

    values: dict
    image: bytes
    mime: str
    alt: str
    readout: str

    @property
    def src(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.image).decode('ascii')}"


def _webp(fig: Figure) -> bytes:
    rgba = np.asarray(_agg_canvas(fig).buffer_rgba())
    buf = io.BytesIO()
    # Lossless; method 1 at the least effort. Measured on the RNN explorer's 57 frames at 108 dpi: method 0 gave
    # 1.91 MB at 8 ms a frame, this 1.38 MB at 35 ms, method 4 1.22 MB at 109 ms. With method 0 build/slides held
    # 57 MB of its 60 MB budget.
    Image.fromarray(rgba[:, :, :3]).save(buf, format="webp", lossless=True, method=1, quality=0)
    return buf.getvalue()


def _pixels(image: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image)).convert("RGB"))


def _numbers(fig: Figure, readout) -> str:
    prefixed = readout.items() if isinstance(readout, Mapping) else ((gid, "") for gid in readout)
    parts = []
    for gid, prefix in prefixed:
        shown = plain_text(find_artist(fig, gid).get_text())
        parts.append(f"{prefix}: {shown}" if prefix else shown)
    return " | ".join(parts)


def _settings(sweeps, values: dict, lang: str) -> str:
    return ", ".join(f"{s.label_in(lang)} = {s.text(values[s.name], lang)}" for s in sweeps)


class FramedFigure(StaticFigure):
    """A static figure (the explorer at its starting values) that also carries its swept frames: its text/html
    is the image with sliders; its PNG, alt text and plain text are the static figure's.

    Attributes
    ----------
    figure, alt, png
        The figure at the starting values, exactly as a plain static explorer shows it.
    frames : list of Frame
        Row-major over `sweeps` (the last sweep varies fastest).
    sweeps : tuple of Sweep
    default : int
        The index of the starting values' frame.
    """

    def __init__(self, figure: Figure, alt: str, png: bytes, frames: list, sweeps: tuple, default: int, lang: str):
        super().__init__(figure, alt, png)
        self.frames, self.sweeps, self.default, self.lang = frames, sweeps, default, lang

    def positions(self, index: int) -> list[int]:
        """The slider positions of frame `index`."""
        return list(np.unravel_index(index, [len(s.values) for s in self.sweeps]))

    def html(self) -> str:
        uid = f"lecture-frames-{hashlib.sha1(self.png).hexdigest()[:8]}-{next(_IDS)}"
        shown = self.frames[self.default]
        controls = []
        for n, (sweep, pos) in enumerate(zip(self.sweeps, self.positions(self.default))):
            value = html.escape(sweep.text(sweep.values[pos], self.lang))
            controls.append(
                f'<div class="lecture-frames-control"><label for="{uid}-{n}">{html.escape(sweep.label_in(self.lang))}'
                f'</label><input type="range" id="{uid}-{n}" min="0" max="{len(sweep.values) - 1}" step="1" '
                f'value="{pos}" aria-valuetext="{value}"><span class="lecture-frames-value" aria-hidden="true">'
                f'{value}</span></div>')
        data = {"axes": [{"values": [s.text(v, self.lang) for v in s.values]} for s in self.sweeps],
                "frames": [{"src": f.src, "alt": f.alt, "readout": f.readout} for f in self.frames]}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
        inputs = " ".join(f"{uid}-{n}" for n in range(len(self.sweeps)))
        return (f'<div class="lecture-frames" id="{uid}" data-default="{self.default}">\n'
                f'<div class="lecture-frames-controls">{"".join(controls)}</div>\n'
                f'<output class="lecture-frames-readout" for="{inputs}" aria-live="polite">'
                f'{html.escape(shown.readout)}</output>\n'
                f'<img class="lecture-frames-image" src="{shown.src}" alt="{html.escape(shown.alt)}" '
                f'style="max-width:100%" data-legible-scale="{self.legible_scale:g}">\n'
                f'<script type="application/json" class="lecture-frames-data">{payload}</script>\n</div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {**super()._repr_mimebundle_(include, exclude), "text/html": self.html()}


def sweep_frames(figure: Figure, update: Callable, sweeps, start: Mapping, alt: str, lang: str,
                 fixed: Mapping | None = None, readout=("readout",)) -> FramedFigure:
    """Draw `figure` at every setting of `sweeps` (the other controls stay at `start`) and keep the frames.

    Parameters
    ----------
    figure : Figure
        The explorer's figure, drawn at `start`.
    update : callable
        The explorer's ``update(figure, **values, **fixed)``.
    sweeps : tuple of Sweep
        One to three (the second and third on coarse grids).
    start : dict
        Every control's starting value, by keyword (as the live explorer's controls start).
    alt : str
        The static figure's alt text (it describes the starting values).
    lang : {"en", "ja"}
    fixed : dict, optional
        Keyword arguments passed to every update, e.g. ``{"lang": lang}``.
    readout : sequence of gid, or {gid: prefix}
        The figure's texts (by gid) whose numbers the readout and the alt text repeat, each after its prefix.

    Returns
    -------
    FramedFigure

    Raises
    ------
    ValueError
        A sweep that is not a control of this explorer, a starting choice missing from its values, more than
        three sweeps or too many frames.
    RuntimeError
        If the update does not bring the figure back to the static figure at the starting values.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    sweeps = tuple(sweeps) if isinstance(sweeps, (list, tuple)) else sweeps
    if not isinstance(sweeps, tuple) or not 1 <= len(sweeps) <= MAX_SWEEPS or not all(
            isinstance(s, Sweep) for s in sweeps):
        raise ValueError(f"sweeps must be a tuple of 1 to {MAX_SWEEPS} Sweep, got {sweeps!r}")
    names = [s.name for s in sweeps]
    if len(set(names)) != len(names):
        raise ValueError(f"sweeps must name different controls, got {names}")
    unknown = [n for n in names if n not in start]
    if unknown:
        raise ValueError(f"sweeps {unknown} are not controls of this explorer; its controls are {sorted(start)}")
    placed = [s.with_start(start[s.name]) for s in sweeps]
    sweeps = tuple(s for s, _ in placed)
    count = math.prod(len(s.values) for s in sweeps)
    if count > MAX_FRAMES:
        raise ValueError(f"sweeps {names} make {count} frames; at most {MAX_FRAMES} fit a deck's budget")
    default = int(np.ravel_multi_index([n for _, n in placed], [len(s.values) for s in sweeps]))
    fixed = dict(fixed or {})
    if not alt or not alt.strip():
        raise ValueError("alt must describe the figure in words; got an empty string")
    # The painter's first full draw is the static figure: drawing again would run the layout engine a second
    # time, which may move a title by a pixel.
    painter = Painter(figure)
    png = encode_png(figure)
    default_setting = _settings(sweeps, start, lang)
    frames = []
    for index, combo in enumerate(itertools.product(*(s.values for s in sweeps))):
        values = {**start, **dict(zip(names, combo))}
        try:
            painter.after(update(figure, **values, **fixed))
        except ValueError as exc:
            raise ValueError(f"the explorer refused the swept setting {dict(zip(names, combo))}: {exc}") from exc
        numbers, setting = _numbers(figure, readout), _settings(sweeps, values, lang)
        if index == default:
            if not np.array_equal(_pixels(png), np.asarray(_agg_canvas(figure).buffer_rgba())[:, :, :3]):
                raise RuntimeError("the update function drew the starting values differently from the static "
                                   "figure: it must depend on its arguments only")
            frames.append(Frame(dict(zip(names, combo)), png, "image/png", alt, f"{setting} — {numbers}"))
            continue
        moved = ALT_MOVED[lang].format(setting=setting, default=default_setting, numbers=numbers, alt=alt)
        frames.append(Frame(dict(zip(names, combo)), _webp(figure), "image/webp", moved, f"{setting} — {numbers}"))
    painter.after(update(figure, **start, **fixed))  # leave the figure as the static one shows it
    return FramedFigure(figure, alt, png, frames, sweeps, default, lang)
