"""Brush and eraser strokes on a layer: numpy on dirty rects only, fast enough for the UI thread.

A stroke covers the capsule swept by a round brush between successive pointer positions (so
fast strokes have no gaps), with the radius and opacity following pen pressure. Coverage inside
one stroke combines by maximum, so a stroke at 50% opacity is evenly 50% where it overlaps itself;
each pixel is recomputed from the layer's pixels as they were when the stroke began.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from artdesk.core.document import Layer, Rect
from artdesk.core.patches import Patch, TileRecorder


@dataclass(frozen=True)
class BrushSettings:
    """``size`` is the diameter in pixels; ``hardness`` and ``opacity`` in [0, 1]; ``colour`` RGB 0..255."""

    size: float = 12.0
    hardness: float = 0.8
    opacity: float = 1.0
    colour: tuple[int, int, int] = (0, 0, 0)
    eraser: bool = False
    pressure_size: bool = True
    pressure_opacity: bool = False


def coverage(distance: np.ndarray, radius: np.ndarray | float, hardness: float) -> np.ndarray:
    """Brush coverage in [0, 1] at ``distance`` from the centre: solid inside ``hardness * radius``,
    then a smooth fall to 0 at ``radius``. A hard edge (a fall narrower than a pixel) becomes a
    one-pixel anti-aliasing ramp centred on the radius, so even a 1 px brush paints solid pixels."""
    radius = np.maximum(radius, 0.5)
    soft = radius * (1.0 - hardness)
    width = np.maximum(soft, 1.0)
    start = radius - width + np.where(soft >= 1.0, 0.0, 0.5)
    x = np.clip((distance - start) / width, 0.0, 1.0)
    return 1.0 - x * x * (3.0 - 2.0 * x)


class Stroke:
    """One press-drag-release on one layer; ``finish()`` returns the undo patches."""

    def __init__(self, layer: Layer, settings: BrushSettings, clip: Rect | None = None) -> None:
        """``clip``: paint only inside this rectangle (the selection), if given."""
        self.layer = layer
        self.settings = settings
        self.clip = clip
        self.recorder = TileRecorder(layer.pixels)
        height, width = layer.pixels.shape[:2]
        self.width, self.height = width, height
        self.alpha = np.zeros((height, width), np.float32)  # stroke coverage so far, 0..1
        self.colour4 = np.asarray((*settings.colour, 0), np.float32)
        self.last: tuple[float, float, float] | None = None
        self.dirty: Rect | None = None

    def _radius(self, pressure: float) -> float:
        scale = pressure if self.settings.pressure_size else 1.0
        return max(0.5, self.settings.size * 0.5 * scale)

    def add_point(self, x: float, y: float, pressure: float = 1.0) -> Rect | None:
        """Extend the stroke to document point (x, y); returns the rectangle of changed pixels."""
        pressure = min(1.0, max(0.0, float(pressure)))
        start = self.last or (x, y, pressure)
        self.last = (x, y, pressure)
        return self.segment(start, (x, y, pressure))

    def segment(self, a: tuple[float, float, float], b: tuple[float, float, float]) -> Rect | None:
        (ax, ay, ap), (bx, by, bp) = a, b
        ra, rb = self._radius(ap), self._radius(bp)
        reach = max(ra, rb) + 1.0
        x0, y0 = math.floor(min(ax, bx) - reach), math.floor(min(ay, by) - reach)
        x1, y1 = math.ceil(max(ax, bx) + reach), math.ceil(max(ay, by) + reach)
        rect = Rect(x0, y0, x1 - x0, y1 - y0).clip(self.width, self.height)
        if self.clip is not None:
            rect = rect.intersect(self.clip)
        if rect.empty:
            return None
        py = (np.arange(rect.y, rect.y + rect.h, dtype=np.float32) + 0.5)[:, None]
        px = (np.arange(rect.x, rect.x + rect.w, dtype=np.float32) + 0.5)[None, :]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        if length2 > 1e-6:
            t = np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
            distance = np.hypot(px - (ax + t * dx), py - (ay + t * dy))
            radius = ra + (rb - ra) * t
            pressure = ap + (bp - ap) * t
        else:
            distance = np.hypot(px - ax, py - ay)
            radius, pressure = ra, ap
        cover = coverage(distance, radius, self.settings.hardness)
        if self.settings.pressure_opacity:
            cover = cover * pressure
        rows, cols = rect.slices
        stroke_alpha = self.alpha[rows, cols]
        np.maximum(stroke_alpha, cover, out=stroke_alpha)
        self.recorder.touch(rect)
        self._blend(rect, stroke_alpha)
        self.dirty = rect.union(self.dirty)
        return rect

    def _blend(self, rect: Rect, stroke_alpha: np.ndarray) -> None:
        """Recompute ``rect`` from the pre-stroke pixels: paint (or erase) with coverage ``stroke_alpha``.

        Math is on contiguous float32 RGBA (strided per-channel numpy is several times slower);
        where the coverage is 0 the weights are exactly (1, 0), so those pixels come back unchanged."""
        rows, cols = rect.slices
        original = self.recorder.original[rows, cols]
        k = stroke_alpha * np.float32(self.settings.opacity)
        out = original.astype(np.float32)
        alpha = out[..., 3] * np.float32(1 / 255.0)
        if self.settings.eraser:
            out[..., 3] = alpha * (1.0 - k) * 255.0
        else:
            kept = alpha * (1.0 - k)
            out_alpha = k + kept
            covered = out_alpha > 0
            safe = np.where(covered, out_alpha, np.float32(1.0))
            out *= np.where(covered, kept / safe, np.float32(1.0))[..., None]
            out += self.colour4 * (k / safe)[..., None]
            out[..., 3] = out_alpha * 255.0
        out += 0.5  # values stay within 0..255.5, so the cast rounds to nearest
        self.layer.pixels[rows, cols] = out

    def finish(self) -> list[Patch]:
        """End the stroke: the before/after pixels of the tiles it changed."""
        return self.recorder.finish()
