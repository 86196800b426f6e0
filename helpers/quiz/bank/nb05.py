"""Quizzes of notebook 05 (input and output gates)."""

QUIZZES = {
    "05.gate-columns": {
        "kind": "choice",
        "question": {
            "en": "In helpers the four gates are column blocks of <code>Wh</code> (H, 4H) in the order (i, f, g, o). "
                  "Which block holds $U_o$, the output gate's weight on the previous output $h_{t-1}$?",
            "ja": "helpers では 4 つのゲートが <code>Wh</code> (H, 4H) の列ブロックに (i, f, g, o) の順に並んでいます。"
                  "出力ゲートが前回の出力 $h_{t-1}$ に掛ける重み $U_o$ はどのブロックでしょう？",
        },
        "options": [
            {"en": "<code>Wh[:, 0:H]</code>", "ja": "<code>Wh[:, 0:H]</code>",
             "why": {"en": "That is $U_i$, the input gate's block: i comes first.",
                     "ja": "それは入力ゲートの $U_i$ です。i が先頭です。"}},
            {"en": "<code>Wh[:, H:2H]</code>", "ja": "<code>Wh[:, H:2H]</code>",
             "why": {"en": "That is $U_f$, the forget gate's block.",
                     "ja": "それは忘却ゲートの $U_f$ です。"}},
            {"en": "<code>Wh[:, 2H:3H]</code>", "ja": "<code>Wh[:, 2H:3H]</code>",
             "why": {"en": "That is $U_g$, the candidate's block.",
                     "ja": "それは入力候補の $U_g$ です。"}},
            {"en": "<code>Wh[:, 3H:4H]</code>", "ja": "<code>Wh[:, 3H:4H]</code>"},
        ],
        "answer": 3,
        "explanation": {
            "en": "(i, f, g, o) puts o last: columns 3H to 4H. Its input weight $W_o$ is <code>Wx[:, 3H:4H]</code> "
                  "and its bias <code>b[3H:4H]</code>. (\"Deep Learning from Scratch 2\" orders them (f, g, i, o), "
                  "so check a library's order before you copy weights.)",
            "ja": "(i, f, g, o) の順では o が最後なので、3H 列目から 4H 列目です。入力に掛かる $W_o$ は "
                  "<code>Wx[:, 3H:4H]</code>、バイアスは <code>b[3H:4H]</code> です（『ゼロから作る Deep Learning ❷』"
                  "は (f, g, i, o) の順なので、重みを移すときはライブラリごとの順番を確かめましょう）。",
        },
    },
    "05.closed-gate": {
        "kind": "numeric",
        "question": {
            "en": "An input gate has bias $b_i = -4$, and nothing else drives it at this step. What fraction of the "
                  "candidate $g_t$ does it write into the cell? (three significant digits)",
            "ja": "入力ゲートのバイアスが $b_i = -4$ で、このステップでは他に何も入力がありません。入力候補 $g_t$ の"
                  "何倍がセルに書き込まれるでしょう？（有効数字 3 桁）",
        },
        "answer": 0.01798620996209156,
        "rtol": 0.01,
        "hint": {
            "en": "The gate's value is $\\sigma(-4) = 1/(1+e^{4})$.",
            "ja": "ゲートの値は $\\sigma(-4) = 1/(1+e^{4})$ です。",
        },
        "explanation": {
            "en": "$\\sigma(-4) \\approx 0.0180$: under 2% leaks in. A gate is never exactly closed; over 20 steps "
                  "such leaks add up, which is why the explorer's cell creeps a little even between the markers.",
            "ja": "$\\sigma(-4) \\approx 0.0180$ で、2% 弱が漏れて入ります。ゲートがちょうど 0 になることはありません。"
                  "20 ステップもあればこの漏れが積み重なるので、インタラクティブ図のセルは印の間でも少しずつ動きます。",
        },
    },
    "05.write": {
        "kind": "numeric",
        "question": {
            "en": "A cell without forget gate holds $c_{t-1} = 0.5$. At step $t$ the input gate is fully open, "
                  "$i_t = 1$, and the candidate is $g_t = 0.3$. What is $c_t$?",
            "ja": "忘却ゲートのないセルが $c_{t-1} = 0.5$ を保持しています。時刻 $t$ で入力ゲートが完全に開き "
                  "$i_t = 1$、入力候補が $g_t = 0.3$ です。$c_t$ はいくつでしょう？",
        },
        "answer": 0.8,
        "explanation": {
            "en": "$c_t = c_{t-1} + i_t g_t = 0.5 + 1 \\times 0.3 = 0.8$. Without a forget gate, writing <i>adds</i>; it "
                  "never replaces the old content. Replacing needs the forget gate of notebook 06.",
            "ja": "$c_t = c_{t-1} + i_t g_t = 0.5 + 1 \\times 0.3 = 0.8$ です。忘却ゲートがなければ、書き込みは"
                  "古い中身を置き換えるのではなく<b>足し込み</b>ます。置き換えるには、ノートブック 06 の忘却ゲートが必要です。",
        },
    },
    "05.read": {
        "kind": "choice",
        "question": {
            "en": "The cell holds $c_t = 0.8$ and the output gate is $o_t \\approx 0$. What does the rest of the "
                  "network see, and what happens to the memory?",
            "ja": "セルは $c_t = 0.8$ を保持していて、出力ゲートは $o_t \\approx 0$ です。ネットワークの他の部分には"
                  "何が見え、記憶はどうなるでしょう？",
        },
        "options": [
            {"en": "$h_t \\approx 0$: nothing is shown, and the cell keeps 0.8 for later.",
             "ja": "$h_t \\approx 0$ で何も見えず、セルは 0.8 を後のために保持し続ける。"},
            {"en": "$h_t \\approx 0$, and the cell is emptied.",
             "ja": "$h_t \\approx 0$ で、セルは空になる。",
             "why": {"en": "The output gate only scales what is read; $c_t$ itself is untouched.",
                     "ja": "出力ゲートは読み出す量を調整するだけで、$c_t$ そのものには触れません。"}},
            {"en": "$h_t = 0.8$: the output gate does not act on the cell.",
             "ja": "$h_t = 0.8$。出力ゲートはセルには作用しないから。",
             "why": {"en": "$h_t = o_t \\tanh(c_t)$: with $o_t \\approx 0$ it is about 0.",
                     "ja": "$h_t = o_t \\tanh(c_t)$ なので、$o_t \\approx 0$ ならほぼ 0 です。"}},
            {"en": "$h_t = \\tanh(0.8) \\approx 0.66$.",
             "ja": "$h_t = \\tanh(0.8) \\approx 0.66$。",
             "why": {"en": "That would be $o_t = 1$, a fully open output gate.",
                     "ja": "それは $o_t = 1$、出力ゲートが全開の場合です。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "$h_t = o_t \\tanh(c_t) \\approx 0 \\cdot \\tanh(0.8) = 0$. The output gate decides <i>when</i> the "
                  "stored value is read; while it is closed the memory neither disturbs the network nor is lost "
                  "(that is how it resolves the output weight conflict).",
            "ja": "$h_t = o_t \\tanh(c_t) \\approx 0 \\cdot \\tanh(0.8) = 0$ です。出力ゲートは記憶を<b>いつ</b>読み出すかを"
                  "決めます。閉じている間、記憶はネットワークを乱さず、失われもしません（これが出力重みの衝突の解決です）。",
        },
    },
    "05.param-count": {
        "kind": "numeric",
        "question": {
            "en": "An LSTM layer has input size $D = 2$ and hidden size $H = 32$ (no peepholes). How many parameters "
                  "do <code>Wx</code>, <code>Wh</code> and <code>b</code> hold together?",
            "ja": "入力の次元数 $D = 2$、隠れ状態の次元数 $H = 32$ の LSTM 層（覗き穴結合なし）があります。"
                  "<code>Wx</code>、<code>Wh</code>、<code>b</code> のパラメータは合わせていくつでしょう？",
        },
        "answer": 4480.0,
        "rtol": 1e-9,
        "hint": {
            "en": "Each of the 4 blocks has a $W$ (D, H), a $U$ (H, H) and a $b$ (H,).",
            "ja": "4 つのブロックそれぞれに $W$ (D, H)、$U$ (H, H)、$b$ (H,) があります。",
        },
        "explanation": {
            "en": "$4H(D + H + 1) = 128 \\times 35 = 4480$: Wx has $2 \\times 128 = 256$, Wh $32 \\times 128 = 4096$, "
                  "b 128. Without a forget gate (NFG) the f block is still stored but unused.",
            "ja": "$4H(D + H + 1) = 128 \\times 35 = 4480$ です。Wx が $2 \\times 128 = 256$、Wh が "
                  "$32 \\times 128 = 4096$、b が 128 です。忘却ゲートなし (NFG) でも f のブロックは確保されますが、使われません。",
        },
    },
}
