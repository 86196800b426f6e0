"""helpers.charlm_probe: the baselines' bits per character, the per-character features, the cell search and the gate
saturation, each on a small case worked out by hand."""

import math

import numpy as np
import pytest

from helpers import charlm_probe as cp


def test_uniform_unigram_is_log2_of_the_vocabulary():
    """Equal counts of all V characters: every character gets 1/V, so log2 V bits (log2 65 for tiny Shakespeare's
    vocabulary)."""
    V = 65
    train = np.arange(V).repeat(3)
    assert cp.unigram_bits_per_char(train, np.arange(V), V) == pytest.approx(math.log2(65), abs=1e-12)


def test_unigram_add_k_by_hand():
    # counts a:3, b:1 over V = 3 with k = 1: p = (4/7, 2/7, 1/7); held-out "a c" -> (log2 7/4 + log2 7) / 2
    bits = cp.unigram_bits_per_char([0, 0, 0, 1], [0, 2], V=3, k=1.0)
    assert bits == pytest.approx((math.log2(7 / 4) + math.log2(7)) / 2, abs=1e-12)
    # a smaller k trusts the counts more: the seen "a" gets cheaper, the unseen "c" dearer
    assert cp.unigram_bits_per_char([0, 0, 0, 1], [0], V=3, k=0.1) < cp.unigram_bits_per_char([0, 0, 0, 1], [0], 3)


def test_bigram_by_hand_and_beats_unigram_on_alternation():
    # "abab..." train: counts a->b 2, b->a 2 (V = 2, k = 1): p(b|a) = p(a|b) = 3/4; unigram gives 1 bit
    train, held = [0, 1, 0, 1, 0], [1, 0, 1]
    assert cp.bigram_bits_per_char(train, held, V=2) == pytest.approx(math.log2(4 / 3), abs=1e-12)
    assert cp.bigram_bits_per_char(train, held, V=2) < cp.unigram_bits_per_char(train, held, V=2)


def test_bigram_first_held_out_character_follows_the_last_training_one():
    # train "aab": a->a 1, a->b 1 (V = 2, k = 1): p(a|a) = 2/4, p(b|a) = 2/4, p(a|b) = 1/2 (no b-> counts)
    # held "a" follows train's last "b": p(a|b) = 1/2 -> 1 bit
    assert cp.bigram_bits_per_char([0, 0, 1], [0], V=2) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("bad, match", [([0, 3], "0 <= id < V"), ([0.5, 1.0], "integer"), ([], "non-empty")])
def test_baselines_reject_bad_ids(bad, match):
    with pytest.raises(ValueError, match=match):
        cp.unigram_bits_per_char([0, 1], bad, V=3)


def test_baselines_reject_non_positive_smoothing():
    with pytest.raises(ValueError, match="positive"):
        cp.bigram_bits_per_char([0, 1], [0], V=2, k=0.0)


def test_inside_brackets_nests_and_quotes_toggle():
    assert cp.inside("x(a(b)c)y)", "(", ")").tolist() == [0, 1, 1, 1, 1, 1, 1, 1, 0, 0]
    assert cp.inside("「あ」い「う」", "「", "」").tolist() == [1, 1, 1, 0, 1, 1, 1]
    assert cp.inside('a"b"c"d', '"', '"').tolist() == [0, 1, 1, 1, 0, 1, 1]


def test_position_in_line_and_chars_since():
    assert cp.position_in_line("ab\n\ncd").tolist() == [0, 1, 2, 0, 0, 1]
    assert cp.chars_since("ab。c。。d", "。").tolist() == [0, 1, 0, 1, 0, 0, 1]
    assert cp.chars_since("。a", "。").tolist() == [0, 1]


def test_speaker_lines_need_a_blank_line_before():
    text = "First Citizen:\nSpeak, speak.\n\nAll:\nResolved:\n\nnot a name:\n"
    f = cp.speaker_lines(text)
    lines = text.split("\n")
    marked = [line for line in lines if line and f[text.index(line)] == 1.0]
    assert marked == ["First Citizen:", "All:"]  # "Resolved:" follows a non-blank line
    assert f.sum() == len("First Citizen:\n") + len("All:\n")


def test_sentence_end_marks():
    assert cp.sentence_end("猫だ。名前は？").tolist() == [0, 0, 1, 0, 0, 0, 0]
    assert cp.sentence_end("猫だ。名前は？", "。？").tolist() == [0, 0, 1, 0, 0, 0, 1]


def test_correlations_find_the_planted_cell():
    rng = np.random.default_rng(0)
    feature = cp.inside("ab(cd)ef(gh)ij" * 20, "(", ")")
    states = rng.normal(size=(feature.size, 8))
    states[:, 5] = 0.8 * feature + 0.1 * states[:, 5]   # follows the feature
    states[:, 2] = -feature                            # follows it with the opposite sign
    states[:, 7] = 3.0                                 # never moves
    r = cp.correlations(states, feature)
    assert r[2] == pytest.approx(-1.0) and r[5] > 0.95 and r[7] == 0.0
    assert np.abs(np.delete(r, [2, 5])).max() < 0.3
    assert cp.best_cells(states, feature, top=2) == [(2, -1.0), (5, round(float(r[5]), 6))]


def test_correlations_refuse_a_constant_feature_and_mismatched_lengths():
    with pytest.raises(ValueError, match="constant"):
        cp.correlations(np.zeros((4, 2)), np.ones(4))
    with pytest.raises(ValueError, match="T=5"):
        cp.correlations(np.zeros((5, 2)), [0.0, 1.0, 0.0, 1.0])
    with pytest.raises(ValueError, match="top"):
        cp.best_cells(np.eye(3), [0.0, 1.0, 2.0], top=4)


def test_chance_correlation_is_low_for_a_feature_no_cell_follows():
    rng = np.random.default_rng(1)
    feature = (rng.random(2000) < 0.5).astype(float)
    states = np.column_stack([np.roll(feature, 0), rng.normal(size=(2000, 3))])
    assert cp.best_cells(states, feature, top=1)[0] == (0, 1.0)
    assert cp.chance_correlation(states, feature, shifts=[500, 1000]) < 0.15
    with pytest.raises(ValueError, match="multiple of T"):
        cp.chance_correlation(states, feature, shifts=[2000])


def test_saturation_fractions_by_hand():
    gate = np.array([[0.05, 0.50, 0.95],
                     [0.09, 0.10, 0.90],
                     [0.20, 0.95, 0.99],
                     [0.01, 0.99, 0.91]])
    left, right = cp.saturation(gate)
    assert left.tolist() == [0.75, 0.0, 0.0]      # 0.10 is not below 0.1
    assert right.tolist() == [0.0, 0.5, 0.75]     # 0.90 is not above 0.9
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        cp.saturation(gate * 2)
    with pytest.raises(ValueError, match="left < right"):
        cp.saturation(gate, left=0.9, right=0.1)
