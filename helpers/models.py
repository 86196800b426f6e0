"""A recurrent core (RNN, LSTM or GRU) with a linear read-out, and its mean-squared-error loss and gradients.

The read-out y_t = h_t Wy + by is applied at every step; a mask chooses the steps the loss looks at
(by default only the last, as in the adding problem).

Examples
--------
>>> import numpy as np
>>> from helpers.tasks import adding_problem
>>> rng = np.random.default_rng(0)
>>> model = SequenceRegressor("lstm", D=2, H=8, rng=rng)
>>> xs, ys = adding_problem(16, 10, rng)
>>> loss, grads = model.loss_and_grads(xs, ys)
>>> sorted(grads)
['Wh', 'Wx', 'Wy', 'b', 'by']
"""

from __future__ import annotations

import numpy as np

from helpers._checks import (
    as_array,
    require_bool,
    require_choice,
    require_generator,
    require_positive_int,
    require_size,
)
from helpers.gru import gru_backward, gru_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward
from helpers.rnn import RNN_ACTIVATIONS, init_rnn_params, rnn_backward, rnn_forward

MODEL_KINDS = ("rnn", "lstm", "gru")


class SequenceRegressor:
    """An RNN, LSTM or GRU of hidden size H whose hidden states are read out linearly.

    Parameters
    ----------
    kind : {"rnn", "lstm", "gru"}
    D : int
        Input size.
    H : int
        Hidden size.
    rng : np.random.Generator
        For the initial weights.
    out_dim : int
        Size of each prediction.
    variant : LSTMVariant or str
        LSTM only; see :data:`helpers.lstm.VARIANTS`.
    forget_bias, input_bias : float
        LSTM only; initial gate biases.
    reset_after : bool
        GRU only: where the reset gate acts (see :func:`helpers.gru.gru_step_forward`); False is Cho et al.'s
        convention, True cuDNN's and PyTorch's.
    update_bias : float
        GRU only: initial update-gate bias bx_z.
    activation : {"tanh", "sigmoid", "linear"}
        RNN only.
    recurrent_scale : float, optional
        RNN only: the singular value of the initial orthogonal Wh.
    dtype : {np.float64, np.float32}
        Of every parameter and so of the whole computation. float64 (the default) is what gradient checks
        need; float32, as deep-learning frameworks use, trains about twice as fast here because NumPy's
        float32 exp is vectorised.
    """

    def __init__(self, kind, D, H, rng, out_dim=1, variant="standard", forget_bias=1.0, input_bias=0.0,
                 reset_after=False, update_bias=0.0, activation="tanh", recurrent_scale=None, dtype=np.float64):
        require_choice(kind, "kind", MODEL_KINDS)
        D = require_positive_int(D, "D")
        H = require_positive_int(H, "H")
        out_dim = require_positive_int(out_dim, "out_dim")
        rng = require_generator(rng)
        self.kind, self.H, self.out_dim = kind, H, out_dim
        if kind == "lstm":
            self.variant = variant
            self.params = init_lstm_params(D, H, rng, variant=variant, forget_bias=forget_bias,
                                           input_bias=input_bias)
        elif kind == "gru":
            self.reset_after = require_bool(reset_after, "reset_after")
            self.params = init_gru_params(D, H, rng, update_bias=update_bias)
        else:
            require_choice(activation, "activation", RNN_ACTIVATIONS)
            self.activation = activation
            self.params = init_rnn_params(D, H, rng, recurrent_scale=recurrent_scale)
        self.params["Wy"] = rng.standard_normal((H, out_dim)) / np.sqrt(H)
        self.params["by"] = np.zeros(out_dim)
        if np.dtype(dtype) not in (np.dtype(np.float64), np.dtype(np.float32)):
            raise ValueError(f"dtype must be float64 or float32, got {np.dtype(dtype).name}")
        self.params = {k: v.astype(dtype) for k, v in self.params.items()}

    def _core_params(self) -> dict:
        return {k: v for k, v in self.params.items() if k not in ("Wy", "by")}

    def forward(self, xs, state=None):
        """Hidden states and predictions for every step.

        Parameters
        ----------
        xs : (N, T, D) ndarray
        state : tuple, optional
            Initial (h0,) for an RNN or a GRU, (h0, c0) for an LSTM; None means zeros.

        Returns
        -------
        preds : (N, T, out_dim) ndarray
        cache : dict
            Holds ``"hs"`` (N, T, H), for an LSTM also ``"cs"`` (N, T, H) (the cell states, e.g. to watch them
            drift on a long stream), ``"state"`` (the final state, to carry into a next chunk) and what
            :meth:`backward` needs.
        """
        if self.kind == "lstm":
            h0, c0 = state if state is not None else (None, None)
            hs, cs, core = lstm_forward(xs, h0, c0, self._core_params(), self.variant)
            final = (hs[:, -1].copy(), cs[:, -1].copy())
            extra = {"cs": cs}
        elif self.kind == "gru":
            hs, core = gru_forward(xs, state[0] if state is not None else None, self._core_params(), self.reset_after)
            final, extra = (hs[:, -1].copy(),), {}
        else:
            h0 = state[0] if state is not None else None
            hs, core = rnn_forward(xs, h0, self._core_params(), self.activation)
            final = (hs[:, -1].copy(),)
            extra = {}
        preds = hs @ self.params["Wy"] + self.params["by"]
        return preds, {"hs": hs, "core": core, "state": final, **extra}

    def loss_and_grads(self, xs, ys, mask=None, state=None, input_grads=False):
        """Mean squared error over the masked steps, and its gradient for every parameter.

        Parameters
        ----------
        xs : (N, T, D) ndarray
        ys : (N, out_dim) or (N, T, out_dim) ndarray
            Targets for the last step only, or for every step.
        mask : (N, T) ndarray, optional
            1 where the loss looks; default: the last step only (with per-step targets: every step).
        state : tuple, optional
            Initial state, as in :meth:`forward`.
        input_grads : bool
            Also return dL/dxs: how strongly the loss reacts to each input step (it costs nothing extra, the
            backward pass computes it anyway).

        Returns
        -------
        loss : float
        grads : dict
            Keyed like ``self.params``.
        dxs : (N, T, D) ndarray
            Only with ``input_grads=True``.
        """
        preds, cache = self.forward(xs, state)
        N, T, _ = preds.shape
        targets, weights = self._targets_and_mask(ys, mask, N, T)
        err = (preds - targets.astype(preds.dtype)) * weights[:, :, None].astype(preds.dtype)
        count = float(weights.sum()) * self.out_dim  # a Python float keeps float32 arrays float32
        loss = float(np.sum(err * err) / count)
        dpreds = (2.0 / count) * err
        hs = cache["hs"]
        grads = {
            "Wy": hs.reshape(N * T, self.H).T @ dpreds.reshape(N * T, self.out_dim),
            "by": dpreds.sum(axis=(0, 1)),
        }
        dhs = dpreds @ self.params["Wy"].T
        if self.kind == "lstm":
            dxs, _, _, core_grads = lstm_backward(dhs, cache["core"])
        elif self.kind == "gru":
            dxs, _, core_grads = gru_backward(dhs, cache["core"])
        else:
            dxs, _, core_grads = rnn_backward(dhs, cache["core"])
        grads.update(core_grads)
        return (loss, grads, dxs) if input_grads else (loss, grads)

    def _targets_and_mask(self, ys, mask, N, T):
        if np.ndim(ys) == 2:
            ys = as_array(ys, "ys", "NO")
            require_size("N", "ys", ys.shape[0], "xs", N)
            require_size("out_dim", "ys", ys.shape[1], "the model", self.out_dim)
            targets = np.zeros((N, T, self.out_dim))
            targets[:, -1] = ys
            default = np.zeros((N, T))
            default[:, -1] = 1.0
        else:
            targets = as_array(ys, "ys", "NTO")
            require_size("N", "ys", targets.shape[0], "xs", N)
            require_size("T", "ys", targets.shape[1], "xs", T)
            require_size("out_dim", "ys", targets.shape[2], "the model", self.out_dim)
            default = np.ones((N, T))
        if mask is None:
            return targets, default
        mask = as_array(mask, "mask", "NT")
        require_size("N", "mask", mask.shape[0], "xs", N)
        require_size("T", "mask", mask.shape[1], "xs", T)
        if mask.sum() <= 0:
            raise ValueError("mask selects no step; the loss needs at least one entry equal to 1")
        return targets, mask
