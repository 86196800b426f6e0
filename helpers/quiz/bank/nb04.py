"""Quizzes of notebook 04 (the Constant Error Carousel)."""

QUIZZES = {
    "04.cec-weight": {
        "kind": "numeric",
        "question": {
            "en": "A unit has a linear activation, so $f'(u) = 1$ for every $u$. Which self-weight $w$ makes the "
                  "backward factor $w\\,f'(u)$ exactly 1, so that the error is passed back unchanged at every step?",
            "ja": "線形の活性化関数をもつユニットがあります。どんな $u$ でも $f'(u) = 1$ です。逆伝播の因子 "
                  "$w\\,f'(u)$ をちょうど 1 にして、誤差をどのステップでもそのまま逆向きに渡すには、"
                  "自己ループの重み $w$ をいくつにすればよいでしょう？",
        },
        "answer": 1.0,
        "explanation": {
            "en": "$w \\cdot 1 = 1$ gives $w = 1$: a linear unit with a self-loop of weight exactly 1, the CEC "
                  "(Hochreiter & Schmidhuber 1997, §3.2).",
            "ja": "$w \\cdot 1 = 1$ より $w = 1$ です。重みがちょうど 1 の自己ループをもつ線形ユニット、"
                  "これが CEC です（Hochreiter & Schmidhuber 1997, 3.2 節）。",
        },
    },
    "04.factor-100": {
        "kind": "numeric",
        "question": {
            "en": "Each step back multiplies an error by $w\\,f' = 0.9$. What fraction of it is left after 100 steps?",
            "ja": "1 ステップ遡るごとに誤差に $w\\,f' = 0.9$ が掛かります。100 ステップ遡ると、"
                  "誤差はもとの何倍残るでしょう？",
        },
        "answer": 0.9**100,
        "rtol": 0.02,
        "hint": {
            "en": "Multiply 0.9 by itself 100 times: $0.9^{100}$.",
            "ja": "0.9 を 100 回掛けます：$0.9^{100}$。",
        },
        "explanation": {
            "en": "$0.9^{100} \\approx 2.7 \\times 10^{-5}$: a factor only 10% below 1 leaves less than a "
                  "ten-thousandth after 100 steps. Only a factor of exactly 1 keeps the error.",
            "ja": "$0.9^{100} \\approx 2.7 \\times 10^{-5}$ です。1 より 10% 小さいだけの因子でも、100 ステップで"
                  "誤差は 1 万分の 1 未満になります。誤差を保てるのは因子がちょうど 1 のときだけです。",
        },
    },
    "04.why-linear": {
        "kind": "choice",
        "question": {
            "en": "Why does the CEC use a linear activation, instead of tanh with self-weight 1?",
            "ja": "CEC はなぜ、自己ループの重みを 1 にした tanh ではなく、線形の活性化関数を使うのでしょう？",
        },
        "options": [
            {"en": "$\\tanh'(u) = 1$ only at $u = 0$; elsewhere $w\\,\\tanh'(u) < 1$ and the error shrinks.",
             "ja": "$\\tanh'(u) = 1$ となるのは $u = 0$ のときだけで、それ以外では $w\\,\\tanh'(u) < 1$ となり誤差が縮むから。"},
            {"en": "tanh is too slow to compute at every step.",
             "ja": "tanh は毎ステップ計算するには遅すぎるから。",
             "why": {"en": "Speed has nothing to do with it; the question is what the backward factor is.",
                     "ja": "速さは関係ありません。問題は逆伝播の因子がいくつになるかです。"}},
            {"en": "tanh can output negative values, and a memory must be positive.",
             "ja": "tanh は負の値を出力するが、記憶は正でなければならないから。",
             "why": {"en": "The CEC holds negative values too; its content is unbounded in both directions.",
                     "ja": "CEC は負の値も保持します。その中身は正にも負にも上限がありません。"}},
            {"en": "tanh has no derivative at $u = 0$.",
             "ja": "tanh は $u = 0$ で微分できないから。",
             "why": {"en": "tanh is smooth everywhere; its derivative at 0 is 1.",
                     "ja": "tanh はどこでも滑らかで、0 での導関数は 1 です。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "The factor must be 1 for <i>every</i> input the unit may see. With $w\\,f'(u) = 1$ for all $u$, "
                  "$f'$ is the constant $1/w$, so $f$ is linear; with $w = 1$ it is the identity.",
            "ja": "因子は、ユニットが受け取りうる<b>どの</b>入力に対しても 1 でなければなりません。すべての $u$ で "
                  "$w\\,f'(u) = 1$ なら $f'$ は定数 $1/w$ なので $f$ は線形で、$w = 1$ なら恒等関数です。",
        },
    },
    "04.conflict": {
        "kind": "choice",
        "question": {
            "en": "A bare CEC (weight 1 in, self-loop 1, no gates) is fed the adding problem: 100 values, two of "
                  "them marked. What goes wrong?",
            "ja": "ゲートのない CEC（入力の重み 1、自己ループ 1）に加算問題を与えます。100 個の値のうち 2 個に"
                  "印が付いています。何がうまくいかないでしょう？",
        },
        "options": [
            {"en": "Its one input weight writes every value, not just the two marked ones: the cell ends up "
                   "holding the sum of all 100.",
             "ja": "入力の重みは 1 つしかないので、印の付いた 2 個だけでなくすべての値が書き込まれ、"
                   "セルには 100 個全部の和が残る。"},
            {"en": "The error vanishes on its way back through the CEC.",
             "ja": "CEC を逆向きに通るうちに誤差が消失する。",
             "why": {"en": "Through the self-loop of weight 1 the error is passed back unchanged; that part works.",
                     "ja": "重み 1 の自己ループでは誤差はそのまま逆伝播します。そこは問題ありません。"}},
            {"en": "The self-loop of weight 1 makes the error explode.",
             "ja": "重み 1 の自己ループのせいで誤差が爆発する。",
             "why": {"en": "$1^{100} = 1$: it neither shrinks nor grows.",
                     "ja": "$1^{100} = 1$ なので、縮みも膨らみもしません。"}},
            {"en": "Nothing: a CEC alone solves the adding problem.",
             "ja": "何も問題はない。CEC だけで加算問題は解ける。",
             "why": {"en": "The notebook measured it: the best linear read-out of the bare CEC is no better "
                           "than always answering 1.0.",
                     "ja": "ノートブックで測ったとおり、ゲートのない CEC から最良の線形読み出しをしても、"
                           "常に 1.0 と答えるのと変わりません。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "This is the input weight conflict of Hochreiter & Schmidhuber (1997): one weight must both "
                  "store the relevant inputs and ignore the rest. An input gate that looks at the marker resolves "
                  "it; the output gate does the same for reading (the output weight conflict).",
            "ja": "これが Hochreiter & Schmidhuber (1997) の言う入力重みの衝突です。1 つの重みで、必要な入力を"
                  "記憶することと、それ以外を無視することを両立させなければなりません。印を見て開く入力ゲートが"
                  "これを解決し、読み出し側の衝突（出力重みの衝突）は出力ゲートが解決します。",
        },
    },
    "04.drift": {
        "kind": "numeric",
        "question": {
            "en": "An LSTM cell without forget gate starts at $c_0 = 0$, and every step adds $i_t g_t$ with "
                  "$i_t = 0.5$ and $g_t = 0.2$. What is $c_{100}$?",
            "ja": "忘却ゲートのない LSTM のセルが $c_0 = 0$ から始まり、毎ステップ $i_t g_t$ が足されます。"
                  "$i_t = 0.5$、$g_t = 0.2$ のとき、$c_{100}$ はいくつでしょう？",
        },
        "answer": 10.0,
        "hint": {
            "en": "Without forget gate $c_t = c_{t-1} + i_t g_t$: nothing is ever taken away.",
            "ja": "忘却ゲートがなければ $c_t = c_{t-1} + i_t g_t$ で、何も差し引かれません。",
        },
        "explanation": {
            "en": "$100 \\times 0.5 \\times 0.2 = 10$. Then $\\tanh(10) \\approx 1$ and $\\tanh'(10) \\approx 8 "
                  "\\times 10^{-9}$: the output $h = o \\tanh(c)$ no longer changes with $c$, so almost no error "
                  "enters the cell. That is the state drift a negative input-gate bias prevents.",
            "ja": "$100 \\times 0.5 \\times 0.2 = 10$ です。すると $\\tanh(10) \\approx 1$、$\\tanh'(10) \\approx 8 "
                  "\\times 10^{-9}$ となり、出力 $h = o \\tanh(c)$ は $c$ が変わってもほとんど変わらないので、"
                  "セルには誤差がほとんど入りません。入力ゲートの負のバイアスが防ぐのは、この状態ドリフトです。",
        },
    },
    "04.input-bias": {
        "kind": "numeric",
        "question": {
            "en": "An input gate has bias $-3$ and, at the start of training, its other inputs sum to about 0. "
                  "What is its value $i_t = \\sigma(-3)$? (three significant digits)",
            "ja": "入力ゲートのバイアスが $-3$ で、学習の始めには他の入力の和がほぼ 0 です。"
                  "ゲートの値 $i_t = \\sigma(-3)$ はいくつでしょう？（有効数字 3 桁）",
        },
        "answer": 0.0474258731775668,
        "rtol": 0.01,
        "explanation": {
            "en": "$\\sigma(-3) = 1/(1 + e^{3}) \\approx 0.0474$: the gate lets in under 5% of each candidate, "
                  "about ten times less than at bias 0 ($\\sigma(0) = 0.5$), so the cell drifts ten times more slowly "
                  "until training learns when to open it.",
            "ja": "$\\sigma(-3) = 1/(1 + e^{3}) \\approx 0.0474$ です。ゲートは入力候補の 5% 未満しか通さず、"
                  "バイアス 0（$\\sigma(0) = 0.5$）のときの約 10 分の 1 です。そのため、いつ開くべきかを"
                  "学習するまで、セルのドリフトは 10 分の 1 の速さに抑えられます。",
        },
    },
}
