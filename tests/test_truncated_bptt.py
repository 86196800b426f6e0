"""Truncated BPTT (helpers.rnn.rnn_truncated_bptt, helpers.lstm.lstm_truncated_bptt): full BPTT when the window
covers the sequence; otherwise exactly the gradient of the loss with every window's starting state held fixed,
checked by finite differences; and the kept (t, s) pairs of helpers.rnn.wh_contributions."""

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward, lstm_truncated_bptt
from helpers.rnn import init_rnn_params, rnn_backward, rnn_forward, rnn_truncated_bptt, wh_contributions


def _linear_loss(w):
    """L = sum(w * h) over the window: its gradient w does not depend on h, so windows can be compared."""
    return lambda hs, t0: (float(np.sum(w[:, t0 : t0 + hs.shape[1]] * hs)), w[:, t0 : t0 + hs.shape[1]])


def _setup(kind, T=12):
    rng = np.random.default_rng(0)
    params = init_rnn_params(3, 4, rng, recurrent_scale=1.2) if kind == "rnn" else init_lstm_params(3, 4, rng)
    return params, rng.normal(size=(2, T, 3)), rng.normal(size=(2, T, 4))


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_a_window_as_long_as_the_sequence_is_full_bptt(kind):
    params, xs, w = _setup(kind)
    if kind == "rnn":
        loss, grads, h = rnn_truncated_bptt(xs, params, 12, _linear_loss(w))
        hs, cache = rnn_forward(xs, None, params)
        full = rnn_backward(w, cache)[2]
    else:
        loss, grads, h, c = lstm_truncated_bptt(xs, params, 50, _linear_loss(w))
        hs, cs, cache = lstm_forward(xs, None, None, params)
        full = lstm_backward(w, cache)[3]
        np.testing.assert_allclose(c, cs[:, -1], rtol=1e-12)
    assert loss == pytest.approx(float(np.sum(w * hs)), rel=1e-12)
    np.testing.assert_allclose(h, hs[:, -1], rtol=1e-12)
    for k in full:
        np.testing.assert_allclose(grads[k], full[k], rtol=1e-10)


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_windows_carry_the_state_forward_and_cut_the_gradient(kind):
    """The forward values are those of one full pass; the gradient is that of the loss with each window's
    starting state frozen at its value (finite differences of exactly that loss)."""
    params, xs, w = _setup(kind)
    window = 5
    if kind == "rnn":
        _, grads, h = rnn_truncated_bptt(xs, params, window, _linear_loss(w))
        hs_full, _ = rnn_forward(xs, None, params)
        starts = {t0: (hs_full[:, t0 - 1].copy(),) if t0 else (None,) for t0 in range(0, 12, window)}

        def frozen_loss():
            return sum(float(np.sum(w[:, t0 : t0 + window] * rnn_forward(xs[:, t0 : t0 + window], s[0], params)[0]))
                       for t0, s in starts.items())
    else:
        _, grads, h, _ = lstm_truncated_bptt(xs, params, window, _linear_loss(w))
        hs_full, cs_full, _ = lstm_forward(xs, None, None, params)
        starts = {t0: (hs_full[:, t0 - 1].copy(), cs_full[:, t0 - 1].copy()) if t0 else (None, None)
                  for t0 in range(0, 12, window)}

        def frozen_loss():
            return sum(float(np.sum(w[:, t0 : t0 + window] * lstm_forward(xs[:, t0 : t0 + window], *s, params)[0]))
                       for t0, s in starts.items())
    np.testing.assert_allclose(h, hs_full[:, -1], rtol=1e-12)
    for k in params:
        assert relative_error(grads[k], numerical_gradient(frozen_loss, params[k])) < 1e-7, k
    full = (rnn_backward(w, rnn_forward(xs, None, params)[1])[2] if kind == "rnn"
            else lstm_backward(w, lstm_forward(xs, None, None, params)[2])[3])
    assert relative_error(grads["Wh"], full["Wh"]) > 1e-6  # something was cut


def test_contribution_table_sums_to_the_truncated_gradients_pairs():
    """With one sequence, the kept pairs (t, s in the same window) of the table add up, as matrices, to the
    truncated gradient of Wh; the norms in the table bound it by the triangle inequality, and nothing sits
    above the diagonal."""
    rng = np.random.default_rng(1)
    params = init_rnn_params(2, 5, rng)
    xs, w = rng.normal(size=(1, 9, 2)), rng.normal(size=(1, 9, 5))
    _, cache = rnn_forward(xs, None, params)
    table = wh_contributions(w, cache)
    assert table.shape == (9, 9) and np.all(np.triu(table, 1) == 0)
    assert np.all(table[:, 0] == 0) and np.all(np.diag(table)[1:] > 0)  # h_0 = 0 carries no weight gradient
    # The diagonal is the loss at t through its own step only: ||h_{t-1}^T (w_t * tanh'(u_t))||.
    hs, us = cache["hs"][0], cache["us"][0]
    direct = [np.linalg.norm(np.outer(hs[t], w[0, t] * (1 - np.tanh(us[t]) ** 2))) for t in range(9)]
    np.testing.assert_allclose(np.diag(table), direct, rtol=1e-12)
    _, grads, _ = rnn_truncated_bptt(xs, params, 3, _linear_loss(w))
    kept = sum(table[t, s] for t in range(9) for s in range(t + 1) if t // 3 == s // 3)
    assert np.linalg.norm(grads["Wh"]) <= kept * (1 + 1e-12)
    full = rnn_backward(w, cache)[2]["Wh"]
    assert np.linalg.norm(full) <= table.sum() * (1 + 1e-12)


def test_window_must_be_a_positive_integer():
    params, xs, w = _setup("rnn")
    with pytest.raises(ValueError, match="window"):
        rnn_truncated_bptt(xs, params, 0, _linear_loss(w))


def test_truncation_grid_outlines_one_block_per_window_and_refuses_a_bad_table():
    from matplotlib.patches import Rectangle

    from helpers.plots.rnn import draw_truncation_grid

    table = np.tril(np.ones((12, 12)))
    fig = draw_truncation_grid(table, 5, "ja")
    boxes = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert [(b.get_x() + 0.5, b.get_width()) for b in boxes] == [(0, 5), (5, 5), (10, 2)]
    with pytest.raises(ValueError, match="square"):
        draw_truncation_grid(np.ones((3, 4)), 2)
    with pytest.raises(ValueError, match="window"):
        draw_truncation_grid(table, 0)
