"""A character-level language model on real text: embedding, one recurrent layer, softmax read-out.

The model reads a text one character at a time and, after each one, gives a probability to every character of its
vocabulary for the next one. Its measure is the cross-entropy in **bits per character** (bpc): the average of
-log2 p(next character); a model that knew nothing beyond the alphabet size V would score log2 V.

    x_t = E[c_t]                                  embedding: row c_t of E (V, D)
    h_t = cell(x_t, h_{t-1})                      the series' own RNN, GRU (reset after, as PyTorch) or LSTM core
    p(c_{t+1} | c_1..c_t) = softmax(h_t Wy + by)  read-out (H, V)

Training is truncated backpropagation through time over windows (notebooks 01 and 09): the training text is cut into
`batch` contiguous streams read side by side; each iteration reads the next `window` characters of every stream,
starts from the state the previous window ended in (the values go on, the gradient does not), takes one Adam step
(:class:`helpers.train.Adam`) on the mean cross-entropy after clipping by global norm
(:func:`helpers.clipping.clip_by_global_norm`). When a stream reaches its end all streams start again from the
beginning with zero states.

Corpora (``helpers/data/``, see its README for sources, editions and cleaning):

- ``"shakespeare"``: "tiny Shakespeare", 1,115,394 characters, 65 distinct ones; the vocabulary is all of them.
- ``"soseki"``: three novels by Natsume Sōseki (Botchan, Sanshirō, Kokoro), 417,267 characters, 2,753 distinct
  ones. The vocabulary keeps the characters seen at least :data:`MIN_COUNT` ``["soseki"]`` = 10 times in the
  training part and maps every other character to one unknown symbol :data:`UNKNOWN` (〓, the geta mark Japanese
  typesetting uses for a missing glyph). The cut keeps the read-out (H x V) small enough to ship and leaves about
  one character in a hundred unknown.

The package: :mod:`~helpers.charlm.corpus` (the texts, their split, their vocabularies),
:mod:`~helpers.charlm.model` (:class:`CharLM` and the shipped weights) and :mod:`~helpers.charlm.training`
(the recipe of the shipped models).

Examples
--------
>>> import numpy as np
>>> model = CharLM("abc ", kind="lstm", hidden=8, embed=4, rng=np.random.default_rng(0))
>>> history = model.fit("abc abc cab " * 20, iterations=3, batch=2, window=8, progress=False)
>>> history["loss_bpc"].shape
(3,)
>>> text = model.sample(10, np.random.default_rng(1), prime="ab")
>>> len(text), set(text) <= set("abc ")
(10, True)
>>> model.trace("abc")["c"].shape
(3, 8)
"""


from helpers.charlm.corpus import (
    CORPORA,
    DATA_DIR,
    HELD_OUT_FRACTION,
    MIN_COUNT,
    UNKNOWN,
    corpus_vocabulary,
    load_corpus,
    split,
    vocabulary,
)
from helpers.charlm.model import KINDS, TRACE_KEYS, CharLM, load_pretrained, pretrained_path, shipped_models
from helpers.charlm.training import hidden_for_budget, parameter_count, train_model

__all__ = [
    "CORPORA", "CharLM", "DATA_DIR", "HELD_OUT_FRACTION", "KINDS", "MIN_COUNT", "TRACE_KEYS", "UNKNOWN",
    "corpus_vocabulary", "hidden_for_budget", "load_corpus", "load_pretrained", "parameter_count",
    "pretrained_path", "shipped_models", "split", "train_model", "vocabulary",
]
