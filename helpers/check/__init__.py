"""Checkers for the learner's own code: run it on random cases and name the part that is wrong.

Each checker takes the learner's function (with the signature of the notebook's exercise) and returns a
:class:`Report`: ``passed``, ``wrong_gates`` (the root of an error: gate blocks whose value or pre-activation
gradient is wrong), ``wrong_outputs`` (the returned values that differ from the reference), ``causes`` (recognised
mistakes, such as a sigmoid's derivative used for a tanh) and a ``message`` in English or Japanese, shown as HTML
in a notebook. A learner's function that raises, returns the wrong number of values, a wrong shape, a missing key
or NaN gets a report too, never a traceback. NumPy only.

>>> import numpy as np
>>> from helpers import check
>>> def rnn_step_backward(dh, x, h_prev, h, Wx, Wh):
...     delta = dh * (1 - h**2)
...     return delta @ Wh, {"Wx": x.T @ delta, "Wh": h_prev.T @ delta, "b": delta.sum(axis=0)}
>>> report = check.rnn_step_backward(rnn_step_backward)
>>> report.passed, sorted(report.wrong_outputs), sorted(report.causes)
(False, ['dh_prev'], ['rnn_transpose'])
"""

from helpers.check._clipping import clip_by_norm
from helpers.check._core import Report
from helpers.check._gru import gru_step_backward, gru_step_forward
from helpers.check._lstm import lstm_step_backward, lstm_step_forward
from helpers.check._rnn import rnn_step_backward

__all__ = ["Report", "clip_by_norm", "gru_step_backward", "gru_step_forward", "lstm_step_backward",
           "lstm_step_forward", "rnn_step_backward"]
