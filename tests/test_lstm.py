"""The LSTM core: gradients of every variant, the fast sequence path against the step reference, errors."""

import numpy as np
import pytest

from helpers.gradcheck import check_gradients, relative_error
from helpers.lstm import (
    GATE_ORDER,
    VARIANTS,
    LSTMVariant,
    init_lstm_params,
    lstm_backward,
    lstm_forward,
    lstm_gates,
    lstm_step_backward,
    lstm_step_forward,
)

N, T, D, H = 3, 6, 4, 5


def _problem(rng, variant):
    params = init_lstm_params(D, H, rng, variant=variant)
    for k in params:  # move away from the symmetric start so every term matters
        params[k] = params[k] + 0.4 * rng.standard_normal(params[k].shape)
    xs = rng.standard_normal((N, T, D))
    h0, c0 = rng.standard_normal((N, H)), rng.standard_normal((N, H))
    return params, xs, h0, c0


@pytest.mark.parametrize("name", list(VARIANTS))
def test_sequence_gradients_match_finite_differences(rng, name):
    variant = VARIANTS[name]
    params, xs, h0, c0 = _problem(rng, variant)
    w_h = rng.standard_normal((N, T, H))  # loss = sum(w_h * hs) + sum(w_c * c_T)
    w_c = rng.standard_normal((N, H))

    def loss():
        hs, cs, _ = lstm_forward(xs, h0, c0, params, variant)
        return float(np.sum(w_h * hs) + np.sum(w_c * cs[:, -1]))

    _, _, cache = lstm_forward(xs, h0, c0, params, variant)
    dxs, dh0, dc0, grads = lstm_backward(w_h, cache, dc_last=w_c)
    assert set(grads) == set(params)
    errors = check_gradients(loss, params, grads)
    errors.update(check_gradients(loss, {"xs": xs, "h0": h0, "c0": c0}, {"xs": dxs, "h0": dh0, "c0": dc0}))
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("name", list(VARIANTS))
def test_step_gradients_match_finite_differences(rng, name):
    variant = VARIANTS[name]
    params, xs, h0, c0 = _problem(rng, variant)
    x = xs[:, 0]
    w_h, w_c = rng.standard_normal((N, H)), rng.standard_normal((N, H))

    def loss():
        h, c, _ = lstm_step_forward(x, h0, c0, params, variant)
        return float(np.sum(w_h * h) + np.sum(w_c * c))

    _, _, cache = lstm_step_forward(x, h0, c0, params, variant)
    dx, dh_prev, dc_prev, grads = lstm_step_backward(w_h, w_c, cache)
    errors = check_gradients(loss, params, grads)
    errors.update(check_gradients(loss, {"x": x, "h0": h0, "c0": c0}, {"x": dx, "h0": dh_prev, "c0": dc_prev}))
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("name", list(VARIANTS))
def test_sequence_equals_a_loop_of_reference_steps(rng, name):
    variant = VARIANTS[name]
    params, xs, h0, c0 = _problem(rng, variant)
    dhs = rng.standard_normal((N, T, H))
    dc_last = rng.standard_normal((N, H))
    hs, cs, cache = lstm_forward(xs, h0, c0, params, variant)
    dxs, dh0, dc0, grads = lstm_backward(dhs, cache, dc_last=dc_last)

    h, c, caches = h0, c0, []
    for t in range(T):
        h, c, step_cache = lstm_step_forward(xs[:, t], h, c, params, variant)
        np.testing.assert_allclose(hs[:, t], h, rtol=1e-12, atol=1e-13)
        np.testing.assert_allclose(cs[:, t], c, rtol=1e-12, atol=1e-13)
        caches.append(step_cache)
    dh, dc = np.zeros((N, H)), dc_last
    total = {k: np.zeros_like(v) for k, v in params.items()}
    for t in reversed(range(T)):
        dx, dh, dc, step_grads = lstm_step_backward(dhs[:, t] + dh, dc, caches[t])
        np.testing.assert_allclose(dxs[:, t], dx, rtol=1e-10, atol=1e-12)
        for k in total:
            total[k] += step_grads[k]
    np.testing.assert_allclose(dh0, dh, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dc0, dc, rtol=1e-10, atol=1e-12)
    for k in total:
        np.testing.assert_allclose(grads[k], total[k], rtol=1e-10, atol=1e-12, err_msg=k)


def test_backward_chunks_give_the_same_gradients_as_one_pass(rng, monkeypatch):
    """A long sequence is processed backwards in chunks of steps; the result must not depend on it."""
    import helpers.lstm as lstm

    params, _, h0, c0 = _problem(rng, VARIANTS["peephole"])
    xs = rng.standard_normal((N, 40, D))
    dhs = rng.standard_normal((N, 40, H))
    _, _, cache = lstm_forward(xs, h0, c0, params, "peephole")
    whole = lstm_backward(dhs, cache)
    monkeypatch.setattr(lstm, "_chunk_steps", lambda N, H, T: 7)  # 40 = 5 * 7 + 5: uneven last chunk
    chunked = lstm_backward(dhs, cache)
    for a, b in zip(whole[:3], chunked[:3]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    for k in whole[3]:
        np.testing.assert_allclose(whole[3][k], chunked[3][k], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("name, dropped", [("NFG", ["f"]), ("NIG", ["i"]), ("NOG", ["o"]), ("CIFG", ["f"])])
def test_dropped_gate_columns_get_zero_gradient(rng, name, dropped):
    params, xs, h0, c0 = _problem(rng, name)
    _, _, cache = lstm_forward(xs, h0, c0, params, name)
    _, _, _, grads = lstm_backward(rng.standard_normal((N, T, H)), cache)
    for gate in dropped:
        n = GATE_ORDER.index(gate)
        cols = slice(n * H, (n + 1) * H)
        assert np.all(grads["Wx"][:, cols] == 0) and np.all(grads["Wh"][:, cols] == 0)
        assert np.all(grads["b"][cols] == 0)
    kept = [g for g in GATE_ORDER if g not in dropped]
    for gate in kept:
        n = GATE_ORDER.index(gate)
        assert np.any(grads["Wx"][:, n * H : (n + 1) * H] != 0), gate


def test_fixed_gates_show_their_fixed_values(rng):
    xs = rng.standard_normal((2, 5, D))
    for name, gate, expected in [("NFG", "f", 1.0), ("NIG", "i", 1.0), ("NOG", "o", 1.0)]:
        params = init_lstm_params(D, H, rng, variant=name)
        _, _, cache = lstm_forward(xs, None, None, params, name)
        assert np.all(lstm_gates(cache)[gate] == expected), name
    params = init_lstm_params(D, H, rng, variant="CIFG")
    _, _, cache = lstm_forward(xs, None, None, params, "CIFG")
    gates = lstm_gates(cache)
    np.testing.assert_allclose(gates["f"], 1.0 - gates["i"])


def test_gates_have_batch_major_shapes_and_ranges(rng):
    params = init_lstm_params(D, H, rng)
    hs, cs, cache = lstm_forward(rng.standard_normal((N, T, D)), None, None, params)
    gates = lstm_gates(cache)
    assert list(gates) == list(GATE_ORDER)
    for name, value in gates.items():
        assert value.shape == (N, T, H)
        low = -1.0 if name == "g" else 0.0
        assert np.all((value >= low) & (value <= 1.0)), name
    assert hs.shape == cs.shape == (N, T, H)
    assert not gates["i"].flags.writeable  # plots cannot corrupt the cache the backward pass needs


def test_the_nfg_cell_is_a_constant_error_carousel(rng):
    """With f = 1, dL/dc_0 equals dL/dc_T when nothing else touches the cell: the CEC of Hochreiter 1997.

    Wh = 0 cuts the other route back in time (c_t -> h_t -> the gates of step t + 1).
    """
    params = init_lstm_params(D, H, rng, variant="NFG")
    params["Wh"][:] = 0.0
    _, _, cache = lstm_forward(rng.standard_normal((N, 100, D)), None, None, params, "NFG")
    dc_last = rng.standard_normal((N, H))
    _, _, dc0, _ = lstm_backward(np.zeros((N, 100, H)), cache, dc_last=dc_last)
    np.testing.assert_array_equal(dc0, dc_last)


def test_huge_preactivations_saturate_without_warnings(rng):
    params = init_lstm_params(D, H, rng)
    xs = np.full((1, 3, D), 1e4)
    xs[0, 1] = -1e4
    with np.errstate(over="raise", invalid="raise"):
        hs, cs, cache = lstm_forward(xs, None, None, params)
        lstm_backward(np.ones_like(hs), cache)
    assert np.all(np.isfinite(hs)) and np.all(np.isfinite(cs))


def test_float32_params_compute_in_float32(rng):
    params = init_lstm_params(D, H, rng, dtype=np.float32)
    hs, cs, cache = lstm_forward(rng.standard_normal((N, T, D)), None, None, params)
    dxs, dh0, dc0, grads = lstm_backward(np.ones((N, T, H), np.float32), cache)
    assert hs.dtype == cs.dtype == dxs.dtype == grads["Wh"].dtype == np.float32
    params64 = {k: v.astype(np.float64) for k, v in params.items()}
    xs = rng.standard_normal((N, T, D))
    np.testing.assert_allclose(lstm_forward(xs, None, None, params)[0],
                               lstm_forward(xs, None, None, params64)[0], atol=1e-5)


def test_init_sets_the_requested_biases_and_peepholes(rng):
    params = init_lstm_params(D, H, rng, variant="peephole", forget_bias=1.0, input_bias=-3.0)
    assert params["Wx"].shape == (D, 4 * H) and params["Wh"].shape == (H, 4 * H)
    np.testing.assert_array_equal(params["b"][:H], -3.0)
    np.testing.assert_array_equal(params["b"][H : 2 * H], 1.0)
    np.testing.assert_array_equal(params["b"][2 * H :], 0.0)
    assert {"pi", "pf", "po"} <= set(params) and params["pi"].shape == (H,)
    assert "pi" not in init_lstm_params(D, H, rng)


def test_variant_presets_follow_greff_et_al():
    assert VARIANTS["standard"] == LSTMVariant()
    assert VARIANTS["NFG"].forget_gate is False
    assert VARIANTS["NIG"].input_gate is False
    assert VARIANTS["NOG"].output_gate is False
    assert VARIANTS["CIFG"].coupled is True
    assert VARIANTS["peephole"].peephole is True
    with pytest.raises(ValueError, match="coupled=True"):
        LSTMVariant(coupled=True, input_gate=False)
    with pytest.raises(TypeError, match="True or False"):
        LSTMVariant(peephole=1)


# ------------------------------------------------------------------------------------------------
# Bad input: the error names the argument, what was expected and what arrived.
# ------------------------------------------------------------------------------------------------


def test_wrong_input_size_is_named(rng):
    params = init_lstm_params(3, H, rng)
    with pytest.raises(ValueError, match=r'xs has D=7 but params\["Wx"\] expects D=3'):
        lstm_forward(np.zeros((2, 4, 7)), None, None, params)
    with pytest.raises(ValueError, match=r'x has D=7 but params\["Wx"\] expects D=3'):
        lstm_step_forward(np.zeros((2, 7)), None, None, params)


@pytest.mark.parametrize(
    "bad, message",
    [
        (lambda p: p.update(Wh=np.zeros((H + 1, 4 * H))), r'params\["Wh"\] has H=6 but params\["Wx"\]'),
        (lambda p: p.update(b=np.zeros(4 * H + 1)), r'params\["b"\] has 4H=21'),
        (lambda p: p.update(Wx=np.zeros((D, 4 * H + 2))), r"must have 4H columns"),
        (lambda p: p.pop("Wh"), r"params is missing \['Wh'\]"),
        (lambda p: p.update(Wx=np.zeros((D, 4 * H, 1))), r'params\["Wx"\] must be 2-D with shape \(D, G\)'),
        (lambda p: p["Wh"].__setitem__((0, 0), np.nan), r'params\["Wh"\] contains 1 NaN or inf'),
    ],
)
def test_bad_params_are_named(rng, bad, message):
    params = init_lstm_params(D, H, rng)
    bad(params)
    with pytest.raises(ValueError, match=message):
        lstm_forward(np.zeros((2, 3, D)), None, None, params)


def test_missing_peepholes_are_named(rng):
    params = init_lstm_params(D, H, rng)
    with pytest.raises(ValueError, match=r"params is missing \['pi', 'pf', 'po'\]"):
        lstm_forward(np.zeros((2, 3, D)), None, None, params, "peephole")


def test_bad_states_and_ranks_are_named(rng):
    params = init_lstm_params(D, H, rng)
    xs = np.zeros((2, 3, D))
    with pytest.raises(ValueError, match=r"xs must be 3-D with shape \(N, T, D\), got 2-D shape \(3, 4\)"):
        lstm_forward(np.zeros((3, D)), None, None, params)
    with pytest.raises(ValueError, match=r"h0 has N=5 but the input batch expects N=2"):
        lstm_forward(xs, np.zeros((5, H)), None, params)
    with pytest.raises(ValueError, match=r'c0 has H=4 but params\["Wh"\] expects H=5'):
        lstm_forward(xs, None, np.zeros((2, 4)), params)
    with pytest.raises(ValueError, match="xs contains 1 NaN or inf"):
        lstm_forward(np.where(np.arange(2 * 3 * D).reshape(2, 3, D) == 5, np.inf, 0.0), None, None, params)
    with pytest.raises(ValueError, match="variant must be an LSTMVariant or one of"):
        lstm_forward(xs, None, None, params, "vanilla")


def test_bad_backward_gradients_are_named(rng):
    params = init_lstm_params(D, H, rng)
    hs, _, cache = lstm_forward(np.zeros((2, 3, D)), None, None, params)
    with pytest.raises(ValueError, match="dhs has T=4 but the forward pass expects T=3"):
        lstm_backward(np.zeros((2, 4, H)), cache)
    with pytest.raises(ValueError, match="dc_last has H=3"):
        lstm_backward(np.zeros_like(hs), cache, dc_last=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="cache is missing"):
        lstm_backward(np.zeros_like(hs), {"hs": hs})
    _, _, step_cache = lstm_step_forward(np.zeros((2, D)), None, None, params)
    with pytest.raises(ValueError, match="dh has N=3 but the input batch expects N=2"):
        lstm_step_backward(np.zeros((3, H)), None, step_cache)


def test_init_refuses_bad_arguments():
    with pytest.raises(TypeError, match="numpy Generator"):
        init_lstm_params(3, 4, 0)
    with pytest.raises(ValueError, match="H must be an integer >= 1, got 0"):
        init_lstm_params(3, 0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="forget_bias must be a finite number"):
        init_lstm_params(3, 4, np.random.default_rng(0), forget_bias=np.nan)


def test_relative_error_helper_sees_a_wrong_gradient(rng):
    """The gradient check itself can fail: a gradient off by 1% is caught."""
    params, xs, h0, c0 = _problem(rng, "standard")
    _, _, cache = lstm_forward(xs, h0, c0, params)
    _, _, _, grads = lstm_backward(np.ones((N, T, H)), cache)

    def loss():
        return float(np.sum(lstm_forward(xs, h0, c0, params)[0]))

    wrong = {k: v * 1.01 for k, v in grads.items()}
    assert max(check_gradients(loss, params, wrong).values()) > 1e-3
    assert relative_error(grads["Wx"], grads["Wx"]) == 0.0


def _float_arrays(value, where: str):
    """(where, array) for every float array inside nested dicts, tuples and lists."""
    if isinstance(value, np.ndarray):
        return [(where, value)] if value.dtype.kind == "f" else []
    if isinstance(value, dict):
        return [pair for k, v in value.items() for pair in _float_arrays(v, f"{where}[{k!r}]")]
    if isinstance(value, (tuple, list)):
        return [pair for n, v in enumerate(value) for pair in _float_arrays(v, f"{where}[{n}]")]
    return []


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_float32_in_gives_float32_out_and_float32_intermediates(variant):
    """No silent float64 promotion: the outputs, everything the cache keeps and every gradient stay float32."""
    rng = np.random.default_rng(7)
    params = {k: v.astype(np.float32) for k, v in _problem(rng, variant)[0].items()}
    xs = rng.standard_normal((N, T, D)).astype(np.float32)
    h0, c0 = (rng.standard_normal((N, H)).astype(np.float32) for _ in range(2))
    forward = lstm_forward(xs, h0, c0, params, variant)
    backward = lstm_backward(rng.standard_normal((N, T, H)).astype(np.float32), forward[2],
                             dc_last=rng.standard_normal((N, H)).astype(np.float32), state_grads=True)
    arrays = _float_arrays(forward, "forward") + _float_arrays(backward, "backward")
    assert len(arrays) >= 14  # hs, cs, the cache's arrays and parameters, dxs, dh0, dc0, the gradients, ...
    wrong = [(where, a.dtype.name) for where, a in arrays if a.dtype != np.float32]
    assert wrong == [], f"float64 crept in: {wrong}"
