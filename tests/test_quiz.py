"""Quizzes: the number parser (fuzzed), the feedback in both languages, the static form, the bank's data."""

import html
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import quiz
from helpers.quiz import BANK, parse_number, validate
from helpers.quiz.messages import MESSAGES, choice_label, message
from helpers.quiz.parse import comma_readings
from helpers.quiz.questions import Quiz, StaticQuiz, answer_text, why_wrong


@pytest.mark.parametrize(
    "typed, value",
    [("0.25", 0.25), (".25", 0.25), ("1/4", 0.25), ("25%", 0.25), ("２５％", 0.25), ("１／４", 0.25),
     ("０．２５", 0.25), (" 1 / 4 ", 0.25), ("¼", 0.25), ("2.5e-1", 0.25), ("2.5E-1", 0.25), ("1×10^-3", 1e-3),
     ("10^-3", 1e-3), ("0,25", 0.25), ("0,2500", 0.25), ("1,000,000", 1e6), ("1,000.5", 1000.5), ("−0.5", -0.5),
     ("ー0.5", -0.5), ("+1/2", 0.5),
     ("9.5e-7", 9.5e-7), ("50 %", 0.5)],
)
def test_parser_reads_what_learners_type(typed, value):
    parsed = parse_number(typed)
    assert parsed.problem is None and parsed.value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "typed, problem",
    [("", "empty"), ("   ", "empty"), ("a quarter", "not_a_number"), ("0.25です", "not_a_number"),
     ("1/0", "zero_division"), ("1e999", "not_finite"), ("1x10^400", "not_finite"), ("nan", "not_a_number"),
     ("inf", "not_a_number"), ("__import__('os')", "not_a_number"), ("1" * 100, "too_long"),
     (None, "not_a_number"), (0.25, "not_a_number"), ("1/2/3", "not_a_number"), ("0,250", "ambiguous_comma"),
     ("1,000", "ambiguous_comma"), ("-1，500%", "ambiguous_comma")],
)
def test_parser_rejects_garbage_with_a_reason(typed, problem):
    assert parse_number(typed) == (None, problem)


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=80))
def test_parser_never_raises_and_returns_finite_numbers(text):
    parsed = parse_number(text)
    assert (parsed.value is None) != (parsed.problem is None)
    if parsed.value is not None:
        assert math.isfinite(parsed.value)
    else:
        assert parsed.problem in MESSAGES["en"] and parsed.problem in MESSAGES["ja"]


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_parser_reads_back_any_printed_float(x):
    assert parse_number(repr(x)).value == x


def test_parser_never_evaluates_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    parse_number("open('pwned', 'w')")
    parse_number("__import__('pathlib').Path('pwned').touch()")
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_numeric_quiz_answers_back_in_its_language(lang):
    q = quiz.ask("02.sigmoid-max", lang)
    assert isinstance(q, Quiz)
    q.input.value = "what"
    assert q.check() is False and MESSAGES[lang]["not_a_number"] in q.feedback.value
    assert q.attempts == 0  # unreadable input is not counted as a try
    q.input.value = "0.3"
    assert q.check() is False and MESSAGES[lang]["wrong"] in q.feedback.value
    q.input.value = "１／４"
    assert q.check() is True and MESSAGES[lang]["correct"] in q.feedback.value
    assert BANK["02.sigmoid-max"]["explanation"][lang] in q.feedback.value
    assert q.attempts == 2 and q.solved


def test_numeric_quiz_spots_a_percentage_typed_without_the_sign():
    q = quiz.ask("02.sigmoid-max", "en")
    q.input.value = "25"
    assert q.check() is False and "Did you mean 25%?" in q.feedback.value


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_count_a_hundred_times_too_large_gets_no_percent_hint(lang):
    """10.param-count's answer is 1920 parameters: 192000 is not "192000%" of anything."""
    q = quiz.ask("10.param-count", lang)
    q.input.value = "192000"
    assert q.check() is False and "%" not in q.feedback.value
    assert BANK["10.param-count"]["hint"][lang] in q.feedback.value  # the question's own hint instead


@pytest.mark.parametrize("typed", ["0,250", "1,000", "１、５００"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_comma_before_three_digits_is_asked_about_not_guessed(typed, lang):
    decimal, grouped = comma_readings(typed)
    assert parse_number(decimal).value * 1000 == pytest.approx(parse_number(grouped).value)
    q = quiz.ask("00.practice", lang)
    q.input.value = typed
    assert q.check() is False and q.attempts == 0  # a question back, not a wrong answer
    assert f"{decimal}" in q.feedback.value and f"{grouped}" in q.feedback.value
    assert ("decimal comma" if lang == "en" else "小数点") in q.feedback.value


def test_comma_readings_are_only_given_for_the_ambiguous_form():
    assert comma_readings("0,250") == ("0.250", "250")
    assert comma_readings("-0,075%") == ("-0.075%", "-75%")
    assert [comma_readings(t) for t in ("0,25", "1,000,000", "0.250", None)] == [None] * 4


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_enter_in_a_numeric_quiz_checks_the_answer(lang):
    """Typing ９％ in notebook 09's σ'(a_f) quiz, then Enter: the value reaches the kernel only then (not on every
    key) and its arrival checks it; clicking Check afterwards does not count the same answer twice."""
    q = quiz.ask("09.sigma-prime-f", lang)
    assert q.input.continuous_update is False
    q.input.value = "９％"  # what Enter sends
    assert MESSAGES[lang]["correct"] in q.feedback.value and q.attempts == 1 and q.solved
    q.check_button.click()
    assert q.attempts == 1 and MESSAGES[lang]["correct"] in q.feedback.value
    q.input.value = "  "  # a cleared box is no answer: nothing is said
    assert MESSAGES[lang]["correct"] in q.feedback.value and q.attempts == 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_new_answer_after_a_wrong_one_is_a_new_try(lang):
    q = quiz.ask("09.sigma-prime-f", lang)
    q.input.value = "0.9"
    q.check_button.click()
    assert q.attempts == 1 and MESSAGES[lang]["wrong"] in q.feedback.value
    q.input.value = "0.09"
    assert q.attempts == 2 and q.solved


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("qid", sorted(q for q in BANK if BANK[q]["kind"] != "numeric"))
def test_no_message_ends_in_two_full_stops(qid, lang):
    """"Your answer: B.." and "The answer is … it.." came from an option or label that ends in its own stop."""
    q = BANK[qid]
    doubled = re.compile(r"[.!?。！？](?:</[a-z]+>)*[.。]$")
    for n in range(len(q["options"])):
        given = message(lang, "your_answer", given=choice_label(lang, n))
        assert not doubled.search(given), given
    said = message(lang, "the_answer_is", answer=answer_text(q, lang))
    assert not doubled.search(said), said


def test_a_stop_is_kept_when_the_field_has_none():
    assert message("en", "your_answer", given="B.") == "Your answer: B."
    assert message("en", "the_answer_is", answer="B. It leaks.") == "The answer is <b>B. It leaks.</b>"
    assert message("en", "the_answer_is", answer="0.25") == "The answer is <b>0.25</b>."
    assert message("ja", "your_answer", given="（イ）") == "あなたの答え：（イ）。"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("qid", sorted(q for q in BANK if BANK[q]["kind"] == "code"))
def test_every_wrong_line_of_a_code_quiz_says_why(qid, lang):
    q = BANK[qid]
    for n in range(len(q["options"])):
        if n == q["answer"]:
            continue
        widget = Quiz(qid, q, lang)
        widget.input.value = n
        assert widget.check() is False
        why = why_wrong(q, n, lang)
        assert why and why in widget.feedback.value
        assert why == q.get("why", {}).get(n, {}).get(lang, MESSAGES[lang]["why_code"])


@pytest.mark.parametrize("qid", sorted(q for q in BANK if BANK[q]["kind"] == "code" and "why" in BANK[q]))
def test_a_code_quiz_s_reasons_quote_only_names_of_its_own_code(qid):
    """A reason is written for one question's code: every name it quotes in <code> is in that code or its options.
    When a question was replaced under the same place in the bank (12.lstm-h-line by 12.dlfs2-gates), the merge
    carried the old reasons, which quoted c_prev, onto the new question's slicing lines."""
    q = BANK[qid]
    names = set(re.findall(r"[A-Za-z_]\w*", q["code"] + " " + " ".join(q["options"])))
    for n, why in q["why"].items():
        for lang in ("en", "ja"):
            quoted = re.findall(r"<code>(.*?)</code>", why[lang])
            stray = {name for snippet in quoted for name in re.findall(r"[A-Za-z_]\w*", html.unescape(snippet))}
            assert stray <= names, f"{qid} option {n} ({lang}) quotes {sorted(stray - names)}, not in its code"


def test_a_code_quiz_without_its_own_reasons_falls_back_to_a_hint_in_each_language():
    q = {key: value for key, value in BANK["09.code-dc-prev"].items() if key != "why"}
    for lang in ("en", "ja"):
        assert why_wrong(q, 1, lang) == MESSAGES[lang]["why_code"]
        assert why_wrong(q, q["answer"], lang) == ""


def test_pressing_the_buttons_works_like_calling_the_methods():
    q = quiz.ask("00.practice", "ja")
    q.input.value = "1/4"
    q.check_button.click()
    assert MESSAGES["ja"]["correct"] in q.feedback.value
    q.show_button.click()
    assert "0.25" in q.feedback.value


@pytest.mark.parametrize("lang, labels", [("en", "ABCD"), ("ja", "アイウエ")])
def test_multiple_choice_labels_and_feedback(lang, labels):
    q = quiz.ask("02.from-output", lang)
    assert [label for label, _ in q.input.options] == list(labels)
    assert q.check() is False and MESSAGES[lang]["pick_one"] in q.feedback.value
    q.input.value = 0  # a wrong option with a "why"
    assert q.check() is False
    assert BANK["02.from-output"]["options"][0]["why"][lang] in q.feedback.value
    q.input.value = BANK["02.from-output"]["answer"]
    assert q.check() is True


def test_static_mode_renders_question_and_folded_answer(monkeypatch):
    monkeypatch.setenv("LECTURE_STATIC", "1")
    q = quiz.ask("02.from-output", "ja")
    assert isinstance(q, StaticQuiz)
    html = q._repr_html_()
    assert "<details>" in html and "<summary>答え</summary>" in html
    assert BANK["02.from-output"]["question"]["ja"] in html
    assert "（イ）" in html and "（ア）" in html  # options listed with their labels, as 「（ア）」
    assert html.index("<details>") < html.index(BANK["02.from-output"]["explanation"]["ja"])


def test_unknown_quiz_names_its_neighbours():
    with pytest.raises(KeyError, match="02.sigmoid-max"):
        quiz.ask("02.sigmoid-maximum", "en")


@pytest.mark.parametrize("qid", sorted(BANK))
def test_every_bank_entry_is_valid_and_renders_in_both_languages(qid, monkeypatch):
    validate(qid, BANK[qid])
    for lang in ("en", "ja"):
        Quiz(qid, BANK[qid], lang)
        assert "<details>" in StaticQuiz(qid, BANK[qid], lang)._repr_html_()


@pytest.mark.parametrize("qid", sorted(q for q in BANK if BANK[q]["kind"] == "numeric"))
def test_every_numeric_answer_is_accepted_when_typed(qid):
    q = Quiz(qid, BANK[qid], "en")
    q.input.value = repr(BANK[qid]["answer"])
    assert q.check() is True


@pytest.mark.parametrize(
    "broken, message",
    [({"kind": "essay"}, "kind must be one of"),
     ({"kind": "numeric", "question": {"en": "q"}, "explanation": {"en": "e", "ja": "e"}, "answer": 1},
      "'question' must be a dict with non-empty 'en' and 'ja'"),
     ({"kind": "choice", "question": {"en": "q", "ja": "q"}, "explanation": {"en": "e", "ja": "e"},
       "options": [{"en": "a", "ja": "a"}, {"en": "b", "ja": "b"}], "answer": 2}, "'answer' must be the index"),
     ({"kind": "code", "question": {"en": "q", "ja": "q"}, "explanation": {"en": "e", "ja": "e"},
       "code": "x = 1", "options": ["a", "b"], "answer": 0}, "exactly one blank"),
     ({"kind": "code", "question": {"en": "q", "ja": "q"}, "explanation": {"en": "e", "ja": "e"},
       "code": "x = ____", "options": ["a", "b"], "answer": 0, "why": {0: {"en": "w", "ja": "w"}}},
      "'why' must map indices of wrong options"),
     ({"kind": "code", "question": {"en": "q", "ja": "q"}, "explanation": {"en": "e", "ja": "e"},
       "code": "x = ____", "options": ["a", "b"], "answer": 0, "why": {1: {"en": "w"}}},
      "1 must be a dict with non-empty 'en' and 'ja'")],
)
def test_broken_quiz_data_is_refused_with_the_field_named(broken, message):
    with pytest.raises(ValueError, match=message):
        validate("test.q", broken)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("qid", sorted(q for q in BANK if BANK[q]["kind"] == "code"))
def test_code_quiz_asks_its_question_once(qid, lang):
    """The widget used to add its own "Which line goes into the blank?" under a question that already asked. A
    question asks with a question mark, or in the exam's phrasing ("Choose …", 「…を選べ。」)."""
    asks = ("?", "？", "Choose ", "選べ。", "求めよ。")
    header = [w.value for w in Quiz(qid, BANK[qid], lang).widget.children if isinstance(getattr(w, "value", None), str)]
    marks = sum(text.count(a) for a in asks for text in header)
    assert marks == sum(BANK[qid]["question"][lang].count(a) for a in asks) == 1


def test_japanese_choices_are_labelled_in_full_width_brackets():
    html = StaticQuiz("08.greff", BANK["08.greff"], "ja")._repr_html_()
    assert "<b>（イ）</b>忘却ゲート" in html and "ア." not in html
    assert "答えは <b>（イ）忘却ゲート" in html


def _texts(q):
    """Every string of a question that a learner reads, in both languages."""
    for key in ("question", "explanation", "hint"):
        yield from q.get(key, {}).values()
    for option in q.get("options", []):
        if isinstance(option, dict):
            yield from (option[lang] for lang in ("en", "ja"))
            yield from option.get("why", {}).values()


def test_no_italics_around_japanese_in_the_bank():
    """Japanese has no italics (the glossary's typography): <i> may hold English only."""
    japanese = re.compile(r"<i>[^<]*[\u3040-\u30ff\u3400-\u9fff\uff01-\uff60「」『』]")
    found = [(qid, t) for qid, q in BANK.items() for t in _texts(q) if japanese.search(t)]
    assert found == []
    assert japanese.search("<i>「雨」</i>") and not japanese.search("<i>learn</i> 学習")
