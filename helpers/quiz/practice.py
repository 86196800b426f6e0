"""The practice test as a widget: settings (topics, number of questions, seed, one at a time or the whole sheet,
the exam format), the test, and the results with the review. All logic lives in :mod:`helpers.quiz.session`; this
module only lays out ipywidgets and passes their values on.

Keyboard: every control is a focusable ipywidget (Tab moves between them, Space toggles a checkbox or presses a
button). A numeric answer is sent with Enter: its text box has ``continuous_update=False``, so its value changes
on Enter (or when the box loses focus), and that change submits the answer (one at a time) or says at once
whether it can be read (the whole sheet). Either way an answer that cannot be read is never scored: the test
says why and waits for it.

The results come as HTML in an output area, not in a widget's HTML: JupyterLab then opens a review link in the
same window at its section, as it does for a link in Markdown.
"""

from __future__ import annotations

import ipywidgets as W

from helpers.display import static_mode
from helpers.quiz.bank import BANK
from helpers.quiz.exam import exam_form
from helpers.quiz.messages import CHOICE_LABELS, message
from helpers.quiz.parse import parse_number
from helpers.quiz.questions import problem_text
from helpers.quiz.session import Session, check_pool, draw, pool, question_html, results_html, sheet_html, topics

_BOX = W.Layout(border="1px solid #ddd", padding="6px", margin="6px 0")
_EXAM_LABEL = {"en": "Exam format: choices only (numbers as four options)",
               "ja": "試験形式：すべて選択式（数値の問題も 4 択）"}


def _answer_input(qid: str, lang: str, exam: bool = False):
    """A text box (numeric) or labelled toggle buttons (choice, code, and in exam mode every question)."""
    q = exam_form(qid) if exam else BANK[qid]
    if q["kind"] == "numeric":
        return W.Text(placeholder=message(lang, "placeholder"), continuous_update=False,
                      layout=W.Layout(width="260px"))
    return W.ToggleButtons(options=[(CHOICE_LABELS[lang][n], n) for n in range(len(q["options"]))], value=None,
                           description=message(lang, "your_choice"),
                           style={"button_width": "3em", "description_width": "initial"})


class PracticeTest:
    """The live practice test.

    Parameters
    ----------
    lang : {"en", "ja"}
    n, seed : int
        The initial settings (the learner can change them before pressing Start).
    topics : list of str or None
        Topic ids initially ticked; None ticks all.
    exam : bool
        Whether the exam format (choices only) is initially ticked.
    """

    def __init__(self, lang: str = "en", n: int = 10, seed: int = 0, chosen=None, exam: bool = False):
        check_pool()
        draw(chosen, n, seed)  # refuse bad settings now, with the message of the pure logic
        if not isinstance(exam, bool):
            raise ValueError(f"exam must be True (the exam's format: choices only) or False, got {exam!r}")
        self.lang = lang
        self.topic_boxes = {t: W.Checkbox(value=chosen is None or t in chosen, description=label, indent=False)
                            for t, label in topics(lang)}
        self.all_box = W.Checkbox(value=all(b.value for b in self.topic_boxes.values()),
                                  description=message(lang, "all_topics"), indent=False)
        self._syncing = False
        self.all_box.observe(self._tick_all, names="value")
        for box in self.topic_boxes.values():
            box.observe(self._topic_ticked, names="value")
        self.count = W.BoundedIntText(value=n, min=1, max=len(pool()), description=message(lang, "n_questions"),
                                      style={"description_width": "initial"}, layout=W.Layout(width="180px"))
        self.seed = W.BoundedIntText(value=seed, min=0, max=2**31 - 1, description=message(lang, "seed"),
                                     style={"description_width": "initial"}, layout=W.Layout(width="180px"))
        self.mode = W.ToggleButtons(options=[(message(lang, "one_by_one"), "one"), (message(lang, "sheet"), "sheet")],
                                    value="one")
        self.exam = W.Checkbox(value=exam, description=_EXAM_LABEL[lang], indent=False,
                               layout=W.Layout(width="auto"))
        self.start_button = W.Button(description=message(lang, "start"), button_style="primary")
        self.status = W.HTML()
        self.area = W.VBox()
        self.session: Session | None = None
        self.inputs: list = []
        self.current = 0
        self.start_button.on_click(lambda _: self.start())
        settings = W.VBox([W.HTML(f"<b>{message(lang, 'topics')}</b>"), self.all_box,
                           W.GridBox(list(self.topic_boxes.values()),
                                     layout=W.Layout(grid_template_columns="repeat(2, minmax(0, 1fr))")),
                           W.HBox([self.count, self.seed]), self.mode, self.exam, self.start_button, self.status],
                          layout=_BOX)
        self.widget = W.VBox([settings, self.area])

    # -- settings → a session
    def _tick_all(self, change) -> None:
        if not self._syncing:
            self._syncing = True
            for box in self.topic_boxes.values():
                box.value = change["new"]
            self._syncing = False

    def _topic_ticked(self, _change) -> None:
        if not self._syncing:
            self._syncing = True
            self.all_box.value = all(box.value for box in self.topic_boxes.values())
            self._syncing = False

    def start(self) -> bool:
        """Draw a test from the settings and show it; False (with the reason shown) if the settings are wrong."""
        chosen = [t for t, box in self.topic_boxes.items() if box.value]
        if not chosen:
            self.status.value = f"<span style='color:#b00'>{message(self.lang, 'no_topic')}</span>"
            return False
        available = len(pool(chosen))
        if self.count.value > available:
            self.status.value = f"<span style='color:#b00'>{message(self.lang, 'too_many', m=available)}</span>"
            return False
        self._begin(Session(chosen, self.count.value, self.seed.value, exam=self.exam.value))
        return True

    def retake(self) -> bool:
        """A new test of the questions just missed, in a new order; False if none were missed."""
        if self.session is None or not self.session.missed():
            return False
        self._begin(Session.of(self.session.missed(), self.session.seed + 1, exam=self.session.exam))
        return True

    def _begin(self, session: Session) -> None:
        self.session = session
        self.status.value = ""
        self.inputs = [_answer_input(qid, self.lang, session.exam) for qid in self.session.qids]
        self.current = 0
        self.log = W.HTML()
        if self.mode.value == "one":
            self._show_current()
        else:
            self._show_sheet()

    # -- one question at a time
    def _show_current(self) -> None:
        k, lang = self.current, self.lang
        box = self.inputs[k]
        self.feedback = W.HTML()
        submit = W.Button(description=message(lang, "submit"), button_style="primary")
        # Both carry the question's number: clicking Answer after typing first blurs the text box, which
        # submits through the observer; the click that follows must not count for the next question.
        submit.on_click(lambda _: self.submit(k))
        if isinstance(box, W.Text):
            box.observe(lambda change: self.submit(k) if change["new"].strip() else None, names="value")
        question = W.HTMLMath(question_html(self.session.qids, k, lang, self.session.exam))
        self.area.children = [self.log, W.VBox([question, box, submit, self.feedback], layout=_BOX)]
        box.focus()

    def submit(self, k: int | None = None) -> None:
        """Record the answer to question `k` (default: the current one) and move on, or say why it was not
        recorded. A `k` that is no longer the current question is ignored."""
        if k is None:
            k = self.current
        if self.session is None or k != self.current or self.session.results[k] is not None:
            return
        lang = self.lang
        verdict = self.session.answer(k, self.inputs[k].value)
        if verdict.right is None:
            self.feedback.value = problem_text(lang, verdict.problem, self.inputs[k].value)
            return
        line = message(lang, "recorded_right" if verdict.right else "recorded_wrong", k=k + 1)
        self.log.value = f"<p>{line}</p>"
        if k + 1 < len(self.session.qids):
            self.current += 1
            self._show_current()
        else:
            self._show_results()

    # -- the whole sheet
    def _show_sheet(self) -> None:
        self.sheet_feedback = [W.HTML() for _ in self.inputs]
        for k, box in enumerate(self.inputs):
            if isinstance(box, W.Text):
                box.observe(lambda _change, k=k: self._unreadable(k), names="value")
        rows = [W.VBox([W.HTMLMath(question_html(self.session.qids, k, self.lang, self.session.exam)), box,
                        self.sheet_feedback[k]], layout=_BOX)
                for k, box in enumerate(self.inputs)]
        hand_in = W.Button(description=message(self.lang, "hand_in"), button_style="primary")
        hand_in.on_click(lambda _: self.hand_in())
        self.area.children = rows + [hand_in]

    def _unreadable(self, k: int) -> bool:
        """Whether the sheet's answer `k` is typed but cannot be read; says why under it (or clears the note)."""
        box = self.inputs[k]
        problem = parse_number(box.value).problem if isinstance(box, W.Text) else None
        unreadable = problem not in (None, "empty")
        self.sheet_feedback[k].value = problem_text(self.lang, problem, box.value) if unreadable else ""
        return unreadable

    def hand_in(self) -> bool:
        """Grade the sheet and show the results; missing answers count as wrong. If an answer is typed but cannot
        be read, nothing is graded: the sheet says why under each such answer and waits (False)."""
        unreadable = [k for k in range(len(self.inputs)) if self._unreadable(k)]
        if unreadable:
            self.inputs[unreadable[0]].focus()
            return False
        for k, box in enumerate(self.inputs):
            self.session.answer(k, box.value)
        self._show_results()
        return True

    def _show_results(self) -> None:
        self.session.hand_in()
        self.results_html = results_html(self.session, self.lang)
        self.results = W.Output()
        self.results.outputs = ({"output_type": "display_data", "data": {"text/html": self.results_html},
                                 "metadata": {}},)
        children = [self.results]
        if self.session.missed():
            self.retake_button = W.Button(description=message(self.lang, "retake"), button_style="warning",
                                          layout=W.Layout(width="auto"))
            self.retake_button.on_click(lambda _: self.retake())
            children.append(self.retake_button)
        self.area.children = [W.VBox(children, layout=_BOX)]
        (self.retake_button if self.session.missed() else self.start_button).focus()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


class PracticeSheet:
    """The printable sheet (questions, folded answers, answer key) as HTML; no widget."""

    def __init__(self, lang: str = "en", n: int = 10, seed: int = 0, chosen=None, exam: bool = False):
        check_pool()
        self.qids = draw(chosen, n, seed)
        self.html = sheet_html(self.qids, lang, seed, exam)

    def _repr_html_(self) -> str:
        return self.html


def practice_test(lang: str = "en", n: int = 10, seed: int = 0, topics=None, exam: bool = False):
    """The practice test: live widget, or with ``LECTURE_STATIC=1`` the printable sheet of the same draw.

    Parameters
    ----------
    lang : {"en", "ja"}
    n : int
        Number of questions.
    seed : int
        Seed of the draw (np.random.default_rng).
    topics : list of str or None
        Topic ids (notebook numbers such as "03"); None means all.
    exam : bool
        The exam's format: every question answered by choosing, numeric ones as four options whose wrong values
        come from classic mistakes (:mod:`helpers.quiz.exam`).
    """
    return (PracticeSheet if static_mode() else PracticeTest)(lang, n, seed, topics, exam)


def practice_sheet(lang: str = "en", n: int = 10, seed: int = 0, topics=None, exam: bool = False) -> PracticeSheet:
    """A printable sheet of `n` questions drawn with `seed`, answers folded, answer key at the end; with `exam`,
    in the exam's format (choices only)."""
    return PracticeSheet(lang, n, seed, topics, exam)
