"""Everything a checker says, in both languages: one table, one key per sentence.

Japanese follows the glossary (/work/shared/GLOSSARY.md): 活性化前の値, 忘却ゲート, セルの経路, 閾値, ノルム ...
Placeholders in braces are filled by :func:`helpers.check._core.say`; names of code stay in Latin letters.
"""

MESSAGES = {
    "en": {
        "passed": "✔ Right: every returned value matches {reference} on {cases} random cases (float64).",
        "failed": "✘ Not yet.",
        "not_written": "Not written yet: your function raises NotImplementedError. Write the missing lines, run "
                       "its cell, then run this check again.",
        "raised": "Your function raised {error}: {text}",
        "raised_at": "Your function raised {error} at the line <code>{line}</code>: {text}",
        "not_callable": "Expected a function, got {got}.",
        "count": "Expected {n} returned values ({names}), got {got}.",
        "not_dict": "Expected {name} to be a dict with keys {keys}, got {got}.",
        "missing_keys": "{name} is missing the key(s) {missing}; expected the keys {keys}.",
        "not_array": "Expected {name} to be an array of numbers, got {got}.",
        "shape": "{name} should have shape {expected}, got {got}.",
        "shape_transposed": "{name} should have shape {expected}, got {got}: the transpose. Check which factor of "
                            "the product comes first and which one is transposed.",
        "not_finite": "{name} contains NaN or inf; expected finite numbers.",
        "wrong_outputs": "Wrong: {names}.",
        "right_outputs": "Right: {names}.",
        "wrong_gates_backward": "The root: the pre-activation gradient of {gates} is wrong (the outputs above are "
                                "wrong because they are built from it).",
        "wrong_gates_forward": "The root: the value of {gates} is wrong.",
        "wrong_u": "The root: δ = ∂L/∂u_t, the gradient at the pre-activation, is wrong.",
        "no_gate": "Every gate block is right, so the mistake is in the line that builds {names} from them.",
        "cell_line": "Every gate is right, so the mistake is in the cell update c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t.",
        "h_line": "The gates are right, so the mistake is in h_t = o_t ⊙ tanh(c_t).",
        "gru_h_line": "The gates are right, so the mistake is in h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}.",
        "convention": "Convention checked: {convention}.",
        "reset_before": "reset before the product, (r_t ⊙ h_{t−1}) W_{h,n} (Cho et al. 2014; reset_after=False)",
        "reset_after": "reset after the product, r_t ⊙ (h_{t−1} W_{h,n} + b_{h,n}) (PyTorch; reset_after=True)",
        "sign": "{names} has the opposite sign: look for a minus sign.",
        # named causes
        "cause_sigma_for_tanh_g": "Likely cause: the candidate g is a tanh, but its derivative was taken as a "
                                  "sigmoid's, g(1 − g); tanh′ is 1 − g².",
        "cause_sigma_for_tanh_c": "Likely cause: on the path from h_t into c_t the derivative of tanh(c_t) was "
                                  "taken as a sigmoid's; it is 1 − tanh²(c_t).",
        "cause_c_for_c_prev": "Likely cause: the forget gate multiplies c_{t−1}, so δa_f needs c_{t−1}, not c_t.",
        "cause_missing_h_path": "Likely cause: the path from h_t into c_t is missing: add δh_t ⊙ o_t ⊙ (1 − tanh² c"
                                "_t) "
                                "to δc_t before using it.",
        "cause_cell_path_without_f": "Likely cause: the cell path is δc_{t−1} = δc_t ⊙ f_t; the factor f_t is "
                                     "missing.",
        "cause_cell_path_before_h": "Likely cause: δc_{t−1} was taken from the δc_t that arrived, before the path "
                                    "from h_t was added to it.",
        "cause_dlfs2_order": "Likely cause: the gate blocks are in the order f, g, i, o (\"Deep Learning from "
                             "Scratch 2\"); here the order is i, f, g, o.",
        "cause_missing_tanh_o": "Likely cause: h_t = o_t ⊙ tanh(c_t), so δa_o needs tanh(c_t), not c_t.",
        "cause_rnn_sigma_for_tanh": "Likely cause: the derivative of tanh was taken as a sigmoid's, h(1 − h); it is "
                                    "1 − h².",
        "cause_rnn_h_prev_for_h": "Likely cause: tanh′ belongs to this step's output: 1 − h_t², not 1 − h_{t−1}².",
        "cause_rnn_no_derivative": "Likely cause: δ = ∂L/∂u_t needs the factor tanh′(u_t) = 1 − h_t².",
        "cause_rnn_transpose": "Likely cause: going back through h_{t−1} W_h multiplies by W_h transposed: "
                               "δ W_hᵀ.",
        "cause_lstm_forward_dlfs2_order": "Likely cause: the gate blocks were read in the order f, g, i, o (\"Deep "
                                          "Learning from Scratch 2\"); here the order is i, f, g, o.",
        "cause_lstm_forward_sigmoid_g": "Likely cause: the candidate g is a tanh, not a sigmoid.",
        "cause_lstm_forward_no_f": "Likely cause: the cell update lacks the forget gate: c_t = f_t ⊙ c_{t−1} + "
                                   "i_t ⊙ g_t.",
        "cause_lstm_forward_no_tanh_c": "Likely cause: h_t = o_t ⊙ tanh(c_t); the tanh is missing.",
        "cause_gru_z_swapped": "Likely cause: z and 1 − z are swapped. Here (Cho et al., PyTorch) "
                               "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}: z_t is the share of h_{t−1} that is kept.",
        "cause_gru_other_convention": "Likely cause: your function computes the other convention: {other}. Declare "
                                      "it with reset_after={flag}, or change the line of n_t.",
        "cause_gru_sigma_for_tanh": "Likely cause: the candidate n is a tanh, but its derivative was taken as a "
                                    "sigmoid's, n(1 − n); tanh′ is 1 − n².",
        "cause_gru_no_direct_path": "Likely cause: h_{t−1} also reaches h_t directly, through z_t ⊙ h_{t−1}: add "
                                    "δh_t ⊙ z_t to δh_{t−1}.",
        "clip_below": "Below the threshold the gradients must come back unchanged; yours changed.",
        "clip_above": "Above the threshold every array must be scaled by the same factor τ/‖g‖ so that the global "
                      "norm becomes τ; yours does not.",
        "cause_clip_per_array": "Likely cause: each array was clipped by its own norm. Clipping by norm takes one "
                                "norm over all arrays together (the global norm) and one factor for all.",
        "cause_clip_always": "Likely cause: the gradients were rescaled to norm τ even when their norm was already "
                             "below τ; rescale only when ‖g‖ > τ.",
        "cause_clip_inverted": "Likely cause: the factor is inverted: multiply by τ/‖g‖, not ‖g‖/τ.",
        "cause_clip_direction": "Likely cause: the direction changed (entries were cut one by one, as clipping by "
                                "value does); clipping by norm multiplies the whole gradient by one factor.",
        "gates_word": {"i": "i (input gate)", "f": "f (forget gate)", "g": "g (candidate)", "o": "o (output gate)",
                       "r": "r (reset gate)", "z": "z (update gate)", "n": "n (candidate)"},
        "and": " and ",
    },
    "ja": {
        "passed": "✔ 正解です。ランダムな {cases} 通りの入力 (float64) で、"
                  "返した値がすべて {reference} と一致しました。",
        "failed": "✘ まだ正しくありません。",
        "not_written": "未実装です。関数が NotImplementedError を送出しています。空欄の行を書いてそのセルを実行し、"
                       "もう一度この確認を実行してください。",
        "raised": "関数が {error} を送出しました：{text}",
        "raised_at": "関数が行 <code>{line}</code> で {error} を送出しました：{text}",
        "not_callable": "関数を渡してください。渡されたのは {got} です。",
        "count": "戻り値は {n} 個（{names}）のはずですが、{got} でした。",
        "not_dict": "{name} はキー {keys} をもつ dict のはずですが、{got} でした。",
        "missing_keys": "{name} にキー {missing} がありません。必要なキーは {keys} です。",
        "not_array": "{name} は数値の配列のはずですが、{got} でした。",
        "shape": "{name} の形状は {expected} のはずですが、{got} でした。",
        "shape_transposed": "{name} の形状は {expected} のはずですが、{got} でした。転置になっています。"
                            "積のどちらの因子が"
                            "先に来て、どちらを転置するかを確かめてください。",
        "not_finite": "{name} に NaN または inf が含まれています。有限の値になるはずです。",
        "wrong_outputs": "誤り：{names}。",
        "right_outputs": "正しい：{names}。",
        "wrong_gates_backward": "原因の場所：{gates}の活性化前の値に対する勾配が誤っています（上に挙げた出力は、"
                                "この勾配から計算されるため誤っています）。",
        "wrong_gates_forward": "原因の場所：{gates}の値が誤っています。",
        "wrong_u": "原因の場所：活性化前の値での勾配 δ = ∂L/∂u_t が誤っています。",
        "no_gate": "どのゲートのブロックも正しいので、誤りはそれらから {names} を計算する行にあります。",
        "cell_line": "ゲートはすべて正しいので、誤りはセル状態の更新 c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t にあります。",
        "h_line": "ゲートは正しいので、誤りは h_t = o_t ⊙ tanh(c_t) にあります。",
        "gru_h_line": "ゲートは正しいので、誤りは h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} にあります。",
        "convention": "確認した流儀：{convention}。",
        "reset_before": "積の前にリセットする (r_t ⊙ h_{t−1}) W_{h,n}（Cho et al. 2014、reset_after=False）",
        "reset_after": "積の後にリセットする r_t ⊙ (h_{t−1} W_{h,n} + b_{h,n})（PyTorch、reset_after=True）",
        "sign": "{names} の符号が逆です。マイナス記号を探してください。",
        "cause_sigma_for_tanh_g": "考えられる原因：入力候補 g は tanh なのに、"
                                  "導関数をシグモイド関数の g(1 − g) にしています。"
                                  "tanh′ は 1 − g² です。",
        "cause_sigma_for_tanh_c": "考えられる原因：h_t から c_t への経路で、"
                                  "tanh(c_t) の導関数をシグモイド関数のものにしています。"
                                  "正しくは 1 − tanh²(c_t) です。",
        "cause_c_for_c_prev": "考えられる原因：忘却ゲートが掛かるのは c_{t−1} なので、δa_f に必要なのは c_t ではなく "
                              "c_{t−1} です。",
        "cause_missing_h_path": "考えられる原因：h_t から c_t への経路が抜けています。δc_t を使う前に "
                                "δh_t ⊙ o_t ⊙ (1 − tanh² c_t) を加えてください。",
        "cause_cell_path_without_f": "考えられる原因：セルの経路は δc_{t−1} = δc_t ⊙ f_t です。"
                                     "因子 f_t が抜けています。",
        "cause_cell_path_before_h": "考えられる原因：δc_{t−1} を、h_t からの経路を加える前の（届いたままの）δc_t から"
                                    "計算しています。",
        "cause_dlfs2_order": "考えられる原因：ゲートのブロックが f, g, i, o の順（『ゼロから作る Deep Learning ❷』"
                             "の順）に"
                             "なっています。ここでの順は i, f, g, o です。",
        "cause_missing_tanh_o": "考えられる原因：h_t = o_t ⊙ tanh(c_t) なので、"
                                "δa_o に必要なのは c_t ではなく tanh(c_t) "
                                "です。",
        "cause_rnn_sigma_for_tanh": "考えられる原因：tanh の導関数をシグモイド関数の h(1 − h) にしています。正しくは "
                                    "1 − h² です。",
        "cause_rnn_h_prev_for_h": "考えられる原因：tanh′ はこのステップの出力のものです。"
                                  "1 − h_{t−1}² ではなく 1 − h_t² "
                                  "です。",
        "cause_rnn_no_derivative": "考えられる原因：δ = ∂L/∂u_t には因子 tanh′(u_t) = 1 − h_t² が必要です。",
        "cause_rnn_transpose": "考えられる原因：h_{t−1} W_h をさかのぼるときは W_h の転置を掛けます（δ W_hᵀ）。",
        "cause_lstm_forward_dlfs2_order": "考えられる原因：ゲートのブロックを f, g, i, o の順（『ゼロから作る Deep "
                                          "Learning ❷』の順）で読んでいます。ここでの順は i, f, g, o です。",
        "cause_lstm_forward_sigmoid_g": "考えられる原因：入力候補 g はシグモイド関数ではなく tanh です。",
        "cause_lstm_forward_no_f": "考えられる原因：セル状態の更新に忘却ゲートがありません。c_t = f_t ⊙ c_{t−1} + "
                                   "i_t ⊙ g_t です。",
        "cause_lstm_forward_no_tanh_c": "考えられる原因：h_t = o_t ⊙ tanh(c_t) の tanh が抜けています。",
        "cause_gru_z_swapped": "考えられる原因：z と 1 − z が入れ替わっています。ここでの流儀（Cho et al.、"
                               "PyTorch）は "
                               "h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} で、z_t は h_{t−1} を残す割合です。",
        "cause_gru_other_convention": "考えられる原因：もう一方の流儀（{other}）で計算しています。"
                                      "reset_after={flag} と"
                                      "宣言するか、n_t の行を直してください。",
        "cause_gru_sigma_for_tanh": "考えられる原因：入力候補 n は tanh なのに、"
                                    "導関数をシグモイド関数の n(1 − n) にしています。"
                                    "tanh′ は 1 − n² です。",
        "cause_gru_no_direct_path": "考えられる原因：h_{t−1} は z_t ⊙ h_{t−1} を通って h_t に直接も届きます。"
                                    "δh_t ⊙ z_t を δh_{t−1} に加えてください。",
        "clip_below": "閾値より下では、勾配は変えずに返すはずですが、変わっています。",
        "clip_above": "閾値より上では、グローバルノルムが τ になるように、"
                      "すべての配列に同じ因子 τ/‖g‖ を掛けるはずですが、"
                      "そうなっていません。",
        "cause_clip_per_array": "考えられる原因：配列ごとに自分のノルムでクリッピングしています。"
                                "ノルムによるクリッピングは、"
                                "すべての配列をまとめた 1 つのノルム（グローバルノルム）と 1 つの因子を使います。",
        "cause_clip_always": "考えられる原因：ノルムがすでに τ より小さいときにも、"
                             "ノルムが τ になるように縮尺を変えています。"
                             "変えるのは ‖g‖ > τ のときだけです。",
        "cause_clip_inverted": "考えられる原因：因子が逆数になっています。掛けるのは ‖g‖/τ ではなく τ/‖g‖ です。",
        "cause_clip_direction": "考えられる原因：向きが変わっています（値によるクリッピングのように成分ごとに切って"
                                "います）。"
                                "ノルムによるクリッピングは、勾配全体に 1 つの因子を掛けます。",
        "gates_word": {"i": "i（入力ゲート）", "f": "f（忘却ゲート）", "g": "g（入力候補）", "o": "o（出力ゲート）",
                       "r": "r（リセットゲート）", "z": "z（更新ゲート）", "n": "n（入力候補）"},
        "and": "、",
    },
}
