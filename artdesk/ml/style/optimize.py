"""Direct optimisation: repaint a picture by gradient descent on its pixels (quality, seconds to a minute).

The picture starts as the content and moves toward the style pictures' feature statistics
(``features.py``) while a content term keeps its structure. Previews are published as it goes.
"""
from __future__ import annotations

import time

import numpy as np
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.style import features as feat
from artdesk.ml.style.imaging import check_content, check_mask, compose, prepare_style_array, resize, to_array, to_tensor
from artdesk.ml.style.requests import OptimizeRequest, StyleResult
from artdesk.ml.style.train import PRESET_WEIGHTS, style_targets


def optimize_steps(content: torch.Tensor, targets: feat.StyleStats, net: feat.FeatureNet, request: OptimizeRequest, ctx: JobContext | None = None):
    """Yield (step, image tensor, style distance) for each Adam step; checks cancel before each step."""
    weight = PRESET_WEIGHTS.get(request.style_name, 1.0)
    with torch.no_grad():
        content_feats = net(content)
    image = content.clone().requires_grad_(True)
    optimizer = torch.optim.Adam([image], lr=request.lr)
    for step in range(1, request.steps + 1):
        if ctx is not None:
            ctx.raise_if_cancelled()
        feats = net(image)
        style = feat.style_distance(net, image, targets, feats).mean()
        loss = (request.style_weight * weight * style + request.content_weight * feat.content_distance(net, image, content_feats, feats).mean()
                + request.tv_weight * feat.total_variation(image).mean())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            image.clamp_(0, 1)
        yield step, image, float(style.detach())


def optimize_job(request: OptimizeRequest, ctx: JobContext) -> StyleResult:
    """Stylizes ``request.picture`` by direct optimisation; returns a StyleResult of the input's shape.

    Reports progress after every step, publishes a uint8 HxWx3 preview every ``preview_every``
    steps, and checks cancel before every step (a cancelled run returns nothing).
    """
    start = time.monotonic()
    picture = check_content(request.picture)
    mask = check_mask(request.mask, picture.shape)
    if request.method not in feat.METHODS:
        raise ArtdeskError(f"Unknown style method {request.method!r}; choose {', '.join(feat.METHODS)}.")
    if not request.style_pictures:
        raise ArtdeskError("Choose at least one style picture.")
    if request.steps < 1 or request.size < 16:
        raise ArtdeskError("The optimisation needs at least one step and a working size of 16 pixels or more.")
    styles = [prepare_style_array(p, f"Style picture {i + 1}") for i, p in enumerate(request.style_pictures)]
    torch.manual_seed(request.seed)
    ctx.report(0.0, "Measuring the style…")
    net = feat.FeatureNet(request.method)
    # texture scale: bigger marks = style pictures enlarged relative to the working picture
    targets = style_targets(net, styles, request.controls.texture_scale)
    rgb = np.ascontiguousarray(picture[..., :3])
    factor = request.size / max(rgb.shape[:2])
    work = resize(rgb, factor) if factor < 1 else rgb
    content = to_tensor(work)
    image = content
    for step, image, style in optimize_steps(content, targets, net, request, ctx):
        ctx.report(step / request.steps, f"Painting: step {step}/{request.steps}, style distance {style:.4f}")
        if step % max(1, request.preview_every) == 0 and step < request.steps:
            ctx.publish(to_array(image))
    ctx.raise_if_cancelled()
    styled = to_array(image)
    result = compose(styled, picture, request.controls.strength, request.controls.preserve_colour, mask)
    provenance = {"style": request.style_name, "method": f"optimisation ({request.method})", "steps": request.steps,
                  "size": request.size, "strength": request.controls.strength, "preserve_colour": request.controls.preserve_colour,
                  "texture_scale": request.controls.texture_scale, "seed": request.seed}
    return StyleResult(result, provenance, round(time.monotonic() - start, 3))
