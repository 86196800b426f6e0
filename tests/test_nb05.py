"""Notebook 05 (input and output gates): the column layout it teaches, the hand-wired unit's numbers it prints,
and the answers of its quizzes."""

import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.lstm import GATE_ORDER, init_lstm_params, lstm_forward, lstm_gates, lstm_step_forward
from helpers.plots.gates import READ_AT, T_DEMO, WRITE_AT, demo_params, demo_sequence, gate_demo
from helpers.quiz import BANK


@pytest.mark.parametrize("gate", GATE_ORDER)
@pytest.mark.parametrize("matrix", ["Wx", "Wh"])
def test_each_column_block_drives_exactly_its_own_gate(gate, matrix, rng):
    """The table of the notebook: gate k's W is Wx[:, kH:(k+1)H], its U is Wh[:, kH:(k+1)H]."""
    D, H, N = 3, 4, 5
    params = init_lstm_params(D, H, rng)
    x, h_prev, c_prev = rng.standard_normal((N, D)), rng.standard_normal((N, H)), rng.standard_normal((N, H))
    k = GATE_ORDER.index(gate)
    bumped = {name: value.copy() for name, value in params.items()}
    bumped[matrix][:, k * H:(k + 1) * H] += 0.5
    before = lstm_gates(lstm_forward(x[:, None], h_prev, c_prev, params)[2])
    after = lstm_gates(lstm_forward(x[:, None], h_prev, c_prev, bumped)[2])
    changed = {name for name in GATE_ORDER if not np.allclose(before[name], after[name])}
    assert changed == {gate}


def test_the_hand_wired_unit_uses_one_column_per_gate():
    params = demo_params(-4.0, -4.0, 1.5)
    i, f, g, o = (GATE_ORDER.index(name) for name in "ifgo")
    assert params["Wx"].shape == (3, 4) and params["Wh"].shape == (1, 4) and not params["Wh"].any()
    assert params["Wx"][0, g] == 1.5 and params["Wx"][1, i] == 8.0 and params["Wx"][2, o] == 8.0
    assert np.count_nonzero(params["Wx"]) == 3 and params["b"][i] == params["b"][o] == -4.0
    assert params["b"][f] == 0.0


def test_the_printed_table_writes_at_step_4_and_reads_at_step_15():
    xs = demo_sequence()
    assert xs.shape == (1, T_DEMO, 3) and xs[0, :, 1].nonzero()[0].tolist() == [WRITE_AT]
    assert xs[0, :, 2].nonzero()[0].tolist() == [READ_AT]
    hs, cs, cache = lstm_forward(xs, None, None, demo_params(-4.0, -4.0, 1.5), "NFG")
    gates = lstm_gates(cache)
    i, o, c, h = gates["i"][0, :, 0], gates["o"][0, :, 0], cs[0, :, 0], hs[0, :, 0]
    assert (f"{i[WRITE_AT]:.3f}", f"{i[3]:.3f}", f"{o[READ_AT]:.3f}", f"{o[3]:.3f}") == ("0.982", "0.018",
                                                                                         "0.982", "0.018")
    assert f"{xs[0, WRITE_AT, 0]:+.2f}" == "+0.63" and f"{np.tanh(1.5 * xs[0, WRITE_AT, 0]):.3f}" == "0.735"
    assert [f"{v:+.3f}" for v in c[[3, 4, 5, 14, 15, 16]]] == ["-0.036", "+0.686", "+0.701", "+0.742", "+0.728",
                                                               "+0.742"]
    assert f"{h[READ_AT]:+.3f}" == "+0.611"
    assert np.all(np.abs(np.delete(h, READ_AT)) < 0.012)  # quiet except at the read
    kept = c[WRITE_AT:READ_AT]  # "stays near 0.7 (between 0.69 and 0.75) for eleven steps"
    assert kept.size == 11 and (f"{kept.min():.2f}", f"{kept.max():.2f}") == ("0.69", "0.75")


def test_soft_gates_leak_the_numbers_of_the_misconception_box():
    expected = {-4.0: ("0.018", "+0.728"), -2.0: ("0.119", "+0.775"), 0.0: ("0.500", "+0.908"),
                2.0: ("0.881", "+1.041")}
    for bias, (leak, c_read) in expected.items():
        run = gate_demo(bias, -4.0, 1.5)
        assert (f"{np.median(run['i']):.3f}", f"{run['c'][READ_AT]:+.3f}") == (leak, c_read)


def test_quiz_answers_are_what_the_library_computes():
    assert BANK["05.closed-gate"]["answer"] == pytest.approx(float(sigmoid(-4.0)), rel=1e-12)
    params = init_lstm_params(2, 32, np.random.default_rng(0))
    assert BANK["05.param-count"]["answer"] == sum(p.size for p in params.values())
    # the write quiz: c_{t-1} = 0.5, i = 1, g = 0.3 in a cell without forget gate gives 0.8
    H = 1
    write = {"Wx": np.zeros((1, 4 * H)), "Wh": np.zeros((H, 4 * H)), "b": np.array([40.0, 0.0, np.arctanh(0.3), 0.0])}
    _, c, _ = lstm_step_forward(np.zeros((1, 1)), np.zeros((1, 1)), np.full((1, 1), 0.5), write, "NFG")
    assert c[0, 0] == pytest.approx(0.8, abs=1e-12)
    assert BANK["05.write"]["answer"] == 0.8
    assert BANK["05.gate-columns"]["answer"] == GATE_ORDER.index("o")
