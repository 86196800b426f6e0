"""Tasks, the read-out model and the training loop."""

import numpy as np
import pytest

from helpers.gradcheck import check_gradients
from helpers.models import SequenceRegressor
from helpers.tasks import ADDING_BASELINE_MSE, adding_problem
from helpers.train import train


def test_adding_problem_is_deterministic_and_well_formed():
    xs, ys = adding_problem(500, 20, np.random.default_rng(3))
    xs2, ys2 = adding_problem(500, 20, np.random.default_rng(3))
    np.testing.assert_array_equal(xs, xs2)
    markers = xs[:, :, 1]
    assert np.all(markers.sum(axis=1) == 2)
    assert np.all(markers[:, :10].sum(axis=1) == 1) and np.all(markers[:, 10:].sum(axis=1) == 1)
    np.testing.assert_allclose(ys[:, 0], (xs[:, :, 0] * markers).sum(axis=1))
    # Predicting the mean 1.0 scores about the variance 1/6.
    assert np.mean((ys - 1.0) ** 2) == pytest.approx(ADDING_BASELINE_MSE, abs=0.03)


def test_adding_problem_refuses_bad_arguments():
    with pytest.raises(ValueError, match="T must be an integer >= 2, got 1"):
        adding_problem(4, 1, np.random.default_rng(0))
    with pytest.raises(TypeError, match="numpy Generator"):
        adding_problem(4, 5, 0)


@pytest.mark.parametrize("kind, options", [("rnn", {}), ("lstm", {}), ("gru", {}), ("gru", {"reset_after": True})],
                         ids=["rnn", "lstm", "gru", "gru-reset-after"])
@pytest.mark.parametrize("per_step", [False, True])
def test_model_gradients_match_finite_differences(kind, options, per_step):
    rng = np.random.default_rng(1)
    model = SequenceRegressor(kind, D=2, H=4, rng=rng, out_dim=2, **options)
    xs = rng.standard_normal((3, 5, 2))
    if per_step:
        ys, mask = rng.standard_normal((3, 5, 2)), (rng.uniform(size=(3, 5)) > 0.4).astype(float)
        mask[0, 0] = 1.0
    else:
        ys, mask = rng.standard_normal((3, 2)), None
    loss, grads = model.loss_and_grads(xs, ys, mask)
    errors = check_gradients(lambda: model.loss_and_grads(xs, ys, mask)[0], model.params, grads)
    assert max(errors.values()) < 1e-6, errors


def test_model_refuses_mismatched_targets():
    model = SequenceRegressor("lstm", D=2, H=4, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="ys has N=2 but xs expects N=3"):
        model.loss_and_grads(np.zeros((3, 5, 2)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match="mask selects no step"):
        model.loss_and_grads(np.zeros((3, 5, 2)), np.zeros((3, 5, 1)), np.zeros((3, 5)))
    with pytest.raises(ValueError, match=r"kind must be one of \['gru', 'lstm', 'rnn'\]"):
        SequenceRegressor("lru", D=2, H=4, rng=np.random.default_rng(0))
    with pytest.raises(TypeError, match="reset_after must be True or False"):
        SequenceRegressor("gru", D=2, H=4, rng=np.random.default_rng(0), reset_after="yes")


def test_a_gru_model_passes_its_convention_and_update_bias_on():
    from helpers.gru import gru_forward

    rng = np.random.default_rng(3)
    xs, ys = adding_problem(4, 7, rng)
    for reset_after in (False, True):
        model = SequenceRegressor("gru", D=2, H=5, rng=np.random.default_rng(0), reset_after=reset_after,
                                  update_bias=2.0)
        np.testing.assert_array_equal(model.params["bx"][5:10], 2.0)
        core = {k: v for k, v in model.params.items() if k not in ("Wy", "by")}
        _, cache = model.forward(xs, state=(np.ones((4, 5)),))
        np.testing.assert_array_equal(cache["hs"], gru_forward(xs, np.ones((4, 5)), core, reset_after)[0])
        assert len(cache["state"]) == 1 and "cs" not in cache


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_training_reduces_the_loss_on_a_short_adding_problem(kind):
    rng = np.random.default_rng(0)
    model = SequenceRegressor(kind, D=2, H=16, rng=rng)
    history = train(model, lambda r: adding_problem(64, 10, r), 300, rng, lr=1e-2, clip=1.0, progress=False)
    assert history["loss"][:20].mean() > 0.1
    assert history["loss"][-50:].mean() < 0.02
    assert history["grad_norm"].shape == (300,) and history["clipped"].dtype == bool


def test_training_is_deterministic_for_a_seed():
    def run():
        rng = np.random.default_rng(5)
        model = SequenceRegressor("rnn", D=2, H=8, rng=rng)
        return train(model, lambda r: adding_problem(16, 8, r), 20, rng, optimizer="sgd", lr=0.05, progress=False)

    np.testing.assert_array_equal(run()["loss"], run()["loss"])


def test_training_refuses_a_bad_learning_rate():
    model = SequenceRegressor("rnn", D=2, H=4, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="lr must be a positive learning rate"):
        train(model, lambda r: adding_problem(4, 4, r), 3, np.random.default_rng(0), lr=-1.0)
    with pytest.raises(ValueError, match=r"optimizer must be one of \['adam', 'sgd'\]"):
        train(model, lambda r: adding_problem(4, 4, r), 3, np.random.default_rng(0), optimizer="rmsprop")


def test_float32_models_train_in_float32_and_agree_with_float64():
    rng = np.random.default_rng(2)
    xs, ys = adding_problem(8, 6, rng)
    for kind in ("rnn", "lstm", "gru"):
        m64 = SequenceRegressor(kind, D=2, H=5, rng=np.random.default_rng(0))
        m32 = SequenceRegressor(kind, D=2, H=5, rng=np.random.default_rng(0), dtype=np.float32)
        loss64, grads64 = m64.loss_and_grads(xs, ys)
        loss32, grads32 = m32.loss_and_grads(xs, ys)
        assert all(g.dtype == np.float32 for g in grads32.values()), kind
        assert loss32 == pytest.approx(loss64, rel=1e-5)
        for k in grads64:
            np.testing.assert_allclose(grads32[k], grads64[k], rtol=1e-3, atol=1e-6, err_msg=f"{kind} {k}")
    with pytest.raises(ValueError, match="dtype must be float64 or float32"):
        SequenceRegressor("lstm", D=2, H=4, rng=rng, dtype=np.float16)
