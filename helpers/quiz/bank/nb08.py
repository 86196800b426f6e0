"""Quizzes of notebook 08 (LSTM vs RNN on long time lags, and the LSTM variants)."""

QUIZZES = {
    "08.baseline": {
        "kind": "numeric",
        "question": {
            "en": "In the adding problem the two marked values are drawn from U(0, 1), so the target $y = v_1 + v_2$ "
                  "has mean 1. A model that ignores its input and always answers 1.0: what MSE does it score?",
            "ja": "加算問題では印の付いた 2 つの値が U(0, 1) から選ばれるので、目標 $y = v_1 + v_2$ の平均は 1 です。"
                  "入力を無視して常に 1.0 と答えるモデルの MSE はいくつでしょう？",
        },
        "answer": 1 / 6,
        "rtol": 0.01,
        "hint": {
            "en": "The MSE of a constant prediction at the mean is the variance of $y$; a U(0, 1) value has "
                  "variance 1/12, and the two values are independent.",
            "ja": "平均を定数として予測したときの MSE は $y$ の分散です。U(0, 1) の値の分散は 1/12 で、2 つの値は独立です。",
        },
        "explanation": {
            "en": "$\\mathrm{Var}(v_1 + v_2) = \\tfrac1{12} + \\tfrac1{12} = \\tfrac16 \\approx 0.167$. A learning curve "
                  "that stays there has learned nothing about the input.",
            "ja": "$\\mathrm{Var}(v_1 + v_2) = \\tfrac1{12} + \\tfrac1{12} = \\tfrac16 \\approx 0.167$ です。"
                  "学習曲線がこの値に張り付いたままなら、入力について何も学んでいません。",
        },
    },
    "08.second-only": {
        "kind": "numeric",
        "question": {
            "en": "A model has found the <b>second</b> marked value (at most 49 steps back when T = 100) but not the "
                  "first, and answers $v_2 + 0.5$. What MSE does it score?",
            "ja": "あるモデルは<b>2 つ目</b>の印の値（T = 100 なら高々 49 ステップ前）は見つけたものの、1 つ目は見つけられず、"
                  "$v_2 + 0.5$ と答えます。MSE はいくつでしょう？",
        },
        "answer": 1 / 12,
        "rtol": 0.01,
        "hint": {
            "en": "Its error is $v_1 - 0.5$.",
            "ja": "誤差は $v_1 - 0.5$ です。",
        },
        "explanation": {
            "en": "The error $v_1 - 0.5$ has variance $\\tfrac1{12} \\approx 0.083$. So a curve that falls from 0.167 "
                  "to about 0.083 and stops there has learned the nearer marker only.",
            "ja": "誤差 $v_1 - 0.5$ の分散は $\\tfrac1{12} \\approx 0.083$ です。0.167 から 0.083 付近まで下がって"
                  "止まる曲線は、近い方の印しか使えていないことになります。",
        },
    },
    "08.forget-product": {
        "kind": "numeric",
        "question": {
            "en": "At the start of training our LSTM's forget gate sits near $\\sigma(1) \\approx 0.731$ (forget bias "
                  "1, small weights). Along the cell path a gradient is multiplied by $f_t$ at every step. What "
                  "fraction is left after 50 steps?",
            "ja": "学習の始めには、この LSTM の忘却ゲートは $\\sigma(1) \\approx 0.731$ 付近にあります（忘却ゲートの"
                  "バイアス 1、小さな重み）。セルの経路では、勾配に毎ステップ $f_t$ が掛かります。50 ステップ後に"
                  "残るのはもとの何倍でしょう？",
        },
        "answer": 0.7310585786300049**50,
        "rtol": 0.05,
        "hint": {
            "en": "$0.731^{50}$: take logarithms, $50 \\ln 0.731 \\approx -15.7$.",
            "ja": "$0.731^{50}$ です。対数をとると $50 \\ln 0.731 \\approx -15.7$。",
        },
        "explanation": {
            "en": "$0.731^{50} \\approx 1.6 \\times 10^{-7}$. The CEC carries a gradient unchanged only where "
                  "$f_t \\approx 1$; an untrained LSTM is not there yet. It has to <i>learn</i> to open its forget "
                  "gate, which is why its curve, too, starts with a plateau.",
            "ja": "$0.731^{50} \\approx 1.6 \\times 10^{-7}$ です。CEC が勾配をそのまま運べるのは $f_t \\approx 1$ の"
                  "ときだけで、学習前の LSTM はまだそうなっていません。忘却ゲートを開くことを<b>学習</b>する必要があり、"
                  "そのため LSTM の学習曲線も最初は平坦なのです。",
        },
    },
    "08.slow-not-incapable": {
        "kind": "choice",
        "question": {
            "en": "On the adding problem at T = 100, a tanh RNN and an LSTM with the same hidden size are trained "
                  "for the same number of iterations. The LSTM's MSE falls below 0.01; the RNN's stays near the "
                  "baseline of always answering the mean until the end of the run. Which conclusion does this "
                  "support?",
            "ja": "T = 100 の加算問題で、隠れ状態の次元数が同じ tanh の RNN と LSTM を同じ反復回数だけ学習させます。"
                  "LSTM の MSE は 0.01 を下回りますが、RNN の MSE は実行の最後まで、つねに平均を答える場合の"
                  "ベースライン付近のままです。この結果から言えるのはどれでしょう？",
        },
        "options": [
            {"en": "A tanh RNN cannot represent the sum of two values 100 steps apart.",
             "ja": "tanh の RNN には、100 ステップ離れた 2 つの値の和を表現する能力がない。",
             "why": {"en": "Nothing here tests what an RNN can represent; at T = 10 it learns the same sum easily, "
                           "and with a smaller learning rate it creeps down at T = 100 too.",
                     "ja": "この実験は表現能力を調べていません。T = 10 では同じ和を簡単に学習できますし、"
                           "学習率を小さくすれば T = 100 でも少しずつ下がります。"}},
            {"en": "Within this budget of iterations (and this learning rate) gradient descent did not find the "
                   "solution for the RNN; the RNN is slow here, not shown to be incapable.",
             "ja": "この反復回数（とこの学習率）の範囲では、勾配降下法は RNN の解を見つけられなかった。"
                   "RNN はここでは遅いのであって、学習できないと示されたわけではない。"},
            {"en": "The RNN has too few parameters: with H = 32 it has fewer than the LSTM.",
             "ja": "RNN はパラメータが少なすぎる。H = 32 では LSTM より少ない。",
             "why": {"en": "It does have about a quarter of the LSTM's parameters, but at T = 10 they are plenty; "
                           "what changes with T is the distance the gradient must travel.",
                     "ja": "確かに LSTM の約 4 分の 1 ですが、T = 10 では十分です。T とともに変わるのは、"
                           "勾配が遡るべき距離です。"}},
            {"en": "Gradient clipping stopped the RNN from learning.",
             "ja": "勾配クリッピングが RNN の学習を止めた。",
             "why": {"en": "Clipping only shortens steps whose norm exceeds the threshold; it cannot create the "
                           "missing signal from the first marker.",
                     "ja": "クリッピングはノルムが閾値を超えたステップを短くするだけで、1 つ目の印からの失われた信号を"
                           "生み出すことはできません。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "State it as iterations to a threshold: the LSTM went below 0.01 after some hundreds of "
                  "iterations, the RNN not within the run. A slow learner is not an incapable one.",
            "ja": "閾値に達するまでの反復回数で述べましょう。LSTM は数百回で 0.01 を下回り、RNN は実行の範囲内では"
                  "下回りませんでした。遅いことと、学習できないことは別です。",
        },
    },
    "08.greff": {
        "kind": "choice",
        "question": {
            "en": "Greff et al. (2017) compared eight LSTM variants on speech, handwriting and music. Which component "
                  "did they find most critical?",
            "ja": "Greff ら（2017）は、音声・手書き文字・音楽の 3 つの課題で LSTM の 8 つの変種を比べました。"
                  "最も重要だとわかった部品はどれでしょう？",
        },
        "options": [
            {"en": "The peephole connections.", "ja": "覗き穴結合。",
             "why": {"en": "Removing them (NP) made no significant difference on any of the three datasets.",
                     "ja": "取り除いても (NP)、3 つのどのデータセットでも有意な差はありませんでした。"}},
            {"en": "The forget gate (together with the output activation function).",
             "ja": "忘却ゲート（と出力の活性化関数）。"},
            {"en": "Separate input and forget gates.", "ja": "入力ゲートと忘却ゲートを別々にもつこと。",
             "why": {"en": "Coupling them (CIFG, f = 1 − i) did not significantly change mean performance.",
                     "ja": "両者を結合しても（入力・忘却ゲート結合 (CIFG)、f = 1 − i）、平均性能に有意な変化はありませんでした。"}},
            {"en": "Full gate recurrence: every gate fed by every gate of the previous step.",
             "ja": "ゲートの完全再帰結合：各ゲートに、前のステップのすべてのゲートを入力すること。",
             "why": {"en": "That variant (FGR) adds recurrent weights to the standard LSTM; it did not improve "
                           "performance.",
                     "ja": "その変種（FGR）は標準の LSTM に再帰の重みを加えたもので、性能は向上しませんでした。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "Removing the forget gate (NFG) or the output activation (NOAF) significantly hurt performance on "
                  "all three datasets; peepholes (NP) and coupling (CIFG) made no significant difference. Our own "
                  "small table adds a nuance: how much a part matters depends on the task.",
            "ja": "忘却ゲートを除く (NFG) か出力の活性化関数を除く (NOAF) と、3 つすべてのデータセットで性能が有意に"
                  "悪化しました。覗き穴結合を除いても (NP)、入力・忘却ゲート結合 (CIFG) にしても、有意な差はありませんでした。"
                  "このノートブックの小さな表からは、部品がどれだけ効くかは課題によって変わる、という補足が言えます。",
        },
    },
    "08.nfg-drift": {
        "kind": "numeric",
        "question": {
            "en": "Without a forget gate (NFG) the cell update is $c_t = c_{t-1} + i_t g_t$, with $0 < i_t < 1$ and "
                  "$-1 < g_t < 1$. Starting from $c_0 = 0$ on a stream that is never reset, how large can "
                  "$|c_t|$ become after 2000 steps, at most?",
            "ja": "忘却ゲートがない (NFG) と、セルの更新は $c_t = c_{t-1} + i_t g_t$ で、$0 < i_t < 1$、$-1 < g_t < 1$ "
                  "です。一度もリセットしないストリームで $c_0 = 0$ から始めると、2000 ステップ後の $|c_t|$ は最大で"
                  "どこまで大きくなりうるでしょう？",
        },
        "answer": 2000.0,
        "rtol": 0.001,
        "hint": {
            "en": "Each step adds at most 1 in absolute value, and nothing ever takes anything away.",
            "ja": "各ステップで加わるのは絶対値で高々 1 で、何かが差し引かれる仕組みはありません。",
        },
        "explanation": {
            "en": "Up to 2000 (in the limit): each step can add almost 1 and nothing decays. Gers, Schmidhuber & "
                  "Cummins (2000) saw exactly this drift on continual streams and added the forget gate. In our "
                  "NFG runs some cells drifted past 1000 within 2000 steps, yet the error on this easy stream stayed low: "
                  "the network used other units. The forget gate is one way to reset a cell, not the only one.",
            "ja": "（極限で）2000 までです。各ステップでほぼ 1 ずつ加わりえて、減衰するものがありません。"
                  "Gers・Schmidhuber・Cummins (2000) は連続ストリームでまさにこのドリフトを観察し、忘却ゲートを加えました。"
                  "このノートブックの NFG の実行でも、一部のセルは 2000 ステップで 1000 を超えるまでドリフトしましたが、この易しいストリームでの誤差は"
                  "小さいままでした。ネットワークは別のユニットを使ったのです。忘却ゲートはセルをリセットする"
                  "方法の 1 つであって、唯一の方法ではありません。",
        },
    },
}
