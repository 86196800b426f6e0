"""Read a number the way a learner types it, without eval, and never raise.

Accepted: ``0.25``, ``.25``, ``+0.25``, ``1/4``, ``25%``, ``２５％`` (full-width), ``1e-3``, ``1×10^-3``,
``10^-3``, ``0,25`` (decimal comma), ``1,000,000`` and ``1,000.5`` (grouped thousands), with spaces anywhere.
A single comma before exactly three digits (``0,250``, ``1,000``) reads as 0.25 with a decimal comma and as 250
with a thousands separator: the parser does not guess but says so (problem ``ambiguous_comma``), and
:func:`comma_readings` gives both readings for the message.

Examples
--------
>>> parse_number("１／４")
Parsed(value=0.25, problem=None)
>>> parse_number("25%").value
0.25
>>> parse_number("a quarter")
Parsed(value=None, problem='not_a_number')
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import NamedTuple

MAX_LENGTH = 64

_DECIMAL = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?"
_RE_DECIMAL = re.compile(rf"^{_DECIMAL}$")
_RE_FRACTION = re.compile(rf"^({_DECIMAL})/({_DECIMAL})$")
_RE_TIMES_TEN = re.compile(rf"^(?:({_DECIMAL})(?:\*|x|×))?10\^([+-]?\d+)$")
_RE_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_RE_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
_RE_AMBIGUOUS_COMMA = re.compile(r"^[+-]?\d{1,3},\d{3}$")

# After NFKC: minus signs and dashes a Japanese keyboard may produce, the fraction slash, the ideographic
# full stop and comma. Spaces of every kind are dropped.
_REPLACE = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "ー": "-", "⁄": "/", "÷": "/", "、": ",",
                          "。": ""})


class Parsed(NamedTuple):
    """`value` is a finite float, or None with `problem` saying why: empty, too_long, not_a_number,
    zero_division, not_finite or ambiguous_comma."""

    value: float | None
    problem: str | None


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_REPLACE).lower()
    return "".join(ch for ch in text if not ch.isspace())


def parse_number(text) -> Parsed:
    """Parse what a learner typed into a finite float; never raises, never evaluates code.

    Parameters
    ----------
    text : str
        Anything; non-strings are refused as not_a_number.

    Returns
    -------
    Parsed
        ``(value, None)`` or ``(None, problem)``.
    """
    try:
        return _parse(text)
    except Exception:  # a parser for learners' input must not crash their notebook
        return Parsed(None, "not_a_number")


def _parse(text) -> Parsed:
    if not isinstance(text, str):
        return Parsed(None, "not_a_number")
    if len(text) > 4 * MAX_LENGTH:
        return Parsed(None, "too_long")
    s = _normalise(text)
    if not s:
        return Parsed(None, "empty")
    if len(s) > MAX_LENGTH:
        return Parsed(None, "too_long")
    scale = 1.0
    if s.endswith("%"):
        s, scale = s[:-1], 0.01
    if _RE_AMBIGUOUS_COMMA.match(s):
        return Parsed(None, "ambiguous_comma")
    if _RE_THOUSANDS.match(s):
        s = s.replace(",", "")
    elif _RE_DECIMAL_COMMA.match(s):
        s = s.replace(",", ".")
    if _RE_DECIMAL.match(s):
        value = float(s)
    elif m := _RE_FRACTION.match(s):
        denominator = float(m.group(2))
        if denominator == 0:
            return Parsed(None, "zero_division")
        value = float(m.group(1)) / denominator
    elif m := _RE_TIMES_TEN.match(s):
        mantissa = m.group(1) or "1"
        value = float(f"{mantissa}e{int(m.group(2))}")  # float() gives inf, not OverflowError, when too big
    else:
        return Parsed(None, "not_a_number")
    value *= scale
    if not math.isfinite(value):
        return Parsed(None, "not_finite")
    return Parsed(float(value), None)


def comma_readings(text: str) -> tuple[str, str] | None:
    """(decimal-comma reading, thousands-separator reading) of a number with one comma before three digits, as
    the learner would retype each; None for any other text.

    Examples
    --------
    >>> comma_readings("０，２５０")
    ('0.250', '250')
    >>> comma_readings("1,500%")
    ('1.500%', '1500%')
    """
    if not isinstance(text, str) or len(text) > 4 * MAX_LENGTH:
        return None
    s = _normalise(text)
    percent = "%" if s.endswith("%") else ""
    s = s[:-1] if percent else s
    if not _RE_AMBIGUOUS_COMMA.match(s):
        return None
    sign = s[0] if s[0] in "+-" else ""
    digits = s[len(sign):]
    grouped = digits.replace(",", "").lstrip("0") or "0"
    return f"{sign}{digits.replace(',', '.')}{percent}", f"{sign}{grouped}{percent}"
