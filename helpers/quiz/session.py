"""The practice test's logic, without widgets: the pool and its topics, a seeded draw, grading, the score, the
review of wrong answers with links to the sections that teach them, and the printable sheet (HTML).

The pool and the links come from :mod:`helpers.quiz.bank.nb12`; the widget is :mod:`helpers.quiz.practice`.

Examples
--------
>>> s = Session(topics=["02"], n=2, seed=0)
>>> len(s.qids), all(topic_of(q) == "02" for q in s.qids)
(2, True)
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from helpers.quiz.bank import BANK
from helpers.quiz.bank.nb12 import PRACTICE, SECTIONS, TOPICS
from helpers.quiz.exam import exam_form
from helpers.quiz.messages import choice_label, message
from helpers.quiz.parse import parse_number
from helpers.quiz.questions import LANGS, answer_text, body_html, numeric_correct, why_wrong

# Review links look like links wherever they are shown (a widget's HTML inherits no link style): underlined, in
# Okabe-Ito blue, 5.2:1 on white (WCAG AA asks 4.5:1; tests/test_practice.py holds it).
LINK_COLOR = "#0072B2"
LINK_STYLE = f"color:{LINK_COLOR};text-decoration:underline"
NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"


def anchor(heading: str) -> str:
    """The id JupyterLab and nbconvert give a Markdown heading: its text with every space replaced by "-"."""
    return heading.strip().replace(" ", "-")


def topic_of(qid: str) -> str:
    """The topic (the teaching notebook's number, e.g. "03") of a question of the pool."""
    if qid not in PRACTICE:
        raise KeyError(f"{qid!r} is not in the practice test's pool (helpers.quiz.bank.nb12.PRACTICE)")
    return PRACTICE[qid].split("/")[0]


def section_link(qid: str, lang: str) -> tuple[str, str]:
    """(href, text) of the section that teaches `qid`: ``"03_x.ipynb#Heading-anchor"`` and "03 · … › heading"."""
    _check_lang(lang)
    heading = SECTIONS[PRACTICE[qid]][lang]
    topic = TOPICS[topic_of(qid)]
    return f"{topic['file']}.ipynb#{anchor(heading)}", f"{topic[lang]} › {heading}"


@cache
def _heading_cell_ids(lang: str, file: str) -> dict[str, str]:
    """Heading text -> id of the Markdown cell that starts with it, in the shipped notebook (empty if not found)."""
    try:
        cells = json.loads((NOTEBOOK_DIR / lang / f"{file}.ipynb").read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return {}
    ids = {}
    for cell in cells:
        first = "".join(cell.get("source", "")).lstrip().split("\n", 1)[0]
        if cell.get("cell_type") == "markdown" and first.startswith("#") and cell.get("id"):
            ids.setdefault(first.lstrip("#").strip(), cell["id"])
    return ids


def live_link(qid: str, lang: str) -> str:
    """The href of the section that teaches `qid` for JupyterLab: ``"03_x.ipynb#cell-id=c12-0123abcd"``, the id
    of the cell the heading starts, when the notebook is at hand; else the heading's anchor, as in
    :func:`section_link`.

    JupyterLab 4 opens a linked notebook in the same window and then looks for the fragment; a heading's anchor
    is looked for among rendered cells before they are rendered, and a non-ASCII one (every Japanese heading)
    arrives percent-encoded, so both miss and the notebook opens at its top. A cell id is plain ASCII and found
    in the notebook's model, rendered or not."""
    href, _ = section_link(qid, lang)
    file = href.split(".ipynb#")[0]
    cell_id = _heading_cell_ids(lang, file).get(SECTIONS[PRACTICE[qid]][lang].strip())
    return f"{file}.ipynb#cell-id={cell_id}" if cell_id else href


def check_pool() -> None:
    """Raise ValueError naming the entry if a pool entry points at a missing quiz, section or topic."""
    for qid, key in PRACTICE.items():
        if qid not in BANK:
            raise ValueError(f"PRACTICE names quiz {qid!r}, which no bank module defines")
        if key not in SECTIONS:
            raise ValueError(f"PRACTICE[{qid!r}] = {key!r}: no such key in SECTIONS")
        if key.split("/")[0] not in TOPICS:
            raise ValueError(f"section {key!r} of {qid!r} belongs to no topic in TOPICS")
    for key, headings in SECTIONS.items():
        if any(not isinstance(headings.get(lang), str) or not headings[lang].strip() for lang in LANGS):
            raise ValueError(f"SECTIONS[{key!r}] needs a non-empty heading in 'en' and 'ja'")


def topics(lang: str = "en") -> list[tuple[str, str]]:
    """(topic id, "title (number of questions)") for every topic that has questions in the pool, in order."""
    _check_lang(lang)
    counts: dict[str, int] = {}
    for qid in PRACTICE:
        counts[topic_of(qid)] = counts.get(topic_of(qid), 0) + 1
    return [(t, message(lang, "topic_label", title=TOPICS[t][lang], n=counts[t])) for t in sorted(counts)]


def pool(chosen=None) -> list[str]:
    """The quiz ids of the chosen topics (all when `chosen` is None), sorted."""
    known = [t for t, _ in topics()]
    if chosen is None:
        chosen = known
    if isinstance(chosen, str) or not all(isinstance(t, str) for t in chosen):
        raise TypeError(f"topics must be a list of topic ids such as ['01', '03'], got {chosen!r}")
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise ValueError(f"unknown topics {unknown}; the topics are {known}")
    if not chosen:
        raise ValueError(f"choose at least one topic of {known}")
    return sorted(q for q in PRACTICE if topic_of(q) in set(chosen))


def draw(chosen=None, n: int = 10, seed: int = 0) -> list[str]:
    """`n` different questions of the chosen topics, in an order fixed by `seed`."""
    candidates = pool(chosen)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= len(candidates):
        raise ValueError(f"n must be a whole number from 1 to {len(candidates)} (the questions of these topics), "
                         f"got {n!r}")
    _check_seed(seed)
    rng = np.random.default_rng(seed)
    return [candidates[k] for k in rng.choice(len(candidates), size=int(n), replace=False)]


class Verdict(NamedTuple):
    """`right` is True or False once the answer is recorded; None with `problem` (a message key) if it was
    not readable and nothing was recorded."""

    right: bool | None
    problem: str | None


def _check_seed(seed) -> None:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")


class Session:
    """One practice test: the drawn questions, the answers given so far, and the results.

    Parameters
    ----------
    topics : list of str or None
        Topic ids (notebook numbers, see :func:`topics`); None means all.
    n : int
        Number of questions, 1 to the size of the chosen pool.
    seed : int
        The same seed and topics give the same questions in the same order.
    exam : bool
        Ask in the exam's format: numeric questions as four options (see :mod:`helpers.quiz.exam`).
    """

    def __init__(self, topics=None, n: int = 10, seed: int = 0, exam: bool = False):
        self.qids = draw(topics, n, seed)
        self.seed = int(seed)
        self.exam = _check_exam(exam)
        self.given: list = [None] * len(self.qids)
        self.results: list[bool | None] = [None] * len(self.qids)

    @classmethod
    def of(cls, qids, seed: int = 0, exam: bool = False) -> Session:
        """A session over the given questions of the pool (e.g. the ones missed), in an order fixed by `seed`."""
        qids = list(qids) if isinstance(qids, (list, tuple)) else qids
        if not isinstance(qids, list) or not qids or len(set(qids)) != len(qids) \
                or any(q not in PRACTICE for q in qids):
            raise ValueError(f"qids must be a non-empty list of different ids of the practice pool, got {qids!r}")
        _check_seed(seed)
        session = cls.__new__(cls)
        session.qids = [qids[k] for k in np.random.default_rng(seed).permutation(len(qids))]
        session.seed = int(seed)
        session.exam = _check_exam(exam)
        session.given, session.results = [None] * len(qids), [None] * len(qids)
        return session

    def question(self, k: int) -> dict:
        """Question `k` as this session asks it (its exam form in exam mode)."""
        return _asked(self.qids[k], self.exam)

    def missed(self) -> list[str]:
        """The questions answered wrong (or not at all, once handed in)."""
        return [q for q, r in zip(self.qids, self.results) if r is False]

    def answer(self, k: int, response) -> Verdict:
        """Record the answer to question `k` (0-based): typed text for a numeric question, the option's index
        for a choice or code question. Unreadable text or no choice records nothing and says why."""
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < len(self.qids):
            raise IndexError(f"question index must be 0 to {len(self.qids) - 1}, got {k!r}")
        q = self.question(k)
        if q["kind"] == "numeric":
            parsed = parse_number(response)
            if parsed.value is None:
                return Verdict(None, parsed.problem)
            right = numeric_correct(q, parsed.value)
        else:
            if isinstance(response, bool) or not isinstance(response, (int, np.integer)) \
                    or not 0 <= response < len(q["options"]):
                return Verdict(None, "pick_one")
            right = int(response) == q["answer"]
        self.given[k], self.results[k] = response, right
        return Verdict(right, None)

    def hand_in(self) -> None:
        """End the test: every question left unanswered counts as wrong."""
        self.results = [False if r is None else r for r in self.results]

    @property
    def finished(self) -> bool:
        return all(r is not None for r in self.results)

    def score(self) -> tuple[int, int]:
        """(right answers, questions)."""
        return sum(r is True for r in self.results), len(self.qids)

    def by_topic(self) -> dict[str, tuple[int, int]]:
        """Topic id → (right, questions of that topic in this test)."""
        out: dict[str, tuple[int, int]] = {}
        for qid, r in zip(self.qids, self.results):
            right, total = out.get(topic_of(qid), (0, 0))
            out[topic_of(qid)] = (right + (r is True), total + 1)
        return dict(sorted(out.items()))

    def given_text(self, k: int, lang: str) -> str:
        """What the learner answered to question `k`, as shown in the review."""
        given, q = self.given[k], self.question(k)
        if given is None:
            return message(lang, "no_answer")
        if q["kind"] == "numeric":
            return html.escape(str(given))
        return choice_label(lang, int(given))

    def review(self, lang: str) -> list[dict]:
        """For every question not answered right: its number (1-based), id, what was given, why that option is
        wrong (one note from :func:`why_wrong`: a choice option's own "why", e.g. the mistake that gives a value
        in exam mode, or a code line's "why" with its general fallback; "" for a numeric answer or none), the
        right answer, the explanation and the link to the section that teaches it."""
        _check_lang(lang)
        out = []
        for k, (qid, r) in enumerate(zip(self.qids, self.results)):
            if r is True:
                continue
            href, text = section_link(qid, lang)
            q = self.question(k)  # the exam form in exam mode: the options in the order the learner saw them
            chosen = self.given[k] if q["kind"] != "numeric" and self.given[k] is not None else None
            out.append({"number": k + 1, "qid": qid, "given": self.given_text(k, lang),
                        "why": "" if chosen is None else why_wrong(q, int(chosen), lang),
                        "answer": answer_text(q, lang), "explanation": q["explanation"][lang],
                        "href": href, "link_text": text})
        return out


def _link_html(qid: str, lang: str, live: bool = False) -> str:
    """A relative link to the section, underlined in LINK_COLOR. `live` (the practice test's results, shown only in
    a running notebook): the :func:`live_link` that JupyterLab opens in the same window at the section, when the
    HTML reaches it through an output area and not a widget's HTML. Otherwise (the printable sheet, also on the
    exported pages) the heading's anchor, which a browser follows like any link."""
    href, text = section_link(qid, lang)
    href = live_link(qid, lang) if live else href
    return f"<a href='{html.escape(href)}' style='{LINK_STYLE}'>{html.escape(text)}</a>"


def _check_exam(exam) -> bool:
    if not isinstance(exam, bool):
        raise ValueError(f"exam must be True (the exam's format: choices only) or False, got {exam!r}")
    return exam


def _asked(qid: str, exam: bool) -> dict:
    return exam_form(qid) if exam else BANK[qid]


def question_html(qids: list[str], k: int, lang: str, exam: bool = False) -> str:
    """Question `k` of a test: its number, text, code and options (in exam mode, numeric ones as options)."""
    return body_html(_asked(qids[k], exam), lang, message(lang, "question_k", k=k + 1, n=len(qids)))


def results_html(session: Session, lang: str) -> str:
    """The score, the score per topic, and for every wrong answer the explanation and the link."""
    _check_lang(lang)
    right, n = session.score()
    parts = [f"<p>{message(lang, 'score', right=right, n=n, percent=round(100 * right / n))}</p>",
             f"<p><b>{message(lang, 'by_topic')}</b></p><ul>"]
    parts += [f"<li>{html.escape(TOPICS[t][lang])}: {r} / {total}</li>" for t, (r, total) in session.by_topic().items()]
    parts.append("</ul>")
    wrong = session.review(lang)
    if not wrong:
        parts.append(f"<p>{message(lang, 'all_right')}</p>")
    else:
        parts.append(f"<p><b>{message(lang, 'to_review')}</b></p>")
        for item in wrong:
            parts.append(
                "<div class='lecture-practice-review' style='border-left:3px solid #b00;padding-left:8px;"
                f"margin:6px 0'>{question_html(session.qids, item['number'] - 1, lang, session.exam)}"
                f"<p>{message(lang, 'your_answer', given=item['given'])} {item['why'] + ' ' if item['why'] else ''}"
                f"{message(lang, 'the_answer_is', answer=item['answer'])} {item['explanation']}</p>"
                f"<p>{message(lang, 'review_link', link=_link_html(item['qid'], lang, live=True))}</p></div>")
    parts.append(f"<p>{message(lang, 'again')}</p>")
    return "".join(parts)


def sheet_html(qids: list[str], lang: str, seed: int | None = None, exam: bool = False) -> str:
    """A printable sheet: every question with its answer folded in <details>, then the answer key. With `exam`,
    in the exam's format (numeric questions as four options)."""
    _check_lang(lang)
    _check_exam(exam)
    if not qids or any(q not in PRACTICE for q in qids):
        raise ValueError(f"qids must be a non-empty list of ids of the practice pool, got {qids!r}")
    title = message(lang, "sheet_title", n=len(qids), seed="–" if seed is None else seed)
    parts = [f"<div class='lecture-practice-sheet'><p><b>{title}</b></p>"]
    for k, qid in enumerate(qids):
        q = _asked(qid, exam)
        parts.append(
            f"<div class='lecture-quiz' id='practice-{k + 1}'>{question_html(qids, k, lang, exam)}"
            f"<details><summary>{message(lang, 'answer')}</summary><p>"
            f"{message(lang, 'the_answer_is', answer=answer_text(q, lang))} {q['explanation'][lang]}</p>"
            f"<p>{message(lang, 'review_link', link=_link_html(qid, lang))}</p></details></div>")
    key = "".join(f"<li>{answer_text(_asked(qid, exam), lang)}</li>" for qid in qids)
    parts.append(f"<p><b>{message(lang, 'answer_key')}</b></p><ol class='lecture-answer-key'>{key}</ol></div>")
    return "".join(parts)
