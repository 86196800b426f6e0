"""Quizzes of notebook 03 (exploding gradients and clipping)."""

CLIP_CODE = """def clip_by_norm(g, threshold):
    \"\"\"Return g, shortened to length threshold if it is longer.\"\"\"
    norm = np.sqrt(np.sum(g ** 2))
    if norm > threshold:
        ____
    return g"""

# The form of the same step that learners meet in the exam material: a ratio, compared with 1.
EXAM_FORM_HTML = ("<pre style='background:#f6f8fa;padding:6px'>rate = threshold / norm\n"
                  "if rate &lt; 1:\n    grad = grad * rate</pre>")

QUIZZES = {
    "03.enshu-challenge": {  # the study note's 演習チャレンジ on clipping, in our own code
        "kind": "code",
        "question": {
            "en": "演習チャレンジ. The function below clips a gradient by its norm. Choose the most appropriate line "
                  "for the blank.",
            "ja": "演習チャレンジ：次の関数は勾配をノルムによってクリッピングする。空欄に当てはまる行として最も適切な"
                  "ものを選べ。",
        },
        "code": CLIP_CODE,
        "options": [
            "g = g * (threshold / norm)",
            "g = g * (norm / threshold)",
            "g = np.clip(g, -threshold, threshold)",
            "g = g / norm",
        ],
        "answer": 0,
        "why": {
            1: {"en": "This multiplies by $\\|g\\|/\\tau$, which is above 1 here: the long gradient gets longer still.",
                "ja": "$\\|g\\|/\\tau$ を掛けています。ここではこれが 1 より大きいので、"
                      "長すぎる勾配がさらに長くなります。"},
            2: {"en": "<code>np.clip</code> cuts each entry to $[-\\tau, \\tau]$: that is clipping by value, and it "
                      "turns the gradient's direction; its norm can even stay above $\\tau$.",
                "ja": "<code>np.clip</code> は成分ごとに $[-\\tau, \\tau]$ に切り詰める値によるクリッピングで、"
                      "勾配の向きが変わります。ノルムが $\\tau$ を超えたまま残ることさえあります。"},
            3: {"en": "<code>g / norm</code> has length 1 whatever the threshold: right only when the threshold is "
                      "1.",
                "ja": "<code>g / norm</code> は閾値に関係なく長さ 1 になります。正しいのは閾値がちょうど 1 "
                      "のときだけです。"},
        },
        "explanation": {
            "en": "Multiplying by $\\tau/\\|g\\|$ (with $\\tau$ the threshold) gives a vector of length exactly $\\tau$ "
                  "pointing the same way. $\\|g\\|/\\tau$ would make it longer; <code>np.clip</code> clips each entry "
                  "(clipping by value, which turns the direction); <code>g / norm</code> gives length 1, which is right "
                  "only when the threshold happens to be 1."
                  "<br>The exam material writes the same step with a ratio:" + EXAM_FORM_HTML
                  + "There the blank is the right-hand side of the last line, <code>grad * rate</code>: the study "
                  "note's answer 1, and our line <code>g = g * (threshold / norm)</code>, since <code>rate</code> is <code>threshold / norm</code> "
                  "and <code>rate &lt; 1</code> is the same test as <code>norm &gt; threshold</code>.",
            "ja": "$\\tau/\\|g\\|$（$\\tau$ は閾値）を掛けると、向きはそのままで長さがちょうど $\\tau$ のベクトルになります。"
                  "$\\|g\\|/\\tau$ を掛けると逆に長くなります。<code>np.clip</code> は成分ごとに切り詰める値による"
                  "クリッピングで、向きが変わります。<code>g / norm</code> は長さ 1 にするので、閾値がたまたま 1 の"
                  "ときしか正しくありません。"
                  "<br>試験の教材では、同じ処理を比を使って次のように書きます。" + EXAM_FORM_HTML
                  + "そこでの空欄は最後の行の右辺で、答えは <code>grad * rate</code>、学習ノートの正解「1」です。"
                  "これがこの問題の <code>g = g * (threshold / norm)</code> に"
                  "当たります。<code>rate &lt; 1</code> は <code>norm &gt; threshold</code> と同じ判定で、"
                  "<code>rate</code> は <code>threshold / norm</code> だからです。",
        },
    },
    "03.when": {
        "kind": "choice",
        "question": {
            "en": "In one update, when does clipping by norm change the gradient?",
            "ja": "1 回の更新の中で、ノルムによるクリッピングが勾配を変えるのはどんなときでしょう？",
        },
        "options": [
            {"en": "When its norm exceeds 1.", "ja": "ノルムが 1 を超えたとき。",
             "why": {"en": "The comparison is with the threshold $\\tau$, which need not be 1.",
                     "ja": "比べる相手は閾値 $\\tau$ で、1 とは限りません。"}},
            {"en": "When its norm exceeds the threshold; it is then rescaled once, to length exactly the threshold.",
             "ja": "ノルムが閾値を超えたとき。そのとき 1 回だけ縮め、長さをちょうど閾値にする。"},
            {"en": "Every update: the gradient is always rescaled to length $\\tau$.",
             "ja": "毎回。勾配は常に長さ $\\tau$ に揃えられる。",
             "why": {"en": "A gradient shorter than $\\tau$ passes unchanged; always rescaling would be normalising.",
                     "ja": "$\\tau$ より短い勾配はそのまま通ります。常に揃えるのは正規化です。"}},
            {"en": "When its norm exceeds the threshold, repeatedly until it no longer does.",
             "ja": "ノルムが閾値を超えたとき。超えなくなるまで繰り返す。",
             "why": {"en": "After one multiplication by $\\tau/\\|g\\|$ the norm is exactly $\\tau$: there is nothing "
                           "to repeat.",
                     "ja": "$\\tau/\\|g\\|$ を 1 回掛ければノルムはちょうど $\\tau$ になるので、繰り返すことはありません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Pascanu et al. (2013), Algorithm 1: if $\\|g\\| \\ge \\tau$ then $g \\leftarrow (\\tau/\\|g\\|)\\,g$ "
                  "(testing $>$ instead, as most code does, is the same: at $\\|g\\| = \\tau$ the factor is 1). "
                  "One comparison, at most one multiplication, per update.",
            "ja": "Pascanu ら（2013）のアルゴリズム 1：$\\|g\\| \\ge \\tau$ なら $g \\leftarrow (\\tau/\\|g\\|)\\,g$"
                  "（多くのコードのように $>$ で判定しても同じです。$\\|g\\| = \\tau$ なら係数は 1 だからです）。"
                  "1 回の更新につき比較が 1 回、掛け算は多くても 1 回です。",
        },
    },
    "03.six-eight": {
        "kind": "numeric",
        "question": {
            "en": "The gradient is $g = (6, 8)$ and the threshold is 5. After clipping by norm, what is its first "
                  "component?",
            "ja": "勾配が $g = (6, 8)$、閾値が 5 のとき、ノルムによるクリッピングをしたあとの第 1 成分はいくつでしょう？",
        },
        "answer": 3.0,
        "hint": {
            "en": "$\\|g\\| = 10$; multiply every component by threshold / norm.",
            "ja": "$\\|g\\| = 10$ です。すべての成分に「閾値／ノルム」を掛けます。",
        },
        "explanation": {
            "en": "$\\|g\\| = \\sqrt{36 + 64} = 10 > 5$, so $g \\leftarrow (5/10)\\,g = (3, 4)$, of norm exactly 5. "
                  "Clipping by value at 5 would give $(5, 5)$ instead: norm 7.07, and a different direction.",
            "ja": "$\\|g\\| = \\sqrt{36 + 64} = 10 > 5$ なので $g \\leftarrow (5/10)\\,g = (3, 4)$ となり、ノルムはちょうど 5 "
                  "です。値によるクリッピング（5 で切る）なら $(5, 5)$ になり、ノルムは 7.07、向きも変わります。",
        },
    },
    "03.vanishing": {
        "kind": "choice",
        "question": {
            "en": "Can gradient clipping help an RNN whose gradients vanish?",
            "ja": "勾配消失が起きている RNN を、勾配クリッピングで助けられるでしょうか？",
        },
        "options": [
            {"en": "Yes: it keeps the gradient's norm close to the threshold.",
             "ja": "助けられる。勾配のノルムを閾値の近くに保つから。",
             "why": {"en": "Clipping only ever shortens a gradient; a short one passes unchanged.",
                     "ja": "クリッピングは勾配を短くするだけで、短い勾配はそのまま通します。"}},
            {"en": "No: it only shortens gradients that are too long; a vanishing gradient is too short. That needs "
                   "another architecture (the LSTM, from notebook 04 on).",
             "ja": "助けられない。長すぎる勾配を短くするだけで、消失した勾配は短すぎるのだから。それには別の構造"
                   "（ノートブック 04 以降の LSTM）が要る。"},
            {"en": "Only with clipping by value.", "ja": "値によるクリッピングなら助けられる。",
             "why": {"en": "Clipping by value also only limits large entries; small ones pass unchanged.",
                     "ja": "値によるクリッピングも大きな成分を制限するだけで、小さな成分はそのまま通ります。"}},
            {"en": "Yes, with a threshold above the gradient's norm, so that clipping scales it up.",
             "ja": "助けられる。閾値を勾配のノルムより大きくすれば、クリッピングが勾配を引き伸ばすから。",
             "why": {"en": "Clipping by norm rescales a gradient only when its norm exceeds the threshold, and then "
                           "only down: it never lengthens one.",
                     "ja": "ノルムによるクリッピングが勾配を縮めるのは、ノルムが閾値を超えたときだけです。勾配を"
                           "引き伸ばすことはありません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Clipping is a guard against the rare huge step. Vanishing gradients call for a path along which the "
                  "error is carried without shrinking: the LSTM's cell (CEC). And since an LSTM can still produce "
                  "a huge step, LSTMs are trained with clipping too.",
            "ja": "クリッピングは、まれに起きる巨大な一歩への備えです。勾配消失には、誤差を縮めずに運ぶ経路が要ります。"
                  "それが LSTM のセル（CEC）です。LSTM でも巨大な一歩は起こりうるので、LSTM の学習でも"
                  "勾配クリッピングは使われます。",
        },
    },
    "03.global": {
        "kind": "choice",
        "question": {
            "en": "A model has two weight matrices. Which setting rescales <b>all</b> gradients together by one "
                  "factor, like Pascanu et al.'s Algorithm 1?",
            "ja": "2 つの重み行列を持つモデルがあります。Pascanu らのアルゴリズム 1 のように、<b>すべての</b>勾配を"
                  "同じ係数でまとめて縮めるのはどの設定でしょう？",
        },
        "options": [
            {"en": "Keras <code>clipnorm=1.0</code>", "ja": "Keras の <code>clipnorm=1.0</code>",
             "why": {"en": "Keras documents <code>clipnorm</code> as clipping the gradient of each weight "
                           "individually.",
                     "ja": "Keras のドキュメントでは、<code>clipnorm</code> は重みごとに個別にクリッピングします。"}},
            {"en": "Keras <code>global_clipnorm=1.0</code>", "ja": "Keras の <code>global_clipnorm=1.0</code>"},
            {"en": "PyTorch <code>clip_grad_value_(params, 1.0)</code>",
             "ja": "PyTorch の <code>clip_grad_value_(params, 1.0)</code>",
             "why": {"en": "That clips every entry into $[-1, 1]$: clipping by value.",
                     "ja": "それはすべての成分を $[-1, 1]$ に切り詰める、値によるクリッピングです。"}},
            {"en": "Keras <code>clipvalue=1.0</code>", "ja": "Keras の <code>clipvalue=1.0</code>",
             "why": {"en": "That limits every entry of every gradient to at most 1 in size: clipping by value, with "
                           "no norm at all.",
                     "ja": "それはすべての勾配のすべての成分を大きさ 1 以下に切り詰める、値によるクリッピングです。"
                           "ノルムはまったく使いません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "<code>global_clipnorm</code> computes one norm over the gradients of all weights, as PyTorch's "
                  "<code>clip_grad_norm_</code> and our <code>clip_by_global_norm</code> do; <code>clipnorm</code> "
                  "clips each weight's gradient by its own norm, which can turn the overall direction.",
            "ja": "<code>global_clipnorm</code> はすべての重みの勾配をまとめて 1 つのノルムを計算します。PyTorch の "
                  "<code>clip_grad_norm_</code> やこのシリーズの <code>clip_by_global_norm</code> と同じです。"
                  "<code>clipnorm</code> は重みごとに自分のノルムでクリッピングするので、全体としての向きが変わることが"
                  "あります。",
        },
    },
}
