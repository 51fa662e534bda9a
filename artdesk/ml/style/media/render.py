"""The painting-media job: check the picture, paint it in a medium, keep its transparency and selection.

Transparent pixels carry no colour a brush could pick up, so they are filled with the colour of
their visible neighbours before painting and made transparent again afterwards.
"""
from __future__ import annotations

import importlib
import time

import numpy as np

from artdesk.core.jobs import JobContext
from artdesk.ml.style.imaging import check_content, check_mask, compose, resize
from artdesk.ml.style.media.catalogue import MediumSettings, medium
from artdesk.ml.style.media.filters import blur
from artdesk.ml.style.requests import MediumRequest, StyleResult


def fill_transparent(picture: np.ndarray) -> np.ndarray:
    """Float RGB in 0..1 where fully transparent pixels take the colour of the nearest visible ones."""
    rgb = picture[..., :3].astype(np.float32) / 255.0
    if picture.shape[2] == 3 or picture[..., 3].all():
        return rgb
    alpha = (picture[..., 3] > 0).astype(np.float32)
    filled = rgb * alpha[..., None]
    weight = alpha.copy()
    sigma = 1.0
    while (weight < 1e-3).any() and sigma < 4 * max(rgb.shape[:2]):
        spread = blur(rgb * alpha[..., None], sigma)
        spread_weight = blur(alpha, sigma)
        missing = weight < 1e-3
        filled[missing] = spread[missing] / np.maximum(spread_weight[missing, None], 1e-6)
        weight = np.where(missing & (spread_weight > 1e-4), 1.0, weight)
        sigma *= 2
    filled[weight < 1e-3] = rgb[alpha > 0].mean(axis=0)
    return np.clip(filled, 0, 1)


def paint(rgb: np.ndarray, name: str, settings: MediumSettings | None, step) -> np.ndarray:
    """Run medium ``name``'s renderer on float RGB ``rgb``; returns float RGB of the same size."""
    spec = medium(name)
    settings = (settings or MediumSettings()).clamped()
    module, function = spec.renderer.split(":")
    renderer = getattr(importlib.import_module(module), function)
    rng = np.random.default_rng([settings.seed, sum(map(ord, name))])
    return renderer(rgb, settings, rng, step, **spec.options)


def render_job(request: MediumRequest, ctx: JobContext) -> StyleResult:
    """Paints ``request.picture`` in its medium; returns a StyleResult of the same shape and alpha.

    Reports progress inside the renderer's loops (every layer of strokes, every pass) and checks
    cancel at each report, so a cancel is honoured within a fraction of a second.
    """
    start = time.monotonic()
    spec = medium(request.medium)
    picture = check_content(request.picture)
    mask = check_mask(request.mask, picture.shape)
    if request.max_side and max(picture.shape[:2]) > request.max_side:
        factor = request.max_side / max(picture.shape[:2])
        if mask is not None:
            mask = resize(mask.astype(np.uint8) * 255, factor) > 127
        picture = resize(picture, factor)

    def step(fraction: float, message: str) -> None:
        ctx.raise_if_cancelled()
        ctx.report(0.05 + 0.9 * fraction, message)

    ctx.report(0.0, f"Preparing {spec.label.lower()}…")
    painted = paint(fill_transparent(picture), spec.name, request.settings, step)
    styled = (np.clip(painted, 0, 1) * 255 + 0.5).astype(np.uint8)
    result = compose(styled, picture, request.strength, False, mask if mask is None or mask.any() else None)
    ctx.report(1.0, "Done")
    settings = (request.settings or MediumSettings()).clamped()
    provenance = {"style": spec.name, "method": "painting medium", "strength": request.strength,
                  **{k: getattr(settings, k) for k in ("stroke_size", "detail", "paper", "wetness", "pressure", "lines", "seed")}}
    if request.max_side:
        provenance["preview_side"] = request.max_side
    return StyleResult(result, provenance, round(time.monotonic() - start, 3))
