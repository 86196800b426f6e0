"""All quiz questions, one module per notebook, keyed "NN.short-name"."""

from helpers.quiz.bank import nb02

BANK = {}
for _module in (nb02,):
    _clash = set(BANK) & set(_module.QUIZZES)
    if _clash:
        raise ValueError(f"quiz ids defined twice: {sorted(_clash)}")
    BANK.update(_module.QUIZZES)
