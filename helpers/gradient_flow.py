"""How far back a gradient reaches in an RNN, a GRU and an LSTM given the same inputs (notebook 10).

For a loss that looks only at the last hidden state h_T, each model is asked for ||dL/dh_{T-k}||, k = 0..T:
:func:`helpers.rnn.backprop_norms`, :func:`helpers.gru.gru_backprop_norms`, and for the LSTM
:func:`lstm_backprop_norms` below, which walks the reference step functions of :mod:`helpers.lstm` back in time
(the LSTM's state is (h, c); dL/dh_t is the gradient at the hidden state with c_t held, as for the others).

Examples
--------
>>> flows = gradient_flows(T=20, H=8, seed=0)
>>> sorted(flows), flows["gru"].shape
(['gru', 'lstm', 'rnn'], (21,))
"""

from __future__ import annotations

import numpy as np

from helpers._checks import as_array, require_finite, require_positive_int, require_size
from helpers.gru import gru_backprop_norms, gru_forward, init_gru_params
from helpers.lstm import init_lstm_params, lstm_step_backward, lstm_step_forward
from helpers.rnn import backprop_norms, init_rnn_params, rnn_forward
from helpers.tasks import adding_problem

FLOW_N = 16
"""Sequences whose median norm is shown."""


def lstm_backprop_norms(xs, params, dh_last=None) -> np.ndarray:
    """||dL/dh_{T-k}|| for k = 0..T of an LSTM (standard variant) when the loss touches only h_T.

    Parameters
    ----------
    xs : (N, T, D) ndarray
    params : dict
        As for :func:`helpers.lstm.lstm_step_forward`; the states start at zero.
    dh_last : (N, H) ndarray, optional
        dL/dh_T; default a unit vector (all entries 1/sqrt(H)).

    Returns
    -------
    norms : (N, T + 1) ndarray
        ``norms[:, k]`` is the Euclidean norm of dL/dh_{T-k} (the layout of :func:`helpers.rnn.backprop_norms`).

    Examples
    --------
    >>> import numpy as np
    >>> params = init_lstm_params(2, 4, np.random.default_rng(0))
    >>> lstm_backprop_norms(np.zeros((1, 5, 2)), params).shape
    (1, 6)
    """
    xs = as_array(xs, "xs", "NTD")
    N, T, _ = xs.shape
    h = c = None
    caches = []
    for t in range(T):
        h, c, cache = lstm_step_forward(xs[:, t], h, c, params)
        caches.append(cache)
    H = h.shape[1]
    if dh_last is None:
        dh_last = np.full((N, H), 1.0 / np.sqrt(H))
    dh = as_array(dh_last, "dh_last", "NH", h.dtype)
    require_size("N", "dh_last", dh.shape[0], "xs", N)
    require_size("H", "dh_last", dh.shape[1], 'params["Wh"]', H)
    require_finite(dh, "dh_last")
    norms = np.empty((N, T + 1))
    dc = None
    for k, cache in enumerate(reversed(caches)):
        norms[:, k] = np.linalg.norm(dh, axis=1)
        _, dh, dc, _ = lstm_step_backward(dh, dc, cache)
    norms[:, T] = np.linalg.norm(dh, axis=1)
    return norms


def flow_inputs(T: int, seed: int, N: int = FLOW_N) -> np.ndarray:
    """The shared inputs: N adding-problem sequences of length T, (N, T, 2)."""
    return adding_problem(N, T, np.random.default_rng(seed))[0]


def gru_flow_params(H: int, seed: int, update_bias: float = 0.0) -> dict:
    """The GRU's untrained parameters (D = 2) for :func:`gradient_flows`; only bx_z depends on `update_bias`."""
    return init_gru_params(2, H, np.random.default_rng([seed, 1]), update_bias=update_bias)


def gru_flow(xs, H: int, seed: int, update_bias: float = 0.0) -> np.ndarray:
    """Median over the sequences of the GRU's ||dL/dh_{T-k}||, (T + 1,): the curve the explorer moves."""
    _, cache = gru_forward(xs, None, gru_flow_params(H, seed, update_bias))
    return np.median(gru_backprop_norms(cache), axis=0)


def gradient_flows(T: int = 100, H: int = 32, seed: int = 0, update_bias: float = 0.0, forget_bias: float = 1.0,
                   N: int = FLOW_N) -> dict:
    """||dL/dh_{T-k}|| for k = 0..T (median over N sequences) of an untrained RNN, GRU and LSTM on the same inputs.

    Each model gets its library initialisation (orthogonal recurrent blocks; see the ``init_*_params``), with its
    own stream of the seed; the inputs are :func:`flow_inputs`.

    Parameters
    ----------
    T, H : int
        Sequence length and hidden size.
    seed : int
    update_bias : float
        The GRU's initial bx_z.
    forget_bias : float
        The LSTM's initial b_f.
    N : int
        Sequences.

    Returns
    -------
    flows : dict of (T + 1,) ndarray
        Keys ``"rnn"``, ``"gru"``, ``"lstm"``.
    """
    T = require_positive_int(T, "T")
    H = require_positive_int(H, "H")
    xs = flow_inputs(T, seed, N)
    _, rnn_cache = rnn_forward(xs, None, init_rnn_params(2, H, np.random.default_rng([seed, 0])))
    lstm_params = init_lstm_params(2, H, np.random.default_rng([seed, 2]), forget_bias=forget_bias)
    return {
        "rnn": np.median(backprop_norms(rnn_cache), axis=0),
        "gru": gru_flow(xs, H, seed, update_bias),
        "lstm": np.median(lstm_backprop_norms(xs, lstm_params), axis=0),
    }
