"""The model: :class:`CharLM` (embedding, one recurrent layer, softmax read-out), and the shipped weights."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from helpers._checks import require_choice, require_generator, require_positive_int
from helpers.charlm.corpus import CORPORA, DATA_DIR, UNKNOWN, _check_vocab, _require_text
from helpers.clipping import clip_by_global_norm
from helpers.gru import gru_backward, gru_forward, gru_gates, gru_step_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward, lstm_gates, lstm_step_forward
from helpers.rnn import init_rnn_params, rnn_backward, rnn_forward
from helpers.train import Adam

KINDS = ("rnn", "gru", "lstm")
TRACE_KEYS = {"rnn": ("h",), "gru": ("h", "r", "z", "n"), "lstm": ("h", "c", "i", "f", "g", "o")}
"""What :meth:`CharLM.trace` returns for each kind."""
_CHUNK = 512  # steps per forward chunk when only reading (bits_per_char, trace): bounds the caches' memory
def _sum_rows_by_index(ids: np.ndarray, rows: np.ndarray, V: int) -> np.ndarray:
    """out[v] = sum of rows[k] over every k with ids[k] == v: the embedding's gradient, (V, D).

    Sorting once and summing contiguous runs (np.add.reduceat) is several times faster than np.add.at and adds
    in a fixed order (a stable sort), so the result does not depend on how the indices are spread.
    """
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    out = np.zeros((V, rows.shape[1]), rows.dtype)
    out[sorted_ids[starts]] = np.add.reduceat(rows[order], starts, axis=0)
    return out

class CharLM:
    """Embedding -> one recurrent layer (``kind`` "rnn", "gru" or "lstm") -> softmax read-out over characters.

    Parameters
    ----------
    vocab : str
        The distinct characters the model reads and writes, or a corpus name (``"shakespeare"``, ``"soseki"``) for
        that corpus's vocabulary (:func:`corpus_vocabulary`). If it holds :data:`UNKNOWN`, every other character
        is read as it; otherwise a character outside `vocab` is an error.
    kind : {"rnn", "gru", "lstm"}
    hidden : int
        H, the size of the recurrent state.
    embed : int
        D, the size of a character's embedding (the recurrent layer's input).
    rng : np.random.Generator
        Draws the initial weights (the only randomness of the model; training reads the text in a fixed order).
    dtype : np.float32 or np.float64
        Of every parameter and every computation. float32 is twice as fast; the gradient check uses float64.

    Attributes
    ----------
    params : dict of ndarray
        ``"E"`` (V, D); the core's (``"Wx", "Wh", "b"`` for the RNN and the LSTM, ``"Wx", "Wh", "bx", "bh"`` for
        the GRU); ``"Wy"`` (H, V) and ``"by"`` (V,).
    history : dict of ndarray
        Of the last :meth:`fit` (or as stored with shipped weights); empty before.
    info : dict
        What :meth:`save` stores besides weights and history (corpus, training settings, time taken...).
    """

    def __init__(self, vocab, kind: str = "lstm", hidden: int = 128, embed: int = 32, rng=None,
                 dtype=np.float32):
        self.vocab = _check_vocab(vocab)
        require_choice(kind, "kind", KINDS)
        self.kind = kind
        self.hidden = H = require_positive_int(hidden, "hidden")
        self.embed = D = require_positive_int(embed, "embed")
        if rng is None:
            raise TypeError("rng must be a numpy Generator, e.g. np.random.default_rng(0), got None")
        rng = require_generator(rng)
        if np.dtype(dtype) not in (np.float32, np.float64):
            raise ValueError(f"dtype must be np.float32 or np.float64, got {dtype!r}")
        self.dtype = np.dtype(dtype)
        self._index = {c: i for i, c in enumerate(self.vocab)}
        self._unknown = self._index.get(UNKNOWN)
        V = len(self.vocab)
        params = {"E": rng.standard_normal((V, D))}
        if kind == "lstm":
            params.update(init_lstm_params(D, H, rng, dtype=np.float64))
        elif kind == "gru":
            params.update(init_gru_params(D, H, rng, dtype=np.float64))
        else:
            params.update(init_rnn_params(D, H, rng))
        bound = 1.0 / np.sqrt(H)
        params["Wy"] = rng.uniform(-bound, bound, size=(H, V))
        params["by"] = np.zeros(V)
        self.params = {k: np.ascontiguousarray(v, dtype=self.dtype) for k, v in params.items()}
        self._core_keys = tuple(k for k in self.params if k not in ("E", "Wy", "by"))
        self.history: dict = {}
        self.info: dict = {}

    def __repr__(self) -> str:
        return (f"CharLM(kind={self.kind!r}, V={len(self.vocab)}, embed={self.embed}, hidden={self.hidden}, "
                f"parameters={self.n_parameters()}, dtype={self.dtype.name})")

    def n_parameters(self) -> int:
        """How many numbers the model learns."""
        return int(sum(v.size for v in self.params.values()))

    # ---------------------------------------------------------------- encoding

    def encode(self, text: str, name: str = "text") -> np.ndarray:
        """The characters of `text` as vocabulary indices (int64); outside ones as :data:`UNKNOWN` if it is in
        the vocabulary, else a ValueError naming them."""
        text = _require_text(text, name, 0)
        index, unknown = self._index, self._unknown
        if unknown is None:
            missing = sorted(set(text) - index.keys())
            if missing:
                raise ValueError(f"{name} holds {len(missing)} character(s) outside the vocabulary: "
                                 f"{''.join(missing[:20])!r}; the vocabulary has no unknown symbol {UNKNOWN!r}")
            return np.fromiter((index[c] for c in text), np.int64, len(text))
        return np.fromiter((index.get(c, unknown) for c in text), np.int64, len(text))

    def decode(self, ids) -> str:
        """Indices back to characters."""
        ids = np.asarray(ids)
        if ids.dtype.kind not in "iu" or ids.ndim != 1:
            raise ValueError(f"ids must be a 1-D array of integers, got dtype {ids.dtype} and shape {ids.shape}")
        if ids.size and (ids.min() < 0 or ids.max() >= len(self.vocab)):
            raise ValueError(f"ids must lie in [0, {len(self.vocab)}), got values in [{ids.min()}, {ids.max()}]")
        return "".join(self.vocab[i] for i in ids)

    # ---------------------------------------------------------------- the recurrent core

    def _core_forward(self, xs_tm: np.ndarray, state):
        """The core over time-major inputs (T, N, D): returns hs (T, N, H) contiguous, cache, final state."""
        core = {k: self.params[k] for k in self._core_keys}
        xs = xs_tm.swapaxes(0, 1)
        h0 = None if state is None else state[0]
        if self.kind == "lstm":
            hs, cs, cache = lstm_forward(xs, h0, None if state is None else state[1], core)
            new_state = (hs[:, -1].copy(), cs[:, -1].copy())
        elif self.kind == "gru":
            hs, cache = gru_forward(xs, h0, core, reset_after=True)
            new_state = (hs[:, -1].copy(),)
        else:
            hs, cache = rnn_forward(xs, h0, core)
            new_state = (hs[:, -1].copy(),)
        return np.ascontiguousarray(hs.swapaxes(0, 1)), cache, new_state

    def _core_step(self, x: np.ndarray, state):
        """One step of the core for inputs x (N, D): the step functions (the reference implementation) skip the
        sequence functions' per-call preparation of the weights, which dominates when T = 1 (sampling)."""
        core = {k: self.params[k] for k in self._core_keys}
        h_prev = None if state is None else state[0]
        if self.kind == "lstm":
            h, c, _ = lstm_step_forward(x, h_prev, None if state is None else state[1], core)
            return h, (h, c)
        if self.kind == "gru":
            h, _ = gru_step_forward(x, h_prev, core, reset_after=True)
            return h, (h,)
        hs, _ = rnn_forward(x[:, None], h_prev, core)
        return hs[:, 0], (hs[:, 0],)

    def _sampling_step(self):
        """The core step :meth:`sample` calls once per character written.

        For the LSTM: the arithmetic of :func:`helpers.lstm.lstm_step_forward` (the same operations in the same
        order, so the same bits) without its per-call checks of the weights and inputs, which cost more than the
        step itself at N = 1. The inputs pass them by construction: a row of E, and a state this model computed.
        The GRU and the RNN take :meth:`_core_step`.
        """
        if self.kind != "lstm":
            return self._core_step
        Wx, Wh, b = self.params["Wx"], self.params["Wh"], self.params["b"]
        H = self.hidden
        zeros = np.zeros((1, H), self.dtype)

        def sigmoid(x):  # helpers.activations.sigmoid's operations, without its check of the input's type
            z = np.exp(-1.0 * np.abs(x))
            return np.where(x >= 0, 1.0, z) / (1.0 + z)

        def step(x, state):
            h_prev, c_prev = (zeros, zeros) if state is None else state
            a = x @ Wx + h_prev @ Wh + b
            i, f, g = sigmoid(a[:, :H]), sigmoid(a[:, H : 2 * H]), np.tanh(a[:, 2 * H : 3 * H])
            c = f * c_prev + i * g
            h = sigmoid(a[:, 3 * H :]) * np.tanh(c)
            return h, (h, c)

        return step

    def _core_backward(self, dhs_tm: np.ndarray, cache):
        """dxs (T, N, D) and the core's parameter gradients for dL/dhs (T, N, H)."""
        dhs = dhs_tm.swapaxes(0, 1)
        if self.kind == "lstm":
            dxs, _, _, grads = lstm_backward(dhs, cache)
        elif self.kind == "gru":
            dxs, _, grads = gru_backward(dhs, cache)
        else:
            dxs, _, grads = rnn_backward(dhs, cache)
        return dxs.swapaxes(0, 1), grads

    def _check_state(self, state, N: int):
        if state is None:
            return None
        n_arrays = 2 if self.kind == "lstm" else 1
        if not isinstance(state, tuple) or len(state) != n_arrays:
            raise ValueError(f"state must be None or a tuple of {n_arrays} array(s) (N, H) as returned by "
                             f"loss_and_grads, got {type(state).__name__}")
        for s in state:
            if not isinstance(s, np.ndarray) or s.shape != (N, self.hidden):
                raise ValueError(f"state arrays must have shape (N, H) = ({N}, {self.hidden}), "
                                 f"got {getattr(s, 'shape', type(s).__name__)}")
        return tuple(s.astype(self.dtype, copy=False) for s in state)

    def _check_ids(self, ids, name: str, min_T: int) -> np.ndarray:
        ids = np.asarray(ids)
        if ids.dtype.kind not in "iu" or ids.ndim != 2:
            raise ValueError(f"{name} must be a 2-D integer array (N, T), got dtype {ids.dtype}, shape {ids.shape}")
        if ids.shape[0] < 1 or ids.shape[1] < min_T:
            raise ValueError(f"{name} must have N >= 1 rows and T >= {min_T} columns, got shape {ids.shape}")
        if ids.min() < 0 or ids.max() >= len(self.vocab):
            raise ValueError(f"{name} must hold indices in [0, {len(self.vocab)}), "
                             f"got values in [{ids.min()}, {ids.max()}]")
        return ids

    # ---------------------------------------------------------------- loss and gradients

    def loss_and_grads(self, ids, state=None):
        """Mean cross-entropy (nats) of predicting ``ids[:, 1:]`` from ``ids[:, :-1]``, its gradients, the next state.

        Parameters
        ----------
        ids : (N, T + 1) int array
            N streams of T + 1 characters (vocabulary indices): T inputs, each followed by its target.
        state : tuple of (N, H) arrays, optional
            The state to start from, as returned by an earlier call (``(h,)``, for the LSTM ``(h, c)``); None
            means zeros. The gradient does not flow into it (the cut of truncated BPTT).

        Returns
        -------
        loss : float
            Mean over the N T predictions of -ln p(target), in nats (divide by ln 2 for bits).
        grads : dict
            Keyed like :attr:`params`.
        state : tuple of (N, H) arrays
            The state after the last input, to carry into the next window.
        """
        ids = self._check_ids(ids, "ids", 2)
        state = self._check_state(state, ids.shape[0])
        ids_tm = np.ascontiguousarray(ids.T)  # time-major (T + 1, N)
        inputs, targets = ids_tm[:-1], ids_tm[1:].ravel()
        T, N = inputs.shape
        p = self.params
        xs = p["E"][inputs]  # (T, N, D)
        hs, cache, new_state = self._core_forward(xs, state)
        flat_h = hs.reshape(T * N, self.hidden)
        probs = flat_h @ p["Wy"]
        probs += p["by"]
        rows = np.arange(T * N)
        probs -= probs.max(axis=1, keepdims=True)
        target_logit = probs[rows, targets]
        np.exp(probs, out=probs)
        total = probs.sum(axis=1)
        loss = float(np.mean(np.log(total) - target_logit))
        # dL/dlogits = (softmax - onehot) / (N T), built in place
        probs *= (1.0 / (T * N)) / total[:, None]
        probs[rows, targets] -= 1.0 / (T * N)
        grads = {"Wy": flat_h.T @ probs, "by": probs.sum(axis=0)}
        dhs = (probs @ np.ascontiguousarray(p["Wy"].T)).reshape(T, N, self.hidden)  # faster than a .T view
        dxs, core_grads = self._core_backward(dhs, cache)
        grads.update(core_grads)
        grads["E"] = _sum_rows_by_index(inputs.ravel(), dxs.reshape(T * N, self.embed), len(self.vocab))
        return loss, {k: grads[k] for k in p}, new_state

    def _log_probs_ids(self, ids_tm: np.ndarray, state):
        """Sum of -ln p over the targets ids_tm[1:] (T + 1, N), reading in chunks; returns (sum, state)."""
        p, total = self.params, 0.0
        for t0 in range(0, ids_tm.shape[0] - 1, _CHUNK):
            chunk = ids_tm[t0 : t0 + _CHUNK + 1]
            T, N = chunk.shape[0] - 1, chunk.shape[1]
            hs, _, state = self._core_forward(p["E"][chunk[:-1]], state)
            logits = hs.reshape(T * N, self.hidden) @ p["Wy"]
            logits += p["by"]
            top = logits.max(axis=1)
            target = logits[np.arange(T * N), chunk[1:].ravel()]
            logits -= top[:, None]
            np.exp(logits, out=logits)
            total += float(np.sum(np.log(logits.sum(axis=1), dtype=np.float64)) - np.sum(target - top,
                                                                                        dtype=np.float64))
        return total, state

    def bits_per_char(self, text: str, streams: int = 16) -> float:
        """Cross-entropy of the model on `text` in bits per character (lower is better).

        The model predicts every character of `text` but the first from those before it. To use the machine's
        matrix products, `text` is cut into at most `streams` contiguous pieces of at least 64 characters, read
        side by side, each from a zero state (with ``streams=1``, one pass over the whole text). Each cut costs the
        model its context at the start of a piece; for the shipped Shakespeare LSTM on its held-out text (111,539
        characters) 16 pieces give 2.3617 bits per character and one pass 2.3605.
        """
        text = _require_text(text, "text", 2)
        streams = require_positive_int(streams, "streams")
        ids = self.encode(text)
        n_pred = len(ids) - 1
        pieces = max(1, min(streams, n_pred // 64))
        L = n_pred // pieces  # predictions per piece; the remainder is read by a last single pass
        block = np.lib.stride_tricks.sliding_window_view(ids, L + 1)[::L][:pieces].T  # (L + 1, pieces)
        total, _ = self._log_probs_ids(np.ascontiguousarray(block), None)
        rest = ids[pieces * L :]
        if len(rest) > 1:
            more, _ = self._log_probs_ids(rest[:, None], None)
            total += more
        return float(total / n_pred / np.log(2.0))

    # ---------------------------------------------------------------- training

    def fit(self, text: str, iterations: int, *, batch: int = 32, window: int = 64, lr: float = 2e-3,
            lr_end: float | None = None, clip: float = 1.0, held_out: str | None = None, eval_every: int = 0,
            progress: bool = True, desc: str | None = None) -> dict:
        """Train by truncated BPTT on `text`: `batch` streams, windows of `window` characters, Adam, clipping.

        Parameters
        ----------
        text : str
            The training text; needs more than `batch` x `window` characters.
        iterations : int
            Adam steps; each reads `batch` x `window` characters.
        batch, window : int
            Parallel streams and steps per window (the state is carried from one window to the next).
        lr, lr_end : float
            Adam's step size, falling linearly from `lr` to `lr_end` over the run (default: constant `lr`).
        clip : float
            Threshold for clipping by global norm.
        held_out : str, optional
            Text to measure bits per character on every `eval_every` iterations and at the end.
        eval_every : int
            0 (default) measures only at the end (if `held_out` is given).
        progress : bool
            A tqdm bar with the running training loss.

        Returns
        -------
        history : dict of ndarray
            ``"loss_bpc"`` (iterations,): training loss of each iteration in bits per character; ``"grad_norm"``
            (iterations,) before clipping; with `held_out`: ``"eval_iteration"`` (k,), the number of iterations
            done at each measurement, ``"held_out_bpc"`` (k,), ``"train_bpc"`` (k,), bits per character on the
            first len(held_out) characters of `text` (the gap between the two is overfitting), and
            ``"seconds"`` (k,), training time (wall clock, without the measurements) up to it.
            Also stored as :attr:`history`.
        """
        iterations = require_positive_int(iterations, "iterations")
        batch = require_positive_int(batch, "batch")
        window = require_positive_int(window, "window")
        eval_every = require_positive_int(eval_every, "eval_every", minimum=0)
        for name, value in (("lr", lr), ("clip", clip)) + ((("lr_end", lr_end),) if lr_end is not None else ()):
            if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not (
                    np.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a positive finite number, got {value!r}")
        lr_end = lr if lr_end is None else lr_end
        text = _require_text(text, "text")
        if len(text) <= batch * window:
            raise ValueError(f"text has {len(text)} characters; batch x window = {batch} x {window} needs more than "
                             f"{batch * window}")
        ids = self.encode(text)
        if held_out is not None:
            held_out = _require_text(held_out, "held_out", 2)
            self.encode(held_out, "held_out")  # fail now, not after training
            train_probe = text[: len(held_out)]
        L = (len(ids) - 1) // batch  # predictions per stream and pass
        streams = np.lib.stride_tricks.sliding_window_view(ids, L + 1)[::L][:batch]  # (batch, L + 1) views

        opt = Adam(lr)
        history = {"loss_bpc": np.empty(iterations), "grad_norm": np.empty(iterations)}
        evals: dict = {"eval_iteration": [], "held_out_bpc": [], "train_bpc": [], "seconds": []}
        state, pos, seconds = None, 0, 0.0
        bar = tqdm(range(iterations), desc=desc or f"{self.kind} training", disable=not progress, leave=False)
        started = time.perf_counter()
        for it in bar:
            if pos + window > L:
                state, pos = None, 0  # a new pass over the text
            loss, grads, state = self.loss_and_grads(streams[:, pos : pos + window + 1], state)
            pos += window
            try:
                grads, norm = clip_by_global_norm(grads, clip)
            except FloatingPointError as exc:
                raise FloatingPointError(f"iteration {it}: {exc}") from None
            opt.lr = lr + (lr_end - lr) * it / max(1, iterations - 1)
            opt.step(self.params, grads)
            history["loss_bpc"][it] = loss / np.log(2.0)
            history["grad_norm"][it] = norm
            if it % 20 == 0 or it == iterations - 1:
                bar.set_postfix(bpc=f"{loss / np.log(2.0):.3f}")
            done = it + 1
            if held_out is not None and ((eval_every and done % eval_every == 0) or done == iterations):
                seconds += time.perf_counter() - started
                evals["eval_iteration"].append(done)
                evals["held_out_bpc"].append(self.bits_per_char(held_out))
                evals["train_bpc"].append(self.bits_per_char(train_probe))
                evals["seconds"].append(seconds)
                started = time.perf_counter()
        bar.close()
        if held_out is not None:
            history.update({k: np.asarray(v) for k, v in evals.items()})
        self.history = history
        return history

    # ---------------------------------------------------------------- reading and writing

    def trace(self, text: str) -> dict:
        """What the recurrent layer holds after each character of `text`, read from a zero state.

        Returns
        -------
        dict of (T, H) ndarray, T = len(text)
            ``"h"``; for the LSTM also the cell state ``"c"`` and the gates ``"i", "f", "g", "o"``; for the GRU the
            gates ``"r", "z"`` and the candidate ``"n"`` (see :data:`TRACE_KEYS`). Row t belongs to the step that
            read character t.
        """
        text = _require_text(text, "text")
        ids = self.encode(text)
        out = {k: [] for k in TRACE_KEYS[self.kind]}
        state = None
        for t0 in range(0, len(ids), _CHUNK):
            chunk = ids[t0 : t0 + _CHUNK, None]  # (T, 1)
            hs, cache, state = self._core_forward(self.params["E"][chunk], state)
            out["h"].append(hs[:, 0])
            if self.kind == "lstm":
                out["c"].append(cache["cs"][1:, 0])
                gates = lstm_gates(cache)
            elif self.kind == "gru":
                gates = gru_gates(cache)
            else:
                gates = {}
            for name, values in gates.items():
                out[name].append(values[0])
        return {k: np.concatenate(v).copy() for k, v in out.items()}

    def sample(self, n: int, rng, temperature: float = 1.0, prime: str = "") -> str:
        """Write `n` characters, each drawn from the model's prediction divided by `temperature`.

        Parameters
        ----------
        n : int
            Characters to write (the returned text does not repeat `prime`).
        rng : np.random.Generator
            The only randomness: the same seed gives the same text.
        temperature : float
            > 0. Probabilities proportional to p^(1/temperature): below 1 sharper (towards always the most likely
            character), above 1 flatter.
        prime : str
            Text the model reads first. Empty: it starts as after a line break (Shakespeare) or a full stop 。
            (Sōseki) — the first of "\\n", "。", " " in the vocabulary, else its first character.

        The unknown symbol is never written: its probability is shared out among the others.
        """
        n = require_positive_int(n, "n")
        rng = require_generator(rng)
        if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.floating)) or not (
                np.isfinite(temperature) and temperature > 0):
            raise ValueError(f"temperature must be a positive finite number, got {temperature!r}")
        prime = _require_text(prime, "prime", 0)
        if not prime:
            prime = next((c for c in "\n。 " if c in self._index), self.vocab[0])
        ids = self.encode(prime, "prime")
        p = self.params
        state = None
        if len(ids) > 1:
            _, _, state = self._core_forward(p["E"][ids[:-1, None]], None)
        current = int(ids[-1])
        out = np.empty(n, np.int64)
        step = self._sampling_step()
        Wy, by = p["Wy"].astype(np.float64), p["by"].astype(np.float64)  # exact: cast once, not every step
        for k in range(n):
            h, state = step(p["E"][[current]], state)
            logits = (h[0].astype(np.float64) @ Wy + by) / temperature
            logits -= logits.max()
            probs = np.exp(logits)
            if self._unknown is not None:
                probs[self._unknown] = 0.0
            cdf = np.cumsum(probs)
            current = min(int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right")), len(self.vocab) - 1)
            out[k] = current
        return self.decode(out)

    def save(self, path) -> None:
        """Write weights (float32), vocabulary, configuration, :attr:`info` and :attr:`history` to a ``.npz``."""
        config = {"kind": self.kind, "hidden": self.hidden, "embed": self.embed, "info": self.info}
        arrays = {f"param_{k}": v.astype(np.float32) for k, v in self.params.items()}
        arrays.update({f"history_{k}": np.asarray(v) for k, v in self.history.items()})
        arrays["vocab"] = np.array(list(self.vocab))
        arrays["config"] = np.array(json.dumps(config, ensure_ascii=False))
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path, dtype=np.float32) -> CharLM:
        """A model written by :meth:`save`."""
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"no saved model at {path}")
        with np.load(path, allow_pickle=False) as f:
            config = json.loads(str(f["config"]))
            model = cls("".join(f["vocab"].tolist()), kind=config["kind"], hidden=config["hidden"],
                        embed=config["embed"], rng=np.random.default_rng(0), dtype=dtype)
            for k in model.params:
                stored = f[f"param_{k}"]
                if stored.shape != model.params[k].shape:
                    raise ValueError(f"{path}: param_{k} has shape {stored.shape}, "
                                     f"expected {model.params[k].shape}")
                model.params[k] = np.ascontiguousarray(stored, dtype=model.dtype)
            model.history = {k[len("history_"):]: f[k] for k in f.files if k.startswith("history_")}
        model.info = config.get("info", {})
        return model


def pretrained_path(corpus: str, kind: str) -> Path:
    """Where the shipped weights of `kind` trained on `corpus` live (whether or not they are shipped)."""
    require_choice(corpus, "corpus", CORPORA)
    require_choice(kind, "kind", KINDS)
    return DATA_DIR / f"charlm_{corpus}_{kind}.npz"


def shipped_models() -> list[tuple[str, str]]:
    """The (corpus, kind) pairs whose weights ship in ``helpers/data/``."""
    return [(c, k) for c in CORPORA for k in KINDS if pretrained_path(c, k).is_file()]


def load_pretrained(corpus: str, kind: str = "lstm", dtype=np.float32) -> CharLM:
    """The shipped model of `kind` trained on `corpus` (see ``helpers/data/README.md`` for how it was trained).

    Its :attr:`~CharLM.history` holds the learning curves of that training run, :attr:`~CharLM.info` the settings.
    """
    path = pretrained_path(corpus, kind)
    if not path.is_file():
        raise ValueError(f"no shipped {kind} for corpus {corpus!r}; shipped are {shipped_models()}")
    return CharLM.load(path, dtype=dtype)
