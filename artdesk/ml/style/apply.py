"""Applying a trained stylizer: one forward pass, then strength, colour preservation and selection.

Stylizers are loaded through the model cache (``ml.model_cache``): once, until the checkpoint changes.
"""
from __future__ import annotations

import time

import numpy as np
import torch

from artdesk.core.jobs import JobContext
from artdesk.ml.model_cache import load_cached
from artdesk.ml.style.imaging import check_content, check_mask, compose, resize, to_array, to_tensor
from artdesk.ml.style.requests import ApplyRequest, StyleControls, StyleResult

@torch.inference_mode()
def stylize(model: torch.nn.Module, rgb: np.ndarray, texture_scale: float = 1.0) -> np.ndarray:
    """The stylizer's output for uint8 HxWx3 ``rgb`` (same size); ``texture_scale`` > 1 runs it on a
    smaller copy so brush marks come out bigger."""
    scale = float(np.clip(texture_scale, 0.25, 4.0))
    work = resize(rgb, 1.0 / scale) if abs(scale - 1.0) > 1e-3 and min(rgb.shape[:2]) / scale >= 16 else rgb
    out = to_array(model(to_tensor(work)))
    return out


def apply_stylizer(model: torch.nn.Module, picture: np.ndarray, controls: StyleControls, mask=None) -> np.ndarray:
    """Stylize ``picture`` (uint8 HxWx3/4) and compose with its controls; returns the same shape."""
    picture = check_content(picture)
    mask = check_mask(mask, picture.shape)
    if controls.strength <= 0.0:
        return picture.copy()
    styled = stylize(model, np.ascontiguousarray(picture[..., :3]), controls.texture_scale)
    return compose(styled, picture, controls.strength, controls.preserve_colour, mask)


def apply_job(request: ApplyRequest, ctx: JobContext) -> StyleResult:
    """Applies a stylizer to ``request.picture``; returns a StyleResult.

    Reports progress when loading and when done; checks cancel before and after the forward pass
    (one pass cannot be interrupted; it takes well under a second at 512x512).
    """
    start = time.monotonic()
    picture = check_content(request.picture)
    check_mask(request.mask, picture.shape)
    ctx.report(0.1, "Loading the style…")
    checkpoint = load_cached(request.model_path, source=request.source)
    ctx.raise_if_cancelled()
    ctx.report(0.3, f"Painting in {checkpoint.card.name}…")
    result = apply_stylizer(checkpoint.model, picture, request.controls, request.mask)
    ctx.raise_if_cancelled()
    ctx.report(1.0, "Done")
    controls = request.controls
    provenance = {"style": checkpoint.card.name, "model": checkpoint.card.id, "method": "stylizer",
                  "strength": controls.strength, "preserve_colour": controls.preserve_colour, "texture_scale": controls.texture_scale}
    return StyleResult(result, provenance, round(time.monotonic() - start, 3))
