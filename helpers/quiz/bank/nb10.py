"""Quizzes of notebook 10 (the GRU)."""

GRU_CODE = '''def gru(x, h, Wx, Wh, bx, bh):
    """One GRU step. x: (N, D); h: (N, H); Wx: (D, 3H); Wh: (H, 3H); bx, bh: (3H,)."""
    H = h.shape[1]
    ax, ah = x @ Wx + bx, h @ Wh + bh            # gate order: r, z, n
    r = sigmoid(ax[:, :H] + ah[:, :H])
    z = sigmoid(ax[:, H:2 * H] + ah[:, H:2 * H])
    n = np.tanh(ax[:, 2 * H:] + (r * h) @ Wh[:, 2 * H:] + bh[2 * H:])
    h = ____
    return h'''

QUIZZES = {
    "10.keep-gate": {
        "kind": "choice",
        "question": {
            "en": "In a GRU written as $h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$, which gate decides how much "
                  "of the previous hidden state $h_{t-1}$ is carried over to $h_t$?",
            "ja": "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$ と書いた GRU で、前の隠れ状態 $h_{t-1}$ を "
                  "$h_t$ にどれだけ引き継ぐかを決めるゲートはどれでしょう？",
        },
        "options": [
            {"en": "The reset gate $r_t$", "ja": "リセットゲート $r_t$",
             "why": {"en": "The reset gate only decides how much of $h_{t-1}$ the candidate $n_t$ may use; it does "
                           "not touch the direct path from $h_{t-1}$ to $h_t$.",
                     "ja": "リセットゲートが決めるのは、入力候補 $n_t$ を作るときに $h_{t-1}$ をどれだけ使うかだけです。"
                           "$h_{t-1}$ から $h_t$ への直接の経路には掛かりません。"}},
            {"en": "The update gate $z_t$", "ja": "更新ゲート $z_t$"},
            {"en": "The output gate", "ja": "出力ゲート",
             "why": {"en": "A GRU has no output gate: its whole state $h_t$ is its output.",
                     "ja": "GRU には出力ゲートがありません。状態 $h_t$ そのものが出力です。"}},
            {"en": "The forget gate", "ja": "忘却ゲート",
             "why": {"en": "The forget gate belongs to the LSTM. In the GRU its job is done by $z_t$ (and $1 - z_t$ "
                           "plays the input gate), as in the LSTM variant CIFG.",
                     "ja": "忘却ゲートは LSTM のゲートです。GRU ではその役目を $z_t$ が担い（入力ゲートの役は "
                           "$1 - z_t$）、LSTM の変種 CIFG と同じ形になります。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "$z_t$ multiplies $h_{t-1}$ directly: $z_t \\approx 1$ keeps the old state (and passes its gradient "
                  "back unchanged), $z_t \\approx 0$ replaces it by the candidate. Careful: some sources write "
                  "$h_t = z_t \\odot n_t + (1 - z_t) \\odot h_{t-1}$; the gate is the same, only the meaning of "
                  "$z_t$ flips.",
            "ja": "$z_t$ は $h_{t-1}$ に直接掛かります。$z_t \\approx 1$ なら古い状態を残し（その勾配もそのまま"
                  "逆向きに通し）、$z_t \\approx 0$ なら入力候補で置き換えます。注意：$h_t = z_t \\odot n_t + "
                  "(1 - z_t) \\odot h_{t-1}$ と書く資料もあります。ゲートは同じで、$z_t$ の意味が逆になるだけです。",
        },
    },
    "10.h-line": {
        "kind": "code",
        "question": {
            "en": "This function computes one GRU step, written so that an update gate $z \\approx 1$ keeps the "
                  "previous state (as in Cho et al. 2014 and PyTorch). Which line computes the new hidden state?",
            "ja": "次の関数は GRU の 1 ステップを計算します。更新ゲートが $z \\approx 1$ のとき前の状態を保つ書き方"
                  "（Cho ら 2014、PyTorch と同じ）です。新しい隠れ状態を求める行はどれでしょう？",
        },
        "code": GRU_CODE,
        "options": [
            "z * n + (1 - z) * h",
            "(1 - z) * n + z * h",
            "r * n + z * h",
            "(1 - z) * n + z * (r * h)",
        ],
        "answer": 1,
        "why": {
            0: {"en": "This is the other convention, where $z$ means how much to update; in this code $z$ means "
                      "how much to keep, and mixing the two in one model is a bug.",
                "ja": "これは $z$ が「どれだけ更新するか」を表すもう一方の書き方です。このコードの $z$ "
                      "は「どれだけ残すか」で、1 つのモデルで 2 つの書き方を混ぜるとバグになります。"},
            2: {"en": "The reset gate acts only inside the candidate $n$; here the two weights $r$ and $z$ need "
                      "not add up to 1, so it is no blend.",
                "ja": "リセットゲートは入力候補 $n$ の中だけで働きます。この行では重み $r$ と $z$ の和が 1 "
                      "になるとは限らず、混ぜ合わせになりません。"},
            3: {"en": "The reset gate does not act on the path that keeps $h_{t-1}$: with $r \\approx 0$ this line "
                      "would throw the old state away.",
                "ja": "リセットゲートは $h_{t-1}$ を残す経路には掛かりません。この行では $r \\approx 0$ "
                      "のとき古い状態が捨てられてしまいます。"},
        },
        "explanation": {
            "en": "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$: a blend of the candidate and the old state whose "
                  "weights add up to 1. <code>z * n + (1 - z) * h</code> is the same cell in the other convention, "
                  "where $z$ means “how much to update”; mixing the two conventions in one model is a bug. The reset "
                  "gate acts only inside the candidate, never on the path that keeps $h_{t-1}$.",
            "ja": "$h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}$：入力候補と古い状態を、和が 1 になる重みで"
                  "混ぜます。<code>z * n + (1 - z) * h</code> はもう一方の書き方（$z$ が「どれだけ更新するか」を表す）"
                  "での同じセルで、1 つのモデルの中で 2 つの書き方を混ぜるとバグになります。リセットゲートは入力候補の"
                  "中だけで働き、$h_{t-1}$ を残す経路には掛かりません。",
        },
    },
    "10.param-count": {
        "kind": "numeric",
        "question": {
            "en": "How many parameters has a GRU layer with input size $D = 10$ and hidden size $H = 20$, counted as in "
                  "<code>helpers.gru</code>: <code>Wx</code> (D, 3H), <code>Wh</code> (H, 3H) and two bias vectors "
                  "<code>bx</code>, <code>bh</code> (3H,)?",
            "ja": "入力の次元数 $D = 10$、隠れ状態の次元数 $H = 20$ の GRU 層のパラメータはいくつでしょう？"
                  "<code>helpers.gru</code> と同じく <code>Wx</code> (D, 3H)、<code>Wh</code> (H, 3H)、2 つのバイアス "
                  "<code>bx</code>、<code>bh</code> (3H,) を数えます。",
        },
        "answer": 1920,
        "rtol": 0.0,
        "hint": {
            "en": "Each of the three blocks r, z, n has $DH + H^2 + 2H$ numbers.",
            "ja": "r、z、n の 3 つのブロックそれぞれに $DH + H^2 + 2H$ 個あります。",
        },
        "explanation": {
            "en": "$3\\,(DH + H^2 + 2H) = 3\\,(200 + 400 + 40) = 1920$. An LSTM of the same sizes with one bias has "
                  "$4\\,(DH + H^2 + H) = 2480$: the GRU has about three quarters of its parameters (PyTorch's LSTM "
                  "also keeps two biases: 2560).",
            "ja": "$3\\,(DH + H^2 + 2H) = 3\\,(200 + 400 + 40) = 1920$ です。同じサイズでバイアスが 1 つの LSTM は "
                  "$4\\,(DH + H^2 + H) = 2480$ なので、GRU のパラメータはその約 4 分の 3 です（PyTorch の LSTM は"
                  "バイアスを 2 つもつので 2560）。",
        },
    },
}
