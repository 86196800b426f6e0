"""Everything a quiz says on its own, in both languages (question texts live in helpers.quiz.bank)."""

MESSAGES = {
    "en": {
        "header": "<b>Quiz.</b> {question}",
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
        "attempts": "(attempt {n})",
    },
    "ja": {
        "header": "<b>クイズ：</b>{question}",
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
        "attempts": "（{n} 回目）",
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


def message(lang: str, key: str, **fields) -> str:
    if lang not in MESSAGES:
        raise ValueError(f"lang must be one of {sorted(MESSAGES)}, got {lang!r}")
    return MESSAGES[lang][key].format(**fields)
