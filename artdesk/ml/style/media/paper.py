"""Procedural paper and canvas surfaces (made here from noise; no texture files ship).

Each returns a float32 HxW height or tone field; ``unit`` is the picture's size in 512-pixel units,
so the grain looks the same in a preview and in the full-size picture.
"""
from __future__ import annotations

import numpy as np

from artdesk.ml.style.media.filters import blur, fbm, normalise, smear, smooth_noise


def paper_grain(shape: tuple[int, int], unit: float, rng: np.random.Generator) -> np.ndarray:
    """Cold-pressed paper tooth in [0, 1]: fine pits and bumps plus a faint mottle."""
    fine = blur(rng.random(shape).astype(np.float32), 0.6 * unit)
    tooth = normalise(fine + 0.6 * smooth_noise(shape, 3.0 * unit, rng))
    return 0.8 * tooth + 0.2 * fbm(shape, 60 * unit, rng, 3)


def canvas_weave(shape: tuple[int, int], unit: float, rng: np.random.Generator) -> np.ndarray:
    """Linen canvas height in [0, 1]: over-under threads about 3 pixels per 512 wide, slightly irregular."""
    height, width = shape
    period = max(2.5, 3.2 * unit)
    wobble = (smooth_noise(shape, 40 * unit, rng) - 0.5) * period * 0.6
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    u, v = (xs + wobble) / period, (ys - wobble) / period
    warp = np.abs(np.sin(np.pi * u))
    weft = np.abs(np.sin(np.pi * v))
    over = ((np.floor(u) + np.floor(v)) % 2).astype(np.float32)
    weave = over * weft + (1 - over) * warp
    slub = smooth_noise(shape, 8 * unit, rng)
    return normalise(weave * (0.8 + 0.4 * slub))


def xuan_paper(shape: tuple[int, int], unit: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Rice (xuan) paper: (tone in [0, 1] with long fibres and cloudy pulp, fibre field for ink bleeding)."""
    sparse = (rng.random(shape) > 0.995).astype(np.float32)
    angle = smooth_noise(shape, 60 * unit, rng) * 2 * np.pi
    fibres = normalise(smear(blur(sparse, 0.5 * unit), angle, 10 * unit, 10), 1, 99.9)
    pulp = fbm(shape, 30 * unit, rng, 4)
    tone = 1.0 - 0.04 * pulp - 0.03 * fibres
    return tone.astype(np.float32), fibres
