"""How far back the adding problem's markers lie (notebooks 01 and 08, quiz 08.second-only)."""

import numpy as np
import pytest

from helpers.tasks import adding_problem


@pytest.mark.parametrize("T", [10, 100, 101])
def test_markers_lie_in_their_halves_and_the_second_is_at_most_t_minus_1_minus_half_back(T):
    xs, ys = adding_problem(4000, T, np.random.default_rng(0))
    first, second = (np.argmax(xs[:, :T // 2, 1], axis=1),
                     T // 2 + np.argmax(xs[:, T // 2:, 1], axis=1))
    assert (xs[:, :, 1].sum(axis=1) == 2).all()
    back_first, back_second = T - 1 - first, T - 1 - second  # steps before the answer at t = T - 1
    # every distance is reached with 4000 sequences: first 50..99 and second 0..49 back for T = 100
    assert (back_first.min(), back_first.max()) == (T - T // 2, T - 1)
    assert (back_second.min(), back_second.max()) == (0, T - 1 - T // 2)
    np.testing.assert_allclose(ys[:, 0], xs[np.arange(4000), first, 0] + xs[np.arange(4000), second, 0])
