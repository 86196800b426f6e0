"""The GRU core: gradients of both conventions, the fast sequence path against the step reference, an independent
implementation of each convention (torch.nn.GRU where PyTorch is installed, a scalar loop always), errors."""

import math

import numpy as np
import pytest

from helpers.gradcheck import check_gradients, relative_error
from helpers.gru import (
    GATE_ORDER,
    gru_backward,
    gru_forward,
    gru_gates,
    gru_step_backward,
    gru_step_forward,
    init_gru_params,
)

N, T, D, H = 3, 6, 4, 5
CONVENTIONS = [False, True]
IDS = ["reset-before", "reset-after"]


def _problem(rng):
    params = init_gru_params(D, H, rng)
    for k in params:  # move away from the symmetric start (zero biases) so every term matters
        params[k] = params[k] + 0.4 * rng.standard_normal(params[k].shape)
    return params, rng.standard_normal((N, T, D)), rng.standard_normal((N, H))


@pytest.mark.parametrize("reset_after", CONVENTIONS, ids=IDS)
def test_sequence_gradients_match_finite_differences(rng, reset_after):
    params, xs, h0 = _problem(rng)
    w_h, w_last = rng.standard_normal((N, T, H)), rng.standard_normal((N, H))

    def loss():
        hs, _ = gru_forward(xs, h0, params, reset_after)
        return float(np.sum(w_h * hs) + np.sum(w_last * hs[:, -1]))

    _, cache = gru_forward(xs, h0, params, reset_after)
    dxs, dh0, grads = gru_backward(w_h, cache, dh_last=w_last)
    assert set(grads) == set(params)
    errors = check_gradients(loss, params, grads)
    errors.update(check_gradients(loss, {"xs": xs, "h0": h0}, {"xs": dxs, "h0": dh0}))
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("reset_after", CONVENTIONS, ids=IDS)
def test_step_gradients_match_finite_differences(rng, reset_after):
    params, xs, h0 = _problem(rng)
    x, w = xs[:, 0], rng.standard_normal((N, H))

    def loss():
        return float(np.sum(w * gru_step_forward(x, h0, params, reset_after)[0]))

    _, cache = gru_step_forward(x, h0, params, reset_after)
    dx, dh_prev, grads = gru_step_backward(w, cache)
    errors = check_gradients(loss, params, grads)
    errors.update(check_gradients(loss, {"x": x, "h0": h0}, {"x": dx, "h0": dh_prev}))
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("reset_after", CONVENTIONS, ids=IDS)
def test_sequence_equals_a_loop_of_reference_steps(rng, reset_after):
    params, xs, h0 = _problem(rng)
    dhs = rng.standard_normal((N, T, H))
    hs, cache = gru_forward(xs, h0, params, reset_after)
    dxs, dh0, grads = gru_backward(dhs, cache)

    h, caches = h0, []
    for t in range(T):
        h, step_cache = gru_step_forward(xs[:, t], h, params, reset_after)
        np.testing.assert_allclose(hs[:, t], h, rtol=1e-12, atol=1e-13)
        caches.append(step_cache)
    dh, total = np.zeros((N, H)), {k: np.zeros_like(v) for k, v in params.items()}
    for t in reversed(range(T)):
        dx, dh, step_grads = gru_step_backward(dhs[:, t] + dh, caches[t])
        np.testing.assert_allclose(dxs[:, t], dx, rtol=1e-10, atol=1e-12)
        for k in total:
            total[k] += step_grads[k]
    np.testing.assert_allclose(dh0, dh, rtol=1e-10, atol=1e-12)
    for k in total:
        np.testing.assert_allclose(grads[k], total[k], rtol=1e-10, atol=1e-12, err_msg=k)


def _scalar_gru(xs, h0, params, reset_after):
    """The equations of Cho et al. (2014) / PyTorch's docs, one unit and one number at a time, with math.exp and
    math.tanh: shares no code and no vectorisation with helpers.gru."""
    Wx, Wh, bx, bh = (params[k].tolist() for k in ("Wx", "Wh", "bx", "bh"))
    n_seq, n_steps, n_in = xs.shape
    units = len(h0[0])

    def sig(a):
        return 1.0 / (1.0 + math.exp(-a))

    out = []
    for s in range(n_seq):
        h = list(h0[s])
        seq = []
        for t in range(n_steps):
            x = xs[s, t].tolist()

            def pre(gate, j, state, x=x):
                col = gate * units + j
                return (sum(x[d] * Wx[d][col] for d in range(n_in)) + bx[col]
                        + sum(state[k] * Wh[k][col] for k in range(units)) + bh[col])

            r = [sig(pre(0, j, h)) for j in range(units)]
            z = [sig(pre(1, j, h)) for j in range(units)]
            new = []
            for j in range(units):
                col = 2 * units + j
                from_x = sum(x[d] * Wx[d][col] for d in range(n_in)) + bx[col]
                if reset_after:
                    a = from_x + r[j] * (sum(h[k] * Wh[k][col] for k in range(units)) + bh[col])
                else:
                    a = from_x + sum(r[k] * h[k] * Wh[k][col] for k in range(units)) + bh[col]
                new.append((1.0 - z[j]) * math.tanh(a) + z[j] * h[j])
            h = new
            seq.append(h)
        out.append(seq)
    return np.array(out)


@pytest.mark.parametrize("reset_after", CONVENTIONS, ids=IDS)
def test_both_conventions_agree_with_a_scalar_loop(rng, reset_after):
    params, xs, h0 = _problem(rng)
    hs, _ = gru_forward(xs, h0, params, reset_after)
    np.testing.assert_allclose(hs, _scalar_gru(xs, h0, params, reset_after), rtol=1e-12, atol=1e-13)


def test_the_two_conventions_are_different_functions(rng):
    """With the same parameters, resetting before or after the product gives other states (unless r = 1)."""
    params, xs, h0 = _problem(rng)
    before, _ = gru_forward(xs, h0, params, reset_after=False)
    after, _ = gru_forward(xs, h0, params, reset_after=True)
    assert np.abs(before - after).max() > 0.05
    params["bx"][:H] = 60.0  # r = 1: both candidates become tanh(x Wx_n + bx_n + h Wh_n + bh_n)
    np.testing.assert_allclose(gru_forward(xs, h0, params, False)[0], gru_forward(xs, h0, params, True)[0],
                               rtol=1e-12, atol=1e-13)


def test_reset_after_matches_torch_nn_gru():
    """torch.nn.GRU computes the reset_after=True convention with the same gate order (r, z, n); its weights are
    our Wx, Wh transposed. Measured with torch 2.13.0 (CPU): largest difference 2e-15 over the states and every
    gradient (float64)."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    params, xs, h0 = _problem(rng)
    w = rng.standard_normal((N, T, H))
    layer = torch.nn.GRU(D, H, batch_first=True).double()
    with torch.no_grad():
        layer.weight_ih_l0.copy_(torch.from_numpy(params["Wx"].T))
        layer.weight_hh_l0.copy_(torch.from_numpy(params["Wh"].T))
        layer.bias_ih_l0.copy_(torch.from_numpy(params["bx"]))
        layer.bias_hh_l0.copy_(torch.from_numpy(params["bh"]))
    x_t = torch.from_numpy(xs).requires_grad_()
    h0_t = torch.from_numpy(h0[None].copy()).requires_grad_()
    out, _ = layer(x_t, h0_t)
    (out * torch.from_numpy(w)).sum().backward()

    hs, cache = gru_forward(xs, h0, params, reset_after=True)
    dxs, dh0, grads = gru_backward(w, cache)
    pairs = [(hs, out.detach().numpy()), (dxs, x_t.grad.numpy()), (dh0, h0_t.grad.numpy()[0]),
             (grads["Wx"], layer.weight_ih_l0.grad.numpy().T), (grads["Wh"], layer.weight_hh_l0.grad.numpy().T),
             (grads["bx"], layer.bias_ih_l0.grad.numpy()), (grads["bh"], layer.bias_hh_l0.grad.numpy())]
    for ours, theirs in pairs:
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-13)


def test_update_gate_one_keeps_the_state_and_passes_the_gradient_unchanged(rng):
    """z = 1 is the GRU's constant error carousel: h_t = h_{t-1} and dL/dh_{t-1} = dL/dh_t."""
    params = init_gru_params(D, H, rng, update_bias=60.0)
    h0 = rng.standard_normal((N, H))
    hs, cache = gru_forward(rng.standard_normal((N, 50, D)), h0, params)
    np.testing.assert_array_equal(hs[:, -1], h0)
    dh_last = rng.standard_normal((N, H))
    _, dh0, _ = gru_backward(np.zeros((N, 50, H)), cache, dh_last=dh_last)
    np.testing.assert_allclose(dh0, dh_last, rtol=1e-15, atol=1e-20)


def test_gates_have_batch_major_shapes_and_ranges(rng):
    params, xs, h0 = _problem(rng)
    _, cache = gru_forward(xs, h0, params)
    gates = gru_gates(cache)
    assert list(gates) == list(GATE_ORDER)
    for name, value in gates.items():
        assert value.shape == (N, T, H)
        low = -1.0 if name == "n" else 0.0
        assert np.all((value >= low) & (value <= 1.0)), name
    assert not gates["z"].flags.writeable  # plots cannot corrupt the cache the backward pass needs


def test_huge_preactivations_saturate_without_warnings(rng):
    params = init_gru_params(D, H, rng)
    xs = np.full((1, 3, D), 1e4)
    xs[0, 1] = -1e4
    for reset_after in CONVENTIONS:
        with np.errstate(over="raise", invalid="raise"):
            hs, cache = gru_forward(xs, None, params, reset_after)
            gru_backward(np.ones_like(hs), cache)
        assert np.all(np.isfinite(hs))


def test_float32_params_compute_in_float32(rng):
    params = init_gru_params(D, H, rng, dtype=np.float32)
    xs = rng.standard_normal((N, T, D))
    for reset_after in CONVENTIONS:
        hs, cache = gru_forward(xs, None, params, reset_after)
        dxs, dh0, grads = gru_backward(np.ones((N, T, H), np.float32), cache)
        assert hs.dtype == dxs.dtype == dh0.dtype == grads["Wh"].dtype == grads["bh"].dtype == np.float32
        params64 = {k: v.astype(np.float64) for k, v in params.items()}
        np.testing.assert_allclose(hs, gru_forward(xs, None, params64, reset_after)[0], atol=1e-5)


def test_init_layout_and_update_bias(rng):
    params = init_gru_params(D, H, rng, update_bias=1.5)
    assert params["Wx"].shape == (D, 3 * H) and params["Wh"].shape == (H, 3 * H)
    assert params["bx"].shape == params["bh"].shape == (3 * H,)
    np.testing.assert_array_equal(params["bx"][H : 2 * H], 1.5)
    assert np.count_nonzero(params["bx"]) == H and np.count_nonzero(params["bh"]) == 0
    for k in range(3):  # an orthogonal block per gate
        block = params["Wh"][:, k * H : (k + 1) * H]
        np.testing.assert_allclose(block.T @ block, np.eye(H), atol=1e-12)


# ------------------------------------------------------------------------------------------------
# Bad input: the error names the argument, what was expected and what arrived.
# ------------------------------------------------------------------------------------------------


def test_wrong_input_size_is_named(rng):
    params = init_gru_params(3, H, rng)
    with pytest.raises(ValueError, match=r'xs has D=7 but params\["Wx"\] expects D=3'):
        gru_forward(np.zeros((2, 4, 7)), None, params)
    with pytest.raises(ValueError, match=r'x has D=7 but params\["Wx"\] expects D=3'):
        gru_step_forward(np.zeros((2, 7)), None, params)


@pytest.mark.parametrize(
    "bad, message",
    [
        (lambda p: p.update(Wh=np.zeros((H + 1, 3 * H))), r'params\["Wh"\] has H=6 but params\["Wx"\]'),
        (lambda p: p.update(bx=np.zeros(3 * H + 1)), r'params\["bx"\] has 3H=16'),
        (lambda p: p.update(bh=np.zeros(4 * H)), r'params\["bh"\] has 3H=20'),
        (lambda p: p.update(Wx=np.zeros((D, 3 * H + 2))), r"must have 3H columns"),
        (lambda p: p.pop("bh"), r"params is missing \['bh'\]"),
        (lambda p: p.update(Wx=np.zeros((D, 3 * H, 1))), r'params\["Wx"\] must be 2-D with shape \(D, G\)'),
        (lambda p: p["Wh"].__setitem__((0, 0), np.nan), r'params\["Wh"\] contains 1 NaN or inf'),
    ],
)
def test_bad_params_are_named(rng, bad, message):
    params = init_gru_params(D, H, rng)
    bad(params)
    with pytest.raises(ValueError, match=message):
        gru_forward(np.zeros((2, 3, D)), None, params)


def test_lstm_parameters_are_refused_with_the_expected_keys(rng):
    from helpers.lstm import init_lstm_params

    with pytest.raises(ValueError, match=r"params is missing \['bx', 'bh'\]"):
        gru_forward(np.zeros((2, 3, D)), None, init_lstm_params(D, H, rng))


def test_bad_states_ranks_and_flags_are_named(rng):
    params = init_gru_params(D, H, rng)
    xs = np.zeros((2, 3, D))
    with pytest.raises(ValueError, match=r"xs must be 3-D with shape \(N, T, D\), got 2-D shape \(3, 4\)"):
        gru_forward(np.zeros((3, D)), None, params)
    with pytest.raises(ValueError, match=r"h0 has N=5 but the input batch expects N=2"):
        gru_forward(xs, np.zeros((5, H)), params)
    with pytest.raises(ValueError, match=r'h_prev has H=4 but params\["Wh"\] expects H=5'):
        gru_step_forward(xs[:, 0], np.zeros((2, 4)), params)
    with pytest.raises(ValueError, match="xs contains 1 NaN or inf"):
        gru_forward(np.where(np.arange(2 * 3 * D).reshape(2, 3, D) == 5, np.inf, 0.0), None, params)
    with pytest.raises(TypeError, match="reset_after must be True or False, got 'cudnn'"):
        gru_forward(xs, None, params, reset_after="cudnn")


def test_bad_backward_gradients_are_named(rng):
    params = init_gru_params(D, H, rng)
    hs, cache = gru_forward(np.zeros((2, 3, D)), None, params)
    with pytest.raises(ValueError, match="dhs has T=4 but the forward pass expects T=3"):
        gru_backward(np.zeros((2, 4, H)), cache)
    with pytest.raises(ValueError, match="dh_last has H=3"):
        gru_backward(np.zeros_like(hs), cache, dh_last=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="cache is missing"):
        gru_backward(np.zeros_like(hs), {"hs": hs})
    _, step_cache = gru_step_forward(np.zeros((2, D)), None, params)
    with pytest.raises(ValueError, match="dh has N=3 but the input batch expects N=2"):
        gru_step_backward(np.zeros((3, H)), step_cache)


def test_init_refuses_bad_arguments():
    with pytest.raises(TypeError, match="numpy Generator"):
        init_gru_params(3, 4, 0)
    with pytest.raises(ValueError, match="H must be an integer >= 1, got 0"):
        init_gru_params(3, 0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="update_bias must be a finite number"):
        init_gru_params(3, 4, np.random.default_rng(0), update_bias=np.inf)


def test_the_gradient_check_sees_a_wrong_gradient(rng):
    """The gradient check itself can fail: a gradient off by 1% is caught."""
    params, xs, h0 = _problem(rng)
    _, cache = gru_forward(xs, h0, params)
    _, _, grads = gru_backward(np.ones((N, T, H)), cache)

    def loss():
        return float(np.sum(gru_forward(xs, h0, params)[0]))

    wrong = {k: v * 1.01 for k, v in grads.items()}
    assert max(check_gradients(loss, params, wrong).values()) > 1e-3
    assert relative_error(grads["Wx"], grads["Wx"]) == 0.0


@pytest.mark.parametrize("reset_after", CONVENTIONS, ids=IDS)
def test_backprop_norms_are_the_norms_of_the_gradient_at_each_state(rng, reset_after):
    """norms[:, k] = ||dL/dh_{T-k}|| for L = w . h_T: each checked by backpropagating through the last k steps
    alone, started from the stored state h_{T-k}."""
    from helpers.gru import gru_backprop_norms

    params, xs, h0 = _problem(rng)
    w = rng.standard_normal((N, H))
    hs, cache = gru_forward(xs, h0, params, reset_after)
    norms = gru_backprop_norms(cache, dh_last=w)
    assert norms.shape == (N, T + 1)
    np.testing.assert_allclose(norms[:, 0], np.linalg.norm(w, axis=1), rtol=1e-14)
    states = np.concatenate([h0[:, None], hs], axis=1)  # states[:, t] = h_t
    for k in range(1, T + 1):
        _, tail = gru_forward(xs[:, T - k :], states[:, T - k], params, reset_after)
        dhs = np.zeros((N, k, H))
        dhs[:, -1] = w
        _, dh_start, _ = gru_backward(dhs, tail)
        np.testing.assert_allclose(norms[:, k], np.linalg.norm(dh_start, axis=1), rtol=1e-10)
    default = gru_backprop_norms(cache)
    np.testing.assert_allclose(default[:, 0], 1.0)
