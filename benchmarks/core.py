"""Speed of the numeric core: LSTM, GRU and RNN forward + backward against the machine's matmul peak."""

from __future__ import annotations

import numpy as np

from benchmarks.timing import interleaved_medians, time_calls
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


def _torch_lstm_step(N, T, D, H, dtype):
    """torch.nn.LSTM forward + backward of the same sizes (dL/dx included, as ours computes it)."""
    import torch

    torch.manual_seed(0)
    tdtype = {np.dtype(np.float32): torch.float32, np.dtype(np.float64): torch.float64}[np.dtype(dtype)]
    rec = torch.nn.LSTM(D, H, batch_first=True).to(tdtype)
    xs = torch.randn(N, T, D, dtype=tdtype, requires_grad=True)
    dhs = torch.randn(N, T, H, dtype=tdtype)

    def run():
        hs, _ = rec(xs)
        hs.backward(dhs)

    return run


def torch_ratios() -> str:
    """Our LSTM forward + backward against torch.nn.LSTM's: one thread each, interleaved calls, medians."""
    try:
        import torch
    except ImportError:
        return "(PyTorch is not installed: `pip install -e .[bench]` adds it for the ratios against torch.nn.LSTM.)"
    from benchmarks.charlm import single_thread

    context, threads = single_thread()
    torch.set_num_threads(1)
    lines = [f"LSTM forward + backward against torch.nn.LSTM {torch.__version__} (dL/dx included); NumPy's BLAS on "
             f"{threads}, PyTorch on one thread; interleaved calls, medians; ratio = ours / torch.", "",
             "| dtype | (N, T, D, H) | ours ms | torch ms | ratio |", "| --- | --- | ---: | ---: | ---: |"]
    with context:
        for dtype in (np.float32, np.float64):
            for size in SIZES:
                ours, theirs = interleaved_medians([_lstm_step(*size, dtype), _torch_lstm_step(*size, dtype)],
                                                   min_seconds=2.0, min_reps=5)
                lines.append(f"| {np.dtype(dtype).name} | {size} | {ours * 1e3:.2f} | {theirs * 1e3:.2f} | "
                             f"{ours / theirs:.2f} |")
    return "\n".join(lines)


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
    lines += ["", torch_ratios()]
    return "\n".join(lines)
