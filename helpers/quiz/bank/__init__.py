"""All quiz questions: one module per notebook (nb00.py, nb02.py, ...), each defining QUIZZES, keyed
"NN.short-name". Modules are found automatically; adding a notebook's quizzes needs no edit here."""

import importlib
import pkgutil

BANK = {}
for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    _clash = set(BANK) & set(_module.QUIZZES)
    if _clash:
        raise ValueError(f"quiz ids defined twice: {sorted(_clash)}")
    BANK.update(_module.QUIZZES)
