"""Explorers: a pure compute function and a pure plot function joined by ipywidgets.

Every explorer takes ``lang`` first and returns a live :class:`Explorer` (or, when ``LECTURE_STATIC=1``,
its figure with alt text and the frames swept for slides and pages, and no widget at all).
"""

from helpers.widgets._explorer import Explorer
from helpers.widgets.backward import gradcheck_explorer, highway_explorer
from helpers.widgets.cec import cec_explorer
from helpers.widgets.charlm import cell_explorer, sampling_explorer
from helpers.widgets.clipping import clipping_explorer
from helpers.widgets.experiments import training_explorer
from helpers.widgets.forget import forget_explorer
from helpers.widgets.gates import gates_explorer
from helpers.widgets.gru import gru_gradient_explorer
from helpers.widgets.peephole import peephole_explorer
from helpers.widgets.rnn import rnn_gradient_explorer
from helpers.widgets.sigmoid import sigmoid_explorer

__all__ = [
    "Explorer",
    "cec_explorer",
    "cell_explorer",
    "clipping_explorer",
    "forget_explorer",
    "gates_explorer",
    "gradcheck_explorer",
    "highway_explorer",
    "gru_gradient_explorer",
    "peephole_explorer",
    "rnn_gradient_explorer",
    "sampling_explorer",
    "sigmoid_explorer",
    "training_explorer",
]
