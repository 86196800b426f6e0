"""helpers.colour_vision against published numbers: CIEDE2000 against Sharma, Wu & Dalal's (2005) test pairs, the
Machado et al. (2009) simulation against what the matrices must do, and the WCAG contrast against known ratios.

While writing it, the simulation and ΔE00 were also compared with the coloraide package (8.13, not a dependency)
on 11 colours (tab10's and Okabe-Ito's): ΔE00 agreed within 0.007 for every pair; the simulated colours agreed
exactly inside the sRGB gamut (coloraide keeps out-of-gamut values, we clip them as a display does).
"""

import numpy as np
import pytest

from helpers.colour_vision import (
    DEFICIENCIES,
    MACHADO_2009,
    contrast_ratio,
    delta_e_2000,
    delta_e_2000_lab,
    linear_to_srgb,
    simulate_cvd,
    srgb_to_lab,
    srgb_to_linear,
)

SHARMA_2005 = [  # pairs 1, 7, 17, 18 and 25 of the paper's table: (L*, a*, b*), (L*, a*, b*), ΔE00
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
]


@pytest.mark.parametrize("lab1, lab2, expected", SHARMA_2005)
def test_ciede2000_matches_sharma_wu_dalal(lab1, lab2, expected):
    assert float(delta_e_2000_lab(lab1, lab2)) == pytest.approx(expected, abs=1e-4)
    assert float(delta_e_2000_lab(lab2, lab1)) == pytest.approx(expected, abs=1e-4)  # symmetric


def test_lab_of_white_black_and_the_srgb_curve():
    np.testing.assert_allclose(srgb_to_lab((1.0, 1.0, 1.0)), (100.0, 0.0, 0.0), atol=1e-3)
    np.testing.assert_allclose(srgb_to_lab((0.0, 0.0, 0.0)), (0.0, 0.0, 0.0), atol=1e-9)
    x = np.linspace(0, 1, 101)
    np.testing.assert_allclose(linear_to_srgb(srgb_to_linear(np.stack([x] * 3, axis=-1)))[:, 0], x, atol=1e-12)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_simulation_keeps_greys_and_confuses_what_it_should(deficiency):
    """Each matrix row sums to 1, so greys stay greys; each deficiency merges its own confusion pair."""
    np.testing.assert_allclose(np.sum(MACHADO_2009[deficiency], axis=1), 1.0, atol=2e-6)
    for g in (0.0, 0.3, 0.7, 1.0):
        np.testing.assert_allclose(simulate_cvd((g, g, g), deficiency), (g, g, g), atol=1e-5)
    red, green = (0.839, 0.153, 0.157), (0.173, 0.627, 0.173)
    blue, purple = (0.122, 0.467, 0.706), (0.580, 0.404, 0.741)
    seen = {d: float(delta_e_2000(simulate_cvd(red, d), simulate_cvd(green, d))) for d in DEFICIENCIES}
    assert seen["deuteranopia"] < 10 < seen["tritanopia"]  # red/green is the deutan's and protan's confusion
    assert float(delta_e_2000(simulate_cvd(blue, "protanopia"), simulate_cvd(purple, "protanopia"))) < 3


def test_wcag_contrast_ratios():
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    grey = (0x76 / 255,) * 3  # #767676: the lightest grey that passes 4.5:1 on white
    assert contrast_ratio(grey, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio((1, 1, 1), grey) == contrast_ratio(grey, (1, 1, 1))


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="deficiency must be one of"):
        simulate_cvd((0.5, 0.5, 0.5), "achromatopsia")
    with pytest.raises(ValueError, match="sRGB triple"):
        srgb_to_lab((0.5, 0.5))
    with pytest.raises(ValueError, match=r"lie in \[0, 1\]"):
        srgb_to_linear((255, 0, 0))
