"""What every checker shares: the report, calling a learner's function safely, reading what it returned."""

from __future__ import annotations

import functools
import html
import re
import traceback
import warnings
from dataclasses import dataclass, field

import numpy as np

from helpers.check.messages import MESSAGES

LANGS = tuple(MESSAGES)
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Report:
    """What a checker found: passed or not, the parts at fault, and a message in the learner's language.

    ``wrong_gates`` holds the gate blocks at the root of an error (LSTM: "i", "f", "g", "o"; GRU: "r", "z", "n";
    RNN: "u", its one pre-activation), ``wrong_outputs`` the returned values that differ from the reference,
    ``causes`` the recognised mistakes (keys such as "c_for_c_prev"). In a notebook it shows as HTML.
    """

    passed: bool
    wrong_gates: frozenset = field(default_factory=frozenset)
    wrong_outputs: frozenset = field(default_factory=frozenset)
    causes: frozenset = field(default_factory=frozenset)
    message: str = ""
    problem: str = ""  # "", "not_written", "raised", "structure" or "values"

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message.replace("<code>", "`").replace("</code>", "`")

    def _repr_html_(self) -> str:
        colour, background = ("#1a7f37", "#f0fff4") if self.passed else ("#b42318", "#fff5f5")
        if self.problem == "not_written":
            colour, background = "#6e6e6e", "#f6f6f6"
        paragraphs = "".join(f"<p style=\"margin: 0.2em 0\">{_escape(line)}</p>" for line in self.message.split("\n"))
        return (f"<div class=\"lecture-check\" style=\"border-left: 4px solid {colour}; padding: 0.3em 1em; "
                f"background: {background}\">{paragraphs}</div>")


def _escape(text: str) -> str:
    """Escape a message for HTML but keep the <code> spans the table writes."""
    return html.escape(text).replace("&lt;code&gt;", "<code>").replace("&lt;/code&gt;", "</code>")


def quiet(checker):
    """Run a checker with NumPy's floating-point warnings off: dividing a learner's zeros is part of the analysis."""

    @functools.wraps(checker)
    def run(*args, **kwargs):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            return checker(*args, **kwargs)

    return run


def require_lang(lang) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {list(LANGS)}, got {lang!r}")
    return lang


def say(lang: str, key: str, **values) -> str:
    """The sentence `key` of the message table in `lang`, with its placeholders filled.

    Only ``{name}`` with a given `name` is replaced, so the maths in a sentence (c_{t−1}, W_{h,n}) stays as it is.
    """
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], MESSAGES[lang][key])


def gate_names(lang: str, gates) -> str:
    words = MESSAGES[lang]["gates_word"]
    return MESSAGES[lang]["and"].join(words.get(g, g) for g in gates)


def names_list(lang: str, names) -> str:
    return ", ".join(names) if lang == "en" else "、".join(names)


class Stop(Exception):
    """Raised inside a checker when the learner's function cannot be compared: carries the finished report."""

    def __init__(self, report: Report):
        super().__init__(report.message)
        self.report = report


def stop(lang: str, problem: str, key: str, wrong_outputs=(), causes=(), **values):
    sentence = say(lang, key, **values)
    message = sentence if problem == "not_written" else say(lang, "failed") + "\n" + sentence
    raise Stop(Report(False, frozenset(), frozenset(wrong_outputs), frozenset(causes), message, problem))


def call(fn, args: tuple, lang: str):
    """fn(*args) on copies of the arguments; whatever the learner's code raises becomes a report, never a traceback."""
    if not callable(fn):
        stop(lang, "structure", "not_callable", got=type(fn).__name__)
    copies = tuple({k: v.copy() for k, v in a.items()} if isinstance(a, dict) else
                   [v.copy() for v in a] if isinstance(a, list) else
                   a.copy() if isinstance(a, np.ndarray) else a for a in args)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return fn(*copies)
    except NotImplementedError:
        stop(lang, "not_written", "not_written")
    except Exception as exc:  # the learner's bug, whatever it is, is reported in words
        line = _learner_line(exc, fn)
        text = str(exc) or "-"
        if line:
            stop(lang, "raised", "raised_at", error=type(exc).__name__, line=html.escape(line), text=text)
        stop(lang, "raised", "raised", error=type(exc).__name__, text=text)


def _learner_line(exc: BaseException, fn) -> str:
    """The source line of the learner's function where `exc` was raised (its deepest frame in that file)."""
    filename = getattr(getattr(fn, "__code__", None), "co_filename", None)
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    return (frames[-1].line or "").strip() if frames else ""


def unpack(result, names: tuple, lang: str, at_least: bool = False) -> tuple:
    """The returned tuple, checked to hold len(names) values (or at least that many)."""
    n = len(names)
    if n == 1 and not isinstance(result, (tuple, list)):
        return (result,)
    if not isinstance(result, (tuple, list)):
        stop(lang, "structure", "count", n=n, names=", ".join(names), got=f"{type(result).__name__}")
    if len(result) != n and not (at_least and len(result) > n):
        stop(lang, "structure", "count", n=n, names=", ".join(names), got=len(result))
    return tuple(result[:n])


def array(value, name: str, shape: tuple, lang: str, label: str | None = None) -> np.ndarray:
    """`value` as a float64 array of `shape`, or a report that says what arrived instead (naming `label`)."""
    label = label or name
    if value is None or isinstance(value, (dict, str)):
        stop(lang, "structure", "not_array", [label], name=name, got=type(value).__name__)
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        stop(lang, "structure", "not_array", [label], name=name, got=type(value).__name__)
    if arr.shape != shape:
        transposed = arr.ndim == 2 and arr.shape == shape[::-1]
        stop(lang, "structure", "shape_transposed" if transposed else "shape", [label],
             ("transpose",) if transposed else (), name=name, expected=shape, got=arr.shape)
    if not np.isfinite(arr).all():
        stop(lang, "structure", "not_finite", [label], name=name)
    return arr


def grads_dict(value, shapes: dict, lang: str, prefix: str = "d") -> dict:
    """The learner's ``grads`` dict, checked key by key; returned with the names ``d<key>``."""
    keys = list(shapes)
    if not isinstance(value, dict):
        stop(lang, "structure", "not_dict", name="grads", keys=keys, got=type(value).__name__)
    missing = [k for k in keys if k not in value]
    if missing:
        stop(lang, "structure", "missing_keys", [prefix + k for k in missing], name="grads", missing=missing, keys=keys)
    return {prefix + k: array(value[k], f'grads["{k}"]', s, lang, prefix + k) for k, s in shapes.items()}


def differing(mine: list[dict], refs: list[dict], names) -> set[str]:
    """The names among `names` whose value differs from the reference's in at least one case."""
    return {n for m, r in zip(mine, refs) for n in names if not close(m[n], r[n])}


def close(mine, reference) -> bool:
    """Equal up to rounding in float64 (a learner's different but correct order of operations passes)."""
    mine, reference = np.asarray(mine), np.asarray(reference)
    if mine.shape != reference.shape:
        return False
    scale = 1.0 + float(np.max(np.abs(reference), initial=0.0))
    return bool(np.allclose(mine, reference, rtol=1e-7, atol=1e-9 * scale))


def block(arr: np.ndarray, k: int, H: int) -> np.ndarray:
    """Column block k (gate k) of an (..., kH) array."""
    return arr[..., k * H:(k + 1) * H]


def majority(votes: list[bool]) -> bool:
    """True where more than half of the available sources say so."""
    return 2 * sum(votes) > len(votes) if votes else False


def compose(lang: str, wrong_outputs, all_outputs, gate_sentence: str | None, causes, extra=()) -> str:
    """The message of a failed check: what is wrong, what is right, the root, the likely cause."""
    wrong = [n for n in all_outputs if n in wrong_outputs]
    right = [n for n in all_outputs if n not in wrong_outputs]
    lines = [say(lang, "failed")]
    if wrong:
        lines.append(say(lang, "wrong_outputs", names=names_list(lang, wrong)))
    if right and wrong:
        lines.append(say(lang, "right_outputs", names=names_list(lang, right)))
    if gate_sentence:
        lines.append(gate_sentence)
    lines.extend(extra)
    lines.extend(say(lang, "cause_" + c) if isinstance(c, str) else say(lang, "cause_" + c[0], **c[1])
                 for c in causes)
    return "\n".join(lines)


def passed(lang: str, reference: str, cases: int, extra=()) -> Report:
    return Report(True, message="\n".join([say(lang, "passed", reference=reference, cases=cases), *extra]))


def first_match(outputs: list[dict], patterns: dict, make_reference) -> list[str]:
    """The named mistakes whose outputs the learner's match on every case (usually none or one)."""
    found = []
    for name, mutant in patterns.items():
        if all(all(close(out[k], ref[k]) for k in out) for out, ref in
               zip(outputs, (make_reference(i, mutant) for i in range(len(outputs))))):
            found.append(name)
    return found[:1]
