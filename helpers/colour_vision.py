"""Colour arithmetic for checking figures: colour-vision deficiency, colour difference and text contrast.

- :func:`simulate_cvd`: how a colour looks with protanopia, deuteranopia or tritanopia, by the matrices of
  Machado, Oliveira & Fernandes (2009, "A physiologically-based model for simulation of color vision
  deficiency", IEEE TVCG 15(6)), severity 1.0, applied to linear RGB (sRGB decoded first, encoded after);
- :func:`delta_e_2000`: the CIEDE2000 colour difference (CIE 142-2001; the formulas as Sharma, Wu & Dalal
  2005 spell them out) between two sRGB colours, through CIELAB with the D65 white;
- :func:`contrast_ratio`: the WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05) of relative luminances.

Pure NumPy: colours are sRGB triples in [0, 1], or arrays of them with the triple on the last axis.

Examples
--------
>>> round(contrast_ratio((0, 0, 0), (1, 1, 1)), 2)
21.0
>>> red, green = (0.839, 0.153, 0.157), (0.173, 0.627, 0.173)  # tab10's red and green
>>> float(delta_e_2000(red, green)) > 60  # far apart for trichromats ...
True
>>> float(delta_e_2000(simulate_cvd(red, "deuteranopia"), simulate_cvd(green, "deuteranopia"))) < 10
True
"""

from __future__ import annotations

import numpy as np

MACHADO_2009 = {
    # Severity 1.0 rows of the paper's table of simulation matrices; each row sums to 1 (white stays white).
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
DEFICIENCIES = tuple(MACHADO_2009)

# Linear sRGB -> CIE XYZ (IEC 61966-2-1, D65) and the D65 white the Lab conversion divides by.
_RGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805],
                        [0.2126, 0.7152, 0.0722],
                        [0.0193, 0.1192, 0.9505]])
_WHITE = _RGB_TO_XYZ.sum(axis=1)


def _rgb(colour, name: str = "colour") -> np.ndarray:
    arr = np.asarray(colour, dtype=float)
    if arr.shape[-1:] != (3,):
        raise ValueError(f"{name} must be an sRGB triple (or an array of them on the last axis), got shape {arr.shape}")
    if not np.all((arr >= 0.0) & (arr <= 1.0)):
        raise ValueError(f"{name} must lie in [0, 1] (sRGB), got values from {arr.min():g} to {arr.max():g}")
    return arr


def srgb_to_linear(rgb) -> np.ndarray:
    """Undo the sRGB transfer curve: encoded [0, 1] -> linear light [0, 1]."""
    c = _rgb(rgb, "rgb")
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(linear) -> np.ndarray:
    """Apply the sRGB transfer curve (values outside [0, 1] are clipped first, as a display would)."""
    c = np.clip(np.asarray(linear, dtype=float), 0.0, 1.0)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def simulate_cvd(rgb, deficiency: str) -> np.ndarray:
    """The sRGB colour a dichromat with `deficiency` sees in place of `rgb` (Machado et al. 2009, severity 1)."""
    if deficiency not in MACHADO_2009:
        raise ValueError(f"deficiency must be one of {DEFICIENCIES}, got {deficiency!r}")
    matrix = np.array(MACHADO_2009[deficiency])
    return linear_to_srgb(srgb_to_linear(rgb) @ matrix.T)


def srgb_to_lab(rgb) -> np.ndarray:
    """CIELAB (L*, a*, b*) of an sRGB colour, D65 white."""
    xyz = srgb_to_linear(rgb) @ _RGB_TO_XYZ.T / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def delta_e_2000_lab(lab1, lab2) -> np.ndarray:
    """CIEDE2000 between CIELAB colours (k_L = k_C = k_H = 1)."""
    L1, a1, b1 = np.moveaxis(np.asarray(lab1, dtype=float), -1, 0)
    L2, a2, b2 = np.moveaxis(np.asarray(lab2, dtype=float), -1, 0)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25.0 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dL, dC = L2 - L1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0.0, dh)
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    L_mean, cp_mean = (L1 + L2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(np.abs(h1p - h2p) <= 180, h_sum / 2, np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2))
    h_mean = np.where(c1p * c2p == 0, h_sum, h_mean)
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (L_mean - 50) ** 2 / np.sqrt(20 + (L_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = (-2 * np.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25.0 ** 7))
           * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))))
    return np.sqrt((dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dC / s_c) * (dH / s_h))


def delta_e_2000(rgb1, rgb2) -> np.ndarray:
    """CIEDE2000 between two sRGB colours (about 1 is just noticeable between large patches side by side)."""
    return delta_e_2000_lab(srgb_to_lab(rgb1), srgb_to_lab(rgb2))


def relative_luminance(rgb) -> np.ndarray:
    """WCAG 2 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linearised channels."""
    return srgb_to_linear(rgb) @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(rgb1, rgb2) -> float:
    """WCAG 2 contrast ratio between two opaque sRGB colours, from 1 (same) to 21 (black on white)."""
    l1, l2 = float(relative_luminance(rgb1)), float(relative_luminance(rgb2))
    return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
