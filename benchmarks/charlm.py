"""Speed of one training iteration of helpers.charlm (what a learner who retrains waits for), against PyTorch.

One iteration: embedding, the recurrent layer and the read-out forward and backward over a window, clipping by
global norm, one Adam step; float32, one thread. PyTorch's rows use torch.nn.Embedding + nn.RNN/GRU/LSTM + nn.Linear
of the same sizes, the same loss, ``clip_grad_norm_`` and ``torch.optim.Adam``; they are left out when PyTorch is
not installed (it is not a dependency).
"""

from __future__ import annotations

import contextlib

import numpy as np

from benchmarks.timing import interleaved_medians, time_calls
from helpers.charlm import KINDS, CharLM
from helpers.clipping import clip_by_global_norm
from helpers.train import Adam

V, D, H, N, T = 65, 32, 256, 32, 64  # Shakespeare's alphabet; embedding, hidden; batch x window


def single_thread():
    """(context, words): NumPy's BLAS on one thread via threadpoolctl (a test dependency), else as configured."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # a runtime-only install: OPENBLAS_NUM_THREADS decides
        return contextlib.nullcontext(), "NumPy's BLAS threads as configured (set OPENBLAS_NUM_THREADS=1 to match)"
    return threadpool_limits(1), "one thread"


def _batch(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, V, size=(N, T + 1))


def numpy_iteration(kind: str):
    rng = np.random.default_rng(0)
    model = CharLM("".join(chr(33 + i) for i in range(V)), kind=kind, hidden=H, embed=D, rng=rng)
    ids, opt, state = _batch(rng), Adam(1e-3), [None]

    def run():
        _, grads, state[0] = model.loss_and_grads(ids, state[0])
        grads, _ = clip_by_global_norm(grads, 1.0)
        opt.step(model.params, grads)

    run.model = model  # for the test that the timed closure really trains
    return run


def torch_iteration(kind: str):
    import torch

    torch.manual_seed(0)
    cell = {"rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[kind]
    emb, rec, out = torch.nn.Embedding(V, D), cell(D, H, batch_first=True), torch.nn.Linear(H, V)
    params = [*emb.parameters(), *rec.parameters(), *out.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3)
    ids = torch.from_numpy(_batch(np.random.default_rng(0)))
    state = [None]

    def run():
        hs, new_state = rec(emb(ids[:, :-1]), state[0])
        loss = torch.nn.functional.cross_entropy(out(hs).reshape(-1, V), ids[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        state[0] = tuple(s.detach() for s in new_state) if kind == "lstm" else new_state.detach()

    return run


def run() -> str:
    context, threads = single_thread()
    lines = ["## Character-level language model: one training iteration", "",
             f"V = {V}, D = {D}, H = {H}, batch x window = {N} x {T}, float32; {threads}, PyTorch on one thread; "
             "forward + backward + clipping + Adam; ratio = helpers / PyTorch.", "",
             "| kind | helpers.charlm ms (median) | PyTorch ms (median) | ratio |", "|---|---|---|---|"]
    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None
    with context:
        for kind in KINDS:
            if torch is None:
                ours = float(np.median(time_calls(numpy_iteration(kind), min_seconds=2.0, min_reps=10)))
                lines.append(f"| {kind} | {ours * 1e3:.1f} | (PyTorch not installed) | |")
                continue
            ours, theirs = interleaved_medians([numpy_iteration(kind), torch_iteration(kind)], min_seconds=4.0,
                                               min_reps=10)  # interleaved: a change in load hits both
            lines.append(f"| {kind} | {ours * 1e3:.1f} | {theirs * 1e3:.1f} | {ours / theirs:.2f} |")
    return "\n".join(lines)
