"""Notebook 08's experiments: the gradient at the marked steps, determinism, the CLI, the explorer."""

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.models import SequenceRegressor
from helpers.tasks import adding_problem


@pytest.mark.parametrize("kind", ["rnn", "lstm"])
def test_input_gradients_match_finite_differences(kind):
    rng = np.random.default_rng(4)
    model = SequenceRegressor(kind, D=2, H=5, rng=rng)
    xs, ys = adding_problem(3, 7, rng)
    loss, grads, dxs = model.loss_and_grads(xs, ys, input_grads=True)
    assert dxs.shape == xs.shape
    assert loss == model.loss_and_grads(xs, ys)[0] and sorted(grads) == sorted(model.params)
    numeric = numerical_gradient(lambda: model.loss_and_grads(xs, ys)[0], xs)
    assert relative_error(dxs, numeric) < 1e-6
