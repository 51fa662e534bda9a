"""Bucket fill: the connected area of similar colour around a point, by scanline flood fill."""
from __future__ import annotations

import numpy as np

from artdesk.core.document import Layer, Rect
from artdesk.core.patches import Patch, TileRecorder


def _normalised(image: np.ndarray) -> np.ndarray:
    """RGBA int16 where fully transparent pixels all read (0, 0, 0, 0), whatever colour they hide."""
    out = image.astype(np.int16)
    out[image[..., 3] == 0] = 0
    return out


def flood_mask(image: np.ndarray, x: int, y: int, tolerance: int = 32) -> np.ndarray:
    """Pixels 4-connected to (x, y) whose RGBA differs from it by at most ``tolerance`` in every channel."""
    height, width = image.shape[:2]
    mask = np.zeros((height, width), bool)
    if not (0 <= x < width and 0 <= y < height):
        return mask
    sample = _normalised(image)
    similar = (np.abs(sample - sample[y, x]).max(axis=2) <= tolerance)
    stack = [(x, y)]
    while stack:
        sx, sy = stack.pop()
        row = similar[sy]
        if mask[sy, sx] or not row[sx]:
            continue
        left_run = row[sx::-1]
        left = sx - (int(np.argmin(left_run)) - 1 if not left_run.all() else sx)
        right_run = row[sx:]
        right = sx + (int(np.argmin(right_run)) if not right_run.all() else width - sx)
        mask[sy, left:right] = True
        for ny in (sy - 1, sy + 1):
            if 0 <= ny < height:
                open_ = similar[ny, left:right] & ~mask[ny, left:right]
                if open_.any():
                    edges = np.diff(open_.astype(np.int8), prepend=0)
                    stack.extend((left + int(s), ny) for s in np.flatnonzero(edges == 1))
    return mask


def fill_layer(layer: Layer, mask: np.ndarray, colour: tuple[int, int, int], opacity: float = 1.0) -> list[Patch]:
    """Paint ``colour`` at ``opacity`` over ``layer`` where ``mask`` is set; returns the undo patches."""
    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0 or opacity <= 0:
        return []
    cols = np.flatnonzero(mask.any(axis=0))
    rect = Rect(int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))
    recorder = TileRecorder(layer.pixels)
    recorder.touch(rect)
    region = layer.pixels[rect.slices]
    inside = mask[rect.slices]
    original = region[inside].astype(np.float32)
    k = np.float32(opacity)
    alpha = original[:, 3] / 255.0
    kept = alpha * (1.0 - k)
    out_alpha = k + kept
    out = np.empty_like(original)
    out[:, :3] = (np.asarray(colour, np.float32) * k + original[:, :3] * kept[:, None]) / out_alpha[:, None]
    out[:, 3] = out_alpha * 255.0
    region[inside] = np.clip(np.rint(out), 0, 255).astype(np.uint8)
    return recorder.finish()
