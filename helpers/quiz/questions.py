"""Quiz questions as data, checked on construction, rendered live (ipywidgets) or static (folded answer).

A question is a dict with ``kind`` in {"numeric", "choice", "code"}, ``question`` and ``explanation``
as ``{"en": html, "ja": html}`` (``$...$`` math allowed), and:

- numeric: ``answer`` (float), optional ``rtol`` (default 0.005), ``atol`` (default 1e-12), ``hint``;
- choice: ``options``: list of ``{"en": ..., "ja": ...}`` (each may carry ``"why"``: why it is right or
  wrong), ``answer``: the index of the right option;
- code: ``code``: source with one ``____`` blank, ``options``: candidate lines (code, same in both
  languages), ``answer``: the index of the right line, and optionally ``why``: ``{index: {"en": ..., "ja": ...}}``,
  why each wrong line is wrong (a wrong line without one gets a general hint in the learner's language).

A numeric quiz checks its answer when Check is pressed or Enter is typed in its box.
"""

from __future__ import annotations

import html
import math

import ipywidgets as W

from helpers.quiz.messages import CHOICE_LABELS, choice_label, message
from helpers.quiz.parse import comma_readings, parse_number

KINDS = ("numeric", "choice", "code")
LANGS = ("en", "ja")


def _bilingual(q: dict, key: str, qid: str) -> None:
    value = q.get(key)
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) or not value[lang].strip()
                                          for lang in LANGS):
        raise ValueError(f"quiz {qid!r}: {key!r} must be a dict with non-empty 'en' and 'ja' texts")


def validate(qid: str, q: dict) -> dict:
    """Check one question's data and return it; raise ValueError naming the quiz and the field."""
    if q.get("kind") not in KINDS:
        raise ValueError(f"quiz {qid!r}: kind must be one of {KINDS}, got {q.get('kind')!r}")
    _bilingual(q, "question", qid)
    _bilingual(q, "explanation", qid)
    if q["kind"] == "numeric":
        if not isinstance(q.get("answer"), (int, float)) or not math.isfinite(q["answer"]):
            raise ValueError(f"quiz {qid!r}: a numeric quiz needs a finite 'answer'")
        if "hint" in q:
            _bilingual(q, "hint", qid)
    else:
        options = q.get("options")
        if not isinstance(options, list) or not 2 <= len(options) <= len(CHOICE_LABELS["en"]):
            raise ValueError(f"quiz {qid!r}: 'options' must be a list of 2 to 8 options")
        if not isinstance(q.get("answer"), int) or not 0 <= q["answer"] < len(options):
            raise ValueError(f"quiz {qid!r}: 'answer' must be the index of the right option, got {q.get('answer')!r}")
        if q["kind"] == "choice":
            for n, option in enumerate(options):
                _bilingual({"option": {k: option.get(k) for k in LANGS}}, "option", f"{qid} option {n}")
        else:
            if not isinstance(q.get("code"), str) or q["code"].count("____") != 1:
                raise ValueError(f"quiz {qid!r}: 'code' must contain exactly one blank ____")
            if not all(isinstance(o, str) and o.strip() for o in options):
                raise ValueError(f"quiz {qid!r}: code options must be non-empty lines of code")
            why = q.get("why", {})
            if not isinstance(why, dict) or any(isinstance(n, bool) or not isinstance(n, int)
                                                or not 0 <= n < len(options) or n == q["answer"] for n in why):
                raise ValueError(f"quiz {qid!r}: 'why' must map indices of wrong options to their explanation, "
                                 f"got keys {sorted(why, key=str) if isinstance(why, dict) else why!r}")
            for n in why:
                _bilingual(why, n, qid)
    return q


def why_wrong(q: dict, n: int, lang: str) -> str:
    """Why option `n` of a choice or code question is wrong: its own "why", a code question's general hint, or ""."""
    if n == q["answer"]:
        return ""
    if q["kind"] == "code":
        return q.get("why", {}).get(n, {}).get(lang) or message(lang, "why_code")
    option = q["options"][n]
    return option.get("why", {}).get(lang, "") if isinstance(option, dict) else ""


def problem_text(lang: str, problem: str, typed) -> str:
    """What to tell a learner whose typed answer could not be read (`problem` from :func:`parse_number`)."""
    if problem == "ambiguous_comma":
        decimal, grouped = comma_readings(typed)
        return message(lang, problem, typed=html.escape(typed.strip()), decimal=decimal, grouped=grouped)
    return message(lang, problem)


def percent_hint(q: dict, value: float, lang: str) -> str:
    """ "Did you mean 25%?" when `value` is a hundred times the answer and the answer is a fraction (a proportion,
    a probability, a gate value: 0 < |answer| < 1), where a percentage could be meant; otherwise ""."""
    if 0 < abs(q["answer"]) < 1 and not numeric_correct(q, value) and numeric_correct(q, value / 100):
        return message(lang, "percent_hint", percent=f"{value:g}", plain=value / 100)
    return ""


def _option_text(q: dict, n: int, lang: str) -> str:
    option = q["options"][n]
    return option[lang] if isinstance(option, dict) else f"<code>{html.escape(option)}</code>"


def _labelled(lang: str, n: int, text: str, bold: bool = False) -> str:
    """Option text after its label: "B. text", or 「（イ）text」 (the full-width brackets carry their own space)."""
    label = choice_label(lang, n)
    return f"{f'<b>{label}</b>' if bold else label}{'' if lang == 'ja' else ' '}{text}"


def answer_text(q: dict, lang: str) -> str:
    """The right answer as shown after "The answer is": the number, or the labelled option."""
    if q["kind"] == "numeric":
        return f"{q['answer']:g}"
    return _labelled(lang, q["answer"], _option_text(q, q["answer"], lang))


def _code_block(q: dict) -> str:
    return f"<pre style='background:#f6f8fa;padding:6px'>{html.escape(q['code'])}</pre>"


def _options_list(q: dict, lang: str) -> str:
    items = "".join(f"<li>{_labelled(lang, n, _option_text(q, n, lang), bold=True)}</li>"
                    for n in range(len(q["options"])))
    return f"<ul style='list-style:none;padding-left:0.5em'>{items}</ul>"


def numeric_correct(q: dict, value: float) -> bool:
    return math.isclose(value, q["answer"], rel_tol=q.get("rtol", 0.005), abs_tol=q.get("atol", 1e-12))


def body_html(q: dict, lang: str, header: str) -> str:
    """The question after `header` (e.g. "Quiz."), its code and its labelled options, as HTML."""
    parts = [f"<p>{header} {q['question'][lang]}</p>" if lang == "en" else f"<p>{header}{q['question'][lang]}</p>"]
    if q["kind"] == "code":
        parts.append(_code_block(q))
    if q["kind"] != "numeric":
        parts.append(_options_list(q, lang))
    return "".join(parts)


def static_html(qid: str, q: dict, lang: str) -> str:
    """The question, its options and a folded <details> answer with the explanation: for slides."""
    parts = [f"<div class='lecture-quiz' id='quiz-{html.escape(qid)}'>", body_html(q, lang, message(lang, "label"))]
    parts.append(f"<details><summary>{message(lang, 'answer')}</summary><p>"
                 f"{message(lang, 'the_answer_is', answer=answer_text(q, lang))} {q['explanation'][lang]}</p>"
                 "</details></div>")
    return "".join(parts)


class Quiz:
    """A live quiz: the question, an input (text box or radio buttons), Check, Show the answer, feedback.

    Parameters
    ----------
    qid : str
    q : dict
        Validated question data (see the module docstring).
    lang : {"en", "ja"}
    """

    def __init__(self, qid: str, q: dict, lang: str):
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
        self.qid, self.q, self.lang = qid, validate(qid, q), lang
        self.attempts = 0
        self.solved = False
        header = [W.HTMLMath(message(lang, "header", question=q["question"][lang]))]
        if q["kind"] == "code":
            header.append(W.HTML(_code_block(q)))  # the question itself says what goes into the blank
        self._judged = None  # (input value, right, feedback) of the last answer counted as a try
        if q["kind"] == "numeric":
            # continuous_update=False: the value reaches the kernel on Enter (or when the box loses focus), and
            # that change checks the answer, the same way in JupyterLab, Notebook 7 and VS Code (ipywidgets 8).
            self.input = W.Text(placeholder=message(lang, "placeholder"), continuous_update=False,
                                layout=W.Layout(width="260px"))
            self.input.observe(lambda change: self.check() if change["new"].strip() else None, names="value")
        else:
            # Options (which may hold math or code) are shown as rich text; the buttons carry only the labels.
            header.append(W.HTMLMath(_options_list(q, lang)))
            labels = [(CHOICE_LABELS[lang][n], n) for n in range(len(q["options"]))]
            self.input = W.ToggleButtons(options=labels, value=None, description=message(lang, "your_choice"),
                                         style={"button_width": "3em", "description_width": "initial"})
        self.check_button = W.Button(description=message(lang, "check"), button_style="primary")
        self.show_button = W.Button(description=message(lang, "show"))
        self.feedback = W.HTMLMath()
        self.check_button.on_click(lambda _: self.check())
        self.show_button.on_click(lambda _: self.reveal())
        self.widget = W.VBox(header + [self.input, W.HBox([self.check_button, self.show_button]), self.feedback],
                             layout=W.Layout(border="1px solid #ddd", padding="6px", margin="6px 0"))

    def check(self) -> bool:
        """Judge the current input, write the feedback, and return whether it is right.

        The same answer judged twice in a row (Enter, then a click on Check; or the click after the box lost
        focus and so was checked already) counts as one try."""
        q, lang = self.q, self.lang
        value = self.input.value
        if self._judged is not None and self._judged[0] == value:
            self.feedback.value = self._judged[2]
            return self._judged[1]
        if q["kind"] == "numeric":
            parsed = parse_number(value)
            if parsed.value is None:
                self.feedback.value = problem_text(lang, parsed.problem, value)
                return False
            self.attempts += 1
            right = numeric_correct(q, parsed.value)
            extra = "" if right else percent_hint(q, parsed.value, lang)
            if not right and not extra and "hint" in q:
                extra = q["hint"][lang]
            extra = f" {extra}" if extra else ""
        else:
            if value is None:
                self.feedback.value = message(lang, "pick_one")
                return False
            self.attempts += 1
            right = value == q["answer"]
            why = why_wrong(q, value, lang)
            extra = f" {why}" if why else ""
        if right:
            self.solved = True
            self.feedback.value = (f"<span style='color:#1a7f37'>{message(lang, 'correct')}</span> "
                                   f"{q['explanation'][lang]}")
        else:
            key = "wrong" if q["kind"] == "numeric" else "wrong_choice"
            self.feedback.value = (f"<span style='color:#b00'>{message(lang, key)}</span>{extra} "
                                   f"{message(lang, 'attempts', n=self.attempts)}")
        self._judged = (value, right, self.feedback.value)
        return right

    def reveal(self) -> None:
        """Show the answer and the explanation."""
        self.feedback.value = (f"{message(self.lang, 'the_answer_is', answer=answer_text(self.q, self.lang))} "
                               f"{self.q['explanation'][self.lang]}")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


class StaticQuiz:
    """The static (slides) form: question and folded answer as HTML; no widget."""

    def __init__(self, qid: str, q: dict, lang: str):
        self.html = static_html(qid, validate(qid, q), lang)

    def _repr_html_(self) -> str:
        return self.html
