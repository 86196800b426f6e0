"""The practice test of notebook 12 (総合演習): which questions it draws from, and the ones written for it.

The pool is ``PRACTICE``: quiz id → the key of the section that teaches it. It holds a documented selection of
the other notebooks' quizzes (every 確認テスト and 演習チャレンジ of the study note among them) and the exam-style
questions below (``QUIZZES``, ids ``12.*``). A section key ``"NN/name"`` names a heading of notebook NN in
``SECTIONS``; the topic of a question is its section's notebook, so the topic list is derived from the pool.

Adding a notebook's questions (say notebook 11's): its number, file and title in ``TOPICS``, the headings it
links to in ``SECTIONS``, and one line per question in ``PRACTICE``.
"""

TOPICS = {
    "01": {"file": "01_rnn_vanishing_gradient", "en": "01 · The vanishing gradient", "ja": "01 · 勾配消失"},
    "02": {"file": "02_sigmoid_derivative_quiz", "en": "02 · The sigmoid's derivative", "ja": "02 · シグモイド関数の微分"},
    "03": {"file": "03_exploding_gradient_clipping", "en": "03 · Exploding gradients and clipping",
           "ja": "03 · 勾配爆発と勾配クリッピング"},
    "04": {"file": "04_cec", "en": "04 · The CEC", "ja": "04 · CEC（定誤差カルーセル）"},
    "05": {"file": "05_input_output_gates", "en": "05 · Input and output gates", "ja": "05 · 入力ゲートと出力ゲート"},
    "06": {"file": "06_forget_gate", "en": "06 · The forget gate", "ja": "06 · 忘却ゲート"},
    "07": {"file": "07_peephole", "en": "07 · Peepholes", "ja": "07 · 覗き穴結合"},
    "08": {"file": "08_experiments", "en": "08 · LSTM vs RNN experiments", "ja": "08 · LSTM と RNN の比較実験"},
    "09": {"file": "09_lstm_backward", "en": "09 · The LSTM backward pass", "ja": "09 · LSTM の逆伝播"},
    "10": {"file": "10_gru", "en": "10 · The GRU", "ja": "10 · GRU"},
    "11": {"file": "11_char_lm", "en": "11 · An LSTM that writes", "ja": "11 · 文章を書く LSTM"},
}
"""Topic id (the notebook's number) → its file name (without .ipynb) and its short title in both languages."""

SECTIONS = {
    "01/intuition": {"en": "Intuition: compound interest, backwards", "ja": "直観：逆向きの複利"},
    "01/pascanu": {"en": "Both halves of Pascanu et al.'s condition, in numbers", "ja": "Pascanu らの条件の両面を数値で"},
    "01/weights": {"en": "The weight gradients: sums over time", "ja": "重みの勾配：時間についての和"},
    "01/tbptt": {"en": "Truncated BPTT: what it cuts", "ja": "打ち切り型 BPTT (Truncated BPTT)：何を切り捨てるのか"},
    "02/intuition": {"en": "Intuition: a product of slopes", "ja": "直観：傾きの積"},
    "02/scratch": {"en": "From scratch, checked", "ja": "自分で実装して確かめる"},
    "02/many-steps": {"en": "Why 1/4 matters over many steps", "ja": "1/4 が多くのステップで効いてくる理由"},
    "02/not-whole": {"en": "…but 1/4 is not the whole story", "ja": "……ただし 1/4 だけでは決まらない"},
    "02/tanh": {"en": "tanh and ReLU for comparison", "ja": "tanh・ReLU との比較"},
    "03/intuition": {"en": "Intuition: a cliff in the error surface", "ja": "直観：誤差曲面の崖"},
    "03/math": {"en": "The math: the gradient of the one-unit RNN, and clipping",
                "ja": "数式：1 ユニットの RNN の勾配とクリッピング"},
    "03/scratch": {"en": "From scratch, checked", "ja": "自分で実装して確かめる"},
    "03/norm-or-value": {"en": "Clipping by norm or by value", "ja": "ノルムによるクリッピングと値によるクリッピング"},
    "03/global": {"en": "One norm for all parameters, or one per tensor?",
                  "ja": "すべてのパラメータで 1 つのノルムか、テンソルごとか"},
    "04/intuition": {"en": "Intuition: the backward path multiplies", "ja": "直観：逆伝播では掛け算が続く"},
    "04/math": {"en": "The math: asking for a factor of exactly 1", "ja": "数式：因子をちょうど 1 にする"},
    "04/bare": {"en": "Why a bare CEC cannot learn", "ja": "CEC だけでは学習できない理由"},
    "04/drift": {"en": "State drift, and the 1997 remedy", "ja": "状態のドリフトと 1997 年の対策"},
    "05/intuition": {"en": "Intuition: a write switch and a read switch", "ja": "直観：書き込みスイッチと読み出しスイッチ"},
    "05/scratch": {"en": "From scratch, checked: one LSTM step", "ja": "自分で実装して確かめる：LSTM の 1 ステップ"},
    "05/explore": {"en": "Explore: the gate biases and the input strength",
                   "ja": "インタラクティブ図：ゲートのバイアスと入力の強さ"},
    "06/intuition": {"en": "Intuition: a carousel with a brake", "ja": "直観：ブレーキ付きのカルーセル"},
    "06/math": {"en": "The math", "ja": "数式"},
    "06/resets": {"en": "Why the 1997 LSTM needed resets", "ja": "1997 年の LSTM にリセットが必要だった理由"},
    "06/bias": {"en": "The forget-gate bias: start at 1", "ja": "忘却ゲートのバイアス：1 から始める"},
    "07/intuition": {"en": "Intuition: a gate that cannot see the cell", "ja": "直観：セルが見えないゲート"},
    "07/math": {"en": "The math", "ja": "数式"},
    "07/evidence": {"en": "What the evidence says", "ja": "証拠からわかること"},
    "08/math": {"en": "The math: the task, the baseline, and the signal to learn from",
                "ja": "数式：課題、ベースライン、そして学習の手がかり"},
    "08/full-size": {"en": "The full-size contrast", "ja": "フルサイズの比較"},
    "08/variants": {"en": "Which parts of the LSTM matter? A variant table",
                    "ja": "LSTM のどの部品が効いているのか：変種の比較表"},
    "09/math": {"en": "The math: one step back", "ja": "数式：1 ステップ遡る"},
    "09/gradcheck": {"en": "Gradient checking, understood", "ja": "勾配確認を理解する"},
    "10/math": {"en": "The math, with shapes", "ja": "数式と形状"},
    "10/next-to-lstm": {"en": "Next to the LSTM and CIFG", "ja": "LSTM・CIFG と並べる"},
    "11/measure": {"en": "The task and the measure", "ja": "課題と尺度"},
    "11/sampling": {"en": "Explore: what does it write?", "ja": "インタラクティブ図：何を書くか"},
    "11/quiz": {"en": "Quiz", "ja": "クイズ"},
}
"""Section key → the heading's text in each language (plain text: the link's anchor is computed from it)."""

PRACTICE = {
    # 01: the vanishing gradient
    "01.sufficient": "01/pascanu",
    "01.sigmoid-threshold": "01/pascanu",
    "01.twenty-steps": "01/intuition",
    "01.tbptt": "01/tbptt",
    "12.shape-dwh": "01/weights",
    "12.rnn-jacobian": "01/intuition",
    # 02: the sigmoid's derivative (確認テスト23)
    "02.sigmoid-max": "02/scratch",
    "02.tanh-max": "02/tanh",
    "02.from-output": "02/scratch",
    "12.sigmoid-at-08": "02/scratch",
    # 03: exploding gradients and clipping (演習チャレンジ)
    "03.enshu-challenge": "03/scratch",
    "03.when": "03/math",
    "03.six-eight": "03/norm-or-value",
    "03.vanishing": "03/intuition",
    "03.global": "03/global",
    "12.clip-condition": "03/scratch",
    "12.exploding-cause": "03/intuition",
    "12.wrong-gradients": "06/math",
    # 04: the CEC
    "04.cec-weight": "04/math",
    "04.factor-100": "04/intuition",
    "04.why-linear": "04/math",
    "04.conflict": "04/bare",
    "04.drift": "04/drift",
    # 05: input and output gates
    "05.gate-columns": "05/scratch",
    "05.closed-gate": "05/explore",
    "05.write": "05/intuition",
    "05.read": "05/intuition",
    "12.lstm-params": "05/scratch",
    "12.gate-roles": "05/intuition",
    # 06: the forget gate (確認テスト24, 演習チャレンジ)
    "06.kakunin24": "06/intuition",
    "06.enshu-forward": "06/math",
    "06.prod-f": "06/math",
    "06.bias-one": "06/bias",
    "06.drift": "06/resets",
    "12.cell-update": "06/math",
    "12.dlfs2-gates": "05/scratch",
    # 07: peepholes
    "07.which-state": "07/math",
    "07.param-count": "07/math",
    "07.closed-output": "07/intuition",
    "07.note-claim": "07/evidence",
    # 08: the experiments
    "08.baseline": "08/math",
    "08.slow-not-incapable": "08/full-size",
    "08.greff": "08/variants",
    "12.which-fails": "08/full-size",
    # 09: the LSTM backward pass
    "09.code-dc-prev": "09/math",
    "09.code-da-f": "09/math",
    "09.weight-sum": "09/math",
    "09.eps-float32": "09/gradcheck",
    "12.shape-dwx-lstm": "09/math",
    "12.output-gate-backward": "09/math",
    # 10: the GRU
    "10.keep-gate": "10/next-to-lstm",
    "12.wrong-gru": "10/next-to-lstm",
    "10.param-count": "10/next-to-lstm",
    "12.reset-gate": "10/math",
    "12.gru-dz": "10/math",
    # 11: a character-level language model (the held-out question's misconception box sits in the Quiz section)
    "11.uniform-bpc": "11/measure",
    "11.temperature": "11/sampling",
    "11.held-out": "11/quiz",
}
"""The practice test's pool: quiz id → section key. No two of its questions ask the same thing, and none gives
another's answer away (tests/test_practice.py holds both as far as they can be checked). Left out of the other
banks: 00.practice (how to type a number), 07.greff (the same finding as 08.greff), 08.second-only,
08.forget-product and 08.nfg-drift (variations of 08.baseline, 06.prod-f and 04.drift), 09.sigma-prime-f and
09.kink (close to 02.from-output and 09.eps-float32), 02.ten-steps (the same product of factors as
01.twenty-steps), 02.whole-story (01.sufficient asks it in terms of gamma, and its options state the answers of
02.sigmoid-max and 01.sigmoid-threshold), 05.param-count (the count 12.lstm-params asks for), 10.h-line (12.gru-dz and 10.keep-gate state its line)."""

CLIP_RATE_CODE = """def clip_gradient(grad, threshold):
    norm = np.sqrt(np.sum(grad ** 2))
    rate = threshold / norm
    if ____:
        grad = grad * rate
    return grad"""

DLFS2_GATES_CODE = '''def lstm_gates(x, h_prev, Wx, Wh, b):
    """x: (N, D); h_prev: (N, H); Wx: (D, 4H); Wh: (H, 4H); b: (4H,).
    Column blocks in the order f, g, i, o, as in DLfS2's TimeLSTM."""
    H = h_prev.shape[1]
    A = x @ Wx + h_prev @ Wh + b
    f = sigmoid(A[:, :H])
    g = np.tanh(A[:, H:2 * H])
    i = ____
    o = sigmoid(A[:, 3 * H:])
    return f, g, i, o'''

OUTPUT_GATE_BACKWARD_CODE = '''def output_backward(dh, o, c):
    """Forward: h = o * np.tanh(c). Given dh = dL/dh, return dL/do and the part of dL/dc through h."""
    do = ____
    dc = dh * o * (1 - np.tanh(c) ** 2)
    return do, dc'''

GRU_MIX_BACKWARD_CODE = '''def gru_mix_backward(dh, z, n, h_prev):
    """Forward: h = (1 - z) * n + z * h_prev. Given dh = dL/dh, return dL/dz, dL/dn and dL/dh_prev (this line only)."""
    dz = ____
    dn = dh * (1 - z)
    dh_prev = dh * z
    return dz, dn, dh_prev'''

QUIZZES = {
    "12.shape-dwh": {
        "kind": "choice",
        "question": {
            "en": "An RNN with input size $D = 3$ and hidden size $H = 5$ (<code>Wx</code> (D, H), <code>Wh</code> "
                  "(H, H)) runs over a batch of $N = 4$ sequences of length $T = 6$. What is the shape of "
                  "<code>dWh</code>, the gradient of the loss with respect to <code>Wh</code>?",
            "ja": "入力の次元数 $D = 3$、隠れ状態の次元数 $H = 5$ の RNN（<code>Wx</code> (D, H)、<code>Wh</code> (H, H)）"
                  "を、長さ $T = 6$ の系列 $N = 4$ 本のバッチに適用します。損失の <code>Wh</code> についての勾配 "
                  "<code>dWh</code> の形状はどれでしょう？",
        },
        "options": [
            {"en": "(5, 5)", "ja": "(5, 5)"},
            {"en": "(3, 5)", "ja": "(3, 5)",
             "why": {"en": "That is the shape of <code>Wx</code> and of its gradient.",
                     "ja": "それは <code>Wx</code> とその勾配の形状です。"}},
            {"en": "(6, 5, 5): one matrix per step", "ja": "(6, 5, 5)：ステップごとに 1 つの行列",
             "why": {"en": "The same <code>Wh</code> is used at every step, so its gradient is the sum of the steps' "
                           "contributions, not a stack of them.",
                     "ja": "<code>Wh</code> はすべてのステップで同じものを使うので、勾配は各ステップの寄与を並べたもの"
                           "ではなく、足し合わせたものです。"}},
            {"en": "(4, 5): one row per sequence", "ja": "(4, 5)：系列ごとに 1 行",
             "why": {"en": "The batch is summed over too; (N, H) is the shape of a hidden state.",
                     "ja": "バッチについても足し合わせます。(N, H) は隠れ状態の形状です。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "A gradient always has the shape of its parameter. BPTT sums over the steps and the batch: "
                  "$\\partial L/\\partial W_h = \\sum_t h_{t-1}^\\top \\delta_t$, with $h_{t-1}$ $(N, H)$ and "
                  "$\\delta_t$ $(N, H)$, so every term is $(H, H) = (5, 5)$.",
            "ja": "勾配の形状は、つねにそのパラメータの形状と同じです。BPTT ではステップとバッチについて足し合わせます。"
                  "$\\partial L/\\partial W_h = \\sum_t h_{t-1}^\\top \\delta_t$ で、$h_{t-1}$ も $\\delta_t$ も "
                  "$(N, H)$ なので、各項は $(H, H) = (5, 5)$ です。",
        },
    },
    "12.rnn-jacobian": {
        "kind": "numeric",
        "question": {
            "en": "A one-unit RNN computes $h_t = \\tanh(w\\,h_{t-1} + u\\,x_t)$ with $w = 2$. At a step where "
                  "$h_t = 0.6$, what is the derivative $\\partial h_t / \\partial h_{t-1}$?",
            "ja": "1 ユニットの RNN が $h_t = \\tanh(w\\,h_{t-1} + u\\,x_t)$、$w = 2$ を計算します。$h_t = 0.6$ "
                  "となるステップで、微分 $\\partial h_t / \\partial h_{t-1}$ はいくつでしょう？",
        },
        "answer": 1.28,
        "hint": {"en": "$\\tanh'(u) = 1 - \\tanh^2(u)$, and the chain rule adds the factor $w$.",
                 "ja": "$\\tanh'(u) = 1 - \\tanh^2(u)$ で、連鎖律により係数 $w$ が掛かります。"},
        "explanation": {
            "en": "$\\partial h_t / \\partial h_{t-1} = w\\,(1 - h_t^2) = 2 \\times 0.64 = 1.28$. A product of such "
                  "factors over many steps explodes when they stay above 1 and vanishes when they stay below 1.",
            "ja": "$\\partial h_t / \\partial h_{t-1} = w\\,(1 - h_t^2) = 2 \\times 0.64 = 1.28$ です。このような因子の"
                  "積は、多くのステップで 1 を上回り続ければ爆発し、下回り続ければ消失します。",
        },
    },
    "12.sigmoid-at-08": {
        "kind": "numeric",
        "question": {
            "en": "The forward pass gave $\\sigma(x) = 0.8$. What is the sigmoid's derivative $\\sigma'(x)$ at that "
                  "$x$?",
            "ja": "順伝播で $\\sigma(x) = 0.8$ が得られました。その $x$ でのシグモイド関数の微分 $\\sigma'(x)$ は"
                  "いくつでしょう？",
        },
        "answer": 0.16,
        "hint": {"en": "$\\sigma' = \\sigma\\,(1 - \\sigma)$.", "ja": "$\\sigma' = \\sigma\\,(1 - \\sigma)$ です。"},
        "explanation": {
            "en": "$\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x)) = 0.8 \\times 0.2 = 0.16$: below the maximum 1/4, "
                  "which it reaches only at $\\sigma = 0.5$.",
            "ja": "$\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x)) = 0.8 \\times 0.2 = 0.16$ です。最大値 1/4 に届くのは "
                  "$\\sigma = 0.5$ のときだけです。",
        },
    },
    "12.clip-condition": {
        "kind": "code",
        "question": {
            "en": "The exam material writes clipping by norm with a ratio <code>rate</code>. Which condition fills "
                  "the blank?",
            "ja": "試験の教材では、ノルムによるクリッピングを比 <code>rate</code> を使って書きます。空欄に入る条件は"
                  "どれでしょう？",
        },
        "code": CLIP_RATE_CODE,
        "options": ["rate < 1", "rate > 1", "norm < threshold", "norm > 1"],
        "answer": 0,
        "why": {
            1: {"en": "<code>rate &gt; 1</code> means the gradient is already shorter than the threshold: "
                      "multiplying by <code>rate</code> would stretch it.",
                "ja": "<code>rate &gt; 1</code> は勾配がすでに閾値より短いということです。<code>rate</code> "
                      "を掛けると引き伸ばしてしまいます。"},
            2: {"en": "<code>norm &lt; threshold</code> is the same test as <code>rate &gt; 1</code>: it stretches "
                      "the short gradients and leaves the long ones alone.",
                "ja": "<code>norm &lt; threshold</code> は <code>rate &gt; 1</code> と同じ判定で、"
                      "短い勾配を引き伸ばし、長い勾配はそのままにします。"},
            3: {"en": "This compares the norm with 1, not with the threshold: it is right only when the threshold "
                      "is 1.",
                "ja": "ノルムを閾値ではなく 1 と比べています。正しいのは閾値がちょうど 1 のときだけです。"},
        },
        "explanation": {
            "en": "<code>rate &lt; 1</code> means <code>norm &gt; threshold</code>: only a gradient longer than the "
                  "threshold is shortened, once, to length exactly the threshold. <code>rate &gt; 1</code> and "
                  "<code>norm &lt; threshold</code> would stretch the short gradients instead, and "
                  "<code>norm &gt; 1</code> compares with 1 rather than with the threshold.",
            "ja": "<code>rate &lt; 1</code> は <code>norm &gt; threshold</code> と同じ意味です。閾値より長い勾配だけを、"
                  "1 回だけ、長さがちょうど閾値になるように縮めます。<code>rate &gt; 1</code> や "
                  "<code>norm &lt; threshold</code> では逆に短い勾配を引き伸ばしてしまい、<code>norm &gt; 1</code> は"
                  "閾値ではなく 1 と比べています。",
        },
    },
    "12.exploding-cause": {
        "kind": "choice",
        "question": {
            "en": "What makes the gradient of an RNN explode?",
            "ja": "RNN の勾配が爆発する原因はどれでしょう？",
        },
        "options": [
            {"en": "A learning rate that is too large.", "ja": "学習率が大きすぎること。",
             "why": {"en": "The learning rate does not enter the gradient; it only makes the damage of a huge "
                           "gradient worse when the step is taken.",
                     "ja": "学習率は勾配の計算には入りません。巨大な勾配で一歩進むときの被害を大きくするだけです。"}},
            {"en": "The product of the recurrent Jacobians over many steps, which can grow when the largest singular "
                   "value of $W_h$ times the derivative bound $\\gamma$ exceeds 1.",
             "ja": "多くのステップにわたる再帰のヤコビ行列の積。$W_h$ の最大特異値と導関数の上界 $\\gamma$ の積が "
                   "1 を超えると大きくなりうる。"},
            {"en": "The sigmoid's derivative, which is small everywhere.", "ja": "シグモイド関数の微分がどこでも小さいこと。",
             "why": {"en": "A factor of at most 1/4 shrinks the product: it works towards vanishing, not exploding.",
                     "ja": "1/4 以下の因子は積を小さくします。爆発ではなく消失の方向に働きます。"}},
            {"en": "Gradient clipping applied too often.", "ja": "勾配クリッピングを何度も適用すること。",
             "why": {"en": "Clipping only ever shortens a gradient, once per update.",
                     "ja": "クリッピングは 1 回の更新につき 1 回、勾配を短くするだけです。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "The gradient reaching step $t-k$ is a product of $k$ Jacobians $\\partial h_s/\\partial h_{s-1}$. "
                  "Pascanu et al. (2013): $\\lambda_1 > 1/\\gamma$ is necessary for it to explode. The study note "
                  "blames the learning rate; a large one makes the explosion's damage worse, but it is not the cause.",
            "ja": "時刻 $t-k$ まで届く勾配は、$k$ 個のヤコビ行列 $\\partial h_s/\\partial h_{s-1}$ の積です。Pascanu ら"
                  "（2013）によれば、爆発には $\\lambda_1 > 1/\\gamma$ が必要です。学習ノートは学習率を原因としていますが、"
                  "大きな学習率は爆発の被害を大きくするだけで、原因ではありません。",
        },
    },
    "12.lstm-params": {
        "kind": "numeric",
        "question": {
            "en": "How many parameters has an LSTM layer with input size $D = 50$ and hidden size $H = 100$, without "
                  "peepholes: <code>Wx</code> (D, 4H), <code>Wh</code> (H, 4H) and one bias <code>b</code> (4H,)?",
            "ja": "入力の次元数 $D = 50$、隠れ状態の次元数 $H = 100$ の、覗き穴結合のない LSTM 層のパラメータはいくつ"
                  "でしょう？<code>Wx</code> (D, 4H)、<code>Wh</code> (H, 4H)、バイアス <code>b</code> (4H,) を数えます。",
        },
        "answer": 60400,
        "rtol": 0.0,
        "hint": {"en": "Four blocks (i, f, g, o) of $DH + H^2 + H$.",
                 "ja": "$DH + H^2 + H$ のブロックが 4 つ（i、f、g、o）あります。"},
        "explanation": {
            "en": "$4\\,(DH + H^2 + H) = 4\\,(5000 + 10000 + 100) = 60400$. The recurrent weights $4H^2$ are about "
                  "two thirds of it (40000); peepholes would add $3H = 300$.",
            "ja": "$4\\,(DH + H^2 + H) = 4\\,(5000 + 10000 + 100) = 60400$ です。そのうち約 3 分の 2（40000）が再帰の重み "
                  "$4H^2$ です。覗き穴結合を加えると $3H = 300$ 増えます。",
        },
    },
    "12.gate-roles": {
        "kind": "choice",
        "question": {
            "en": "Which statement about the gates of an LSTM is right?",
            "ja": "LSTM のゲートについて正しいものはどれでしょう？",
        },
        "options": [
            {"en": "The forget gate multiplies the previous cell state $c_{t-1}$: near 0 it erases it, near 1 it "
                   "keeps it.",
             "ja": "忘却ゲートは前のセル状態 $c_{t-1}$ に掛かる。0 に近ければ消し、1 に近ければ残す。"},
            {"en": "The output gate decides how much of the candidate is written into the cell.",
             "ja": "出力ゲートは、入力候補をセルにどれだけ書き込むかを決める。",
             "why": {"en": "That is the input gate. The output gate decides how much of $\\tanh(c_t)$ is read out "
                           "as $h_t$.",
                     "ja": "それは入力ゲートです。出力ゲートは $\\tanh(c_t)$ をどれだけ $h_t$ として読み出すかを"
                           "決めます。"}},
            {"en": "The input gate multiplies the previous hidden state $h_{t-1}$.",
             "ja": "入力ゲートは前の隠れ状態 $h_{t-1}$ に掛かる。",
             "why": {"en": "It multiplies the candidate $g_t$; $h_{t-1}$ enters every gate through its weights "
                           "$U$.",
                     "ja": "入力ゲートが掛かるのは入力候補 $g_t$ です。$h_{t-1}$ は重み $U$ を通してすべてのゲートに"
                           "入ります。"}},
            {"en": "All three gates use tanh, so that they can also subtract.",
             "ja": "3 つのゲートはどれも tanh を使い、引き算もできるようにしている。",
             "why": {"en": "Gates use the sigmoid, so they lie between 0 and 1 like a valve; tanh is for the "
                           "candidate and for reading out the cell.",
                     "ja": "ゲートはシグモイド関数を使うので、弁のように 0 から 1 の値をとります。tanh を使うのは"
                           "入力候補とセルの読み出しです。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ and $h_t = o_t \\odot \\tanh(c_t)$: the input gate "
                  "writes, the forget gate keeps or erases, the output gate reads.",
            "ja": "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$、$h_t = o_t \\odot \\tanh(c_t)$ です。入力ゲートが"
                  "書き込み、忘却ゲートが残すか消すかを決め、出力ゲートが読み出します。",
        },
    },
    "12.cell-update": {
        "kind": "numeric",
        "question": {
            "en": "An LSTM cell holds $c_{t-1} = 2$. At step $t$ the forget gate is $f_t = 0.5$, the input gate "
                  "$i_t = 0.25$ and the candidate $g_t = 0.8$. What is $c_t$?",
            "ja": "LSTM のセルが $c_{t-1} = 2$ を保持しています。時刻 $t$ で忘却ゲートが $f_t = 0.5$、入力ゲートが "
                  "$i_t = 0.25$、入力候補が $g_t = 0.8$ のとき、$c_t$ はいくつでしょう？",
        },
        "answer": 1.2,
        "hint": {"en": "$c_t = f_t\\,c_{t-1} + i_t\\,g_t$.", "ja": "$c_t = f_t\\,c_{t-1} + i_t\\,g_t$ です。"},
        "explanation": {
            "en": "$c_t = f_t\\,c_{t-1} + i_t\\,g_t = 0.5 \\times 2 + 0.25 \\times 0.8 = 1 + 0.2 = 1.2$: half of the "
                  "old content is kept, and a quarter of the candidate is written.",
            "ja": "$c_t = f_t\\,c_{t-1} + i_t\\,g_t = 0.5 \\times 2 + 0.25 \\times 0.8 = 1 + 0.2 = 1.2$ です。古い内容の"
                  "半分を残し、入力候補の 4 分の 1 を書き込みます。",
        },
    },
    "12.dlfs2-gates": {
        "kind": "code",
        "question": {
            "en": "Exam code often lays out an LSTM's four blocks as \"Deep Learning from Scratch 2\" (DLfS2) does in "
                  "its <code>TimeLSTM</code>: f, g, i, o, not the i, f, g, o of this series. The function below "
                  "computes the gates of one step in that layout. Choose the most appropriate expression for the "
                  "input gate <code>i</code>.",
            "ja": "試験のコードでは、LSTM の 4 つのブロックを『ゼロから作る Deep Learning ❷』（DLfS2）の "
                  "<code>TimeLSTM</code> と同じく f、g、i、o の順に並べることが多い（このシリーズは i、f、g、o の順）。"
                  "次の関数は、その並びで 1 ステップのゲートを計算する。入力ゲート <code>i</code> を求める式として"
                  "最も適切なものを選べ。",
        },
        "code": DLFS2_GATES_CODE,
        "options": ["sigmoid(A[:, 2 * H:3 * H])", "sigmoid(A[:, :H])", "np.tanh(A[:, 2 * H:3 * H])",
                    "sigmoid(A[:, 2 * H:])"],
        "answer": 0,
        "why": {
            1: {"en": "The first block is where this series keeps $i$; in the f, g, i, o layout it is the forget gate "
                      "<code>f</code>, which the line above already computes.",
                "ja": "先頭のブロックは、このシリーズでは $i$ の位置ですが、f、g、i、o の並びでは忘却ゲート "
                      "<code>f</code> です。1 行上ですでに計算しています。"},
            2: {"en": "The columns are right, but a gate goes through the sigmoid so that it lies between 0 and 1; "
                      "tanh is for the candidate <code>g</code>.",
                "ja": "列は合っていますが、ゲートは 0 と 1 の間に収まるようにシグモイド関数を通します。"
                      "tanh を使うのは入力候補 <code>g</code> です。"},
            3: {"en": "Slicing to the end takes the blocks of $i$ and $o$ together: the gate comes out with shape "
                      "$(N, 2H)$ instead of $(N, H)$.",
                "ja": "最後まで切り出すと $i$ と $o$ のブロックをまとめて取ってしまい、ゲートの形状が $(N, H)$ "
                      "ではなく $(N, 2H)$ になります。"},
        },
        "explanation": {
            "en": "In the order f, g, i, o the input gate is the third block, columns $2H$ to $3H$, and like every "
                  "gate it goes through the sigmoid. <code>A[:, :H]</code> is where the series keeps $i$, but here "
                  "it is $f$; tanh is for the candidate $g$; <code>A[:, 2 * H:]</code> runs to the end and takes "
                  "the blocks of $i$ and $o$ together, $(N, 2H)$ instead of $(N, H)$.",
            "ja": "f、g、i、o の順では、入力ゲートは 3 番目のブロック（列 $2H$ から $3H$）で、ほかのゲートと同じく"
                  "シグモイド関数を通します。<code>A[:, :H]</code> はこのシリーズでは $i$ の位置ですが、この並びでは "
                  "$f$ です。tanh を使うのは入力候補 $g$ です。<code>A[:, 2 * H:]</code> は最後まで取るので $i$ と $o$ "
                  "のブロックを合わせてしまい、形状が $(N, H)$ ではなく $(N, 2H)$ になります。",
        },
    },
    "12.wrong-gru": {
        "kind": "choice",
        "question": {
            "en": "Choose the statement about the GRU, compared with the LSTM, that is <b>wrong</b>.",
            "ja": "LSTM と比べた GRU についての記述として<b>誤っているもの</b>を選べ。",
        },
        "options": [
            {"en": "A GRU keeps its memory in the hidden state itself: it has no separate cell state.",
             "ja": "GRU は記憶を隠れ状態そのものに保ち、別のセル状態をもたない。",
             "why": {"en": "This is right: $h_t$ is both the memory and the output.",
                     "ja": "これは正しい記述です。$h_t$ が記憶であり、出力でもあります。"}},
            {"en": "A GRU couples writing and keeping: the more of its candidate it takes in, the less of its old "
                   "state it keeps.",
             "ja": "GRU では書き込みと保持が連動していて、入力候補を多く取り込むほど、古い状態は少ししか残らない。",
             "why": {"en": "This is right: the two weights of its last line add up to 1.",
                     "ja": "これは正しい記述です。最後の行の 2 つの重みは足すと 1 になります。"}},
            {"en": "For the same input and hidden sizes, a GRU has more parameters than an LSTM.",
             "ja": "入力と隠れ状態の次元数が同じなら、GRU のほうが LSTM よりパラメータが多い。"},
            {"en": "Both compute their gates with the sigmoid and their candidate with tanh.",
             "ja": "どちらも、ゲートはシグモイド関数で、入力候補は tanh で計算する。",
             "why": {"en": "This is right for both.", "ja": "これは正しい記述です。どちらにも当てはまります。"}},
        ],
        "answer": 2,
        "explanation": {
            "en": "A GRU has three blocks of weights (reset, update, candidate), an LSTM four (i, f, g, o): "
                  "$3(DH + H^2 + 2H)$ against $4(DH + H^2 + H)$, fewer whenever $D + H > 2$, about three quarters.",
            "ja": "GRU の重みは 3 ブロック（リセット、更新、入力候補）、LSTM は 4 ブロック（i、f、g、o）です。"
                  "$3(DH + H^2 + 2H)$ と $4(DH + H^2 + H)$ で、$D + H > 2$ なら GRU のほうが少なく、およそ 4 分の 3 です。",
        },
    },
    "12.wrong-gradients": {
        "kind": "choice",
        "question": {
            "en": "Choose the statement about gradients in recurrent networks that is <b>wrong</b>.",
            "ja": "再帰型ネットワークの勾配についての記述として<b>誤っているもの</b>を選べ。",
        },
        "options": [
            {"en": "A plain RNN's gradient can vanish or explode, depending on its recurrent weight and its "
                   "activation function.",
             "ja": "素の RNN の勾配は、再帰の重みと活性化関数しだいで、消失することも爆発することもある。",
             "why": {"en": "This is right: both happen, as notebooks 01 and 03 show.",
                     "ja": "これは正しい記述です。ノートブック 01 と 03 のとおり、どちらも起こります。"}},
            {"en": "An LSTM's gradient along the cell path can never vanish, since that path holds no weight matrix.",
             "ja": "LSTM のセルの経路には重み行列がないので、その経路の勾配が消失することは決してない。"},
            {"en": "Starting the forget-gate bias at 1 keeps most of the cell state at first, so that gradients can "
                   "flow back along the cell path early in training.",
             "ja": "忘却ゲートのバイアスを 1 から始めると、初めのうちはセル状態の大部分が保たれ、学習の初期から勾配が"
                   "セルの経路を遡れる。",
             "why": {"en": "This is right: that is the reason for the recommendation (notebook 06).",
                     "ja": "これは正しい記述です。それがこの推奨の理由です（ノートブック 06）。"}},
            {"en": "Clipping by norm keeps the direction of the gradient and changes only its length.",
             "ja": "ノルムによるクリッピングは、勾配の向きを保ったまま長さだけを変える。",
             "why": {"en": "This is right: every component is multiplied by the same factor.",
                     "ja": "これは正しい記述です。すべての成分に同じ係数が掛かります。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Along the cell path each step back multiplies by the forget gate $f_t$, a value between 0 and 1. "
                  "The path has no weight matrix, but a product of many gates below 1 still shrinks: the LSTM "
                  "keeps a gradient alive only while its forget gates stay near 1.",
            "ja": "セルの経路では、1 ステップ遡るごとに 0 から 1 の値をとる忘却ゲート $f_t$ が掛かります。重み行列は"
                  "ありませんが、1 未満のゲートを何度も掛ければ積は小さくなります。LSTM が勾配を保てるのは、忘却ゲートが "
                  "1 に近いあいだだけです。",
        },
    },
    "12.which-fails": {
        "kind": "choice",
        "question": {
            "en": "Which of these results did the series, or the papers it cites, find?",
            "ja": "このシリーズ（または引用した論文）で得られた結果はどれでしょう？",
        },
        "options": [
            {"en": "A tanh RNN did not learn the adding problem at $T = 100$ within our budget, while the LSTM and "
                   "the GRU did.",
             "ja": "$T = 100$ の加算問題を、tanh の RNN は学習回数の上限内に学習できなかったが、LSTM と GRU は学習"
                   "できた。"},
            {"en": "An LSTM without forget gate handles a never-reset stream well, since its CEC keeps everything.",
             "ja": "忘却ゲートのない LSTM は、CEC がすべてを保つので、連続ストリーム（リセットなし）をうまく扱える。",
             "why": {"en": "Keeping everything is the problem: the cell state drifts and saturates (notebook 06).",
                     "ja": "すべてを保つことこそが問題です。セル状態がドリフトして飽和します（ノートブック 06）。"}},
            {"en": "Removing the peepholes made the LSTM fail on the benchmarks of Greff et al. (2017).",
             "ja": "Greff ら（2017）のベンチマークでは、覗き穴結合を除くと LSTM が学習できなくなった。",
             "why": {"en": "They found no significant harm from removing peepholes (notebook 07).",
                     "ja": "覗き穴結合を除いても有意な悪化は見られませんでした（ノートブック 07）。"}},
            {"en": "Gradient clipping lets a plain RNN learn long time lags, because it cures vanishing gradients.",
             "ja": "勾配クリッピングは勾配消失を治すので、素の RNN でも長い時間差を学習できるようになる。",
             "why": {"en": "Clipping only shortens gradients that are too long (notebook 03).",
                     "ja": "クリッピングは長すぎる勾配を短くするだけです（ノートブック 03）。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "Notebooks 08 and 10: at $T = 100$ the RNN's error stayed near the baseline, while the gated models "
                  "found the two marked numbers. Where each variant fails: the RNN on long lags (vanishing "
                  "gradient), the LSTM without forget gate on never-reset streams (state drift); in Greff et al., "
                  "removing the forget gate or the output activation function hurt most.",
            "ja": "ノートブック 08 と 10：$T = 100$ では RNN の誤差はベースライン付近にとどまり、ゲートをもつモデルは "
                  "2 つの印の数を見つけました。失敗する場面は変種ごとに違います。RNN は長い時間差で（勾配消失）、"
                  "忘却ゲートのない LSTM は連続ストリーム（リセットなし）で（状態のドリフト）失敗します。Greff らでは、"
                  "忘却ゲートか出力の活性化関数を除いたときがいちばん悪化しました。",
        },
    },
    "12.shape-dwx-lstm": {
        "kind": "choice",
        "question": {
            "en": "An LSTM has input size $D = 3$ and hidden size $H = 4$, its four gates side by side in "
                  "<code>Wx</code>. After the backward pass over a batch, what is the shape of <code>dWx</code>?",
            "ja": "入力の次元数 $D = 3$、隠れ状態の次元数 $H = 4$ の LSTM で、4 つのゲートの重みを <code>Wx</code> に並べて"
                  "います。バッチについて逆伝播したあとの <code>dWx</code> の形状はどれでしょう？",
        },
        "options": [
            {"en": "(3, 16)", "ja": "(3, 16)"},
            {"en": "(3, 4)", "ja": "(3, 4)",
             "why": {"en": "That would be one gate's block.", "ja": "それは 1 つのゲートのブロックです。"}},
            {"en": "(4, 16)", "ja": "(4, 16)",
             "why": {"en": "That is the shape of <code>Wh</code>: $(H, 4H)$.",
                     "ja": "それは <code>Wh</code> の形状 $(H, 4H)$ です。"}},
            {"en": "(16, 3)", "ja": "(16, 3)",
             "why": {"en": "The series multiplies $x_t W_x$ with $x_t$ $(N, D)$, so $W_x$ is $(D, 4H)$; "
                           "(4H, D) is PyTorch's layout.",
                     "ja": "このシリーズでは $x_t$ $(N, D)$ に右から $W_x$ を掛けるので $W_x$ は $(D, 4H)$ です。"
                           "(4H, D) は PyTorch の並べ方です。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "$W_x$ is $(D, 4H) = (3, 16)$ and its gradient has the same shape: "
                  "$\\partial L/\\partial W_x = \\sum_t x_t^\\top \\delta a_t$ with $\\delta a_t$ $(N, 4H)$.",
            "ja": "$W_x$ は $(D, 4H) = (3, 16)$ で、勾配も同じ形状です。$\\partial L/\\partial W_x = \\sum_t x_t^\\top "
                  "\\delta a_t$（$\\delta a_t$ は $(N, 4H)$）。",
        },
    },
    "12.output-gate-backward": {
        "kind": "code",
        "question": {
            "en": "The hidden state is $h = o \\odot \\tanh(c)$. Which line computes $\\partial L/\\partial o$ from "
                  "<code>dh</code> $= \\partial L/\\partial h$?",
            "ja": "隠れ状態は $h = o \\odot \\tanh(c)$ です。<code>dh</code> $= \\partial L/\\partial h$ から "
                  "$\\partial L/\\partial o$ を求める行はどれでしょう？",
        },
        "code": OUTPUT_GATE_BACKWARD_CODE,
        "options": ["dh * np.tanh(c)", "dh * o * (1 - o)", "dh * np.tanh(c) * o * (1 - o)",
                    "dh * (1 - np.tanh(c) ** 2)"],
        "answer": 0,
        "why": {
            1: {"en": "$o(1 - o)$ is the sigmoid's derivative, and the factor $\\tanh(c)$ that $o$ multiplies is "
                      "missing.",
                "ja": "$o(1 - o)$ はシグモイド関数の導関数です。しかも $o$ が掛かる相手の $\\tanh(c)$ "
                      "が抜けています。"},
            2: {"en": "This goes one step too far: the extra $o(1 - o)$ makes it the gradient of the "
                      "pre-activation $a_o$, not of $o$.",
                "ja": "1 段戻りすぎています。余分な $o(1 - o)$ のせいで、$o$ ではなく活性化前の値 $a_o$ "
                      "の勾配になります。"},
            3: {"en": "$1 - \\tanh^2(c)$ belongs to the derivative with respect to $c$ (the next line), not to $o$.",
                "ja": "$1 - \\tanh^2(c)$ は $c$ についての微分（次の行）のものです。$o$ "
                      "についての微分には出てきません。"},
        },
        "explanation": {
            "en": "$h$ is a product, so its derivative with respect to $o$ is the other factor: "
                  "$\\partial L/\\partial o = \\partial L/\\partial h \\odot \\tanh(c)$. Multiplying by "
                  "$o(1 - o)$ as well gives the gradient of the gate's pre-activation $a_o$, the next step back.",
            "ja": "$h$ は積なので、$o$ についての微分はもう一方の因子です。$\\partial L/\\partial o = "
                  "\\partial L/\\partial h \\odot \\tanh(c)$。さらに $o(1 - o)$ を掛けると、その次の段階であるゲートの"
                  "活性化前の値 $a_o$ についての勾配になります。",
        },
    },
    "12.reset-gate": {
        "kind": "choice",
        "question": {
            "en": "What does the reset gate $r_t$ of a GRU do?",
            "ja": "GRU のリセットゲート $r_t$ の役割はどれでしょう？",
        },
        "options": [
            {"en": "It decides how much of $h_{t-1}$ the candidate $n_t$ may use.",
             "ja": "入力候補 $n_t$ が $h_{t-1}$ をどれだけ使えるかを決める。"},
            {"en": "It sets the hidden state to zero at the end of each sequence.",
             "ja": "系列の終わりごとに隠れ状態を 0 に戻す。",
             "why": {"en": "It is a learned gate at every step, not a reset between sequences.",
                     "ja": "毎ステップ働く学習されたゲートで、系列の間のリセットではありません。"}},
            {"en": "It decides how much of $h_{t-1}$ is carried over to $h_t$.",
             "ja": "$h_{t-1}$ を $h_t$ にどれだけ引き継ぐかを決める。",
             "why": {"en": "That is the update gate $z_t$.", "ja": "それは更新ゲート $z_t$ の役割です。"}},
            {"en": "It plays the LSTM's output gate.", "ja": "LSTM の出力ゲートの役を担う。",
             "why": {"en": "A GRU has no output gate: its state is its output.",
                     "ja": "GRU には出力ゲートがありません。状態そのものが出力です。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "$n_t = \\tanh(x_t W_{x,n} + b_{x,n} + (r_t \\odot h_{t-1}) W_{h,n} + b_{h,n})$: with $r_t \\approx 0$ "
                  "the candidate is computed as if the past were empty. It never touches the path "
                  "$z_t \\odot h_{t-1}$ that keeps the state.",
            "ja": "$n_t = \\tanh(x_t W_{x,n} + b_{x,n} + (r_t \\odot h_{t-1}) W_{h,n} + b_{h,n})$ です。$r_t \\approx 0$ "
                  "なら、過去が空であるかのように入力候補を計算します。状態を残す経路 $z_t \\odot h_{t-1}$ には"
                  "掛かりません。",
        },
    },
    "12.gru-dz": {
        "kind": "code",
        "question": {
            "en": "The GRU's last line is $h = (1 - z) \\odot n + z \\odot h_{t-1}$. Which line computes "
                  "$\\partial L/\\partial z$?",
            "ja": "GRU の最後の行は $h = (1 - z) \\odot n + z \\odot h_{t-1}$ です。$\\partial L/\\partial z$ を求める"
                  "行はどれでしょう？",
        },
        "code": GRU_MIX_BACKWARD_CODE,
        "options": ["dh * (h_prev - n)", "dh * (n - h_prev)", "dh * z * (1 - z)", "dh * h_prev"],
        "answer": 0,
        "why": {
            1: {"en": "The sign is wrong: $\\partial h/\\partial z = h_{t-1} - n$, since a larger $z$ pulls $h$ "
                      "towards $h_{t-1}$ and away from $n$.",
                "ja": "符号が逆です。$z$ が大きいほど $h$ は $n$ から離れて $h_{t-1}$ に近づくので、$\\partial "
                      "h/\\partial z = h_{t-1} - n$ です。"},
            2: {"en": "$z(1 - z)$ is the sigmoid's derivative: it comes one step later, on the way to the "
                      "pre-activation, and $h_{t-1} - n$ is missing.",
                "ja": "$z(1 - z)$ はシグモイド関数の導関数で、活性化前の値へ戻る次の段で掛かります。しかも "
                      "$h_{t-1} - n$ が抜けています。"},
            3: {"en": "$z$ also takes weight away from $n$: the term $-n$ from $(1 - z) \\odot n$ is missing.",
                "ja": "$z$ は $n$ からも重みを奪います。$(1 - z) \\odot n$ から来る $-n$ の項が抜けています。"},
        },
        "explanation": {
            "en": "$\\partial h/\\partial z = -n + h_{t-1}$, so $\\partial L/\\partial z = \\partial L/\\partial h "
                  "\\odot (h_{t-1} - n)$. The sign matters: $z$ pulls $h$ towards $h_{t-1}$ and away from $n$. "
                  "The factor $z(1 - z)$ comes one step later, on the way to the pre-activation.",
            "ja": "$\\partial h/\\partial z = -n + h_{t-1}$ なので、$\\partial L/\\partial z = \\partial L/\\partial h "
                  "\\odot (h_{t-1} - n)$ です。符号が大切です。$z$ は $h$ を $n$ から $h_{t-1}$ の方へ引き寄せます。"
                  "因子 $z(1 - z)$ は、活性化前の値へ進むその次の段階で掛かります。",
        },
    },
}
