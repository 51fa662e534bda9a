"""Chinese ink wash (水墨): black ink in a few graded washes and dry-brush lines on xuan paper.

Light parts of the picture become empty paper; the rest is laid in three or four ink grades that
bleed softly into the paper's fibres and pool a little at their edges. Outlines are brushed on top
as tapered dark lines that break up into dry-brush streaks along their direction.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

from artdesk.ml.style.media.catalogue import MediumSettings, Step
from artdesk.ml.style.media.filters import blur, fbm, luminance, normalise, resize_float, smear, structure_tensor
from artdesk.ml.style.media.paper import xuan_paper

PAPER = np.array([0.96, 0.935, 0.88], np.float32)  # warm xuan paper
INK = np.array([0.07, 0.065, 0.07], np.float32)


def simplified_tone(rgb: np.ndarray, unit: float, detail: float) -> np.ndarray:
    """Luminance with small detail removed (median filter on a working copy) but shapes kept."""
    height, width = rgb.shape[:2]
    scale = min(1.0, 640 / max(height, width))
    size = (max(8, round(width * scale)), max(8, round(height * scale)))
    lum = (np.clip(luminance(rgb), 0, 1) * 255).astype(np.uint8)
    small = Image.fromarray(lum).resize(size, Image.BOX)
    radius = max(1, int(round((4 - 3 * detail) * max(size) / 512)))
    small = small.filter(ImageFilter.MedianFilter(2 * radius + 1))
    return resize_float(np.asarray(small, np.float32) / 255.0, (width, height), Image.BILINEAR)


def render(rgb: np.ndarray, settings: MediumSettings, rng: np.random.Generator, step: Step) -> np.ndarray:
    """Paint ``rgb`` (float HxWx3 in 0..1) in ink wash; reports and checks cancel after each pass."""
    height, width = rgb.shape[:2]
    shape = (height, width)
    unit = max(height, width) / 512.0
    step(0.05, "Grinding the ink…")
    tone = simplified_tone(rgb, unit, settings.detail)
    paper_tone, fibres = xuan_paper(shape, unit, rng)
    step(0.3, "Laying the washes…")
    darkness = normalise(1.0 - tone, 2, 99.5)
    empty = 0.3 + 0.35 * settings.paper  # this much of the tonal range stays bare paper
    ink = np.clip((darkness - empty) / (1 - empty), 0, 1)
    grades = 3 + int(round(settings.detail))
    graded = np.ceil(ink * grades - 0.15) / grades
    bleed = (0.8 + 2.5 * settings.wetness) * unit
    load = 0.8 + 0.35 * fbm(shape, 50 * unit, rng, 3)  # how much ink the brush still carries
    wash = blur(graded, bleed) * load * (0.96 + 0.08 * fibres)
    pooled = np.clip(wash - blur(wash, 3 * bleed), 0, None) * 1.5  # ink gathers where a wash stops
    wash = np.clip((wash + pooled) * (0.55 + 0.4 * settings.pressure), 0, 1)
    step(0.6, "Brushing the lines…")
    lum = luminance(rgb)
    edge = np.hypot(*np.gradient(blur(tone, 1.2 * unit))) * unit
    lines = normalise(edge, 60, 99.5)
    lines = np.clip((lines - (0.3 - 0.2 * settings.detail)) * 3.0, 0, 1) * np.clip(ink * 3 + 0.35, 0, 1)
    angle, _ = structure_tensor(lum, 3 * unit)
    dry = normalise(smear(rng.random(shape).astype(np.float32), angle, (5 + 8 * (1 - settings.wetness)) * unit, 8))
    dryness = 0.25 + 0.5 * (1 - settings.wetness)
    brush = lines * np.clip((dry - dryness * 0.6) * 3, 0, 1)
    brush = blur(brush, 0.6 * unit)
    density = np.clip(1 - (1 - wash) * (1 - brush * (0.8 + 0.2 * settings.pressure)), 0, 1)
    step(0.9, "Drying…")
    colour = PAPER * paper_tone[..., None]
    return np.clip(colour * (1 - density[..., None]) + INK * density[..., None], 0, 1)
