"""Everything a quiz says on its own, in both languages (question texts live in helpers.quiz.bank)."""

import re

MESSAGES = {
    "en": {
        "header": "<b>Quiz.</b> {question}",
        "label": "<b>Quiz.</b>",
        "check": "Check",
        "show": "Show the answer",
        "answer": "Answer",
        "correct": "✔ Correct.",
        "wrong": "✘ Not yet — try again.",
        "wrong_choice": "✘ Not this one.",
        "pick_one": "Choose one of the options first.",
        "your_choice": "Your choice:",
        "percent_hint": "Did you mean {percent}%? As a plain number that is {plain:g}.",
        "the_answer_is": "The answer is <b>{answer}</b>.",
        "placeholder": "type a number, e.g. 0.5, 1/2 or 50%",
        "empty": "Type a number first.",
        "too_long": "That is too long for a number; type just the value.",
        "not_a_number": "I could not read that as a number. Try a form like 0.25, 1/4, 25% or 2.5e-1.",
        "zero_division": "That fraction divides by zero.",
        "not_finite": "That number is too large to be the answer.",
        "ambiguous_comma": "Is the comma in {typed} a decimal comma or a thousands separator? Type {decimal} for "
                           "the first or {grouped} for the second.",
        "why_code": "This line does not compute what the blank needs: check each of its factors against the formula "
                    "the code implements.",
        "attempts": "(attempt {n})",
        # the practice test (notebook 12)
        "question_k": "<b>Question {k} of {n}.</b>",
        "topics": "Topics",
        "topic_label": "{title} ({n})",
        "all_topics": "all topics",
        "n_questions": "Questions:",
        "seed": "Seed:",
        "one_by_one": "One at a time",
        "sheet": "Whole sheet",
        "start": "Start the test",
        "submit": "Answer",
        "hand_in": "Hand in",
        "retake": "Retake the questions you missed",
        "no_topic": "Choose at least one topic.",
        "too_many": "These topics hold {m} questions: ask for {m} or fewer.",
        "recorded_right": "Question {k}: ✔ right.",
        "recorded_wrong": "Question {k}: ✘ not right; the explanation comes at the end.",
        "score": "Score: <b>{right} of {n}</b> ({percent}%).",
        "by_topic": "By topic",
        "all_right": "Every answer is right. Try other topics or another seed.",
        "to_review": "To review",
        "your_answer": "Your answer: {given}.",
        "no_answer": "no answer",
        "review_link": "Where it is taught: {link}",
        "sheet_title": "Practice test: {n} questions (seed {seed})",
        "answer_key": "Answer key",
        "again": "Change the settings above and press Start for a new test; the same seed gives the same questions.",
    },
    "ja": {
        "header": "<b>クイズ：</b>{question}",
        "label": "<b>クイズ：</b>",
        "check": "答え合わせ",
        "show": "答えを見る",
        "answer": "答え",
        "correct": "✔ 正解です。",
        "wrong": "✘ まだ違います。もう一度考えてみましょう。",
        "wrong_choice": "✘ これではありません。",
        "pick_one": "まず選択肢を一つ選んでください。",
        "your_choice": "選んだ答え：",
        "percent_hint": "{percent}% のことでしょうか？ 小数で書くと {plain:g} です。",
        "the_answer_is": "答えは <b>{answer}</b> です。",
        "placeholder": "数値を入力（例：0.5、1/2、50%）",
        "empty": "まず数値を入力してください。",
        "too_long": "数値としては長すぎます。値だけを入力してください。",
        "not_a_number": "数値として読み取れませんでした。0.25、1/4、25%、2.5e-1 のような形で入力してください。",
        "zero_division": "その分数は 0 で割っています。",
        "not_finite": "答えにしては大きすぎる数です。",
        "ambiguous_comma": "{typed} のカンマは小数点ですか、それとも 3 桁ごとの区切りですか？ 小数点なら {decimal}、"
                           "区切りなら {grouped} と入力してください。",
        "why_code": "この行は空欄に入るべき値を計算していません。掛けている因子を 1 つずつ、コードが実装している式と"
                    "見比べてみましょう。",
        "attempts": "（{n} 回目）",
        # 総合演習（ノートブック 12）
        "question_k": "<b>問 {k}（全 {n} 問）：</b>",
        "topics": "範囲",
        "topic_label": "{title}（{n} 問）",
        "all_topics": "すべての範囲",
        "n_questions": "問題数：",
        "seed": "シード：",
        "one_by_one": "1 問ずつ",
        "sheet": "まとめて",
        "start": "テストを始める",
        "submit": "解答する",
        "hand_in": "提出する",
        "retake": "間違えた問題を解き直す",
        "no_topic": "範囲を 1 つ以上選んでください。",
        "too_many": "選んだ範囲の問題は {m} 問です。問題数を {m} 以下にしてください。",
        "recorded_right": "問 {k}：✔ 正解です。",
        "recorded_wrong": "問 {k}：✘ 不正解です。解説は最後に表示します。",
        "score": "得点：<b>{n} 問中 {right} 問正解</b>（{percent}%）",
        "by_topic": "範囲ごとの結果",
        "all_right": "全問正解です。別の範囲や別のシードでも試してみましょう。",
        "to_review": "復習しましょう",
        "your_answer": "あなたの答え：{given}。",
        "no_answer": "未解答",
        "review_link": "解説のある節：{link}",
        "sheet_title": "総合演習：{n} 問（シード {seed}）",
        "answer_key": "解答一覧",
        "again": "新しいテストは、上の設定を変えて「テストを始める」を押してください。同じシードなら同じ問題が出ます。",
    },
}

CHOICE_LABELS = {"en": "ABCDEFGH", "ja": "アイウエオカキク"}
"""Multiple-choice labels: A-D in English, ア/イ/ウ/エ in Japanese (as in the study note's exercises)."""

LABEL_FORMAT = {"en": "{}.", "ja": "（{}）"}
"""How a label stands before its option in running text: "A." in English, 「（ア）」 in Japanese."""


def choice_label(lang: str, n: int) -> str:
    """The label of option `n` as written before the option's text: "B." or 「（イ）」."""
    if lang not in LABEL_FORMAT:
        raise ValueError(f"lang must be one of {sorted(LABEL_FORMAT)}, got {lang!r}")
    return LABEL_FORMAT[lang].format(CHOICE_LABELS[lang][n])


# A sentence whose last field already ends in a full stop ("B.", an option's own sentence) must not get a second
# one: the template's closing "." or "。" is dropped after ". ! ? 。 ！ ？", even behind closing tags ("</b>").
_DOUBLED_STOP = re.compile(r"([.!?。！？])((?:</[a-z]+>)*)[.。]$")


def message(lang: str, key: str, **fields) -> str:
    """The message `key` in `lang` with `fields` filled in, ending in one full stop, never two."""
    if lang not in MESSAGES:
        raise ValueError(f"lang must be one of {sorted(MESSAGES)}, got {lang!r}")
    return _DOUBLED_STOP.sub(r"\1\2", MESSAGES[lang][key].format(**fields))
