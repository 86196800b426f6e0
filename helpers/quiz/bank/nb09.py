"""Quizzes of notebook 09 (the LSTM backward pass)."""

BACKWARD_CODE = '''def lstm_step_backward(dh, dc, da, x, h_prev, i, f, o, c, Wx, Wh):
    """dh, dc: (N, H) gradients arriving at h_t and c_t; i, f, o: (N, H) gates of this step;
    da: (N, 4H) the gradients of the gates' pre-activations (order i, f, g, o), already computed."""
    dc = dc + dh * o * (1 - np.tanh(c) ** 2)   # c_t also reaches the loss through h_t
    dc_prev = ____
    dh_prev = da @ Wh.T
    dx = da @ Wx.T
    return dx, dh_prev, dc_prev, x.T @ da, h_prev.T @ da, da.sum(axis=0)'''

FORGET_CODE = '''    tc = np.tanh(c)
    dc = dc + dh * o * (1 - tc ** 2)
    da_i = dc * g * i * (1 - i)
    da_f = ____
    da_g = dc * i * (1 - g ** 2)
    da_o = dh * tc * o * (1 - o)'''

QUIZZES = {
    "09.code-dc-prev": {
        "kind": "code",
        "question": {
            "en": "This function is one step of the LSTM's backward pass. Which line goes into the blank, the "
                  "gradient that the cell state hands back to $c_{t-1}$ along the cell path?",
            "ja": "次の関数は LSTM の逆伝播の 1 ステップです。空欄に入る行、つまりセル状態がセルの経路に沿って "
                  "$c_{t-1}$ へ返す勾配はどれでしょう？",
        },
        "code": BACKWARD_CODE,
        "options": [
            "dc * f",
            "dc * f * (1 - f)",
            "da @ Wh.T",
            "dc * i + dh * o",
        ],
        "answer": 0,
        "why": {
            1: {"en": "$f(1 - f)$ is the sigmoid's derivative: it belongs to the way back into the forget gate "
                      "(its block of <code>da</code>), not to the path along the cell.",
                "ja": "$f(1 - f)$ はシグモイド関数の導関数で、忘却ゲートの中へ戻る勾配（<code>da</code> "
                      "の忘却ゲートのブロック）のものです。セルに沿った経路には掛かりません。"},
            2: {"en": "<code>da @ Wh.T</code> is what reaches $h_{t-1}$ through the gates' weights; the cell path "
                      "to $c_{t-1}$ passes no weight matrix.",
                "ja": "<code>da @ Wh.T</code> はゲートの重みを通って $h_{t-1}$ に届く勾配です。$c_{t-1}$ "
                      "へのセルの経路は重み行列を通りません。"},
            3: {"en": "$c_{t-1}$ enters $c_t$ only through $f_t \\odot c_{t-1}$: the input gate and the output gate "
                      "do not multiply it.",
                "ja": "$c_{t-1}$ は $f_t \\odot c_{t-1}$ を通してしか $c_t$ に入りません。入力ゲートや出力ゲートは "
                      "$c_{t-1}$ に掛かっていません。"},
        },
        "explanation": {
            "en": "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$, so with the gates held fixed $\\partial c_t/\\partial "
                  "c_{t-1} = \\mathrm{diag}(f_t)$ and the cell hands back <code>dc * f</code>: no weight matrix, no "
                  "$\\sigma'$. <code>dc * f * (1 - f)</code> mixes in the forget gate's own derivative, which belongs "
                  "to <code>da_f</code>. <code>da @ Wh.T</code> is what reaches $h_{t-1}$ through the gates. <code>dc * i + dh * o</code> "
                  "adds things that do not go to $c_{t-1}$ at all.",
            "ja": "$c_t = f_t \\odot c_{t-1} + i_t \\odot g_t$ なので、ゲートを固定すれば $\\partial c_t/\\partial "
                  "c_{t-1} = \\mathrm{diag}(f_t)$ で、セルは <code>dc * f</code> を返します。重み行列も $\\sigma'$ "
                  "も掛かりません。<code>dc * f * (1 - f)</code> は忘却ゲート自身の導関数を混ぜていて、それは "
                  "<code>da_f</code> の仕事です。<code>da @ Wh.T</code> はゲートを通って $h_{t-1}$ に届く勾配です。"
                  "<code>dc * i + dh * o</code> は $c_{t-1}$ には届かない項を足しています。",
        },
    },
    "09.code-da-f": {
        "kind": "code",
        "question": {
            "en": "These lines are part of one step of the LSTM's backward pass (gates i, f, g, o of this step, "
                  "$c_t$ as <code>c</code>, $c_{t-1}$ as <code>c_prev</code>; <code>dh</code> and <code>dc</code> "
                  "arrive at $h_t$ and $c_t$). Which line computes the gradient of the forget gate's "
                  "pre-activation, $\\partial L/\\partial a_f$?",
            "ja": "次の行は LSTM の逆伝播の 1 ステップの一部です（i、f、g、o はこのステップのゲート、<code>c</code> は "
                  "$c_t$、<code>c_prev</code> は $c_{t-1}$、<code>dh</code> と <code>dc</code> は $h_t$ と $c_t$ に届いた"
                  "勾配）。忘却ゲートの活性化前の値の勾配 $\\partial L/\\partial a_f$ を求める行はどれでしょう？",
        },
        "code": FORGET_CODE,
        "options": [
            "dc * f * (1 - f)",
            "dc * c_prev * f * (1 - f)",
            "dc * c_prev * (1 - f ** 2)",
            "dh * c_prev * f * (1 - f)",
        ],
        "answer": 1,
        "why": {
            0: {"en": "The gate multiplies $c_{t-1}$, so $\\partial c_t/\\partial f_t = c_{t-1}$: without "
                      "<code>c_prev</code> that factor is missing.",
                "ja": "ゲートは $c_{t-1}$ に掛かるので $\\partial c_t/\\partial f_t = c_{t-1}$ です。"
                      "<code>c_prev</code> がないとこの因子が抜けます。"},
            2: {"en": "$1 - f^2$ is the derivative of tanh; the forget gate is a sigmoid, whose derivative is $f(1 "
                      "- f)$.",
                "ja": "$1 - f^2$ は tanh の導関数です。忘却ゲートはシグモイド関数なので、導関数は $f(1 - f)$ です。"},
            3: {"en": "<code>dh</code> is only the gradient arriving at $h_t$; <code>dc</code> (updated two lines "
                      "above) also holds what reaches $c_t$ from step $t+1$.",
                "ja": "<code>dh</code> は $h_t$ に届いた勾配だけです。2 行上で更新した <code>dc</code> には、時刻 "
                      "$t+1$ から $c_t$ に届く勾配も入っています。"},
        },
        "explanation": {
            "en": "$f_t$ multiplies $c_{t-1}$ in $c_t$, so $\\partial L/\\partial f_t = \\delta c_t \\odot c_{t-1}$; "
                  "then through the sigmoid, $\\sigma'(a_f) = f(1 - f)$. Without <code>c_prev</code> the line forgets "
                  "what the gate multiplies; <code>1 - f ** 2</code> is the derivative of tanh, not of the sigmoid; "
                  "and <code>dh</code> skips the part of the gradient that reaches $c_t$ from step $t+1$.",
            "ja": "$c_t$ の中で $f_t$ は $c_{t-1}$ に掛かっているので $\\partial L/\\partial f_t = \\delta c_t \\odot "
                  "c_{t-1}$、そこからシグモイド関数を通って $\\sigma'(a_f) = f(1 - f)$ が掛かります。"
                  "<code>c_prev</code> がないとゲートが何に掛かっているかを忘れています。<code>1 - f ** 2</code> は "
                  "tanh の導関数でシグモイド関数のものではありません。<code>dh</code> では時刻 $t+1$ から $c_t$ に"
                  "届く勾配が抜けます。",
        },
    },
    "09.sigma-prime-f": {
        "kind": "numeric",
        "question": {
            "en": "A forget gate is at $f_t = 0.9$. By what factor does the sigmoid scale the gradient on its way "
                  "from $f_t$ to the pre-activation $a_f$, i.e. what is $\\sigma'(a_f)$?",
            "ja": "忘却ゲートが $f_t = 0.9$ だとします。勾配が $f_t$ から活性化前の値 $a_f$ へ戻るとき、シグモイド"
                  "関数は何倍にするでしょう？つまり $\\sigma'(a_f)$ はいくつでしょう？",
        },
        "answer": 0.09,
        "rtol": 0.01,
        "hint": {
            "en": "Write the derivative through the sigmoid's output: $\\sigma' = \\sigma(1 - \\sigma)$ (notebook 02).",
            "ja": "導関数をシグモイド関数の出力で書きます：$\\sigma' = \\sigma(1 - \\sigma)$（ノートブック 02）。",
        },
        "explanation": {
            "en": "$0.9 \\times 0.1 = 0.09$. A gate that is nearly open or nearly shut learns slowly (its $\\sigma'$ "
                  "is small), while it passes the cell's gradient back almost untouched ($\\times f = 0.9$): the two "
                  "are different paths.",
            "ja": "$0.9 \\times 0.1 = 0.09$ です。ほぼ開いた（またはほぼ閉じた）ゲートは $\\sigma'$ が小さいので"
                  "ゆっくりしか学習しませんが、セルの勾配はほとんどそのまま（$\\times f = 0.9$）返します。"
                  "この 2 つは別の経路です。",
        },
    },
    "09.weight-sum": {
        "kind": "choice",
        "question": {
            "en": "An LSTM runs over $T$ steps. How is $\\partial L/\\partial W_h$ (shape $(H, 4H)$) computed from "
                  "the pre-activation gradients $\\delta a_t$ $(N, 4H)$?",
            "ja": "LSTM を $T$ ステップ動かします。$\\partial L/\\partial W_h$（形 $(H, 4H)$）は、活性化前の値の勾配 "
                  "$\\delta a_t$ $(N, 4H)$ からどう求めるでしょう？",
        },
        "options": [
            {"en": "$\\sum_{t=1}^{T} h_{t-1}^\\top \\delta a_t$: the same weight is used at every step, so the "
                   "contributions of all steps add up.",
             "ja": "$\\sum_{t=1}^{T} h_{t-1}^\\top \\delta a_t$：同じ重みを全ステップで使うので、各ステップの寄与を"
                   "足し合わせる。"},
            {"en": "$h_{T-1}^\\top \\delta a_T$: only the last step touches the loss.",
             "ja": "$h_{T-1}^\\top \\delta a_T$：損失に触れるのは最後のステップだけだから。",
             "why": {"en": "Every step used $W_h$, and every step's $\\delta a_t$ is non-zero once the gradient has "
                           "flowed back to it.",
                     "ja": "$W_h$ は全ステップで使われていて、勾配が遡って届けば各ステップの $\\delta a_t$ は 0 では"
                           "ありません。"}},
            {"en": "The mean over $t$ of $h_{t-1}^\\top \\delta a_t$, so that long sequences do not get larger "
                   "gradients.",
             "ja": "$h_{t-1}^\\top \\delta a_t$ の $t$ についての平均。長い系列で勾配が大きくならないように。",
             "why": {"en": "The chain rule sums; dividing by $T$ is a choice of loss (a mean over time), not part "
                           "of backpropagation.",
                     "ja": "連鎖律は和を与えます。$T$ で割るのは損失の定義（時間平均）の選び方で、逆伝播の一部では"
                           "ありません。"}},
            {"en": "$\\prod_t h_{t-1}^\\top \\delta a_t$, a product as for the Jacobians.",
             "ja": "ヤコビ行列と同じように $\\prod_t h_{t-1}^\\top \\delta a_t$ の積。",
             "why": {"en": "Products appear along the path back in time (inside each $\\delta a_t$); the "
                           "contributions of the different steps to one shared weight add.",
                     "ja": "積が現れるのは時間を遡る経路の中（各 $\\delta a_t$ の中）で、共有された 1 つの重みへの"
                           "各ステップの寄与は足し算です。"}},
        ],
        "answer": 0,
        "explanation": {
            "en": "$W_h$ appears in every step's pre-activation $a_t = x_t W_x + h_{t-1} W_h + b$, so "
                  "$\\partial L/\\partial W_h = \\sum_t h_{t-1}^\\top \\delta a_t$, likewise "
                  "$\\partial L/\\partial W_x = \\sum_t x_t^\\top \\delta a_t$ and $\\partial L/\\partial b = "
                  "\\sum_t \\sum_n \\delta a_{t,n}$. <code>helpers.lstm.lstm_backward</code> does each sum as one matrix product.",
            "ja": "$W_h$ は各ステップの活性化前の値 $a_t = x_t W_x + h_{t-1} W_h + b$ に現れるので "
                  "$\\partial L/\\partial W_h = \\sum_t h_{t-1}^\\top \\delta a_t$ です。同様に "
                  "$\\partial L/\\partial W_x = \\sum_t x_t^\\top \\delta a_t$、$\\partial L/\\partial b = "
                  "\\sum_t \\sum_n \\delta a_{t,n}$。<code>helpers.lstm.lstm_backward</code> はそれぞれの和を 1 回の行列積で"
                  "計算します。",
        },
    },
    "09.eps-float32": {
        "kind": "choice",
        "question": {
            "en": "A gradient check of an LSTM kept in float32 gives a relative error of about $10^{-2}$ at "
                  "$\\varepsilon = 10^{-5}$, while your tolerance is $10^{-6}$. What is the most likely reason?",
            "ja": "float32 のままの LSTM で勾配確認をすると、$\\varepsilon = 10^{-5}$ で相対誤差が約 $10^{-2}$ に"
                  "なりました。許容誤差は $10^{-6}$ です。いちばんありそうな理由はどれでしょう？",
        },
        "options": [
            {"en": "The backward pass has a bug.", "ja": "逆伝播にバグがある。",
             "why": {"en": "Possibly, but this check cannot tell: in float32 even a correct gradient gives this error.",
                     "ja": "かもしれませんが、この確認では判断できません。float32 では正しい勾配でもこの程度の誤差に"
                           "なります。"}},
            {"en": "Rounding: float32 keeps about 7 digits, so $L(\\theta \\pm \\varepsilon)$ are each off by about "
                   "$10^{-7} |L|$ and their difference divided by $2\\varepsilon$ is off by about $10^{-7}|L| / "
                   "\\varepsilon$. Check in float64.",
             "ja": "丸め誤差。float32 は約 7 桁しか持たないので $L(\\theta \\pm \\varepsilon)$ はそれぞれ約 "
                   "$10^{-7} |L|$ ずれ、その差を $2\\varepsilon$ で割ると約 $10^{-7}|L| / \\varepsilon$ ずれる。"
                   "float64 で確認する。"},
            {"en": "$\\varepsilon$ is too small for the truncation error; take $\\varepsilon = 1$.",
             "ja": "$\\varepsilon$ が打ち切り誤差に対して小さすぎる。$\\varepsilon = 1$ にする。",
             "why": {"en": "The truncation error grows like $\\varepsilon^2$: at $\\varepsilon = 1$ it dominates "
                           "everything.",
                     "ja": "打ち切り誤差は $\\varepsilon^2$ のように増えるので、$\\varepsilon = 1$ ではそれが"
                           "支配的になります。"}},
            {"en": "The relative error is the wrong measure; use the absolute error.",
             "ja": "相対誤差という尺度が間違っている。絶対誤差を使う。",
             "why": {"en": "The absolute error depends on the scale of the gradient; the relative one is what makes "
                           "a tolerance like $10^{-6}$ meaningful.",
                     "ja": "絶対誤差は勾配の大きさに左右されます。$10^{-6}$ のような許容誤差に意味があるのは相対誤差の"
                           "ほうです。"}},
        ],
        "answer": 1,
        "explanation": {
            "en": "The centred difference has two errors: truncation $\\propto \\varepsilon^2$ and rounding "
                  "$\\propto u/\\varepsilon$ with $u$ the unit roundoff ($\\approx 6 \\times 10^{-8}$ in float32, "
                  "$1.1 \\times 10^{-16}$ in float64). Their sum is smallest near $\\varepsilon \\approx u^{1/3}$: "
                  "about $10^{-5}$ in float64 (errors around $10^{-10}$), about $10^{-2}$ to $10^{-3}$ in float32, "
                  "where the best error is still about $10^{-5}$. So check gradients in float64.",
            "ja": "中心差分の誤差は 2 つあります：打ち切り誤差 $\\propto \\varepsilon^2$ と、丸め誤差 "
                  "$\\propto u/\\varepsilon$（$u$ は丸めの単位で、float32 では約 $6 \\times 10^{-8}$、float64 では "
                  "$1.1 \\times 10^{-16}$）。和が最小になるのは $\\varepsilon \\approx u^{1/3}$ 付近で、float64 では"
                  "約 $10^{-5}$（誤差は $10^{-10}$ 程度）、float32 では $10^{-2}$〜$10^{-3}$ ですが、そこでも誤差は"
                  "約 $10^{-5}$ 残ります。だから勾配確認は float64 で行います。",
        },
    },
    "09.kink": {
        "kind": "choice",
        "question": {
            "en": "A network with a ReLU passes its float64 gradient check everywhere except for one weight, where "
                  "the relative error is 0.1 at $\\varepsilon = 10^{-5}$ and $10^{-10}$ at $\\varepsilon = "
                  "10^{-7}$. What is going on?",
            "ja": "ReLU を含むネットワークの float64 での勾配確認が、1 つの重みを除いてすべて通りました。その重み"
                  "だけ、$\\varepsilon = 10^{-5}$ では相対誤差が 0.1、$\\varepsilon = 10^{-7}$ では $10^{-10}$ です。"
                  "何が起きているのでしょう？",
        },
        "options": [
            {"en": "A bug in the analytic gradient of that weight.", "ja": "その重みの解析的な勾配のバグ。",
             "why": {"en": "A bug would not go away when $\\varepsilon$ shrinks by a factor of 100.",
                     "ja": "バグなら $\\varepsilon$ を 100 分の 1 にしても消えません。"}},
            {"en": "Rounding error: $\\varepsilon = 10^{-5}$ is too small in float64.",
             "ja": "丸め誤差。float64 では $\\varepsilon = 10^{-5}$ は小さすぎる。",
             "why": {"en": "Rounding grows as $\\varepsilon$ shrinks; here the error shrank.",
                     "ja": "丸め誤差は $\\varepsilon$ を小さくすると増えます。ここでは誤差が減りました。"}},
            {"en": "A ReLU's input lies within $10^{-5}$ of 0: the two evaluations $x \\pm \\varepsilon$ fall on "
                   "both sides of the kink, where the function has no derivative to approximate. A false alarm.",
             "ja": "ReLU の入力が 0 から $10^{-5}$ 以内にあり、$x \\pm \\varepsilon$ の 2 回の評価が折れ目の両側に"
                   "またがる。そこには近似すべき導関数がない。誤った警報である。"},
            {"en": "The loss is not differentiable anywhere.", "ja": "損失はどこでも微分できない。",
             "why": {"en": "It is differentiable everywhere except at the kinks; the check only fails near one.",
                     "ja": "折れ目以外ではどこでも微分できます。確認が失敗するのは折れ目の近くだけです。"}},
        ],
        "answer": 2,
        "explanation": {
            "en": "The centred difference assumes the function is smooth on $[x - \\varepsilon, x + \\varepsilon]$. "
                  "When a ReLU (or a max, an absolute value, clipping) has its kink inside, the difference "
                  "averages the two slopes and the check fails although the analytic gradient is right. Remedies: "
                  "a smaller $\\varepsilon$, checking at points away from kinks, or counting the inputs that lie "
                  "within $\\varepsilon$ of one.",
            "ja": "中心差分は $[x - \\varepsilon, x + \\varepsilon]$ で関数がなめらかであることを前提にしています。"
                  "ReLU（や max、絶対値、クリッピング）の折れ目がその中にあると、差分は 2 つの傾きの平均になり、"
                  "解析的な勾配が正しくても確認は失敗します。対策は、$\\varepsilon$ を小さくする、折れ目から離れた点で"
                  "確認する、折れ目から $\\varepsilon$ 以内にある入力を数えて除く、などです。",
        },
    },
}
