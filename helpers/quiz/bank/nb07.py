"""Quizzes of notebook 07 (peephole connections)."""

QUIZZES = {
    "07.which-state": {
        "kind": "choice",
        "question": {
            "en": "With peephole connections (Gers & Schmidhuber 2000), which cell state does the <b>output</b> gate "
                  "look at?",
            "ja": "Gers と Schmidhuber（2000）の覗き穴結合があるとき、<b>出力ゲート</b>が見るのはどのセル状態でしょう？",
        },
        "options": [
            {"en": "$c_{t-1}$, like the input and forget gates", "ja": "入力ゲート・忘却ゲートと同じく $c_{t-1}$",
             "why": {"en": "The input and forget gates decide what happens to $c_{t-1}$, so they look at it. The output "
                           "gate is computed after the update.",
                     "ja": "入力ゲートと忘却ゲートは $c_{t-1}$ をどう扱うかを決めるので $c_{t-1}$ を見ます。出力ゲートは"
                           "更新のあとで計算されます。"}},
            {"en": "$c_t$, the state just updated", "ja": "更新されたばかりの $c_t$"},
            {"en": "$h_{t-1}$ only", "ja": "$h_{t-1}$ だけ",
             "why": {"en": "That is what every gate sees <i>without</i> peepholes; a peephole adds a direct look at the cell.",
                     "ja": "それは覗き穴結合が<b>ない</b>ときにどのゲートにも見えるものです。覗き穴結合はセルを直接見る経路を足します。"}},
            {"en": "The candidate $a_t$", "ja": "入力候補 $a_t$",
             "why": {"en": "The candidate is what may be written, not the cell state.",
                     "ja": "入力候補は書き込まれうる値であって、セル状態ではありません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "$i_t$ and $f_t$ add $p_i \\odot c_{t-1}$ and $p_f \\odot c_{t-1}$ to their pre-activations; $o_t$ adds "
                  "$p_o \\odot c_t$, because it decides how much of the new state to show.",
            "ja": "$i_t$ と $f_t$ は活性化前の値に $p_i \\odot c_{t-1}$ と $p_f \\odot c_{t-1}$ を足し、$o_t$ は "
                  "$p_o \\odot c_t$ を足します。出力ゲートは新しい状態をどれだけ見せるかを決めるからです。",
        },
    },
    "07.param-count": {
        "kind": "numeric",
        "question": {
            "en": "An LSTM layer has $H = 100$ cells. How many parameters do peephole connections add to it?",
            "ja": "セルが $H = 100$ 個の LSTM 層があります。覗き穴結合で増えるパラメータはいくつでしょう？",
        },
        "answer": 300,
        "rtol": 0.0,
        "atol": 0.5,
        "hint": {
            "en": "Each cell looks only at its own state: one weight per cell and per gate that peeks.",
            "ja": "各セルは自分の状態だけを見ます。覗くゲート 1 つ、セル 1 つにつき重みは 1 つです。",
        },
        "explanation": {
            "en": "The peephole weights are diagonal, $p_i, p_f, p_o \\in \\mathbb{R}^H$: $3H = 300$. Full $H \\times H$ "
                  "matrices would add $3H^2 = 30\\,000$; the layer's other weights number $4H(D + H + 1)$.",
            "ja": "覗き穴結合の重みは対角で、$p_i, p_f, p_o \\in \\mathbb{R}^H$ なので $3H = 300$ 個です。$H \\times H$ の"
                  "行列にすれば $3H^2 = 30\\,000$ 個になります。層のほかの重みは $4H(D + H + 1)$ 個です。",
        },
    },
    "07.closed-output": {
        "kind": "choice",
        "question": {
            "en": "Without peepholes, why can the gates hardly tell how full a cell is while its output gate is closed?",
            "ja": "覗き穴結合がないと、出力ゲートが閉じている間、ゲートはセルがどれだけ満ちているかをほとんど知ることが"
                  "できません。なぜでしょう？",
        },
        "options": [
            {"en": "Because the cell state is reset while the output gate is closed.",
             "ja": "出力ゲートが閉じている間、セル状態はリセットされるから。",
             "why": {"en": "Only the forget gate can clear the cell; the output gate only reads it.",
                     "ja": "セルを消去できるのは忘却ゲートだけで、出力ゲートは読むだけです。"}},
            {"en": "Because the gates see the cell only through $h_{t-1} = o_{t-1} \\odot \\tanh(c_{t-1})$, which is "
                   "about 0 when $o_{t-1} \\approx 0$.",
             "ja": "ゲートがセルを見る手段は $h_{t-1} = o_{t-1} \\odot \\tanh(c_{t-1})$ だけで、$o_{t-1} \\approx 0$ なら"
                   "これはほぼ 0 だから。"},
            {"en": "Because the gradient through the cell vanishes.", "ja": "セルを通る勾配が消失するから。",
             "why": {"en": "This is about the forward pass: what the gates can see, not how they learn.",
                     "ja": "これは順伝播の話で、ゲートに何が見えるかの問題です。学習の仕方の問題ではありません。"}},
            {"en": "Because the input gate closes whenever the output gate does.",
             "ja": "出力ゲートが閉じると、入力ゲートも必ず閉じるから。",
             "why": {"en": "The gates are independent: each has its own weights and bias.",
                     "ja": "ゲートどうしは独立していて、それぞれが自分の重みとバイアスをもちます。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "That is Gers & Schmidhuber's argument for peepholes: with $o$ closed, $h$ hides the cell, so a gate "
                  "that must act when the cell reaches some level (to time or count) has nothing to go on. In the "
                  "explorer, with $p_o = 0$ the output gate stays at $\\sigma(-4) \\approx 0.018$ and $h$ stays below 0.02.",
            "ja": "これが Gers と Schmidhuber が覗き穴結合を導入した理由です。$o$ が閉じていると $h$ はセルを隠してしまうので、"
                  "セルがある水準に達したときに動くべきゲート（時間を計る、数を数える）には手がかりがありません。"
                  "インタラクティブ図で $p_o = 0$ にすると、出力ゲートは $\\sigma(-4) \\approx 0.018$ のままで、$h$ は 0.02 未満にとどまります。",
        },
    },
    "07.greff": {
        "kind": "choice",
        "question": {
            "en": "Greff et al. (2017) trained eight LSTM variants on speech (TIMIT), handwriting (IAM Online) and "
                  "music (JSB Chorales). What did they find for the variant without peepholes?",
            "ja": "Greff ら（2017）は、LSTM の 8 つの変種を音声 (TIMIT)、手書き文字 (IAM Online)、音楽 (JSB Chorales) で"
                  "学習させました。覗き穴結合を取り除いた変種について、何がわかったでしょう？",
        },
        "options": [
            {"en": "Significantly worse on all three datasets.", "ja": "3 つのデータセットすべてで有意に悪化した。",
             "why": {"en": "That was the fate of removing the forget gate or the output activation.",
                     "ja": "それは忘却ゲートや出力の活性化関数を取り除いたときの結果です。"}},
            {"en": "No significant difference in performance.", "ja": "性能に有意な差はなかった。"},
            {"en": "Significantly better on all three datasets.", "ja": "3 つのデータセットすべてで有意に向上した。",
             "why": {"en": "Removing peepholes did not significantly help either; it simplified the cell at no cost "
                           "on these tasks.",
                     "ja": "取り除いても有意に良くなったわけではありません。これらの課題では、損をせずにセルを"
                           "簡単にできた、ということです。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Removing peepholes (NP) and coupling the input and forget gates (CIFG) did not significantly hurt on "
                  "these three benchmarks; removing the forget gate (NFG) or the output activation (NOAF) did. "
                  "That is where \"not very effective\" comes from, and it is a statement about those tasks.",
            "ja": "覗き穴結合を取り除く (NP) ことも、入力・忘却ゲート結合 (CIFG) にすることも、この 3 つの"
                  "ベンチマークでは性能を有意に悪化させませんでした。忘却ゲート (NFG) や出力の活性化関数 (NOAF) を"
                  "取り除くと悪化しました。「あまり効果的でない」はここから来ており、これらの課題についての結論です。",
        },
    },
    "07.note-claim": {
        "kind": "choice",
        "question": {
            "en": "The study note says peephole connections turned out to be \"not a very effective mechanism\". "
                  "Which statement is the most accurate?",
            "ja": "学習ノートには、覗き穴結合は「あまり効果的な仕組みではなかった」とあります。最も正確な説明はどれでしょう？",
        },
        "options": [
            {"en": "Peepholes never help, so modern LSTMs cannot use them.",
             "ja": "覗き穴結合はまったく役に立たないので、現代の LSTM では使えない。",
             "why": {"en": "Too strong: they were designed for, and can help with, precise timing and counting, and "
                           "nothing stops a model from using them.",
                     "ja": "言い過ぎです。正確な時間の計測や数を数える課題のために作られ、そこでは役立ちうるものですし、"
                           "使ってはいけない理由もありません。"}},
            {"en": "On large benchmarks removing them did not significantly hurt (Greff et al. 2017), but they were "
                   "introduced for precise timing and counting, where they can help.",
             "ja": "大規模なベンチマークでは取り除いても有意な悪化はなかった（Greff ら（2017））が、正確な時間の計測や"
                   "数を数える課題のために導入されたもので、そこでは役立ちうる。"},
            {"en": "Peepholes make every LSTM train faster.", "ja": "覗き穴結合はどの LSTM の学習も速くする。",
             "why": {"en": "In our own table the peephole LSTM needed about as many iterations as the standard one.",
                     "ja": "このノートブックの表でも、覗き穴結合のある LSTM が必要とした反復回数は標準の LSTM とほぼ同じでした。"}},
            {"en": "Peepholes cannot be trained by backpropagation, because the cell state they look at has no "
                   "gradient.",
             "ja": "覗き穴結合が見るセル状態には勾配がないので、覗き穴結合は誤差逆伝播法では学習できない。",
             "why": {"en": "A peephole term is a weight times the cell state; its gradient is computed like any "
                           "other weight's (<code>helpers.lstm</code> does it).",
                     "ja": "覗き穴結合の項は重みとセル状態の積で、その勾配はほかの重みと同じように計算できます"
                           "（<code>helpers.lstm</code> でも計算しています）。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Whether a part of the cell is \"effective\" depends on the task. On speech, handwriting and music "
                  "the peepholes made no significant difference; on tasks that need the gates to act when the cell "
                  "reaches a level, they give the gates the view they otherwise lack.",
            "ja": "セルの部品が「効果的」かどうかは課題によります。音声・手書き文字・音楽では有意な差はありませんでしたが、"
                  "セルがある水準に達したときにゲートが動く必要のある課題では、覗き穴結合がなければ得られない"
                  "「見る手段」をゲートに与えます。",
        },
    },
}
