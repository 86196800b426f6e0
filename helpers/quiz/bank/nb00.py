"""The practice quiz of notebook 00 (how quizzes work)."""

QUIZZES = {
    "00.practice": {
        "kind": "numeric",
        "question": {
            "en": "Practice: a gradient is multiplied by $1/2$ and then by $1/2$ again. What is left of it? "
                  "Try any form: <code>0.25</code>, <code>1/4</code>, <code>25%</code>.",
            "ja": "練習：勾配に $1/2$ を掛け、さらに $1/2$ を掛けました。もとの何倍が残るでしょう？ "
                  "<code>0.25</code>、<code>1/4</code>、<code>25%</code> など、どの形でも入力できます。",
        },
        "answer": 0.25,
        "explanation": {
            "en": "$\\tfrac12 \\times \\tfrac12 = \\tfrac14$. Repeated multiplication like this is the whole story of "
                  "notebooks 01–03.",
            "ja": "$\\tfrac12 \\times \\tfrac12 = \\tfrac14$ です。このような掛け算の繰り返しこそが、ノートブック 01〜03 の主題です。",
        },
    },
}
