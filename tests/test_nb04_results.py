"""Every number notebook 04 (the CEC) quotes, recomputed from seeds: the error through a CEC against RNN units,
the bare against the gated CEC, the drift of an untrained cell without forget gate, and the input-bias remedy
on the adding problem (the notebook's small run and the full-size run, five seeds each)."""

import numpy as np
import pytest

from helpers.activations import sigmoid, sigmoid_grad, tanh_grad
from helpers.experiments import iterations_to_threshold
from helpers.lstm import init_lstm_params, lstm_forward, lstm_gates
from helpers.models import SequenceRegressor
from helpers.rnn import backprop_norms, rnn_forward
from helpers.tasks import ADDING_BASELINE_MSE, adding_problem
from helpers.train import train


def _errors(activation: str) -> np.ndarray:
    """|dE/dh_{T-k}|, k = 0..100, through one unit with self-weight 1 on the notebook's inputs (seed 0)."""
    xs = np.random.default_rng(0).standard_normal(100).reshape(1, 100, 1)
    one_unit = {"Wx": np.ones((1, 1)), "Wh": np.ones((1, 1)), "b": np.zeros(1)}
    _, cache = rnn_forward(xs, None, one_unit, activation)
    return backprop_norms(cache, np.ones((1, 1)))[0]


def test_the_cec_keeps_the_error_for_100_steps_and_rnn_units_lose_it():
    cec, tanh_unit, sigmoid_unit = _errors("linear"), _errors("tanh"), _errors("sigmoid")
    np.testing.assert_array_equal(cec, np.ones(101))  # exactly 1 at every step back
    # the notebook prints these with two significant digits
    assert f"{tanh_unit[1]:.2g}, {tanh_unit[10]:.2g}, {tanh_unit[100]:.2g}" == "0.045, 6e-05, 2.1e-46"
    assert f"{sigmoid_unit[1]:.2g}, {sigmoid_unit[10]:.2g}, {sigmoid_unit[100]:.2g}" == "0.19, 6.6e-08, 1.9e-75"
    assert np.all(np.diff(tanh_unit) < 0) and np.all(np.diff(sigmoid_unit) < 0)


def test_a_factor_just_below_or_above_one_is_not_enough():
    """The explorer's numbers: 0.9^100 and 1.1^100, against the CEC's 1^100."""
    from helpers.plots.cec import error_after_steps

    assert error_after_steps(0.9, 1.0)[100] == pytest.approx(2.656e-5, rel=1e-3)
    assert error_after_steps(1.1, 1.0)[100] == pytest.approx(1.378e4, rel=1e-3)
    assert error_after_steps(1.0, 1.0)[100] == 1.0
    # the sigmoid needs w = 4 at its steepest point, and loses it as soon as it moves off u = 0
    assert 4 * sigmoid_grad(0.0) == 1.0 and 4 * sigmoid_grad(1.0) < 0.8
    assert tanh_grad(0.0) == 1.0 and tanh_grad(2.0) < 0.08


def _best_linear_mse(c, y):
    A = np.stack([c, np.ones_like(c)], axis=1)
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    return float(np.mean((A @ coef - y) ** 2))


def test_a_bare_cec_cannot_hold_the_adding_answer_and_a_gated_one_holds_it_exactly():
    xs, ys = adding_problem(4000, 100, np.random.default_rng(1))
    values, markers, target = xs[:, :, 0], xs[:, :, 1], ys[:, 0]
    bare, gated = values.sum(axis=1), (markers * values).sum(axis=1)
    assert f"{ADDING_BASELINE_MSE:.3f}" == "0.167"
    assert f"{_best_linear_mse(bare, target):.3f}" == "0.161"
    assert f"{bare.mean():.0f}" == "50"
    assert _best_linear_mse(gated, target) < 1e-20


def _drift(bias: float):
    xs, _ = adding_problem(64, 100, np.random.default_rng(1))
    params = init_lstm_params(2, 16, np.random.default_rng(0), variant="NFG", input_bias=bias)
    hs, cs, cache = lstm_forward(xs, None, None, params, "NFG")
    gates = lstm_gates(cache)
    let_in = float((gates["o"][:, -1] * (1 - np.tanh(cs[:, -1]) ** 2)).mean())
    saturated = float((np.abs(np.tanh(cs[:, -1])) > 0.9).mean())
    return float(gates["i"].mean()), float(np.abs(cs[:, -1]).mean()), saturated, let_in


def test_without_forget_gate_the_untrained_cell_drifts_unless_the_input_gate_starts_closed():
    i0, c0, sat0, let0 = _drift(0.0)
    i3, c3, sat3, let3 = _drift(-3.0)
    assert (f"{i0:.2f}", f"{c0:.2f}", f"{sat0:.0%}", f"{let0:.3f}") == ("0.49", "8.44", "88%", "0.023")
    assert (f"{i3:.2f}", f"{c3:.2f}", f"{sat3:.0%}", f"{let3:.3f}") == ("0.05", "0.32", "0%", "0.418")
    assert i3 == pytest.approx(float(sigmoid(-3.0)), abs=0.01)


def _train_nfg(H: int, N: int, iterations: int, seed: int, bias: float) -> np.ndarray:
    """The notebook's experiment: LSTM without forget gate, adding problem T = 100, Adam 1e-2, clip 1, float32."""
    rng = np.random.default_rng(seed)
    model = SequenceRegressor("lstm", D=2, H=H, rng=rng, variant="NFG", input_bias=bias, dtype=np.float32)
    return train(model, lambda r: adding_problem(N, 100, r), iterations, rng, lr=1e-2, clip=1.0,
                 progress=False)["loss"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_notebook_sized_run_bias_0_is_stuck_and_bias_minus_3_solves(seed):
    """The notebook's settings (H = 16, batches of 32, 600 iterations); seed 0 is its run (it prints 0.17 / False
    and 0.00 / True). Measured for seeds 0-4 on three numerical paths (AVX-512 + OpenBLAS SkylakeX, AVX2 +
    Haswell, SSE4 + Sandybridge): b_i = 0 ends at 0.146-0.180, never solved; b_i = -3 ends at 0.0011-0.0018,
    solved after 302-425 iterations. About 10 s of CPU per seed."""
    for bias in (0.0, -3.0):
        loss = _train_nfg(16, 32, 600, seed, bias)
        final = loss[-60:].mean()
        if bias == 0.0:
            assert final > 0.12 and iterations_to_threshold(loss) is None, (seed, final)
        else:
            assert final <= 0.005 and iterations_to_threshold(loss) is not None, (seed, final)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(5))
def test_full_size_five_seeds(seed):
    """H = 32, batches of 64, 800 iterations (about 30 s of CPU per seed, both biases). Quoted in the notebook's
    table. Measured on two numerical paths (AVX-512 + OpenBLAS SkylakeX, AVX2 + Haswell) with the LSTM core of
    commit 7f18db3: b_i = -3 solves every seed (final MSE 0.0003-0.0012, iterations to threshold 304-388);
    b_i = 0 stays on the plateau (0.167-0.177) in seeds 1, 3 and 4 on both, breaks free late in seed 2 on both
    (at 466 or 524, final 0.002), and in seed 0 stays on the plateau on the first path (0.172) but breaks free
    at 637 on the second (final 0.004). A late escape is the verdict that can fall either way from one machine
    to the next, so seeds 0 and 2 may do either; what must hold is that bias 0 never solves early."""
    for bias in (0.0, -3.0):
        loss = _train_nfg(32, 64, 800, seed, bias)
        final, solved = loss[-80:].mean(), iterations_to_threshold(loss)
        if bias == -3.0:
            assert final <= 0.005 and solved is not None and solved <= 450, (seed, bias, final, solved)
        elif seed in (0, 2):
            escaped, stuck = solved is not None and solved > 420 and final <= 0.01, solved is None and final > 0.15
            assert escaped or stuck, (seed, bias, final, solved)
        else:
            assert final > 0.15 and solved is None, (seed, bias, final, solved)
