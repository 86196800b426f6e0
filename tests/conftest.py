"""Shared fixtures. Randomness in tests comes only from np.random.default_rng(seed)."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20131)
