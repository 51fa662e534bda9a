"""Watercolour: simplified shapes laid as transparent washes on white paper (after Bousseau et al. 2006).

The picture is abstracted (edge-preserving Kuwahara smoothing, colours reduced to a few pigments,
edges wobbled as wet paint spreads), then each wash's pigment density is modulated by paper grain,
granulation and low-frequency turbulence, darkened where a wash dried at its edge, opened into
blooms where the paper was wet, and lifted to bare paper in the highlights.
"""
from __future__ import annotations

import numpy as np
from PIL import Image

from artdesk.ml.style.media.catalogue import MediumSettings, Step
from artdesk.ml.style.media.filters import blur, fbm, luminance, normalise, resize_float, smooth_noise
from artdesk.ml.style.media.paper import paper_grain

PAPER = np.array([0.985, 0.975, 0.95], np.float32)


def kuwahara(rgb: np.ndarray, radius: int) -> np.ndarray:
    """Kuwahara filter: each pixel takes the mean of the least varied of its four corner windows."""
    lum = luminance(rgb)
    size = 2 * radius + 1

    def box(x: np.ndarray) -> np.ndarray:
        pad = [(radius, radius), (radius, radius)] + [(0, 0)] * (x.ndim - 2)
        c = np.pad(x, pad, mode="edge").cumsum(0).cumsum(1)
        c = np.pad(c, [(1, 0), (1, 0)] + [(0, 0)] * (x.ndim - 2))
        return (c[size:, size:] - c[:-size, size:] - c[size:, :-size] + c[:-size, :-size]) / size**2

    mean, mean_lum, mean_sq = box(rgb), box(lum), box(lum * lum)
    best = np.full(lum.shape, np.inf, np.float32)
    out = np.zeros_like(rgb)
    height, width = lum.shape
    h = radius
    for dy in (-h, h):
        for dx in (-h, h):
            ys = np.clip(np.arange(height) + dy // 2, 0, height - 1)
            xs = np.clip(np.arange(width) + dx // 2, 0, width - 1)
            var = (mean_sq - mean_lum**2)[ys][:, xs]
            better = var < best
            best = np.where(better, var, best)
            out = np.where(better[..., None], mean[ys][:, xs], out)
    return out


def abstract(rgb: np.ndarray, settings: MediumSettings, rng: np.random.Generator) -> np.ndarray:
    """Simplified washes at a working size of at most 640 pixels: smoothing, a few colours, wobbly edges."""
    height, width = rgb.shape[:2]
    scale = min(1.0, 640 / max(height, width))
    size = (max(8, round(width * scale)), max(8, round(height * scale)))
    work = resize_float(rgb, size, Image.BOX)
    unit = max(size) / 512
    work = kuwahara(work, max(2, int(round(unit * (6 - 3 * settings.detail)))))
    colours = int(8 + 16 * settings.detail)
    image = Image.fromarray((np.clip(work, 0, 1) * 255).astype(np.uint8)).quantize(colours, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    flat = np.asarray(image.convert("RGB"), np.float32) / 255.0
    flat = flat * (0.8 - 0.4 * settings.wetness) + blur(work, 3 * unit) * (0.2 + 0.4 * settings.wetness)
    wobble = (3 + 5 * settings.wetness) * unit
    shape = flat.shape[:2]
    dx = (fbm(shape, 40 * unit, rng, 3) - 0.5) * wobble
    dy = (fbm(shape, 40 * unit, rng, 3) - 0.5) * wobble
    ys, xs = np.mgrid[0 : shape[0], 0 : shape[1]]
    flat = flat[np.clip(np.rint(ys + dy), 0, shape[0] - 1).astype(np.intp), np.clip(np.rint(xs + dx), 0, shape[1] - 1).astype(np.intp)]
    return resize_float(flat, (width, height), Image.BILINEAR)


def blooms(shape: tuple[int, int], unit: float, count: int, rng: np.random.Generator) -> np.ndarray:
    """Density change of wet-in-wet blooms: paler cauliflower-shaped centres ringed by a dark tide line."""
    field = np.zeros(shape, np.float32)
    height, width = shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    edge_noise = smooth_noise(shape, 6 * unit, rng)
    for _ in range(count):
        cx, cy = rng.random() * width, rng.random() * height
        radius = rng.uniform(18, 45) * unit
        distance = np.hypot(xs - cx, ys - cy) / radius + 0.35 * (edge_noise - 0.5)
        field += np.where(distance < 1, -0.35 * (1 - distance**2), 0) + 0.3 * np.exp(-(((distance - 1) / 0.06) ** 2))
    return field


def render(rgb: np.ndarray, settings: MediumSettings, rng: np.random.Generator, step: Step) -> np.ndarray:
    """Paint ``rgb`` (float HxWx3 in 0..1) in watercolour; reports and checks cancel after each pass."""
    height, width = rgb.shape[:2]
    shape = (height, width)
    unit = max(height, width) / 512.0
    step(0.05, "Simplifying the shapes…")
    washes = abstract(rgb, settings, rng)
    step(0.45, "Laying the washes…")
    grain = paper_grain(shape, unit, rng)
    turbulence = fbm(shape, 70 * unit, rng, 4)
    # pigment density per Bousseau: darker where pigment collects in the grain and turbulence
    density = 1.0 + 0.35 * (turbulence - 0.5) + (0.25 + 0.35 * settings.paper) * (grain - 0.5)
    lum = luminance(washes)
    rim = np.clip(blur(lum, max(2.0, 4 * unit)) - lum, 0, None)  # inside a wash, next to a lighter one: the dried edge
    density += (10.0 - 5.0 * settings.wetness) * rim
    if settings.wetness > 0.05:
        density += blooms(shape, unit, int(2 + 10 * settings.wetness), rng) * settings.wetness * lum  # blooms show in light washes
    step(0.75, "Letting the paint dry…")
    # transparent pigment (Bousseau's density model), bare paper where the picture is near white
    washes = blur(washes, (0.6 + 1.2 * settings.wetness) * unit)
    strength = 0.7 + 0.5 * settings.pressure
    pigment = 1.0 - np.clip((1.0 - washes) * strength, 0, 0.72)
    white = 0.8 - 0.25 * settings.paper
    lift = np.clip((white + 0.06 - washes.min(axis=2)) / 0.12, 0, 1)[..., None]
    pigment = 1.0 - (1.0 - pigment) * lift
    d = np.clip(density, 0.2, 3.0)[..., None]
    colour = PAPER * np.clip(pigment - (pigment - pigment**2) * (d - 1.0), 0, 1)
    if settings.lines:
        sketch = normalise(np.hypot(*np.gradient(blur(luminance(rgb), 1.0 * unit))) * unit, 80, 99.7)
        colour = colour * (1 - 0.35 * sketch * (grain > 0.35))[..., None]
    colour *= (1 - 0.05 * (1 - grain))[..., None]
    step(1.0, "Done")
    return np.clip(colour, 0, 1)
