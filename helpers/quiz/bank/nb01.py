"""Quizzes of notebook 01 (the RNN's vanishing gradient)."""

QUIZZES = {
    "01.sufficient": {
        "kind": "choice",
        "question": {
            "en": "Let $\\lambda_1$ be the largest singular value of the recurrent weight $W_h$ and $\\gamma$ the largest "
                  "value of the activation's derivative. Stated in terms of $\\lambda_1$ and $\\gamma$, so that it holds "
                  "for every activation function, which condition <b>guarantees</b> that "
                  "$\\|\\partial h_t / \\partial h_{t-k}\\|$ shrinks to 0 as $k$ grows, whatever the inputs?",
            "ja": "$\\lambda_1$ を再帰の重み $W_h$ の最大特異値、$\\gamma$ を活性化関数の導関数の最大値とします。"
                  "入力が何であっても、$k$ を大きくすると $\\|\\partial h_t / \\partial h_{t-k}\\|$ が 0 に縮むことを"
                  "<b>保証する</b>条件を、どの活性化関数にも当てはまるように $\\lambda_1$ と $\\gamma$ で表したものは"
                  "どれでしょう？",
        },
        "options": [
            {"en": "$\\lambda_1 < 1/\\gamma$", "ja": "$\\lambda_1 < 1/\\gamma$"},
            {"en": "$\\lambda_1 > 1/\\gamma$", "ja": "$\\lambda_1 > 1/\\gamma$",
             "why": {"en": "That is only <i>necessary</i> for exploding; notebook 01's table shows the gradient can still vanish.",
                     "ja": "それは勾配爆発の必要条件にすぎません。ノートブック 01 の表のとおり、それでも消失することがあります。"}},
            {"en": "$\\gamma < 1$", "ja": "$\\gamma < 1$",
             "why": {"en": "The sigmoid has $\\gamma = 1/4$, yet with $\\lambda_1 = 12$ its gradient grew in notebook 01's table.",
                     "ja": "シグモイド関数は $\\gamma = 1/4$ ですが、ノートブック 01 の表では $\\lambda_1 = 12$ のとき勾配は増えました。"}},
            {"en": "$\\lambda_1 < 1/\\gamma^2$", "ja": "$\\lambda_1 < 1/\\gamma^2$",
             "why": {"en": "For tanh ($\\gamma = 1$) this is the right condition, but for the sigmoid it allows "
                           "$\\lambda_1$ up to 16, and with $\\lambda_1 = 12$ the gradient grew in notebook 01's table: the bound on "
                           "each backward factor is $\\gamma\\lambda_1$, which must stay below 1.",
                     "ja": "tanh（$\\gamma = 1$）なら正しい条件と一致しますが、シグモイド関数では $\\lambda_1$ が "
                           "16 まで許されてしまい、ノートブック 01 の表では $\\lambda_1 = 12$ で勾配が増えました。逆伝播の各因子の上界は "
                           "$\\gamma\\lambda_1$ で、これが 1 未満でなければなりません。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "Each step multiplies by $\\mathrm{diag}(f'(u_t))\\,W_h^\\top$, whose norm is at most "
                  "$\\gamma\\lambda_1$. If $\\gamma\\lambda_1 < 1$, $k$ steps shrink the gradient by at least "
                  "$(\\gamma\\lambda_1)^k \\to 0$ (Pascanu et al. 2013, §2.1).",
            "ja": "各ステップでは $\\mathrm{diag}(f'(u_t))\\,W_h^\\top$ が掛かり、そのノルムは高々 $\\gamma\\lambda_1$ です。"
                  "$\\gamma\\lambda_1 < 1$ なら $k$ ステップで勾配は $(\\gamma\\lambda_1)^k \\to 0$ 以下に縮みます"
                  "（Pascanu ら 2013、2.1 節）。",
        },
    },
    "01.sigmoid-threshold": {
        "kind": "numeric",
        "question": {
            "en": "For an RNN with sigmoid units, below which value of $\\lambda_1$ must the gradient vanish?",
            "ja": "シグモイド関数を使う RNN では、$\\lambda_1$ がいくつ未満なら勾配は必ず消失するでしょう？",
        },
        "answer": 4.0,
        "hint": {
            "en": "The threshold is $1/\\gamma$, and the sigmoid's $\\gamma$ is its largest slope (notebook 02).",
            "ja": "閾値は $1/\\gamma$ です。シグモイド関数の $\\gamma$ はその傾きの最大値です（ノートブック 02）。",
        },
        "explanation": {
            "en": "$\\gamma = \\sigma'(0) = 1/4$, so $1/\\gamma = 4$. For tanh ($\\gamma = 1$) the threshold is 1.",
            "ja": "$\\gamma = \\sigma'(0) = 1/4$ なので $1/\\gamma = 4$ です。tanh（$\\gamma = 1$）なら閾値は 1 です。",
        },
    },
    "01.twenty-steps": {
        "kind": "numeric",
        "question": {
            "en": "Suppose every backward step multiplies the gradient's norm by at most $\\gamma\\lambda_1 = 0.5$. "
                  "At most what fraction of the norm is left after 20 steps?",
            "ja": "逆伝播の 1 ステップごとに、勾配のノルムが高々 $\\gamma\\lambda_1 = 0.5$ 倍になるとします。"
                  "20 ステップ後に残るのは、もとのノルムの最大で何倍でしょう？",
        },
        "answer": 0.5**20,
        "rtol": 0.02,
        "hint": {
            "en": "Twenty factors of 0.5.",
            "ja": "0.5 を 20 回掛けます。",
        },
        "explanation": {
            "en": "$0.5^{20} = 1/1048576 \\approx 9.5 \\times 10^{-7}$: less than a millionth, after only 20 steps.",
            "ja": "$0.5^{20} = 1/1048576 \\approx 9.5 \\times 10^{-7}$。わずか 20 ステップで百万分の一以下です。",
        },
    },
    "01.need-not": {
        "kind": "choice",
        "question": {
            "en": "In the table, tanh with $\\lambda_1 = 1.5 > 1/\\gamma$ still gave a vanishing gradient "
                  "($\\approx 10^{-2}$ after 50 steps). What does that tell us?",
            "ja": "表では、tanh で $\\lambda_1 = 1.5 > 1/\\gamma$ なのに、勾配は消失しました（50 ステップ後に約 $10^{-2}$）。"
                  "このことから何が言えるでしょう？",
        },
        "options": [
            {"en": "Pascanu et al.'s result is wrong.", "ja": "Pascanu らの結果は誤りである。",
             "why": {"en": "Their result says $\\lambda_1 > 1/\\gamma$ is <i>necessary</i> for exploding, not "
                           "sufficient: nothing is contradicted.",
                     "ja": "彼らの結果は、$\\lambda_1 > 1/\\gamma$ が爆発の必要条件だと言っているだけで、"
                           "十分条件ではありません。矛盾はありません。"}},
            {"en": "Above $1/\\gamma$ the bound $(\\gamma\\lambda_1)^k$ grows, but the actual product can still "
                   "shrink: saturated units have $f'(u)$ far below $\\gamma$.",
             "ja": "$1/\\gamma$ を超えると上界 $(\\gamma\\lambda_1)^k$ は増えるが、実際の積は縮むこともある。"
                   "飽和したユニットでは $f'(u)$ が $\\gamma$ よりずっと小さいから。"},
            {"en": "The computation overflowed.", "ja": "計算がオーバーフローした。",
             "why": {"en": "All numbers in the table are finite and well within float64's range.",
                     "ja": "表の数値はすべて有限で、float64 の範囲に十分収まっています。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "A large $W_h$ drives the pre-activations $u_t$ far from 0, where $\\tanh'(u_t) \\ll 1$. The norm "
                  "of each factor $\\mathrm{diag}(f'(u_t))W_h^\\top$ then falls below 1 even though "
                  "$\\gamma\\lambda_1 > 1$. The bound is only a ceiling.",
            "ja": "$W_h$ が大きいと活性化前の値 $u_t$ が 0 から遠ざかり、そこでは $\\tanh'(u_t) \\ll 1$ です。"
                  "すると $\\gamma\\lambda_1 > 1$ でも、各因子 $\\mathrm{diag}(f'(u_t))W_h^\\top$ のノルムは 1 を"
                  "下回ります。上界はあくまで天井にすぎません。",
        },
    },
    "01.tbptt": {
        "kind": "choice",
        "question": {
            "en": "A character model is trained with truncated BPTT in windows of 25 steps, carrying the hidden state "
                  "from window to window. The text has a dependency 40 characters long (an opening quote and its "
                  "closing quote). Which statement is right?",
            "ja": "文字単位のモデルを、隠れ状態を窓から窓へ持ち越しながら 25 ステップの窓の打ち切り型 BPTT で学習させます。"
                  "テキストには 40 文字離れた依存関係（開きかぎかっこと閉じかぎかっこ）があります。正しいのはどれでしょう？",
        },
        "options": [
            {"en": "The model never sees the opening quote when it reaches the closing one, because the state is "
                   "reset at every window.",
             "ja": "窓ごとに状態がリセットされるので、閉じかっこに着いたときモデルは開きかっこを見ていない。",
             "why": {"en": "The state is carried: in the forward pass the opening quote can still influence h_t 40 "
                           "steps later.",
                     "ja": "状態は持ち越されます。順伝播では、開きかっこは 40 ステップ後の h_t にも影響できます。"}},
            {"en": "The forward pass can carry the information, but no gradient connects the loss at the closing "
                   "quote to the weights' use 40 steps earlier, so that dependency is not learned through the "
                   "gradient (only by luck, through what the model learned for shorter ones).",
             "ja": "順伝播は情報を運べるが、閉じかっこでの損失から 40 ステップ前の重みの使われ方へつながる勾配がないので、"
                   "その依存関係は勾配からは学習されない（短い依存関係のために学んだことが偶然役立つ場合を除く）。"},
            {"en": "Truncation only changes the speed of training; the gradient is the same as full BPTT.",
             "ja": "打ち切りは学習の速さを変えるだけで、勾配は通常の BPTT と同じ。",
             "why": {"en": "It drops every pair (loss step, use step) that spans a window boundary: the gradient "
                           "differs (notebook 01 measured 0.14 for windows of 10 steps).",
                     "ja": "窓の境界をまたぐ組（損失の時刻、使われる時刻）をすべて捨てるので、勾配は違います"
                           "（ノートブック 01 では 10 ステップの窓で 0.14 でした）。"}},
            {"en": "It needs more memory than full BPTT, because the state is stored twice.",
             "ja": "状態を 2 回保存するので、通常の BPTT よりメモリが多く要る。",
             "why": {"en": "It needs far less: only one window's cache is kept (in notebook 01's example, 1.8 MB instead of 34.8 MB).",
                     "ja": "ずっと少なくて済みます。保持するのは 1 つの窓のキャッシュだけです（ノートブック 01 の例で 34.8 MB に対して "
                           "1.8 MB）。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Truncated BPTT keeps the forward pass whole and cuts the backward pass at window boundaries. It "
                  "saves memory and allows an update per window, at the price of gradients that stop at most one "
                  "window back: dependencies longer than the window get no direct learning signal.",
            "ja": "打ち切り型 BPTT は順伝播をそのまま保ち、逆伝播を窓の境界で切ります。メモリを節約でき、窓ごとに"
                  "更新できますが、その代わり勾配は最大でも窓 1 つ分しか遡りません。窓より長い依存関係には直接の"
                  "学習信号が届きません。",
        },
    },
}
