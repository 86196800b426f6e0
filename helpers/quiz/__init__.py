"""Quizzes that answer back: numeric, multiple choice (A-D / ア-エ) and code fill-in, in "en" or "ja".

In a notebook::

    from helpers import quiz
    quiz.ask("02.sigmoid-max", LANG)

Live, this is a widget that checks the answer; with ``LECTURE_STATIC=1`` it is the question with the
answer folded in a ``<details>`` element. ``quiz.practice_test(LANG)`` is notebook 12's test across the
series (a seeded draw from the pool in ``helpers.quiz.bank.nb12``); ``quiz.practice_sheet`` its printable form;
with ``exam=True`` both ask in the exam's format, choices only (``helpers.quiz.exam``).
Typed numbers are read by :func:`parse_number` (no eval).
"""

from __future__ import annotations

from helpers.display import static_mode
from helpers.quiz.bank import BANK
from helpers.quiz.parse import Parsed, parse_number
from helpers.quiz.practice import practice_sheet, practice_test
from helpers.quiz.questions import Quiz, StaticQuiz, validate

__all__ = ["BANK", "Parsed", "Quiz", "StaticQuiz", "ask", "parse_number", "practice_sheet", "practice_test", "validate"]


def ask(qid: str, lang: str = "en"):
    """The quiz `qid` from the bank, live or static depending on LECTURE_STATIC.

    Parameters
    ----------
    qid : str
        e.g. ``"02.sigmoid-max"``; see ``helpers.quiz.BANK``.
    lang : {"en", "ja"}

    Returns
    -------
    Quiz or StaticQuiz
    """
    if qid not in BANK:
        near = sorted(k for k in BANK if k.split(".")[0] == str(qid).split(".")[0])
        raise KeyError(f"no quiz {qid!r}; quizzes of that notebook: {near or sorted(BANK)}")
    return (StaticQuiz if static_mode() else Quiz)(qid, BANK[qid], lang)
