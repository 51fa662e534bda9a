"""Pencil sketch: outlines drawn as short straight strokes plus tone built from hatching (Lu, Xu and Jia 2012).

Stroke map: the gradient magnitude is split among eight directions by convolving it with line
kernels, and each part is drawn back as lines in its direction. Tone map: the picture's tones are
matched to the histogram of real pencil drawings (mostly paper white, some mid tones, few darks),
then rendered by raising a hatching texture, streaked along the forms, to a per-pixel power.
The coloured variant keeps the picture's hues in the strokes and leaves the paper white.
"""
from __future__ import annotations

import numpy as np

from artdesk.ml.style.media.catalogue import MediumSettings, Step
from artdesk.ml.style.media.filters import blur, luminance, normalise, smear, structure_tensor
from artdesk.ml.style.media.paper import paper_grain

DIRECTIONS = 8


def line_convolve(x: np.ndarray, angle: float, length: float, taps: int) -> np.ndarray:
    """Mean of ``x`` along a straight line of ``length`` pixels through each pixel at ``angle``."""
    height, width = x.shape
    pad = int(np.ceil(length / 2)) + 1
    padded = np.pad(x, pad, mode="edge")
    total = np.zeros_like(x)
    for t in np.linspace(-length / 2, length / 2, taps):
        oy, ox = int(round(t * np.sin(angle))), int(round(t * np.cos(angle)))
        total += padded[pad + oy : pad + oy + height, pad + ox : pad + ox + width]
    return total / taps


def stroke_map(lum: np.ndarray, length: float, step: Step) -> np.ndarray:
    """Lu et al.'s stroke map in [0, 1]: 1 on paper, lower where outlines are drawn."""
    gy, gx = np.gradient(blur(lum, 0.8))
    magnitude = np.hypot(gx, gy)
    taps = int(np.clip(length, 5, 15))
    angles = [np.pi * k / DIRECTIONS for k in range(DIRECTIONS)]
    responses = np.stack([line_convolve(magnitude, a, length, taps) for a in angles])
    step(0.3, "Drawing the outlines…")
    best = responses.argmax(axis=0)
    strokes = np.zeros_like(magnitude)
    for k, a in enumerate(angles):
        strokes += line_convolve(np.where(best == k, magnitude, 0), a, length, taps)
    step(0.55, "Drawing the outlines…")
    return 1.0 - normalise(strokes, 0, 99.6)


def pencil_tone(lum: np.ndarray, pressure: float) -> np.ndarray:
    """Tones half remapped to a pencil drawing's histogram (Lu et al.: bright paper, uniform middle, dark
    tail), half kept, so a white picture stays white paper and a dark one stays dark."""
    v = np.linspace(0, 1, 256)
    bright = np.exp(-(1 - v) / 0.09) / 0.09
    middle = ((v >= 0.25) & (v <= 0.85)).astype(np.float64) / 0.6
    dark = np.exp(-((v - 0.35) ** 2) / (2 * 0.1**2))
    weights = (0.52 - 0.12 * pressure, 0.37, 0.11 + 0.12 * pressure)
    target = weights[0] * bright + weights[1] * middle + weights[2] * dark
    target_cdf = np.cumsum(target) / target.sum()
    levels = np.clip((lum * 255).round().astype(np.intp), 0, 255)
    counts = np.bincount(levels.ravel(), minlength=256).astype(np.float64)
    below = np.cumsum(counts) - counts
    mid_rank = (below + counts / 2) / lum.size  # equal tones share one rank, so a flat picture stays flat
    matched = np.interp(mid_rank, target_cdf, v)[levels]
    tone = 0.5 * matched + 0.5 * np.clip(lum, 0, 1) ** (1.3 - 0.6 * pressure)
    paper = np.clip((lum - 0.9) / 0.08, 0, 1)  # near-white stays bare paper
    return (tone + (1 - tone) * paper).astype(np.float32)


def hatching(shape: tuple[int, int], angle: np.ndarray, unit: float, stroke: float, rng: np.random.Generator) -> np.ndarray:
    """Graphite hatching texture in (0, 1]: thin dark streaks that run along ``angle`` (the forms)."""
    dots = (rng.random(shape) > 0.55).astype(np.float32) * rng.random(shape).astype(np.float32)
    length = (6 + 14 * stroke) * unit
    streaks = smear(blur(dots, 0.45 * unit), angle, length, 10)
    cross = smear(blur((rng.random(shape) > 0.7).astype(np.float32), 0.45 * unit), angle + np.pi / 3, length * 0.8, 8)
    texture = 1.0 - 0.75 * normalise(streaks + 0.35 * cross, 1, 99.5)
    return np.clip(texture, 0.05, 1.0)


def render(rgb: np.ndarray, settings: MediumSettings, rng: np.random.Generator, step: Step, colour: bool = False) -> np.ndarray:
    """Draw ``rgb`` (float HxWx3 in 0..1) in pencil; reports and checks cancel after each pass."""
    height, width = rgb.shape[:2]
    shape = (height, width)
    unit = max(height, width) / 512.0
    lum = luminance(rgb)
    step(0.05, "Finding the outlines…")
    length = max(4.0, (5 + 10 * settings.stroke_size) * unit)
    outlines = stroke_map(lum, length, step) ** (1.0 + 1.5 * settings.detail + settings.pressure)
    tone = pencil_tone(blur(lum, 0.8 * unit), settings.pressure)
    step(0.65, "Hatching the tones…")
    angle, _ = structure_tensor(lum, 6 * unit)
    texture = hatching(shape, angle, unit, settings.stroke_size, rng)
    mean_texture = np.clip(blur(texture, 4 * unit), 0.05, 0.999)
    beta = np.log(np.clip(tone, 0.02, 0.999)) / np.log(mean_texture)
    shading = texture ** blur(beta, 2 * unit)
    grain = paper_grain(shape, unit, rng)
    tooth = 1.0 - (0.1 + 0.3 * settings.paper) * (1 - grain) * (1 - shading)  # graphite skips the paper's pits
    drawing = np.clip(outlines * shading, 0, 1)
    drawing = 1.0 - (1.0 - drawing) * tooth
    paper = 0.97 - 0.04 * settings.paper * (1 - grain)
    grey = np.clip(drawing * paper, 0, 1)
    step(0.95, "Done")
    if not colour:
        return np.repeat(grey[..., None], 3, axis=2)
    hue = rgb - lum[..., None]
    strength = (1.0 - grey)[..., None] * 1.4 + 0.1
    return np.clip(grey[..., None] + hue * np.clip(strength, 0, 0.9), 0, 1)
