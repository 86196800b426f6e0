"""The Elman RNN: BPTT against finite differences, the norm curves against their definitions, errors."""

import numpy as np
import pytest

from helpers.activations import DERIVATIVE_BOUND
from helpers.gradcheck import check_gradients
from helpers.rnn import (
    RNN_ACTIVATIONS,
    backprop_norms,
    init_rnn_params,
    jacobian_norms,
    rnn_backward,
    rnn_forward,
    scaled_orthogonal,
)

N, T, D, H = 3, 7, 4, 5


@pytest.mark.parametrize("activation", RNN_ACTIVATIONS)
def test_bptt_matches_finite_differences(rng, activation):
    params = init_rnn_params(D, H, rng, recurrent_scale=1.3)
    params["b"] = 0.3 * rng.standard_normal(H)
    xs, h0 = rng.standard_normal((N, T, D)), rng.standard_normal((N, H))
    w = rng.standard_normal((N, T, H))

    def loss():
        return float(np.sum(w * rnn_forward(xs, h0, params, activation)[0]))

    _, cache = rnn_forward(xs, h0, params, activation)
    dxs, dh0, grads = rnn_backward(w, cache)
    assert set(grads) == {"Wx", "Wh", "b"}
    errors = check_gradients(loss, params, grads)
    errors.update(check_gradients(loss, {"xs": xs, "h0": h0}, {"xs": dxs, "h0": dh0}))
    assert max(errors.values()) < 1e-6, errors


def test_forward_follows_the_recurrence(rng):
    params = init_rnn_params(D, H, rng)
    xs, h0 = rng.standard_normal((N, T, D)), rng.standard_normal((N, H))
    hs, _ = rnn_forward(xs, h0, params, "tanh")
    h = h0
    for t in range(T):
        h = np.tanh(xs[:, t] @ params["Wx"] + h @ params["Wh"] + params["b"])
        np.testing.assert_allclose(hs[:, t], h, rtol=1e-13)


def test_scaled_orthogonal_has_the_stated_singular_values(rng):
    for s in (0.1, 1.0, 3.9):
        W = scaled_orthogonal(64, s, rng)
        np.testing.assert_allclose(np.linalg.svd(W, compute_uv=False), s, rtol=1e-12)


@pytest.mark.parametrize("activation", RNN_ACTIVATIONS)
def test_jacobian_norms_equal_the_explicit_product_and_obey_the_bound(rng, activation):
    s = 1.7
    params = init_rnn_params(D, H, rng, recurrent_scale=s)
    _, cache = rnn_forward(rng.standard_normal((2, T, D)), None, params, activation)
    norms = jacobian_norms(cache)
    assert norms.shape == (2, T + 1) and np.all(norms[:, 0] == 1.0)
    # Explicit product for k = T: dh_T/dh_0 = J_T ... J_1 with J_t = diag(f'(u_t)) Wh^T.
    from helpers.activations import ACTIVATIONS

    fprime = ACTIVATIONS[activation][1](cache["us"][0])
    M = np.eye(H)
    for t in reversed(range(T)):
        M = M @ (np.diag(fprime[t]) @ params["Wh"].T)
    np.testing.assert_allclose(norms[0, T], np.linalg.norm(M, 2), rtol=1e-10)
    bound = (DERIVATIVE_BOUND[activation] * s) ** np.arange(T + 1)
    assert np.all(norms <= bound * (1 + 1e-12))


def test_backprop_norms_agree_with_bptt(rng):
    params = init_rnn_params(D, H, rng, recurrent_scale=0.9)
    xs = rng.standard_normal((N, T, D))
    _, cache = rnn_forward(xs, None, params, "tanh")
    dh_last = rng.standard_normal((N, H))
    norms = backprop_norms(cache, dh_last)
    assert norms.shape == (N, T + 1)
    np.testing.assert_allclose(norms[:, 0], np.linalg.norm(dh_last, axis=1))
    dhs = np.zeros((N, T, H))
    dhs[:, -1] = dh_last
    _, dh0, _ = rnn_backward(dhs, cache)
    np.testing.assert_allclose(norms[:, -1], np.linalg.norm(dh0, axis=1), rtol=1e-12)


def test_linear_rnn_with_singular_value_s_scales_gradients_by_s_per_step(rng):
    params = init_rnn_params(D, H, rng, recurrent_scale=0.8)
    _, cache = rnn_forward(rng.standard_normal((1, 30, D)), None, params, "linear")
    norms = backprop_norms(cache)[0]
    np.testing.assert_allclose(norms, 0.8 ** np.arange(31), rtol=1e-10)


def test_bad_inputs_are_named(rng):
    params = init_rnn_params(3, H, rng)
    with pytest.raises(ValueError, match=r'xs has D=7 but params\["Wx"\] expects D=3'):
        rnn_forward(np.zeros((2, 4, 7)), None, params)
    with pytest.raises(ValueError, match=r"activation must be one of \['linear', 'sigmoid', 'tanh'\], got 'relu6'"):
        rnn_forward(np.zeros((2, 4, 3)), None, params, "relu6")
    with pytest.raises(ValueError, match=r"h0 has H=4 but params\[\"Wh\"\] expects H=5"):
        rnn_forward(np.zeros((2, 4, 3)), np.zeros((2, 4)), params)
    bad = dict(params, Wh=np.zeros((H, H + 1)))
    with pytest.raises(ValueError, match=r'params\["Wh"\] \(columns\) has H=6'):
        rnn_forward(np.zeros((2, 4, 3)), None, bad)
    hs, cache = rnn_forward(np.zeros((2, 4, 3)), None, params)
    with pytest.raises(ValueError, match="dhs has N=1 but the forward pass expects N=2"):
        rnn_backward(np.zeros((1, 4, H)), cache)
    with pytest.raises(ValueError, match="s must be a positive finite singular value"):
        scaled_orthogonal(4, -1.0, rng)
