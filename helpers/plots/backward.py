"""Figures of notebook 09: the gradient highway (LSTM next to the RNN of notebook 01) and gradient checking.

Two explorers, each a pure compute function and a draw/update pair:

- :func:`highway_curves`: ||dL/dc_t|| and ||dL/dh_t|| of an LSTM and ||dL/dh_t|| of a tanh RNN, on the same
  inputs, going back from a loss on the last hidden state; the sliders set the forget-gate bias b_f, the
  scale of the LSTM's recurrent weight U and the RNN's largest singular value lambda_1.
- :func:`eps_sweep`: the relative error of a centred-difference gradient check against eps, for an LSTM in
  float64 and in float32 and for a ReLU with an input just above its kink.
"""

from __future__ import annotations

from functools import lru_cache, partial

import numpy as np
from matplotlib.figure import Figure

from helpers.activations import sigmoid
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward
from helpers.lstm_paths import lstm_backprop_norms
from helpers.plots._base import PALETTE, find_artist, new_figure, style, text, use_mixed_fonts
from helpers.rnn import backprop_norms, rnn_forward, scaled_orthogonal

# Symbols only: Japanese glyphs in animated text cost a font fallback on every move.
# Short, too: drawing the text's glyphs is the largest part of a redraw.
HIGHWAY_READOUT = r"k = {k}:  LSTM c {dc:.1e}  h {dh:.1e}   RNN h {rnn:.1e}   $\sigma(b_f)^k$ {pf:.1e}"
EPS_READOUT = "ε = {eps:.0e}:   float64 {e64:.1e}   float32 {e32:.1e}   ReLU {ekink:.1e}"

LABELS = {
    "en": {
        "k": "steps back k",
        "lstm_c": r"LSTM $\Vert\partial L/\partial c_{T-k}\Vert$",
        "lstm_h": r"LSTM $\Vert\partial L/\partial h_{T-k}\Vert$",
        "rnn_h": r"RNN $\Vert\partial L/\partial h_{T-k}\Vert$ (notebook 01)",
        "cell_path": r"$\sigma(b_f)^k$: the cell path alone at $f = \sigma(b_f)$",
        "highway_title": "what is left of a gradient at $h_T$, k steps back (median of 4 input sequences, log scale)",
        "highway_readout": HIGHWAY_READOUT,
        "eps": "step ε of the centred difference (log scale)",
        "relerr": "relative error (log scale)",
        "f64": "LSTM, float64",
        "f32": "LSTM, float32",
        "kink": "ReLU, input 2·10⁻⁶ above its kink (float64)",
        "tol": "a usual tolerance, 10⁻⁶",
        "eps_title": "gradient check against ε: truncation (∝ ε²) on the right, rounding (∝ 1/ε) on the left",
        "eps_readout": EPS_READOUT,
    },
    "ja": {
        "k": "遡るステップ数 k",
        "lstm_c": r"LSTM $\Vert\partial L/\partial c_{T-k}\Vert$",
        "lstm_h": r"LSTM $\Vert\partial L/\partial h_{T-k}\Vert$",
        "rnn_h": r"RNN $\Vert\partial L/\partial h_{T-k}\Vert$（ノートブック 01）",
        "cell_path": r"$\sigma(b_f)^k$：$f = \sigma(b_f)$ のときのセルの経路だけ",
        "highway_title": "$h_T$ での勾配が k ステップ遡るとどれだけ残るか（4 つの入力系列の中央値、対数目盛り）",
        "highway_readout": HIGHWAY_READOUT,
        "eps": "中心差分の刻み幅 ε（対数目盛り）",
        "relerr": "相対誤差（対数目盛り）",
        "f64": "LSTM、float64",
        "f32": "LSTM、float32",
        "kink": "ReLU、折れ目のすぐ上 2·10⁻⁶ の入力（float64）",
        "tol": "よく使う許容誤差 10⁻⁶",
        "eps_title": "ε に対する勾配確認：右は打ち切り誤差（∝ ε²）、左は丸め誤差（∝ 1/ε）",
        "eps_readout": EPS_READOUT,
    },
}

# --- the gradient highway ------------------------------------------------------------------------------------

HIGHWAY_T = 100
HIGHWAY_N = 4
HIGHWAY_D = 8
HIGHWAY_H = 64
FORGET_BIAS_RANGE = (-2.0, 8.0)
U_SCALE_RANGE = (0.0, 1.5)
RNN_S_RANGE = (0.25, 4.0)
HIGHWAY_Y = (1e-20, 1e6)


@lru_cache(maxsize=4)
def _highway_setup(seed: int):
    """Inputs and weights that the sliders only rescale: the LSTM's weights (b_f = 0), an orthogonal RNN direction."""
    rng = np.random.default_rng(seed)
    xs = rng.standard_normal((HIGHWAY_N, HIGHWAY_T, HIGHWAY_D))
    lstm = init_lstm_params(HIGHWAY_D, HIGHWAY_H, rng, forget_bias=0.0)
    q = scaled_orthogonal(HIGHWAY_H, 1.0, rng)
    rnn_Wx = rng.standard_normal((HIGHWAY_D, HIGHWAY_H)) / np.sqrt(HIGHWAY_D)
    return xs, lstm, q, rnn_Wx


def highway_curves(forget_bias: float = 1.0, u_scale: float = 1.0, s: float = 1.0, seed: int = 0) -> dict:
    """Gradient norms k steps back from a loss on h_T, for an LSTM and an RNN reading the same inputs.

    The LSTM (D = 8, H = 64, weights from :func:`helpers.lstm.init_lstm_params`) gets b_f = `forget_bias` and
    its recurrent weight U (``Wh``) times `u_scale`; the tanh RNN gets W_h = s Q with Q a fixed orthogonal
    matrix, so that every singular value is s. Both start from dL/dh_T = the same unit vector.

    Parameters
    ----------
    forget_bias : float
    u_scale : float
        0 leaves the cell path alone (no gate sees h_{t-1}); 1 is the initialisation.
    s : float
        The RNN's lambda_1, > 0.
    seed : int

    Returns
    -------
    curves : dict
        ``"k"`` (T + 1,); ``"lstm_c"``, ``"lstm_h"``, ``"rnn_h"``: (T + 1,) medians over the 4 input sequences
        of ||dL/dc_{T-k}||, ||dL/dh_{T-k}|| and the RNN's ||dL/dh_{T-k}||; ``"cell_path"``: sigma(b_f)^k.
    """
    for name, value in (("forget_bias", forget_bias), ("u_scale", u_scale), ("s", s)):
        if not np.isfinite(value):
            raise ValueError(f"{name} must be a finite number, got {value!r}")
    if u_scale < 0 or s <= 0:
        raise ValueError(f"u_scale must be >= 0 and s > 0, got u_scale={u_scale!r}, s={s!r}")
    k = np.arange(HIGHWAY_T + 1)
    f0 = float(sigmoid(forget_bias))
    lstm_h, lstm_c = _lstm_medians(float(forget_bias), float(u_scale), seed)
    return {"k": k, "lstm_c": lstm_c, "lstm_h": lstm_h, "rnn_h": _rnn_median(float(s), seed),
            "cell_path": f0 ** k.astype(float)}


# A slider move changes one model only: each model's curves are cached on its own settings.
@lru_cache(maxsize=128)
def _lstm_medians(forget_bias: float, u_scale: float, seed: int):
    xs, lstm, _, _ = _highway_setup(seed)
    params = dict(lstm, Wh=lstm["Wh"] * u_scale, b=lstm["b"].copy())
    params["b"][HIGHWAY_H : 2 * HIGHWAY_H] = forget_bias
    dh, dc = lstm_backprop_norms(xs, params)
    return np.median(dh, axis=0), np.median(dc, axis=0)


@lru_cache(maxsize=128)
def _rnn_median(s: float, seed: int):
    xs, _, q, rnn_Wx = _highway_setup(seed)
    _, cache = rnn_forward(xs, None, {"Wx": rnn_Wx, "Wh": s * q, "b": np.zeros(HIGHWAY_H)}, "tanh")
    return np.median(backprop_norms(cache), axis=0)


def clear_highway_cache() -> None:
    """Forget the cached curves (for timing a first pass through the sliders)."""
    _lstm_medians.cache_clear()
    _rnn_median.cache_clear()


def _floor(y: np.ndarray) -> np.ndarray:
    """Zeros and tiny values drawn at the bottom edge of the log axis, huge ones at the top."""
    return np.clip(y, HIGHWAY_Y[0] / 10, HIGHWAY_Y[1] * 10)


def draw_highway_explorer(forget_bias: float = 1.0, u_scale: float = 1.0, s: float = 1.0,
                          lang: str = "en") -> Figure:
    """The three gradient-norm curves and the cell-path reference against k.

    Pass the figure to :func:`update_highway_explorer`; the arguments are those of :func:`highway_curves`.
    """
    with style(lang):
        fig, ax = new_figure(lang, figsize=(8.0, 4.0))
        styles = (("lstm_c", PALETTE["lstm"], "-"), ("lstm_h", PALETTE["lstm"], "--"), ("rnn_h", PALETTE["rnn"], "-."),
                  ("cell_path", PALETTE["bound"], ":"))
        for key, color, ls in styles:
            ax.semilogy([0], [1], color=color, ls=ls, lw=1.6, animated=True, gid=f"curve-{key}",
                        label=text(LABELS, lang, key))
        ax.axhline(1.0, color="#bbbbbb", lw=0.8)
        ax.set_yticks([1e-20, 1e-15, 1e-10, 1e-5, 1, 1e5])
        ax.minorticks_off()
        ax.set(xlim=(0, HIGHWAY_T), ylim=HIGHWAY_Y, xlabel=text(LABELS, lang, "k"),
               title=text(LABELS, lang, "highway_title"))
        ax.title.set_fontsize(9)
        ax.legend(loc="lower left", fontsize=8)
        ax.text(0.99, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=8.5, animated=True,
                gid="readout", bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
    update_highway_explorer(fig, forget_bias, u_scale, s, lang)
    return use_mixed_fonts(fig)


def update_highway_explorer(fig: Figure, forget_bias: float, u_scale: float, s: float, lang: str = "en") -> list:
    """Recompute the curves for the slider values and move the animated artists; returns them."""
    curves = highway_curves(float(forget_bias), float(u_scale), float(s))
    art = partial(find_artist, fig)
    changed = []
    for key in ("lstm_c", "lstm_h", "rnn_h", "cell_path"):
        line = art(f"curve-{key}")
        line.set_data(curves["k"], _floor(curves[key]))
        changed.append(line)
    k = 50
    readout = art("readout")
    readout.set_text(text(LABELS, lang, "highway_readout").format(
        k=k, dc=curves["lstm_c"][k], dh=curves["lstm_h"][k], rnn=curves["rnn_h"][k], pf=curves["cell_path"][k]))
    return changed + [readout]


# --- gradient checking against eps ---------------------------------------------------------------------------

LOG_EPS = np.arange(-12.0, -0.75, 0.25)
"""log10 of the eps values of the sweep (and of the explorer's slider): 1e-12 ... 1e-1 in quarter decades."""
KINK_OFFSET = 2e-6


def _lstm_check(dtype, eps_values, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    params = {k: v.astype(dtype) for k, v in init_lstm_params(3, 4, rng).items()}
    xs = rng.normal(size=(2, 5, 3)).astype(dtype)
    w = rng.normal(size=(2, 5, 4)).astype(dtype)  # the loss L = sum(w * h) looks at every hidden state

    def loss():
        return float(np.sum(w * lstm_forward(xs, None, None, params)[0], dtype=dtype))

    _, _, cache = lstm_forward(xs, None, None, params)
    grad = lstm_backward(w, cache)[3]["Wh"]
    return np.array([relative_error(grad, numerical_gradient(loss, params["Wh"], eps)) for eps in eps_values])


def _kink_check(eps_values, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=8)
    x[0] = KINK_OFFSET  # one unit just above zero: the analytic gradient is right, the difference straddles 0
    w = rng.normal(size=8)

    def loss():
        return float(np.sum(w * np.maximum(x, 0.0)))

    grad = w * (x > 0)
    return np.array([relative_error(grad, numerical_gradient(loss, x, eps)) for eps in eps_values])


@lru_cache(maxsize=2)
def eps_sweep(seed: int = 0) -> dict:
    """Relative error of the centred-difference check at every eps of :data:`LOG_EPS`.

    An LSTM (N = 2, T = 5, D = 3, H = 4, loss sum(w * h)) is checked on its recurrent weight Wh, once with
    everything in float64 and once in float32 (forward, loss and analytic gradient in that dtype); a ReLU
    loss sum(w * relu(x)) is checked at an x with one entry 2e-6 above the kink.

    Returns
    -------
    sweep : dict
        ``"eps"`` (E,), ``"float64"``, ``"float32"``, ``"kink"``: (E,) relative errors. Cached per seed: read only.
    """
    eps = 10.0 ** LOG_EPS
    out = {"eps": eps, "float64": _lstm_check(np.float64, eps, seed), "float32": _lstm_check(np.float32, eps, seed),
           "kink": _kink_check(eps, seed)}
    for v in out.values():
        v.flags.writeable = False
    return out


def _eps_index(eps: float) -> int:
    if not np.isfinite(eps) or eps <= 0:
        raise ValueError(f"eps must be a positive number, got {eps!r}")
    return int(np.argmin(np.abs(LOG_EPS - np.log10(eps))))


EPS_Y = (1e-13, 3.0)


def draw_eps_explorer(eps: float = 1e-5, lang: str = "en") -> Figure:
    """Relative error against eps for the three checks, a marker at `eps`; pass it to :func:`update_eps_explorer`."""
    sweep = eps_sweep()
    with style(lang):
        fig, ax = new_figure(lang, figsize=(8.0, 4.0))
        series = (("float64", PALETTE["sigmoid"], "-", "o"), ("float32", PALETTE["tanh"], "--", "s"),
                  ("kink", PALETTE["relu"], "-.", "^"))
        for key, color, ls, marker in series:
            ax.loglog(sweep["eps"], np.maximum(sweep[key], EPS_Y[0]), color=color, lw=1.5, ls=ls, marker=marker, ms=3,
                      label=text(LABELS, lang, {"float64": "f64", "float32": "f32", "kink": "kink"}[key]))
            ax.loglog([eps], [1.0], "o", color=color, ms=8, mec="black", animated=True, gid=f"point-{key}")
        ax.axhline(1e-6, color=PALETTE["bound"], ls="--", lw=1, label=text(LABELS, lang, "tol"))
        ax.axvline(eps, color="black", lw=1, animated=True, gid="eps-line")
        ax.set(xlim=(10 ** LOG_EPS[0] / 1.5, 10 ** LOG_EPS[-1] * 1.5), ylim=EPS_Y, xlabel=text(LABELS, lang, "eps"),
               ylabel=text(LABELS, lang, "relerr"), title=text(LABELS, lang, "eps_title"))
        ax.title.set_fontsize(9)
        ax.minorticks_off()
        ax.legend(loc="lower left", fontsize=8)
        ax.text(0.99, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8.5, animated=True,
                gid="readout", bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1.5})
    update_eps_explorer(fig, eps, lang)
    return fig


def update_eps_explorer(fig: Figure, eps: float, lang: str = "en") -> list:
    """Move the marker to the sweep's eps nearest to `eps` and update the readout; returns the moved artists."""
    sweep = eps_sweep()
    n = _eps_index(float(eps))
    e = sweep["eps"][n]
    art = partial(find_artist, fig)
    changed = []
    for key in ("float64", "float32", "kink"):
        point = art(f"point-{key}")
        point.set_data([e], [max(sweep[key][n], EPS_Y[0])])
        changed.append(point)
    line = art("eps-line")
    line.set_xdata([e, e])
    readout = art("readout")
    readout.set_text(text(LABELS, lang, "eps_readout").format(eps=e, e64=sweep["float64"][n],
                                                              e32=sweep["float32"][n], ekink=sweep["kink"][n]))
    return changed + [line, readout]
