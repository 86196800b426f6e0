"""helpers.check, held by the mistakes learners make: every wrong implementation below is failed, and the report
names exactly the part at fault (the gate blocks at the root, the wrong outputs, the recognised cause); every
correct implementation passes, in either GRU convention when it is declared. A learner's function that raises or
returns the wrong thing gets a report, never a traceback."""

import ast
import re
from pathlib import Path

import numpy as np
import pytest

from helpers import check
from helpers.activations import sigmoid
from helpers.check.messages import MESSAGES
from helpers.typography import cjk_line_breaks

LSTM_OUT = {"dx", "dh_prev", "dc_prev", "dWx", "dWh", "db"}
ALL_BUT_DC = LSTM_OUT - {"dc_prev"}
RNN_OUT = {"dh_prev", "dWx", "dWh", "db"}
GRU_OUT = {"dx", "dh_prev", "dWx", "dWh", "dbx", "dbh"}


def expect(report, gates=(), outputs=(), causes=(), problem="values"):
    assert not report.passed, report.message
    assert report.problem == problem, report.message
    assert report.wrong_gates == frozenset(gates), report.message
    assert report.wrong_outputs == frozenset(outputs), report.message
    assert report.causes == frozenset(causes), report.message


# --------------------------------------------------------------------------------------------------------------
# The LSTM's backward step (notebook 09), written as a learner writes it, with one mistake switched on
# --------------------------------------------------------------------------------------------------------------


def lstm_backward(bug=None):
    def step_backward(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh):
        tc = np.tanh(c)
        dc_arrived = dc
        if bug == "sigma for tanh on c":
            dc = dc + dh * o * tc * (1 - tc)
        elif bug != "no h path into dc":
            dc = dc + dh * o * (1 - tc**2)
        da_i = dc * g * i * (1 - i)
        da_f = dc * (c if bug == "c_t for c_prev" else c_prev) * f * (1 - f)
        if bug == "sign of da_f":
            da_f = -da_f
        da_g = dc * i * (g * (1 - g) if bug == "sigma for tanh on g" else 1 - g**2)
        da_o = dh * (c if bug == "c for tanh c in da_o" else tc) * o * (1 - o)
        if bug == "da_o from dc":
            da_o = dc * tc * o * (1 - o)
        da = np.concatenate([da_f, da_g, da_i, da_o] if bug == "DLfS2 order" else [da_i, da_f, da_g, da_o], axis=1)
        dc_prev = {"cell path without f": dc, "cell path from arrived dc": dc_arrived * f}.get(bug, dc * f)
        dx = da @ (Wh.T if bug == "dx through Wh" else Wx.T)
        dh_prev = da @ Wh.T
        if bug == "dh_prev sign":
            dh_prev = -dh_prev
        grads = {"Wx": (da.T @ x) if bug == "dWx transposed" else x.T @ da, "Wh": h_prev.T @ da,
                 "b": {"db over the wrong axis": da.sum(axis=1), "db sign": -da.sum(axis=0)}.get(bug, da.sum(axis=0))}
        if bug == "no b":
            del grads["b"]
        if bug == "nan":
            dc_prev = dc_prev / 0.0
        if bug == "three values":
            return dx, dh_prev, grads
        return dx, dh_prev, dc_prev, grads

    return step_backward


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_correct_lstm_backward_passes(lang):
    report = check.lstm_step_backward(lstm_backward(), lang=lang)
    assert report.passed and report.wrong_gates == report.wrong_outputs == frozenset(), report.message
    assert report.message.startswith("✔")


@pytest.mark.parametrize("bug, gates, outputs, causes", [
    ("sigma for tanh on g", {"g"}, ALL_BUT_DC, {"sigma_for_tanh_g"}),
    ("c_t for c_prev", {"f"}, ALL_BUT_DC, {"c_for_c_prev"}),
    ("sign of da_f", {"f"}, ALL_BUT_DC, {"sign"}),
    ("c for tanh c in da_o", {"o"}, ALL_BUT_DC, {"missing_tanh_o"}),
    ("da_o from dc", {"o"}, ALL_BUT_DC, ()),
    ("sigma for tanh on c", {"i", "f", "g"}, LSTM_OUT, {"sigma_for_tanh_c"}),
    ("no h path into dc", {"i", "f", "g"}, LSTM_OUT, {"missing_h_path"}),
    ("DLfS2 order", {"i", "f", "g"}, ALL_BUT_DC, {"dlfs2_order"}),
    ("cell path without f", (), {"dc_prev"}, {"cell_path_without_f"}),
    ("cell path from arrived dc", (), {"dc_prev"}, {"cell_path_before_h"}),
    ("dh_prev sign", (), {"dh_prev"}, {"sign"}),
    ("db sign", (), {"db"}, {"sign"}),
])
def test_a_wrong_lstm_backward_is_located_at_its_root(bug, gates, outputs, causes):
    expect(check.lstm_step_backward(lstm_backward(bug)), gates, outputs, causes)


@pytest.mark.parametrize("bug, outputs, causes, words", [
    ("dx through Wh", {"dx"}, (), "dx should have shape (2, 5), got (2, 3)"),
    ("dWx transposed", {"dWx"}, {"transpose"}, "the transpose"),
    ("db over the wrong axis", {"db"}, (), 'grads["b"] should have shape (12,), got (2,)'),
    ("no b", {"db"}, (), "missing the key(s) ['b']"),
    ("nan", {"dc_prev"}, (), "dc_prev contains NaN or inf"),
    ("three values", (), (), "Expected 4 returned values (dx, dh_prev, dc_prev, grads), got 3"),
])
def test_a_badly_shaped_lstm_backward_gets_a_report_saying_what_was_expected(bug, outputs, causes, words):
    report = check.lstm_step_backward(lstm_backward(bug))
    expect(report, (), outputs, causes, problem="structure")
    assert words in report.message


def test_a_skeleton_is_not_written_yet_and_a_crash_names_its_line():
    def skeleton(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh):
        raise NotImplementedError("write the lines above")

    def crashes(dh, dc, x, h_prev, c_prev, i, f, g, o, c, Wx, Wh):
        da = np.concatenate([dc, dc], axis=1)
        return da @ Wx, None, None, None  # (N, 2H) @ (D, 4H): a transpose forgotten

    for lang in ("en", "ja"):
        expect(check.lstm_step_backward(skeleton, lang), problem="not_written")
        report = check.lstm_step_backward(crashes, lang)
        expect(report, problem="raised")
        assert "ValueError" in report.message and "<code>return da @ Wx, None, None, None" in report.message
    assert "NotImplementedError" in check.lstm_step_backward(skeleton, "ja").message
    expect(check.lstm_step_backward("step_backward"), problem="structure")


# --------------------------------------------------------------------------------------------------------------
# The RNN's step of BPTT (notebook 01)
# --------------------------------------------------------------------------------------------------------------


def rnn_backward(bug=None):
    def step(dh, x, h_prev, h, Wx, Wh):
        derivative = {"sigma for tanh": h * (1 - h), "h_prev for h": 1 - h_prev**2,
                      "no derivative": 1.0}.get(bug, 1 - h**2)
        delta = dh * derivative
        dh_prev = delta @ (Wh if bug == "no transpose" else Wh.T)
        if bug == "sign":
            dh_prev = -dh_prev
        grads = {"Wx": x.T @ delta, "Wh": (x.T if bug == "dWh from x" else h_prev.T) @ delta, "b": delta.sum(axis=0)}
        if bug == "dWx times 2":
            grads["Wx"] = 2 * grads["Wx"]
        return dh_prev, grads

    return step


def test_a_correct_rnn_backward_passes():
    assert check.rnn_step_backward(rnn_backward()).passed


@pytest.mark.parametrize("bug, gates, outputs, causes, problem", [
    ("sigma for tanh", {"u"}, RNN_OUT, {"rnn_sigma_for_tanh"}, "values"),
    ("h_prev for h", {"u"}, RNN_OUT, {"rnn_h_prev_for_h"}, "values"),
    ("no derivative", {"u"}, RNN_OUT, {"rnn_no_derivative"}, "values"),
    ("no transpose", (), {"dh_prev"}, {"rnn_transpose"}, "values"),
    ("sign", (), {"dh_prev"}, {"sign"}, "values"),
    ("dWx times 2", (), {"dWx"}, (), "values"),
    ("dWh from x", (), {"dWh"}, (), "structure"),
])
def test_a_wrong_rnn_backward_is_located(bug, gates, outputs, causes, problem):
    expect(check.rnn_step_backward(rnn_backward(bug)), gates, outputs, causes, problem)


# --------------------------------------------------------------------------------------------------------------
# Clipping by the global norm (notebook 03)
# --------------------------------------------------------------------------------------------------------------


def clip(bug=None):
    def clip_by_norm(grads, threshold):
        norm = np.sqrt(sum(np.sum(g**2) for g in grads))
        if bug == "per array":
            return [g * min(1.0, threshold / np.linalg.norm(g)) for g in grads]
        if bug == "by value":
            return [np.clip(g, -threshold, threshold) for g in grads]
        if bug == "always":
            return [g * threshold / norm for g in grads]
        if bug == "squared norm":
            norm = norm**2
        if bug == "with the norm":
            return [g * min(1.0, threshold / norm) for g in grads], norm
        factor = norm / threshold if bug == "inverted" else threshold / norm
        return [g * factor for g in grads] if norm > threshold else grads

    return clip_by_norm


def test_a_correct_clip_passes():
    assert check.clip_by_norm(clip()).passed


@pytest.mark.parametrize("bug, outputs, causes, problem", [
    ("per array", {"above_threshold"}, {"clip_per_array"}, "values"),
    ("by value", {"above_threshold"}, {"clip_direction"}, "values"),
    ("always", {"below_threshold"}, {"clip_always"}, "values"),
    ("inverted", {"above_threshold"}, {"clip_inverted"}, "values"),
    ("squared norm", {"above_threshold"}, (), "values"),
    ("with the norm", (), (), "structure"),
])
def test_a_wrong_clip_is_named(bug, outputs, causes, problem):
    expect(check.clip_by_norm(clip(bug)), (), outputs, causes, problem)


def test_a_clip_that_rotates_the_gradient_is_told_its_direction_changed():
    def rotates(grads, threshold):
        flat = np.concatenate([g.ravel() for g in grads])
        flat = flat * min(1.0, threshold / np.linalg.norm(flat))
        flat = np.roll(flat, 1)  # the right norm, the wrong direction
        sizes = np.cumsum([g.size for g in grads])[:-1]
        return [part.reshape(g.shape) for part, g in zip(np.split(flat, sizes), grads)]

    expect(check.clip_by_norm(rotates), (), {"above_threshold", "below_threshold"}, {"clip_direction"})


# --------------------------------------------------------------------------------------------------------------
# The LSTM's forward step (notebook 06)
# --------------------------------------------------------------------------------------------------------------


def lstm_forward(bug=None):
    def lstm_step(x, h_prev, c_prev, Wx, Wh, b):
        H = h_prev.shape[1]
        z = x @ Wx + h_prev @ Wh + (0 if bug == "no b" else b)
        order = {"DLfS2 order": (2, 0, 1, 3), "i and f swapped": (1, 0, 2, 3)}.get(bug, (0, 1, 2, 3))
        a_i, a_f, a_g, a_o = (z[:, k * H:(k + 1) * H] for k in order)
        i, f, o = sigmoid(a_i), sigmoid(a_f), sigmoid(a_o)
        g = sigmoid(a_g) if bug == "sigmoid g" else np.tanh(a_g)
        if bug == "o without Wh":
            o = sigmoid((x @ Wx + b)[:, 3 * H:])
        c = (c_prev if bug == "no f" else f * c_prev) + i * g
        h = o * (c if bug == "no tanh on c" else np.tanh(c))
        return (h,) if bug == "h only" else (h, c, f)

    return lstm_step


def test_a_correct_lstm_forward_passes():
    assert check.lstm_step_forward(lstm_forward()).passed


@pytest.mark.parametrize("bug, gates, outputs, causes", [
    ("sigmoid g", {"g"}, {"h", "c"}, {"lstm_forward_sigmoid_g"}),
    ("no f", {"f"}, {"h", "c"}, {"lstm_forward_no_f"}),
    ("no tanh on c", (), {"h"}, {"lstm_forward_no_tanh_c"}),
    ("DLfS2 order", {"i", "f", "g"}, {"h", "c"}, {"lstm_forward_dlfs2_order"}),
    ("i and f swapped", {"i", "f"}, {"h", "c"}, ()),
    ("o without Wh", {"o"}, {"h"}, ()),
    ("no b", {"i", "f", "g", "o"}, {"h", "c"}, ()),
])
def test_a_wrong_lstm_forward_is_located(bug, gates, outputs, causes):
    expect(check.lstm_step_forward(lstm_forward(bug)), gates, outputs, causes)


def test_a_forward_step_returning_one_value_gets_a_report():
    report = check.lstm_step_forward(lstm_forward("h only"))
    expect(report, problem="structure")
    assert "(h, c)" in report.message


# --------------------------------------------------------------------------------------------------------------
# The GRU (notebook 10), both conventions
# --------------------------------------------------------------------------------------------------------------


def gru_forward(reset_after=False, bug=None):
    def gru_step(x, h, p):
        H = h.shape[1]
        ax, ah = x @ p["Wx"] + p["bx"], h @ p["Wh"] + p["bh"]
        r = sigmoid(ax[:, :H] + ah[:, :H]) if bug != "r from z's block" else sigmoid(ax[:, H:2 * H] + ah[:, H:2 * H])
        z = sigmoid(ax[:, H:2 * H] + ah[:, H:2 * H])
        inner = r * ah[:, 2 * H:] if reset_after else (r * h) @ p["Wh"][:, 2 * H:] + p["bh"][2 * H:]
        n = (sigmoid if bug == "sigmoid n" else np.tanh)(ax[:, 2 * H:] + inner)
        return z * n + (1 - z) * h if bug == "z for 1 - z" else (1 - z) * n + z * h

    return gru_step


@pytest.mark.parametrize("reset_after", [False, True])
def test_a_correct_gru_forward_passes_in_its_declared_convention(reset_after):
    report = check.gru_step_forward(gru_forward(reset_after), reset_after=reset_after)
    assert report.passed, report.message
    assert ("reset_after=True" in report.message) == reset_after


@pytest.mark.parametrize("reset_after", [False, True])
@pytest.mark.parametrize("bug, gates, causes", [
    ("z for 1 - z", {"z"}, {"gru_z_swapped"}),
    ("sigmoid n", {"n"}, ()),
    ("r from z's block", {"r"}, ()),
])
def test_a_wrong_gru_forward_is_located(reset_after, bug, gates, causes):
    expect(check.gru_step_forward(gru_forward(reset_after, bug), reset_after=reset_after), gates, {"h"}, causes)


@pytest.mark.parametrize("implemented", [False, True])
def test_a_gru_forward_in_the_other_convention_is_told_so(implemented):
    report = check.gru_step_forward(gru_forward(implemented), reset_after=not implemented)
    expect(report, {"r"}, {"h"}, {"gru_other_convention"})
    assert f"reset_after={implemented}" in report.message


def gru_backward(reset_after=False, bug=None):
    def step(dh, x, h_prev, r, z, n, p):
        H = h_prev.shape[1]
        Wh_n = p["Wh"][:, 2 * H:]
        dn, dz = dh * (1 - z), dh * (h_prev - n)
        dh_prev = dh * z if bug != "no direct path" else np.zeros_like(dh)
        if bug == "z for 1 - z":
            dn, dz, dh_prev = dh * z, dh * (n - h_prev), dh * (1 - z)
        da_n = dn * (n * (1 - n) if bug == "sigma for tanh" else 1 - n**2)
        da_z = dz * z * (1 - z)
        if reset_after:
            dr, dhn = da_n * (h_prev @ Wh_n + p["bh"][2 * H:]), da_n * r
            dWh_n, dbh_n = h_prev.T @ dhn, dhn.sum(axis=0)
            dh_prev = dh_prev + dhn @ Wh_n.T
        else:
            drh = da_n @ Wh_n.T
            dr = drh * h_prev
            dWh_n = (h_prev if bug == "dWh_n without r" else r * h_prev).T @ da_n
            dbh_n = da_n.sum(axis=0)
            dh_prev = dh_prev + drh * r
        da_r = dr * r * (1 - r)
        da = np.concatenate([da_r, da_z, da_n], axis=1)
        da_rz = da[:, :2 * H]
        dh_prev = dh_prev + da_rz @ p["Wh"][:, :2 * H].T
        grads = {"Wx": x.T @ da, "bx": da.sum(axis=0), "Wh": np.concatenate([h_prev.T @ da_rz, dWh_n], axis=1),
                 "bh": np.concatenate([da_rz.sum(axis=0), dbh_n])}
        return da @ p["Wx"].T, dh_prev, grads

    return step


@pytest.mark.parametrize("reset_after", [False, True])
def test_a_correct_gru_backward_passes_in_its_declared_convention(reset_after):
    assert check.gru_step_backward(gru_backward(reset_after), reset_after=reset_after).passed


@pytest.mark.parametrize("bug, gates, outputs, causes", [
    ("sigma for tanh", {"n"}, GRU_OUT, {"gru_sigma_for_tanh"}),
    ("z for 1 - z", {"z", "n"}, GRU_OUT, {"gru_z_swapped"}),  # r only through n: not a root
    ("no direct path", (), {"dh_prev"}, {"gru_no_direct_path"}),
    ("dWh_n without r", (), {"dWh"}, ()),
])
def test_a_wrong_gru_backward_is_located(bug, gates, outputs, causes):
    expect(check.gru_step_backward(gru_backward(False, bug)), gates, outputs, causes)


@pytest.mark.parametrize("implemented", [False, True])
def test_a_gru_backward_in_the_other_convention_is_told_so(implemented):
    report = check.gru_step_backward(gru_backward(implemented), reset_after=not implemented)
    assert not report.passed and report.wrong_gates == {"r"} and report.causes == {"gru_other_convention"}


# --------------------------------------------------------------------------------------------------------------
# Messages: both languages, every key, Japanese typography, HTML
# --------------------------------------------------------------------------------------------------------------


def _strings(table):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from ((f"{key}.{k}", v) for k, v in value.items())
        else:
            yield key, value


def test_both_languages_have_the_same_messages_with_the_same_placeholders():
    en, ja = dict(_strings(MESSAGES["en"])), dict(_strings(MESSAGES["ja"]))
    assert en.keys() == ja.keys()
    for key in en:
        fields = {f for f in re.findall(r"\{(\w+)\}", en[key]) if not f.isdigit()}
        assert fields == set(re.findall(r"\{(\w+)\}", ja[key])), key


JAPANESE = "\u3040-\u30ff\u4e00-\u9fff"


def test_japanese_messages_use_full_width_punctuation_and_no_line_break_between_japanese_characters():
    for key, text in _strings(MESSAGES["ja"]):
        assert cjk_line_breaks(text) == [], key
        assert not re.search(f"[{JAPANESE}][.,:;!?()]|[.,:;!?()][{JAPANESE}]", text), (key, text)  # 、。：（）
        assert not re.search(f"[{JAPANESE}][A-Za-z0-9]|[A-Za-z0-9][{JAPANESE}]", text), (key, text)  # a space between


def test_japanese_reports_keep_the_typography_where_sentences_are_joined():
    reports = [check.lstm_step_backward(lstm_backward("DLfS2 order"), "ja"),
               check.gru_step_forward(gru_forward(True), reset_after=False, lang="ja"),
               check.clip_by_norm(clip("per array"), "ja"), check.rnn_step_backward(rnn_backward("sign"), "ja")]
    for report in reports:
        for line in report.message.split("\n"):
            assert cjk_line_breaks(line) == []
            assert not re.search(f"[{JAPANESE}][A-Za-z0-9]|[A-Za-z0-9][{JAPANESE}]", line), line
            marks = "、。：（）"  # no space beside a full-width mark
            assert not re.search(f"[{marks}] [{JAPANESE}]|[{JAPANESE}] [{marks}]", line), line
    assert "i（入力ゲート）、f（忘却ゲート）、g（入力候補）" in reports[0].message


def test_every_cause_a_checker_can_name_has_a_sentence_in_both_languages():
    sources = "".join(p.read_text() for p in Path(check.__file__).parent.glob("_*.py"))
    names = {n.value for n in ast.walk(ast.parse(sources)) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and ("cause_" + n.value) in MESSAGES["en"]}
    assert len(names) >= 20
    for lang in ("en", "ja"):
        for name in names:
            assert ("cause_" + name) in MESSAGES[lang]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_report_speaks_the_learners_language_and_shows_as_html(lang):
    report = check.lstm_step_backward(lstm_backward("c_t for c_prev"), lang=lang)
    html = report._repr_html_()
    assert html.startswith("<div") and "c_{t−1}" in html
    assert ("forget gate" in report.message) == (lang == "en")
    assert ("忘却ゲート" in report.message) == (lang == "ja")
    assert "<script" not in check.lstm_step_backward(
        lambda *a: (_ for _ in ()).throw(ValueError("<script>")), lang)._repr_html_()


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang must be one of"):
        check.clip_by_norm(clip(), lang="fr")


def test_the_checkers_import_numpy_only():
    names = set()
    for path in Path(check.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module.split(".")[0])
    assert not names & {"matplotlib", "ipywidgets", "IPython"}


def test_the_checkers_own_mistake_patterns_are_right_when_no_mistake_is_switched_on():
    """The patterns that name a cause are one implementation with a switch; with the switch off it must pass the
    checker (that is, match helpers), or a cause could be named for a right line."""
    from helpers.check import _clipping, _gru, _lstm, _rnn

    assert check.lstm_step_backward(_lstm._mistaken_backward(None)).passed
    assert check.lstm_step_forward(_lstm._mistaken_forward(None)).passed
    assert check.rnn_step_backward(_rnn._mistaken(None)).passed
    assert check.clip_by_norm(_clipping._mistaken(None)).passed
    for reset_after in (False, True):
        assert check.gru_step_forward(_gru._mistaken_forward(None, reset_after), reset_after).passed
        assert check.gru_step_backward(_gru._mistaken_backward(None, reset_after), reset_after).passed


def test_what_the_checkers_compare_against_agrees_with_centred_differences():
    """The references (helpers.lstm, helpers.rnn, helpers.gru on the checkers' own random cases) against a method
    that knows no calculus: L = Σ dh ⊙ h_t (+ Σ dc ⊙ c_t), float64, ε = 1e-5. Measured: at most 9.5e-11 on both
    numerical paths (AVX-512 + SkylakeX, AVX2 + Haswell), so 1e-8 leaves a factor of 100."""
    from helpers.check import _gru, _lstm, _rnn
    from helpers.gradcheck import check_gradients
    from helpers.gru import gru_step_forward
    from helpers.lstm import lstm_step_forward
    from helpers.rnn import rnn_forward

    for case in _lstm._cases():
        inputs = {"x": case["x"].copy(), "h_prev": case["h_prev"].copy(), "c_prev": case["c_prev"].copy(),
                  **{k: v.copy() for k, v in case["params"].items()}}

        def lstm_loss(inputs=inputs, case=case):
            p = {k: inputs[k] for k in ("Wx", "Wh", "b")}
            h, c, _ = lstm_step_forward(inputs["x"], inputs["h_prev"], inputs["c_prev"], p)
            return np.sum(case["dh"] * h) + np.sum(case["dc"] * c)

        ref = _lstm._backward_reference(case)
        analytic = {"x": ref["dx"], "h_prev": ref["dh_prev"], "c_prev": ref["dc_prev"], "Wx": ref["dWx"],
                    "Wh": ref["dWh"], "b": ref["db"]}
        assert max(check_gradients(lstm_loss, inputs, analytic).values()) < 1e-8
    for reset_after in (False, True):
        for case in _gru._cases(reset_after):
            inputs = {"x": case["x"].copy(), "h_prev": case["h_prev"].copy(),
                      **{k: v.copy() for k, v in case["params"].items()}}

            def gru_loss(inputs=inputs, case=case):
                p = {k: inputs[k] for k in ("Wx", "Wh", "bx", "bh")}
                return np.sum(case["dh"] * gru_step_forward(inputs["x"], inputs["h_prev"], p, case["reset_after"])[0])

            ref = _gru._backward_reference(case)
            analytic = {"x": ref["dx"], "h_prev": ref["dh_prev"], **{k: ref["d" + k] for k in ("Wx", "Wh", "bx", "bh")}}
            assert max(check_gradients(gru_loss, inputs, analytic).values()) < 1e-8
    for seed, size in enumerate(_rnn.SIZES):
        case = _rnn._case(seed, *size)
        inputs = {"h_prev": case["h_prev"].copy(), **{k: v.copy() for k, v in case["params"].items()}}

        def rnn_loss(inputs=inputs, case=case):
            p = {k: inputs[k] for k in ("Wx", "Wh", "b")}
            return np.sum(case["dh"] * rnn_forward(case["x"][:, None], inputs["h_prev"], p, "tanh")[0][:, 0])

        ref = _rnn._reference(case)
        analytic = {"h_prev": ref["dh_prev"], "Wx": ref["dWx"], "Wh": ref["dWh"], "b": ref["db"]}
        assert max(check_gradients(rnn_loss, inputs, analytic).values()) < 1e-8


def test_a_learner_returning_zeros_gets_a_report_and_no_floating_point_warning(recwarn):
    """The analysis divides by what the learner returned; zeros must not turn into warnings (or errors)."""
    reports = [
        check.lstm_step_forward(lambda x, h, c, Wx, Wh, b: (0 * h, 0 * c)),
        check.lstm_step_backward(lambda dh, dc, x, hp, cp, i, f, g, o, c, Wx, Wh: (
            0 * x, 0 * dh, 0 * dc, {"Wx": 0 * Wx, "Wh": 0 * Wh, "b": 0 * Wx[0]})),
        check.rnn_step_backward(lambda dh, x, hp, h, Wx, Wh: (0 * dh, {"Wx": 0 * Wx, "Wh": 0 * Wh, "b": 0 * Wh[0]})),
        check.clip_by_norm(lambda grads, threshold: [0 * g for g in grads]),
        check.gru_step_forward(lambda x, h, p: 0 * h),
        check.gru_step_backward(lambda dh, x, hp, r, z, n, p: (
            0 * x, 0 * dh, {k: 0 * v for k, v in p.items()})),
    ]
    assert not any(r.passed for r in reports) and all(r.problem == "values" for r in reports)
    from helpers.check._core import quiet

    assert quiet(lambda: np.ones(2) / np.zeros(2))()[0] == np.inf  # how every checker runs: 1/0 is inf, silently
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
