"""helpers.lstm_paths: the one-step Jacobian and the per-step gradient norms, against finite differences and
against helpers.lstm's own backward passes."""

import numpy as np
import pytest

from helpers.gradcheck import relative_error
from helpers.lstm import init_lstm_params, lstm_backward, lstm_forward, lstm_step_backward, lstm_step_forward
from helpers.lstm_paths import lstm_backprop_norms, lstm_step_jacobian


def _numerical_jacobian(x, h_prev, c_prev, params, variant, n, eps=1e-6):
    """Centred differences of one forward step of sequence n, columns = (h_prev, c_prev) entries."""
    H = h_prev.shape[1]

    def step(state):
        h, c, _ = lstm_step_forward(x[n : n + 1], state[None, :H], state[None, H:], params, variant)
        return np.concatenate([h[0], c[0]])

    state = np.concatenate([h_prev[n], c_prev[n]])
    return np.stack([(step(state + e) - step(state - e)) / (2 * eps) for e in eps * np.eye(2 * H)], axis=1)


@pytest.mark.parametrize("variant", ["standard", "peephole", "NFG", "CIFG", "NOAF"])
def test_step_jacobian_matches_finite_differences_for_every_sequence(variant):
    rng = np.random.default_rng(3)
    params = init_lstm_params(3, 4, rng, variant=variant)
    if variant == "peephole":
        params.update({k: rng.normal(size=4) for k in ("pi", "pf", "po")})  # zero peepholes would test nothing
    x, h_prev, c_prev = rng.normal(size=(3, 3)), rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    _, _, cache = lstm_step_forward(x, h_prev, c_prev, params, variant)
    J = lstm_step_jacobian(cache)
    assert J.shape == (3, 8, 8)
    for n in range(3):
        assert relative_error(J[n], _numerical_jacobian(x, h_prev, c_prev, params, variant, n)) < 1e-8


def test_the_cell_block_is_diag_f_and_the_gate_terms_vanish_without_recurrent_weights():
    rng = np.random.default_rng(0)
    params = init_lstm_params(2, 5, rng)
    _, _, cache = lstm_step_forward(rng.normal(size=(2, 2)), rng.normal(size=(2, 5)), rng.normal(size=(2, 5)), params)
    J = lstm_step_jacobian(cache)
    np.testing.assert_array_equal(J[:, 5:, 5:], np.eye(5) * cache["f"][:, None, :])
    assert np.abs(J[:, :, :5]).max() > 0.05  # the h column: the gate terms through Wh

    params["Wh"][:] = 0.0
    _, _, cache = lstm_step_forward(rng.normal(size=(2, 2)), rng.normal(size=(2, 5)), rng.normal(size=(2, 5)), params)
    assert np.all(lstm_step_jacobian(cache)[:, :, :5] == 0.0)


def test_jacobian_refuses_a_cache_that_is_not_a_step_cache():
    _, _, seq_cache = lstm_forward(np.zeros((1, 2, 3)), None, None, init_lstm_params(3, 2, np.random.default_rng(0)))
    with pytest.raises(ValueError, match="cache"):
        lstm_step_jacobian(seq_cache)


def test_backprop_norms_agree_with_the_sequence_backward_pass():
    """Column T is the gradient at (h_0, c_0); lstm_backward with dL/dh_T alone gives the same dh0 and dc0."""
    rng = np.random.default_rng(1)
    params = init_lstm_params(3, 6, rng, forget_bias=2.0)
    xs, dh_last = rng.normal(size=(2, 9, 3)), rng.normal(size=(2, 6))
    dh_norms, dc_norms = lstm_backprop_norms(xs, params, dh_last)
    assert dh_norms.shape == dc_norms.shape == (2, 10)
    hs, cs, cache = lstm_forward(xs, None, None, params)
    dhs = np.zeros_like(hs)
    dhs[:, -1] = dh_last
    _, dh0, dc0, _ = lstm_backward(dhs, cache)
    np.testing.assert_allclose(dh_norms[:, -1], np.linalg.norm(dh0, axis=1), rtol=1e-12)
    np.testing.assert_allclose(dc_norms[:, -1], np.linalg.norm(dc0, axis=1), rtol=1e-12)
    np.testing.assert_allclose(dh_norms[:, 0], np.linalg.norm(dh_last, axis=1), rtol=1e-12)


def test_backprop_norms_of_dc_are_the_whole_gradient_at_each_cell():
    """||dL/dc_t|| at k = 3 is the norm of a finite-difference gradient of L = dh_last . h_T w.r.t. c_t, where the
    nudge also moves h_t = o_t tanh(c_t) (o_t does not depend on c_t) and the run continues from there."""
    rng = np.random.default_rng(2)
    params = init_lstm_params(2, 3, rng)
    xs, dh_last = rng.normal(size=(1, 6, 2)), rng.normal(size=(1, 3))
    _, dc_norms = lstm_backprop_norms(xs, params, dh_last)
    t = 6 - 1 - 3  # the c_t of column k = 3
    hs, cs, _ = lstm_forward(xs[:, :t], None, None, params)
    _, c_t, step = lstm_step_forward(xs[:, t], hs[:, -1], cs[:, -1], params)

    def loss(c):
        h_T, _, _ = lstm_forward(xs[:, t + 1 :], step["o"] * np.tanh(c), c, params)
        return float(np.sum(dh_last * h_T[:, -1]))

    grad = [(loss(c_t + e) - loss(c_t - e)) / 2e-6 for e in 1e-6 * np.eye(3)[:, None, :]]
    np.testing.assert_allclose(dc_norms[0, 3], np.linalg.norm(grad), rtol=1e-7)


def test_backprop_norms_explain_a_wrong_dh_last():
    params = init_lstm_params(2, 3, np.random.default_rng(0))
    with pytest.raises(ValueError, match="dh_last"):
        lstm_backprop_norms(np.zeros((2, 4, 2)), params, dh_last=np.zeros((2, 5)))


@pytest.mark.parametrize("variant", ["standard", "peephole"])
def test_state_gradients_of_the_fast_backward_pass_match_a_walk_with_the_reference_step(variant):
    """lstm_backward(..., state_grads=True) reports dL/dh_t and the whole dL/dc_t. Walking lstm_step_backward gives
    the first directly; the second is what that step hands to c_{t-1} if its forget gate were 1 (and, with
    peepholes, its gates did not look at c_{t-1})."""
    rng = np.random.default_rng(4)
    params = init_lstm_params(3, 5, rng, variant=variant)
    if variant == "peephole":
        params.update({k: rng.normal(size=5) for k in ("pi", "pf", "po")})
    xs, dhs = rng.normal(size=(2, 7, 3)), rng.normal(size=(2, 7, 5))
    hs, cs, cache = lstm_forward(xs, None, None, params, variant)
    *_, dh_all, dc_all = lstm_backward(dhs, cache, state_grads=True)
    steps, h, c = [], None, None
    for t in range(7):
        h, c, step = lstm_step_forward(xs[:, t], h, c, params, variant)
        steps.append(step)
    dh_next, dc_next = np.zeros((2, 5)), np.zeros((2, 5))
    for t in reversed(range(7)):
        dh = dhs[:, t] + dh_next
        np.testing.assert_allclose(dh_all[:, t], dh, rtol=1e-10, atol=1e-14)
        # The whole dL/dc_t: one backward step with the forget gate set to 1 and no peephole from c_{t-1}.
        unit_f = dict(steps[t], f=np.ones_like(steps[t]["f"]))
        if variant == "peephole":
            unit_f["params"] = dict(steps[t]["params"], pi=np.zeros(5), pf=np.zeros(5))
        np.testing.assert_allclose(dc_all[:, t], lstm_step_backward(dh, dc_next, unit_f)[2], rtol=1e-10, atol=1e-14)
        _, dh_next, dc_next, _ = lstm_step_backward(dh, dc_next, steps[t])
