"""Quizzes of notebook 02 (the sigmoid's derivative)."""

QUIZZES = {
    "02.sigmoid-max": {  # the study note's 確認テスト23, in our own words
        "kind": "numeric",
        "question": {
            "en": "確認テスト23. The derivative of the sigmoid $\\sigma(x) = 1/(1+e^{-x})$ takes its largest value at "
                  "$x = 0$. Find that value.",
            "ja": "確認テスト23：シグモイド関数 $\\sigma(x) = 1/(1+e^{-x})$ の導関数は、$x = 0$ で最大値をとる。"
                  "その値を求めよ。",
        },
        "answer": 0.25,
        "hint": {
            "en": "Use $\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$ and $\\sigma(0) = 1/2$.",
            "ja": "$\\sigma'(x) = \\sigma(x)(1-\\sigma(x))$ と $\\sigma(0) = 1/2$ を使いましょう。",
        },
        "explanation": {
            "en": "$\\sigma(0) = 1/2$, so $\\sigma'(0) = \\tfrac12 \\cdot \\tfrac12 = \\tfrac14$. Everywhere else "
                  "$\\sigma$ is further from $1/2$ and the product $\\sigma(1-\\sigma)$ is smaller.",
            "ja": "$\\sigma(0) = 1/2$ なので $\\sigma'(0) = \\tfrac12 \\cdot \\tfrac12 = \\tfrac14$ です。"
                  "他の $x$ では $\\sigma$ が $1/2$ から離れるので、積 $\\sigma(1-\\sigma)$ は小さくなります。",
        },
    },
    "02.tanh-max": {
        "kind": "numeric",
        "question": {
            "en": "What is the largest value of the derivative $\\tanh'(x) = 1 - \\tanh^2(x)$?",
            "ja": "導関数 $\\tanh'(x) = 1 - \\tanh^2(x)$ の最大値はいくつでしょう？",
        },
        "answer": 1.0,
        "explanation": {
            "en": "At $x = 0$, $\\tanh(0) = 0$ and $\\tanh'(0) = 1$: four times the sigmoid's best. "
                  "(Indeed $\\tanh(x) = 2\\sigma(2x) - 1$, so $\\tanh'(x) = 4\\sigma'(2x)$.)",
            "ja": "$x = 0$ で $\\tanh(0) = 0$、$\\tanh'(0) = 1$ です。シグモイド関数の最大値の 4 倍です"
                  "（$\\tanh(x) = 2\\sigma(2x) - 1$ なので $\\tanh'(x) = 4\\sigma'(2x)$）。",
        },
    },
    "02.ten-steps": {
        "kind": "numeric",
        "question": {
            "en": "A gradient flows back through 10 sigmoid units in a row, each at its steepest point and "
                  "each connected by a weight of exactly 1. What fraction of the gradient is left?",
            "ja": "勾配が 10 個のシグモイドユニットを順に逆伝播します。どのユニットも傾きが最大の点にあり、"
                  "つなぐ重みはすべてちょうど 1 です。勾配はもとの何倍残るでしょう？",
        },
        "answer": 0.25**10,
        "rtol": 0.02,
        "hint": {
            "en": "Each unit multiplies the gradient by at most 1/4.",
            "ja": "各ユニットは勾配を高々 1/4 倍にします。",
        },
        "explanation": {
            "en": "$(1/4)^{10} = 1/1048576 \\approx 9.5 \\times 10^{-7}$: less than a millionth, and that is the "
                  "best case.",
            "ja": "$(1/4)^{10} = 1/1048576 \\approx 9.5 \\times 10^{-7}$。百万分の一以下で、しかもこれが最良の場合です。",
        },
    },
    "02.from-output": {
        "kind": "choice",
        "question": {
            "en": "In the forward pass you kept only the output $s = \\sigma(x)$, not $x$. "
                  "Which expression gives $\\sigma'(x)$ for the backward pass?",
            "ja": "順伝播では出力 $s = \\sigma(x)$ だけを保存し、$x$ は捨てました。"
                  "逆伝播で $\\sigma'(x)$ を求める式はどれでしょう？",
        },
        "options": [
            {"en": "$1 - s^2$", "ja": "$1 - s^2$",
             "why": {"en": "That is $\\tanh'$ written with $\\tanh$'s output.",
                     "ja": "それは tanh の出力で書いた $\\tanh'$ です。"}},
            {"en": "$s(1 - s)$", "ja": "$s(1 - s)$"},
            {"en": "$s^2$", "ja": "$s^2$",
             "why": {"en": "At $x = 0$ it gives 1/4 by luck, but at $x = 10$ it is near 1 while the slope is near 0.",
                     "ja": "$x = 0$ では偶然 1/4 になりますが、$x = 10$ では傾きがほぼ 0 なのにこの式はほぼ 1 です。"}},
            {"en": "$e^{-s}/(1+e^{-s})^2$", "ja": "$e^{-s}/(1+e^{-s})^2$",
             "why": {"en": "This is the derivative formula evaluated at the wrong point ($s$ instead of $x$).",
                     "ja": "導関数の式を、$x$ ではなく $s$ という違う点で評価しています。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "$\\sigma' = \\sigma(1-\\sigma) = s(1-s)$. That is why LSTM code stores gate <i>outputs</i>: the "
                  "backward pass needs nothing else.",
            "ja": "$\\sigma' = \\sigma(1-\\sigma) = s(1-s)$ です。LSTM の実装がゲートの<b>出力</b>を保存するのはこのためで、"
                  "逆伝播にはそれだけで足ります。",
        },
    },
    "02.whole-story": {
        "kind": "choice",
        "question": {
            "en": "In an RNN with sigmoid units, does $\\sigma' \\le 1/4$ on its own guarantee that gradients "
                  "vanish over many steps?",
            "ja": "シグモイド関数を使う RNN では、$\\sigma' \\le 1/4$ であることだけで、多くのステップを遡ると"
                  "勾配が必ず消失すると言えるでしょうか？",
        },
        "options": [
            {"en": "Yes: every step multiplies the gradient by at most 1/4.",
             "ja": "言える。各ステップで勾配は高々 1/4 倍になるから。",
             "why": {"en": "Each step also multiplies by the recurrent weight matrix, which can be large.",
                     "ja": "各ステップでは再帰の重み行列も掛かり、それは大きいこともあります。"}},
            {"en": "No: the recurrent weight multiplies in too; if its largest singular value exceeds 4 the "
                   "product can grow.",
             "ja": "言えない。再帰の重みも掛かるので、その最大特異値が 4 を超えれば積は大きくなりうる。"},
            {"en": "No: the sigmoid's derivative can exceed 1 for large inputs.",
             "ja": "言えない。入力が大きいとシグモイド関数の導関数は 1 を超えるから。",
             "why": {"en": "$\\sigma'$ never exceeds 1/4; it shrinks for large $|x|$.",
                     "ja": "$\\sigma'$ が 1/4 を超えることはなく、$|x|$ が大きいとむしろ小さくなります。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Each backward step multiplies by $\\mathrm{diag}(\\sigma'(u_t))\\,W_h^\\top$. Pascanu et al. (2013) "
                  "show that vanishing is guaranteed when $\\lambda_1 < 1/\\gamma = 4$ ($\\lambda_1$ the largest "
                  "singular value of $W_h$); above that it may explode instead. Notebook 01 shows both.",
            "ja": "逆伝播の各ステップでは $\\mathrm{diag}(\\sigma'(u_t))\\,W_h^\\top$ が掛かります。Pascanu ら（2013）は、"
                  "$W_h$ の最大特異値 $\\lambda_1$ が $1/\\gamma = 4$ より小さければ勾配消失が必ず起きることを示しました。"
                  "それより大きいと、逆に勾配爆発が起きることもあります。ノートブック 01 で両方を確かめます。",
        },
    },
}
