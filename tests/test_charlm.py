"""helpers.charlm: the shipped texts, the vocabularies, the model's gradients, carried state, sampling, checks."""

from __future__ import annotations

import gzip
import hashlib

import numpy as np
import pytest

from helpers import charlm
from helpers.charlm import (
    UNKNOWN,
    CharLM,
    corpus_vocabulary,
    hidden_for_budget,
    load_corpus,
    load_pretrained,
    parameter_count,
    split,
    vocabulary,
)
from helpers.gradcheck import check_gradients

# sha256 of the UTF-8 text (after decompression); helpers/data/README.md lists the same.
TEXT_SHA256 = {
    "shakespeare": "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
    "soseki": "94e38544babaa3b384b6083245edff1e0249cf1ee0963d3473187abe4511c324",
}
TEXT_LENGTH = {"shakespeare": 1_115_394, "soseki": 417_267}
TINY_VOCAB = "ab c\n"


@pytest.mark.parametrize("name", charlm.CORPORA)
def test_corpus_checksum_and_length(name):
    with gzip.open(charlm.DATA_DIR / f"{name}.txt.gz", "rb") as f:
        raw = f.read()
    assert hashlib.sha256(raw).hexdigest() == TEXT_SHA256[name]
    text = load_corpus(name)
    assert len(text) == TEXT_LENGTH[name]
    assert "\r" not in text


def test_soseki_is_free_of_aozora_markup():
    text = load_corpus("soseki")
    for mark in ("《", "》", "｜", "［＃", "※［"):
        assert mark not in text
    assert text.startswith("親譲りの無鉄砲で")  # Botchan's first line
    assert text.count("\n") == 2  # three novels


def test_package_data_stays_under_five_megabytes():
    total = sum(p.stat().st_size for p in charlm.DATA_DIR.iterdir() if p.is_file())
    assert total < 5_000_000, f"helpers/data holds {total / 1e6:.2f} MB"


def test_split_keeps_a_fixed_tail():
    train, held = split("x" * 95 + "abcde" * 1)
    assert len(held) == 10 and held.endswith("abcde") and len(train) == 90
    text = load_corpus("shakespeare")
    train, held = split(text)
    assert train + held == text and len(held) == len(text) // 10


def test_shakespeare_vocabulary_is_every_character():
    """65 characters (letters, digits are absent, punctuation, space, newline); nothing unknown in held-out."""
    vocab = corpus_vocabulary("shakespeare")
    assert len(vocab) == 65 and UNKNOWN not in vocab
    assert set(split(load_corpus("shakespeare"))[1]) <= set(vocab)


def test_soseki_vocabulary_cut_and_unknown_rate():
    """Characters seen >= 10 times in the training part: 1,330 + the unknown symbol. Then 4,388 of the 375,541
    training characters (1.17 %) and 574 of the 41,726 held-out ones (1.38 %) are unknown (counts: the same on
    every machine)."""
    vocab = corpus_vocabulary("soseki")
    assert len(vocab) == 1331 and UNKNOWN in vocab
    model = CharLM(vocab, hidden=2, embed=2, rng=np.random.default_rng(0))
    train, held = split(load_corpus("soseki"))
    unknown = model.vocab.index(UNKNOWN)
    assert (len(train), int(np.sum(model.encode(train) == unknown))) == (375_541, 4_388)
    assert (len(held), int(np.sum(model.encode(held) == unknown))) == (41_726, 574)
    assert {"。", "「", "」", "私", "先", "生"} <= set(vocab)


def test_vocabulary_function():
    assert vocabulary("banana") == "abn"
    assert vocabulary("banana", min_count=2) == "an" + UNKNOWN
    with pytest.raises(ValueError, match="min_count"):
        vocabulary("banana", min_count=0)
    with pytest.raises(TypeError, match="text must be a str"):
        vocabulary(["a", "b"])


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_parameter_count_matches_the_model(kind):
    model = CharLM(TINY_VOCAB, kind=kind, hidden=7, embed=3, rng=np.random.default_rng(0))
    assert model.n_parameters() == parameter_count(kind, len(TINY_VOCAB), 3, 7)
    H = hidden_for_budget(kind, 1000, len(TINY_VOCAB), 3)
    assert abs(parameter_count(kind, len(TINY_VOCAB), 3, H) - 1000) <= abs(
        parameter_count(kind, len(TINY_VOCAB), 3, H + 1) - 1000)


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_full_model_gradient_check(kind):
    """Embedding -> core -> read-out against centred differences, float64, from a non-zero carried state.
    Measured largest relative errors (both numerical paths): RNN 1.1e-9, GRU 1.3e-8, LSTM 2.9e-8 to 3.1e-8."""
    rng = np.random.default_rng(1)
    model = CharLM(TINY_VOCAB, kind=kind, hidden=4, embed=3, rng=rng, dtype=np.float64)
    for v in model.params.values():  # away from the initial zeros (biases) so every term is exercised
        v += 0.1 * rng.standard_normal(v.shape)
    ids = rng.integers(0, len(TINY_VOCAB), size=(2, 7))
    state = tuple(0.5 * rng.standard_normal((2, 4)) for _ in range(2 if kind == "lstm" else 1))
    _, grads, _ = model.loss_and_grads(ids, state)
    errors = check_gradients(lambda: model.loss_and_grads(ids, state)[0], model.params, grads, eps=1e-6)
    assert max(errors.values()) < 1e-6, errors


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_carried_state_equals_one_long_pass(kind):
    """Two windows with the state carried from the first to the second see what one window of twice the length
    sees: the same mean loss and the same final state (float64, to rounding)."""
    rng = np.random.default_rng(2)
    model = CharLM(TINY_VOCAB, kind=kind, hidden=5, embed=3, rng=rng, dtype=np.float64)
    ids = rng.integers(0, len(TINY_VOCAB), size=(3, 21))
    whole, _, end = model.loss_and_grads(ids)
    first, _, mid = model.loss_and_grads(ids[:, :11])
    second, _, end2 = model.loss_and_grads(ids[:, 10:], mid)
    assert (first + second) / 2 == pytest.approx(whole, rel=1e-12)
    for a, b in zip(end, end2):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_bits_per_char_reads_in_chunks_like_one_window(kind):
    """bits_per_char(streams=1) cuts a long text into chunks of 512 steps and carries the state across."""
    rng = np.random.default_rng(3)
    model = CharLM(TINY_VOCAB, kind=kind, hidden=5, embed=3, rng=rng, dtype=np.float64)
    ids = rng.integers(0, len(TINY_VOCAB), size=1300)
    text = model.decode(ids)
    loss, _, _ = model.loss_and_grads(ids[None])
    assert model.bits_per_char(text, streams=1) == pytest.approx(loss / np.log(2), rel=1e-12)
    assert abs(model.bits_per_char(text, streams=8) - loss / np.log(2)) < 0.05


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_trace_keys_and_shapes(kind):
    model = CharLM(TINY_VOCAB, kind=kind, hidden=6, embed=3, rng=np.random.default_rng(0))
    text = "ab c\n" * 130  # longer than one chunk
    trace = model.trace(text)
    assert tuple(trace) == charlm.TRACE_KEYS[kind]
    for value in trace.values():
        assert value.shape == (len(text), 6)
    if kind == "lstm":
        for gate in "ifo":
            assert ((trace[gate] > 0) & (trace[gate] < 1)).all()
        np.testing.assert_allclose(trace["h"], trace["o"] * np.tanh(trace["c"]), rtol=1e-5, atol=1e-6)


def test_sampling_is_seeded_and_in_vocabulary():
    model = CharLM("ab" + UNKNOWN, kind="gru", hidden=6, embed=3, rng=np.random.default_rng(0))
    model.params["by"][2] = 5.0  # the unknown symbol is the likeliest: it must still never be written
    a = model.sample(200, np.random.default_rng(5), temperature=1.3, prime="ab")
    b = model.sample(200, np.random.default_rng(5), temperature=1.3, prime="ab")
    c = model.sample(200, np.random.default_rng(6), temperature=1.3, prime="ab")
    assert a == b and a != c and len(a) == 200 and set(a) <= {"a", "b"}


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_low_temperature_is_greedy(kind):
    """At temperature 1e-3 every draw is the most likely character, checked against the read-out of a trace."""
    model = CharLM(TINY_VOCAB, kind=kind, hidden=8, embed=4, rng=np.random.default_rng(4), dtype=np.float64)
    model.params["Wy"] *= 20.0  # clear winners: no near-ties for the low temperature to blur
    prime = "ab "
    text = model.sample(15, np.random.default_rng(0), temperature=1e-3, prime=prime)
    for k in range(len(text)):
        h = model.trace(prime + text[:k])["h"][-1]
        assert text[k] == model.vocab[int(np.argmax(h @ model.params["Wy"] + model.params["by"]))]


def test_training_lowers_the_loss():
    rng = np.random.default_rng(0)
    model = CharLM(TINY_VOCAB, kind="lstm", hidden=16, embed=4, rng=rng)
    text = "ab c\nab c\nba c\n" * 200
    history = model.fit(text, 60, batch=4, window=16, lr=1e-2, held_out=text[:300], eval_every=30,
                        progress=False)
    assert history["loss_bpc"][-10:].mean() < 0.6 * history["loss_bpc"][:5].mean()
    assert list(history["eval_iteration"]) == [30, 60]
    assert history["held_out_bpc"][-1] < history["held_out_bpc"][0]


def test_save_and_load_round_trip(tmp_path):
    model = CharLM(TINY_VOCAB, kind="gru", hidden=5, embed=3, rng=np.random.default_rng(0))
    model.fit(TINY_VOCAB * 40, 3, batch=2, window=8, held_out=TINY_VOCAB * 4, progress=False)
    model.info = {"corpus": "test", "note": "日本語"}
    model.save(tmp_path / "m.npz")
    back = CharLM.load(tmp_path / "m.npz")
    assert (back.kind, back.hidden, back.embed, back.vocab, back.info) == ("gru", 5, 3, TINY_VOCAB, model.info)
    for k, v in model.params.items():
        np.testing.assert_array_equal(back.params[k], v)
    for k, v in model.history.items():
        np.testing.assert_array_equal(back.history[k], v)
    assert back.bits_per_char(TINY_VOCAB * 3) == model.bits_per_char(TINY_VOCAB * 3)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: CharLM(TINY_VOCAB, kind="lsmt", rng=np.random.default_rng(0)), ValueError, "kind must be one of"),
        (lambda: CharLM(TINY_VOCAB, hidden=0, rng=np.random.default_rng(0)), ValueError, "hidden must be"),
        (lambda: CharLM(TINY_VOCAB), TypeError, "rng must be a numpy Generator"),
        (lambda: CharLM("abca", rng=np.random.default_rng(0)), ValueError, "distinct"),
        (lambda: CharLM(["a", "b"], rng=np.random.default_rng(0)), TypeError, "vocab must be a str"),
        (lambda: CharLM(TINY_VOCAB, rng=np.random.default_rng(0), dtype=np.int32), ValueError, "dtype"),
        (lambda: load_corpus("hamlet"), ValueError, "name must be one of"),
        (lambda: split("short"), ValueError, "at least 10"),
        (lambda: load_pretrained("hamlet", "lstm"), ValueError, "corpus must be one of"),
        (lambda: hidden_for_budget("gru", 0, 5, 3), ValueError, "budget"),
    ],
)
def test_bad_arguments_raise_clear_errors(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_bad_model_inputs_raise_clear_errors():
    model = CharLM(TINY_VOCAB, hidden=4, embed=2, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="outside the vocabulary"):
        model.bits_per_char("abz c")
    with pytest.raises(ValueError, match="temperature"):
        model.sample(5, np.random.default_rng(0), temperature=0.0)
    with pytest.raises(ValueError, match="n must be"):
        model.sample(0, np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng"):
        model.sample(5, 0)
    with pytest.raises(ValueError, match="prime holds"):
        model.sample(5, np.random.default_rng(0), prime="xyz")
    with pytest.raises(ValueError, match="ids must hold indices"):
        model.loss_and_grads(np.array([[0, 1, 9]]))
    with pytest.raises(ValueError, match="ids must be a 2-D integer array"):
        model.loss_and_grads(np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match="state must be None or a tuple of 2"):
        model.loss_and_grads(np.array([[0, 1, 2]]), (np.zeros((1, 4)),))
    with pytest.raises(ValueError, match="batch x window"):
        model.fit("ab c" * 3, 1, batch=4, window=8, progress=False)
    with pytest.raises(ValueError, match="lr must be"):
        model.fit("ab c" * 30, 1, batch=2, window=4, lr=-1.0, progress=False)
    with pytest.raises(ValueError, match="held_out holds"):
        model.fit("ab c" * 30, 1, batch=2, window=4, held_out="xyz", progress=False)
    with pytest.raises(TypeError, match="text must be a str"):
        model.trace(None)


def test_pyproject_ships_every_data_file():
    """A plain `pip install` must carry helpers/data: every file there matches a package-data pattern."""
    import fnmatch

    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    patterns = tomllib.loads((charlm.DATA_DIR.parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["helpers"]
    for path in charlm.DATA_DIR.iterdir():
        assert any(fnmatch.fnmatch(f"data/{path.name}", p) for p in patterns), path.name


def test_the_charlm_command_trains_saves_and_reports(tmp_path, capsys):
    """`python -m helpers.experiments charlm` on a tiny model: the table, the sample, the saved settings."""
    from helpers.experiments import main

    out = tmp_path / "tiny.npz"
    assert main(["charlm", "--corpus", "shakespeare", "--kind", "gru", "--params", "3000", "--embed", "4",
                 "--iterations", "4", "--batch", "4", "--window", "8", "--eval-every", "2", "--no-progress",
                 "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "## Character-level GRU on shakespeare" in printed and "| 4 |" in printed and "temperature 0.8" in printed
    model = CharLM.load(out)
    assert model.kind == "gru" and abs(model.n_parameters() - 3000) < 300
    assert (model.info["iterations"], model.info["batch"], model.info["window"], model.info["seed"]) == (4, 4, 8, 0)
    assert list(model.history["eval_iteration"]) == [2, 4]
    assert model.info["held_out_bpc"] == pytest.approx(model.history["held_out_bpc"][-1], abs=1e-4)


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_the_benchmarked_iteration_trains(kind):
    """`make bench` times this closure: it must run and change the weights (one Adam step per call)."""
    from benchmarks.charlm import numpy_iteration

    step = numpy_iteration(kind)
    before = step.model.params["Wh"].copy()
    step()
    assert not np.array_equal(before, step.model.params["Wh"])


@pytest.mark.parametrize("kind", charlm.KINDS)
def test_float32_model_keeps_float32_through_a_training_step(kind):
    """No silent float64 promotion in the read-out, the softmax, the core or the embedding gradient."""
    model = CharLM("abcd", kind=kind, hidden=6, embed=3, rng=np.random.default_rng(0))
    assert all(v.dtype == np.float32 for v in model.params.values())
    ids = np.random.default_rng(1).integers(0, 4, size=(2, 9))
    _, grads, state = model.loss_and_grads(ids)
    wrong = {k: g.dtype.name for k, g in grads.items() if g.dtype != np.float32}
    wrong.update({f"state[{n}]": s.dtype.name for n, s in enumerate(state) if s.dtype != np.float32})
    assert wrong == {}, f"float64 crept in: {wrong}"


def test_sampling_step_gives_the_step_reference_bits_and_text(monkeypatch):
    """sample()'s unchecked LSTM step computes what lstm_step_forward computes, bit for bit, so every sample
    (the notebook's, the explorer's) is the text the checked reference writes."""
    model = charlm.load_pretrained("shakespeare", "lstm")
    fast, reference = model._sampling_step(), model._core_step
    rng = np.random.default_rng(3)
    state_fast = state_ref = None
    for current in rng.integers(0, len(model.vocab), size=40):
        x = model.params["E"][[current]]
        h_fast, state_fast = fast(x, state_fast)
        h_ref, state_ref = reference(x, state_ref)
        np.testing.assert_array_equal(h_fast, h_ref)
        np.testing.assert_array_equal(state_fast[1], state_ref[1])
    written = [model.sample(200, np.random.default_rng(0), temperature=t, prime=pr)
               for t in (0.5, 1.0, 1.4) for pr in ("", "ROMEO:")]
    monkeypatch.setattr(CharLM, "_sampling_step", lambda self: self._core_step)
    assert written == [model.sample(200, np.random.default_rng(0), temperature=t, prime=pr)
                       for t in (0.5, 1.0, 1.4) for pr in ("", "ROMEO:")]
