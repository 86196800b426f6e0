"""How a gradient travels back through an LSTM: the one-step Jacobian and the gradient's norm at every step.

Both are built on :mod:`helpers.lstm` (nothing is derived twice): a row of the Jacobian is the reference
backward step applied to a unit vector, and the norms are those of the whole state gradients that the sequence
backward pass reports with ``state_grads=True``. Notebook 09 uses them to compare the full Jacobian with the
cell path alone (diag f_t) and to draw the "gradient highway" next to the RNN of notebook 01.

Examples
--------
>>> import numpy as np
>>> from helpers.lstm import init_lstm_params, lstm_step_forward
>>> rng = np.random.default_rng(0)
>>> params = init_lstm_params(3, 4, rng)
>>> _, _, cache = lstm_step_forward(rng.normal(size=(2, 3)), None, None, params)
>>> J = lstm_step_jacobian(cache)
>>> J.shape
(2, 8, 8)
>>> bool(np.allclose(J[:, 4:, 4:], np.eye(4) * cache["f"][:, None, :]))  # dc_t/dc_{t-1} = diag(f_t)
True
"""

from __future__ import annotations

import numpy as np

from helpers._checks import as_array, require_keys, require_size
from helpers.lstm import lstm_backward, lstm_forward, lstm_step_backward
from helpers.rnn import norms_back_in_time

_STEP_KEYS = ("x", "h_prev", "c_prev", "i", "f", "g", "o", "c", "tc", "params", "variant")


def lstm_step_jacobian(cache) -> np.ndarray:
    """The full one-step Jacobian d(h_t, c_t) / d(h_{t-1}, c_{t-1}) of every sequence in the batch.

    Row r of the Jacobian is what the backward step sends to (h_{t-1}, c_{t-1}) when the gradient arriving
    at (h_t, c_t) is the r-th unit vector; all 2H rows of all N sequences go through one backward call.

    Parameters
    ----------
    cache : dict
        From :func:`helpers.lstm.lstm_step_forward`.

    Returns
    -------
    J : (N, 2H, 2H) ndarray
        ``J[n, r, s]`` = d(out_r) / d(in_s) with out = (h_t, c_t) and in = (h_{t-1}, c_{t-1}), each laid out
        as H entries of h followed by H entries of c. The blocks are ``J[:, :H, :H]`` = dh_t/dh_{t-1},
        ``J[:, :H, H:]`` = dh_t/dc_{t-1}, ``J[:, H:, :H]`` = dc_t/dh_{t-1}, ``J[:, H:, H:]`` = dc_t/dc_{t-1}.
    """
    require_keys(cache, "cache", _STEP_KEYS)
    N, H = cache["c"].shape
    # Every (N, .) array repeated 2H times: sequence n owns rows n*2H .. n*2H + 2H - 1 of the big batch.
    big = {k: (np.repeat(v, 2 * H, axis=0) if isinstance(v, np.ndarray) and v.ndim == 2 else v)
           for k, v in cache.items()}
    unit = np.tile(np.eye(2 * H, dtype=cache["c"].dtype), (N, 1))  # (N*2H, 2H): the r-th row is e_r
    _, dh_prev, dc_prev, _ = lstm_step_backward(unit[:, :H], unit[:, H:], big)
    return np.concatenate([dh_prev, dc_prev], axis=1).reshape(N, 2 * H, 2 * H)


def lstm_backprop_norms(xs, params, dh_last=None, variant="standard"):
    """||dL/dh_{T-k}|| and ||dL/dc_{T-k}|| for k = 0..T when the loss touches only the last hidden state.

    The LSTM's counterpart of :func:`helpers.rnn.backprop_norms`. dL/dc_t is the whole gradient at c_t: what
    comes along the cell from c_{t+1} plus what comes through h_t = o_t * tanh(c_t).

    Parameters
    ----------
    xs : (N, T, D) ndarray
        Inputs; the states start at zero.
    params : dict
        As for :func:`helpers.lstm.lstm_forward`.
    dh_last : (N, H) ndarray, optional
        dL/dh_T; default a unit vector (all entries 1/sqrt(H)).
    variant : LSTMVariant or str, default "standard"

    Returns
    -------
    dh_norms, dc_norms : (N, T + 1) ndarray
        Column k belongs to step T - k; column T to the initial states h_0, c_0.
    """
    hs, _, cache = lstm_forward(xs, None, None, params, variant)
    N, T, H = hs.shape
    if dh_last is None:
        dh_last = np.full((N, H), 1.0 / np.sqrt(H), hs.dtype)
    dh_last = as_array(dh_last, "dh_last", "NH", hs.dtype)
    require_size("N", "dh_last", dh_last.shape[0], "xs", N)
    require_size("H", "dh_last", dh_last.shape[1], "params", H)
    dhs = np.zeros_like(hs)
    dhs[:, -1] = dh_last
    _, dh0, dc0, _, dh_all, dc_all = lstm_backward(dhs, cache, state_grads=True)
    return norms_back_in_time(dh_all, dh0), norms_back_in_time(dc_all, dc0)
