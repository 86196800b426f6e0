"""Quizzes of notebook 06 (the forget gate)."""

LSTM_CODE = '''def lstm(x, h, c, W, U, b):
    """One LSTM step. x: (N, D); h, c: (N, H); W: (D, 4H); U: (H, 4H); b: (4H,)."""
    H = h.shape[1]
    z = x @ W + h @ U + b                      # gate order: i, f, a, o
    input_gate = sigmoid(z[:, :H])
    forget_gate = sigmoid(z[:, H:2 * H])
    a = np.tanh(z[:, 2 * H:3 * H])             # the candidate
    output_gate = sigmoid(z[:, 3 * H:])
    c = ____
    h = output_gate * np.tanh(c)
    return h, c'''

QUIZZES = {
    "06.kakunin24": {  # the study note's 確認テスト24, in our own words
        "kind": "choice",
        "question": {
            "en": "確認テスト24. An LSTM reads the sentence below word by word to predict the word in the blank: "
                  "<i>“The rain had stopped, so we went out. After an hour we were very thirsty, so at the station "
                  "we ____ some water.”</i> During training it has judged that the word <b>“very”</b> could be "
                  "dropped without any effect on predicting the blank, and its information has already been written "
                  "into the cell. In such a case, which gate is the one that should act? Choose the most "
                  "appropriate.",
            "ja": "確認テスト24：LSTM を用いて、次の文の空欄に当てはまる語を予測したい。"
                  "「雨がやんだので外に出た。1 時間歩くと<b>とても</b>のどが渇いたので、駅で水を＿＿。」"
                  "文中の「とても」という語は、なくなっても空欄の予測に影響しないと学習の中で判断されたとする。"
                  "この語の情報は、すでにセルに書き込まれている。このような場合に作用するゲートとして最も適切な"
                  "ものを選べ。",
        },
        "options": [
            {"en": "The input gate", "ja": "入力ゲート",
             "why": {"en": "The input gate decides what new information is written when a word arrives. Once "
                           "“very” is in the cell, the input gate cannot take it out: clearing what is already in "
                           "the cell is the forget gate's job.",
                     "ja": "入力ゲートは、語が入ってきたときに何を新しく書き込むかを決めます。「とても」がいったん"
                           "セルに入ると、入力ゲートはそれを取り出せません。すでにセルにある情報を消すのは"
                           "忘却ゲートの役目です。"}},
            {"en": "The output gate", "ja": "出力ゲート",
             "why": {"en": "The output gate only decides how much of the cell is shown in h_t. A closed output gate "
                           "hides the information for a step, but it stays in the cell.",
                     "ja": "出力ゲートは、セルの中身をどれだけ h_t に出すかを決めるだけです。閉じれば一時的に"
                           "隠せますが、情報はセルに残ったままです。"}},
            {"en": "The forget gate", "ja": "忘却ゲート"},
            {"en": "No gate: the CEC forgets unneeded words by itself", "ja": "どのゲートでもない。CEC が不要な語を自然に忘れる",
             "why": {"en": "The CEC is a self-loop of weight exactly 1: left alone, it keeps everything forever. "
                           "That is the problem the forget gate solves.",
                     "ja": "CEC は重みがちょうど 1 の自己ループで、放っておけば何でも永遠に保持します。それこそが"
                           "忘却ゲートの解決する問題です。"}},
        ],
        "answer": 2,
        "explanation": {
            "en": "The forget gate multiplies the carried cell state, $c_t = i_t \\odot a_t + f_t \\odot c_{t-1}$: "
                  "where $f_t \\approx 0$ the old content is cleared, so only what helps the prediction stays in "
                  "the cell. (The input gate shares the work in practice by not writing unhelpful words in the "
                  "first place; the note's answer, and ours, is the gate that erases.)",
            "ja": "忘却ゲートは持ち越されるセル状態に掛かります：$c_t = i_t \\odot a_t + f_t \\odot c_{t-1}$。"
                  "$f_t \\approx 0$ の成分では古い内容が消され、予測に役立つ情報だけがセルに残ります。"
                  "（実際には入力ゲートも、役に立たない語をそもそも書き込まないことで仕事を分担します。"
                  "学習ノートの答えも本ノートブックの答えも、「消す」役のゲートです。）",
        },
    },
    "06.enshu-forward": {  # the study note's 演習チャレンジ on the LSTM forward pass, with our own code
        "kind": "code",
        "question": {
            "en": "演習チャレンジ. The function below computes one step of an LSTM (the candidate is called "
                  "<code>a</code>, as in the study note). Choose the most appropriate expression for the new cell "
                  "state <code>c</code>.",
            "ja": "演習チャレンジ：次の関数は LSTM の 1 ステップを計算する（入力候補は学習ノートにならって "
                  "<code>a</code> と呼ぶ）。新しいセル状態 <code>c</code> を求める式として最も適切なものを選べ。",
        },
        "code": LSTM_CODE,
        "options": [
            "output_gate * a + forget_gate * c",
            "forget_gate * a + input_gate * c",
            "input_gate * a + forget_gate * c",
            "input_gate * a + c",
        ],
        "answer": 2,
        "why": {
            0: {"en": "The output gate does not decide what is written into the cell: it only decides how much of "
                      "$\\tanh(c)$ reaches $h$, one line later.",
                "ja": "出力ゲートはセルに何を書き込むかを決めません。1 行後で $\\tanh(c)$ のどれだけを $h$ "
                      "に出すかを決めるだけです。"},
            1: {"en": "The gates are swapped: the forget gate would scale the new candidate and the input gate the "
                      "old cell state.",
                "ja": "ゲートが入れ替わっています。これでは忘却ゲートが新しい入力候補に、"
                      "入力ゲートが古いセル状態に掛かります。"},
            3: {"en": "This is the 1997 LSTM without a forget gate: it runs, but nothing can ever clear the cell.",
                "ja": "忘却ゲートのない 1997 年の LSTM です。動きはしますが、セルの中身を消す手段がありません。"},
        },
        "explanation": {
            "en": "$c_t = i_t \\odot a_t + f_t \\odot c_{t-1}$: the input gate scales what is written, the forget "
                  "gate scales what is kept (on the right-hand side <code>c</code> is still the previous cell "
                  "state). <code>input_gate * a + c</code> is the 1997 LSTM without a forget gate: it runs, but "
                  "its cell can never be cleared. Swapping the gates, or using the output gate, mixes up who "
                  "decides what.",
            "ja": "$c_t = i_t \\odot a_t + f_t \\odot c_{t-1}$ です。入力ゲートは書き込む量を、忘却ゲートは残す量を"
                  "調節します（右辺の <code>c</code> はまだ 1 つ前のセル状態です）。<code>input_gate * a + c</code> は"
                  "忘却ゲートのない 1997 年の LSTM で、動きはしますがセルを消去できません。ゲートを入れ替えたり"
                  "出力ゲートを使ったりすると、それぞれのゲートの役割が食い違います。",
        },
    },
    "06.prod-f": {
        "kind": "numeric",
        "question": {
            "en": "A forget gate stays at $f = 0.9$ for 20 steps. Along the cell path (ignoring the gate terms), "
                  "what fraction of $\\partial L/\\partial c_t$ reaches $c_{t-20}$?",
            "ja": "忘却ゲートが 20 ステップのあいだ $f = 0.9$ のままだとします。セルの経路に沿って（ゲートを経由する"
                  "項は無視して）、$\\partial L/\\partial c_t$ のうちどれだけが $c_{t-20}$ まで届くでしょう？",
        },
        "answer": 0.9**20,
        "rtol": 0.02,
        "hint": {
            "en": "Each step back multiplies by that step's $f$: $\\partial c_t/\\partial c_{t-k} = \\prod f$.",
            "ja": "1 ステップ遡るごとに、そのステップの $f$ が掛かります：$\\partial c_t/\\partial c_{t-k} = \\prod f$。",
        },
        "explanation": {
            "en": "$0.9^{20} \\approx 0.12$. A forget gate just below 1 lets a gradient travel far, yet not "
                  "forever; at $f = 1$ (the CEC) it would be exactly 1, at $f = 0.5$ about $10^{-6}$.",
            "ja": "$0.9^{20} \\approx 0.12$ です。1 より少し小さい忘却ゲートは勾配を遠くまで届けますが、"
                  "永遠にではありません。$f = 1$（CEC）ならちょうど 1、$f = 0.5$ なら約 $10^{-6}$ です。",
        },
    },
    "06.bias-one": {
        "kind": "numeric",
        "question": {
            "en": "At initialisation the forget gate's weights contribute little, so $f \\approx \\sigma(b_f)$. "
                  "With the recommended $b_f = 1$, what is $f$ (two or three decimals)?",
            "ja": "初期化の直後は忘却ゲートの重みの寄与が小さいので $f \\approx \\sigma(b_f)$ です。"
                  "推奨される $b_f = 1$ のとき、$f$ はいくつでしょう（小数 2〜3 桁で）？",
        },
        "answer": 0.7310585786300049,
        "rtol": 0.01,
        "explanation": {
            "en": "$\\sigma(1) = 1/(1 + e^{-1}) \\approx 0.731$, against $\\sigma(0) = 0.5$. It is only a "
                  "starting point that keeps more of the cell (and of its gradient) while training gets going: "
                  "over 10 steps $0.731^{10} \\approx 0.04$ versus $0.5^{10} \\approx 0.001$.",
            "ja": "$\\sigma(1) = 1/(1 + e^{-1}) \\approx 0.731$ で、$\\sigma(0) = 0.5$ より大きくなります。"
                  "これは学習の出だしでセル（とその勾配）をより多く残すための出発点にすぎません。10 ステップでは "
                  "$0.731^{10} \\approx 0.04$、$0.5^{10} \\approx 0.001$ です。",
        },
    },
    "06.drift": {
        "kind": "choice",
        "question": {
            "en": "On a stream that is never reset, why does the cell state of an LSTM without forget gate keep "
                  "growing?",
            "ja": "リセットされないストリームの上で、忘却ゲートのない LSTM のセル状態が増え続けるのはなぜでしょう？",
        },
        "options": [
            {"en": "Because tanh saturates for large inputs.", "ja": "入力が大きいと tanh が飽和するから。",
             "why": {"en": "Saturation is a consequence (the cell's output stops carrying information), not the cause.",
                     "ja": "飽和は結果（セルの出力が情報を運ばなくなる）であって、原因ではありません。"}},
            {"en": "Because $c_t = c_{t-1} + i_t \\odot a_t$ has no term that shrinks $c$: every write adds on "
                   "top of all earlier ones, and $i_t$ is never exactly 0.",
             "ja": "$c_t = c_{t-1} + i_t \\odot a_t$ には $c$ を縮める項がなく、書き込みはそれまでの全部の上に"
                   "積み重なり、しかも $i_t$ がちょうど 0 になることはないから。"},
            {"en": "Because its gradients explode.", "ja": "勾配爆発が起きるから。",
             "why": {"en": "The growth happens in the forward pass, with fixed weights, long after training.",
                     "ja": "増加は順伝播で、重みを固定した学習後にも起きます。勾配とは関係ありません。"}},
            {"en": "Because the output gate stays open.", "ja": "出力ゲートが開いたままだから。",
             "why": {"en": "The output gate only reads the cell; it cannot add to it or remove from it.",
                     "ja": "出力ゲートはセルを読むだけで、足すことも消すこともできません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "With $f = 1$ the cell is a pure sum of everything ever written. The remedy of 1997, a negative "
                  "input-gate bias, only slows the sum down; Gers, Schmidhuber and Cummins (2000) added the forget "
                  "gate so that the cell can reset itself.",
            "ja": "$f = 1$ ではセルはそれまでに書き込まれたものすべての和です。1997 年の対策（入力ゲートの負の"
                  "バイアス）は和の増え方を遅くするだけです。Gers・Schmidhuber・Cummins (2000) は、セルが自分で"
                  "リセットできるように忘却ゲートを加えました。",
        },
    },
}
