"""Speed of the numeric core: LSTM, GRU and RNN forward + backward against the machine's matmul peak."""

from __future__ import annotations

import numpy as np

from benchmarks.timing import time_calls
from helpers.gru import gru_backward, gru_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward
from helpers.rnn import init_rnn_params, rnn_backward, rnn_forward

SIZES = [(1, 50, 10, 20), (32, 100, 64, 128), (64, 100, 256, 512)]  # (N, T, D, H): teaching, middle, big
DTYPES = [np.float64, np.float32]


def matmul_peak(dtype, n: int = 2048) -> float:
    """FLOP/s of np.dot on two n x n matrices of `dtype` (median of several runs)."""
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((n, n)).astype(dtype), rng.standard_normal((n, n)).astype(dtype)
    times = time_calls(lambda: np.dot(a, b), min_seconds=1.0, min_reps=5)
    return 2 * n**3 / float(np.median(times))


def lstm_flops(N, T, D, H) -> int:
    """Matrix-product FLOPs of forward + backward: three products of the (N*T, D+H) x (D+H, 4H) size."""
    return 3 * 2 * N * T * (D + H) * 4 * H


def gru_flops(N, T, D, H) -> int:
    """As for the LSTM with three gates: (N*T, D+H) x (D+H, 3H), forward and the two backward products."""
    return 3 * 2 * N * T * (D + H) * 3 * H


def rnn_flops(N, T, D, H) -> int:
    return 3 * 2 * N * T * (D + H) * H


def _lstm_step(N, T, D, H, dtype):
    rng = np.random.default_rng(0)
    params = init_lstm_params(D, H, rng, dtype=dtype)
    xs = rng.standard_normal((N, T, D)).astype(dtype)
    dhs = rng.standard_normal((N, T, H)).astype(dtype)

    def run():
        _, _, cache = lstm_forward(xs, None, None, params)
        lstm_backward(dhs, cache)

    return run


def _gru_step(N, T, D, H, dtype, reset_after=False):
    rng = np.random.default_rng(0)
    params = init_gru_params(D, H, rng, dtype=dtype)
    xs = rng.standard_normal((N, T, D)).astype(dtype)
    dhs = rng.standard_normal((N, T, H)).astype(dtype)

    def run():
        _, cache = gru_forward(xs, None, params, reset_after)
        gru_backward(dhs, cache)

    return run


def _rnn_step(N, T, D, H, dtype):
    rng = np.random.default_rng(0)
    params = {k: v.astype(dtype) for k, v in init_rnn_params(D, H, rng).items()}
    xs = rng.standard_normal((N, T, D)).astype(dtype)
    dhs = rng.standard_normal((N, T, H)).astype(dtype)

    def run():
        _, cache = rnn_forward(xs, None, params)
        rnn_backward(dhs, cache)

    return run


def run() -> str:
    lines = ["## Numeric core: forward + backward over a sequence", ""]
    peaks = {}
    for dtype in DTYPES:
        peaks[dtype] = matmul_peak(dtype)
        lines.append(f"- matmul peak, np.dot 2048 x 2048 {np.dtype(dtype).name}: {peaks[dtype] / 1e9:.1f} GFLOP/s")
    lines += ["", "| model | dtype | (N, T, D, H) | median ms | µs per step | GFLOP/s | % of matmul peak |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: |"]
    models = (("LSTM", _lstm_step, lstm_flops), ("GRU", _gru_step, gru_flops), ("RNN", _rnn_step, rnn_flops))
    for model, make, flops in models:
        for dtype in DTYPES:
            for N, T, D, H in SIZES:
                times = time_calls(make(N, T, D, H, dtype), min_seconds=1.0, min_reps=5)
                med = float(np.median(times))
                rate = flops(N, T, D, H) / med
                lines.append(
                    f"| {model} | {np.dtype(dtype).name} | ({N}, {T}, {D}, {H}) | {med * 1e3:.2f} | "
                    f"{med / T * 1e6:.1f} | {rate / 1e9:.1f} | {100 * rate / peaks[dtype]:.0f}% |"
                )
    return "\n".join(lines)
