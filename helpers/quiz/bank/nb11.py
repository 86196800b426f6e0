"""Quizzes of notebook 11 (a character-level language model)."""

import math

SAMPLE_CODE = '''def sample_next(logits, temperature, rng):
    """Draw the index of the next character. logits: (V,) scores of the read-out; temperature > 0."""
    z = ____
    p = np.exp(z - z.max())
    p /= p.sum()
    return rng.choice(len(p), p=p)'''

QUIZZES = {
    "11.uniform-bpc": {
        "kind": "numeric",
        "question": {
            "en": "A model that has learned nothing gives every one of the $V = 65$ characters of tiny Shakespeare the "
                  "same probability. How many bits per character does it score on any text?",
            "ja": "何も学んでいないモデルが、tiny Shakespeare の $V = 65$ 種類の文字すべてに同じ確率を与えます。"
                  "どんなテキストでも、1 文字あたりのビット数 (bpc) はいくつになるでしょう？",
        },
        "answer": math.log2(65),
        "rtol": 0.005,
        "hint": {
            "en": "Each character costs $-\\log_2 p$ bits, and here $p = 1/65$ every time.",
            "ja": "1 文字ごとに $-\\log_2 p$ ビットかかり、ここでは毎回 $p = 1/65$ です。",
        },
        "explanation": {
            "en": "$-\\log_2 (1/65) = \\log_2 65 \\approx 6.02$ bits. This is where training starts (the loss of an "
                  "untrained model is close to it); the unigram baseline, which only knows how often each character "
                  "occurs, already gets well below it (4.83 bits), and the shipped models of this notebook reach 2.2 "
                  "to 2.4.",
            "ja": "$-\\log_2 (1/65) = \\log_2 65 \\approx 6.02$ ビットです。学習はここから始まります（学習前のモデルの"
                  "損失はこれに近い値）。各文字の出現頻度だけを知るユニグラムのベースラインでもこれより十分低くなり（4.83 ビット）、"
                  "このノートブックの同梱のモデルは 2.2〜2.4 ビットまで下がります。",
        },
    },
    "11.temperature": {
        "kind": "code",
        "question": {
            "en": "This function draws the next character at a given temperature: below 1 sharper (towards always "
                  "the most likely character), above 1 flatter. Which line fills the blank?",
            "ja": "次の関数は、指定した温度で次の文字を引きます。温度が 1 より小さいと分布が鋭く（いつも最も確率の高い"
                  "文字に近づき）、1 より大きいと平らになります。空欄に入る行はどれでしょう？",
        },
        "code": SAMPLE_CODE,
        "options": [
            "logits * temperature",
            "logits / temperature",
            "logits ** temperature",
            "logits - temperature",
        ],
        "answer": 1,
        "why": {
            0: {"en": "Multiplying does the opposite: a temperature below 1 would make the distribution flatter, "
                      "not sharper.",
                "ja": "掛けると逆になります。1 より小さい温度で、分布が鋭くならずに平らになります。"},
            2: {"en": "A power of the scores is no temperature: negative scores change sign or become undefined, "
                      "and the order of the characters can change.",
                "ja": "スコアのべき乗は温度になりません。負のスコアは符号が変わったり定義できなくなったりし、"
                      "文字の順位も変わりえます。"},
            3: {"en": "Subtracting the same number from every score changes nothing: the softmax ignores a shift.",
                "ja": "すべてのスコアから同じ数を引いても何も変わりません。ソフトマックスは平行移動を無視します。"},
        },
        "explanation": {
            "en": "Dividing the scores by the temperature $\\tau$ gives $p_i \\propto e^{s_i/\\tau} = (e^{s_i})^{1/\\tau}$: "
                  "$\\tau < 1$ stretches the differences between the scores (the largest wins more often), $\\tau > 1$ "
                  "shrinks them, $\\tau = 1$ leaves the model's own distribution. Multiplying does the opposite, and "
                  "subtracting a constant changes nothing at all: the softmax ignores a shift.",
            "ja": "スコアを温度 $\\tau$ で割ると $p_i \\propto e^{s_i/\\tau} = (e^{s_i})^{1/\\tau}$ になります。"
                  "$\\tau < 1$ ではスコアの差が広がって最大のものが選ばれやすくなり、$\\tau > 1$ では差が縮み、"
                  "$\\tau = 1$ ではモデル自身の分布のままです。掛けると逆の効果になり、定数を引いても何も変わりません"
                  "（ソフトマックスは全体のずれを無視します）。",
        },
    },
    "11.held-out": {
        "kind": "choice",
        "question": {
            "en": "Two character models trained on the same text: A scores 1.20 bits per character on its training "
                  "text and 2.45 on held-out text, B scores 1.60 on its training text and 1.95 on held-out text. "
                  "Which predicts new text by the same author, which neither has seen, better?",
            "ja": "同じテキストで学習した 2 つの文字単位の言語モデルがあります。A は学習用テキストで 1 文字あたり "
                  "1.20 ビット、評価用テキストで 2.45 ビット、B は学習用テキストで 1.60 ビット、評価用テキストで "
                  "1.95 ビットです。どちらのモデルも見ていない、同じ作者の文章をよりよく予測するのはどちらでしょう？",
        },
        "options": [
            {"en": "A: its loss is lower", "ja": "A：損失が低いから",
             "why": {"en": "Lower on the training text only: A has learned that text by heart (a gap of 1.25 bits), "
                           "and what it memorised does not carry over.",
                     "ja": "低いのは学習用テキストでだけです。A はそのテキストを丸暗記しており（差は 1.25 ビット）、"
                           "暗記した分は新しい文章には役立ちません。"}},
            {"en": "B: its held-out bits per character are lower", "ja": "B：評価用テキストでのビット数が低いから"},
            {"en": "They are equally good: the averages of the two numbers are close",
             "ja": "同じくらい良い：2 つの数の平均が近いから",
             "why": {"en": "The training number says how well a model fits what it has seen; only the held-out "
                           "number measures what it will do on new text. Averaging them mixes the two questions.",
                     "ja": "学習用テキストの数は見たものへの当てはまりを表すだけで、新しい文章での性能を測るのは"
                           "評価用テキストの数だけです。平均すると 2 つの問いが混ざってしまいます。"}},
            {"en": "B: its training bits per character are higher, so it has learned more",
             "ja": "B：学習用テキストでのビット数が高く、そのぶん多く学んでいるから",
             "why": {"en": "A higher loss on the training text is a looser fit to that text, not more learning; B is "
                           "better for its held-out number, not for this one.",
                     "ja": "学習用テキストでの損失が高いのは、そのテキストへの当てはまりが緩いということで、多く学んだ"
                           "ということではありません。B がよいのは評価用テキストの数のためで、この数のためではありません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Held-out text is the author's text the model never trained on, so its bits per character estimate "
                  "how well the model predicts new text: B's 1.95 beats A's 2.45. A's low training loss and the "
                  "large gap between its two numbers are the signature of overfitting.",
            "ja": "評価用テキストはモデルが学習に使わなかった同じ作者の文章なので、そこでの 1 文字あたりのビット数が"
                  "新しい文章をどれだけ予測できるかの見積もりになります。B の 1.95 が A の 2.45 に勝ちます。A の"
                  "学習用テキストでの低い損失と、2 つの数の大きな差は過学習のしるしです。",
        },
    },
}
