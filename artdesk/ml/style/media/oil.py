"""Oil painting: curved brush strokes of several sizes, coarse to fine (Hertzmann 1998), on linen.

Each layer blurs the picture to its brush size, places strokes where the canvas still differs from
it, and lets each stroke run along the smoothed structure tensor (along the forms) until its colour
no longer fits. Strokes pick up some of the wet paint under them. A height map of the strokes,
bristle streaks and the canvas weave is lit from the top left (impasto).
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from artdesk.ml.style.media.catalogue import MediumSettings, Step
from artdesk.ml.style.media.filters import blur, luminance, normalise, smear, structure_tensor
from artdesk.ml.style.media.paper import canvas_weave

LIGHT = np.array([-0.6, -0.8], np.float32)  # light from the top left (x, y)


def brush_radii(unit: float, settings: MediumSettings) -> list[float]:
    """Brush radii from coarse to fine, in pixels: stroke size sets the biggest, detail how fine they go."""
    biggest = unit * 10.0 * (0.6 + 1.6 * settings.stroke_size)
    layers = 2 + int(round(2 * settings.detail))
    return [max(1.5 * unit, biggest / 2 ** i) for i in range(layers)]


def _cell_starts(error: np.ndarray, spacing: int, threshold: float, rng: np.random.Generator) -> np.ndarray:
    """One start (x, y) per grid cell whose mean error exceeds ``threshold``: the cell's worst pixel."""
    height, width = error.shape
    rows, cols = max(1, height // spacing), max(1, width // spacing)
    cy, cx = height // rows, width // cols
    cells = error[: rows * cy, : cols * cx].reshape(rows, cy, cols, cx).transpose(0, 2, 1, 3).reshape(rows, cols, cy * cx)
    worst = cells.argmax(axis=2)
    chosen = cells.mean(axis=2) > threshold
    r, c = np.nonzero(chosen)
    w = worst[r, c]
    xs = c * cx + w % cx
    ys = r * cy + w // cx
    order = rng.permutation(len(xs))
    return np.stack([xs, ys], axis=1)[order].astype(np.float32)


def trace_strokes(starts: np.ndarray, angle: np.ndarray, ref: np.ndarray, canvas: np.ndarray, colours: np.ndarray,
                  radius: float, max_len: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Follow the direction field from every start at once; returns (points N x K x 2, lengths N).

    A stroke stops at the border or, after two steps, where its colour fits the reference worse than
    the canvas already does (Hertzmann's rule).
    """
    height, width = angle.shape
    count = len(starts)
    points = np.empty((count, max_len + 1, 2), np.float32)
    points[:, 0] = starts
    lengths = np.zeros(count, np.int32)
    alive = np.ones(count, bool)
    previous = None
    p = starts.copy()
    for k in range(max_len):
        xi = np.clip(p[:, 0].astype(np.intp), 0, width - 1)
        yi = np.clip(p[:, 1].astype(np.intp), 0, height - 1)
        a = angle[yi, xi]
        d = np.stack([np.cos(a), np.sin(a)], axis=1)
        if previous is None:
            d *= np.where(rng.random(count) < 0.5, -1.0, 1.0)[:, None]
        else:
            d *= np.where((d * previous).sum(axis=1) < 0, -1.0, 1.0)[:, None]
        nxt = p + radius * d
        inside = (nxt[:, 0] >= 0) & (nxt[:, 0] <= width - 1) & (nxt[:, 1] >= 0) & (nxt[:, 1] <= height - 1)
        alive &= inside
        if k >= 2:
            nx = np.clip(nxt[:, 0].astype(np.intp), 0, width - 1)
            ny = np.clip(nxt[:, 1].astype(np.intp), 0, height - 1)
            here = ref[ny, nx]
            alive &= np.abs(here - canvas[ny, nx]).sum(axis=1) >= np.abs(here - colours).sum(axis=1)
        lengths += alive
        p = np.where(alive[:, None], nxt, p)
        points[:, k + 1] = p
        previous = d
        if not alive.any():
            points[:, k + 2:] = p[:, None]
            break
    return points, lengths


def render(rgb: np.ndarray, settings: MediumSettings, rng: np.random.Generator, step: Step) -> np.ndarray:
    """Paint ``rgb`` (float HxWx3 in 0..1) in oil; reports and checks cancel after every layer of strokes."""
    height, width = rgb.shape[:2]
    unit = max(height, width) / 512.0
    radii = brush_radii(unit, settings)
    threshold = 0.16 - 0.1 * settings.detail
    max_len = 4 + int(8 * (1 - settings.detail * 0.5))
    canvas_img = Image.fromarray((blur(rgb, radii[0] * 2) * 255).astype(np.uint8))
    relief = Image.new("L", (width, height), 0)
    draw, draw_relief = ImageDraw.Draw(canvas_img), ImageDraw.Draw(relief)
    fine_angle = None
    for index, radius in enumerate(radii):
        ref = blur(rgb, 0.5 * radius)
        angle, _ = structure_tensor(luminance(ref), max(2.0, 1.5 * radius))
        fine_angle = angle
        canvas = np.asarray(canvas_img, np.float32) / 255.0
        error = np.sqrt(((ref - canvas) ** 2).sum(axis=2))
        starts = _cell_starts(error, max(2, int(round(radius))), 0.0 if index == 0 else threshold, rng)
        xi, yi = starts[:, 0].astype(np.intp), starts[:, 1].astype(np.intp)
        colours = ref[yi, xi] * 0.8 + canvas[yi, xi] * 0.2 if index else ref[yi, xi]
        colours = np.clip(colours * (1 + rng.normal(0, 0.035, (len(starts), 1))) + rng.normal(0, 0.012, colours.shape), 0, 1)
        points, lengths = trace_strokes(starts, angle, ref, canvas, colours, radius, max_len, rng)
        step((index + 0.5) / (len(radii) + 1), f"Painting strokes ({index + 1} of {len(radii)})…")
        width_px = max(1, int(round(2 * radius)))
        heights = rng.integers(70, 190, len(starts))
        paint = [tuple(int(v) for v in c) for c in (colours * 255).round()]
        rr = width_px / 2
        for n in range(len(starts)):
            line = points[n, : lengths[n] + 1].ravel().tolist()
            if len(line) > 2:
                draw.line(line, fill=paint[n], width=width_px)
                draw_relief.line(line, fill=int(heights[n]), width=width_px)
            for x, y in (line[:2], line[-2:]):  # round ends
                draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=paint[n])
            if n % 2000 == 1999:
                step((index + 0.5 + 0.5 * n / len(starts)) / (len(radii) + 1), f"Painting strokes ({index + 1} of {len(radii)})…")
        step((index + 1) / (len(radii) + 1), f"Painting strokes ({index + 1} of {len(radii)})…")
    painted = np.asarray(canvas_img, np.float32) / 255.0
    bristle = normalise(smear(blur(rng.random((height, width)).astype(np.float32), 0.5 * unit), fine_angle, radii[-1] * 2.5, 8))
    weave = canvas_weave((height, width), unit, rng)
    thickness = 0.4 + 1.2 * settings.pressure
    surface = blur(np.asarray(relief, np.float32) / 255.0, 0.8 * unit) * thickness + 0.25 * bristle * thickness + 0.12 * settings.paper * weave / unit
    gy, gx = np.gradient(surface)
    slope = (gx * LIGHT[0] + gy * LIGHT[1]) * unit * 3.0
    shade = 1.0 - np.clip(slope, -0.2, 0.2)
    shine = np.clip(-slope - 0.08, 0, None) ** 1.5 * (0.3 + 0.9 * luminance(painted))  # glints show most on light paint
    colour = painted * (0.92 + 0.16 * bristle[..., None]) * shade[..., None] + shine[..., None]
    colour *= (1 - 0.18 * settings.paper * (1 - weave))[..., None]
    step(1.0, "Varnishing…")
    return np.clip(colour, 0, 1)
