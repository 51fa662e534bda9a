"""Bucket fill: the connected area of similar colour around a point, by scanline flood fill."""
from __future__ import annotations

from bisect import bisect_right

import numpy as np

from artdesk.core.document import Layer, Rect
from artdesk.core.patches import Patch, TileRecorder

BAND = 64


def flood_mask(image: np.ndarray, x: int, y: int, tolerance: int = 32) -> np.ndarray:
    """Pixels 4-connected to (x, y) whose RGBA differs from it by at most ``tolerance`` in every channel.

    Fully transparent pixels all count as (0, 0, 0, 0), whatever colour they hide. Works on runs of
    similar pixels per row, computed only for the rows the fill reaches, so a fill costs about one
    numpy call per row plus a little Python per run.
    """
    height, width = image.shape[:2]
    mask = np.zeros((height, width), bool)
    if not (0 <= x < width and 0 <= y < height):
        return mask
    seed = image[y, x].astype(np.int16) if image[y, x, 3] else np.zeros(4, np.int16)
    # similar[r, 1:-1]: pixel similar to the seed; computed a band of rows at a time, when first reached
    similar = np.zeros((height, width + 2), bool)
    band_done = np.zeros((height + BAND - 1) // BAND, bool)
    cache: dict[int, tuple[list[int], list[int]]] = {}

    def runs(row: int) -> tuple[list[int], list[int]]:
        if row not in cache:
            band = row // BAND
            if not band_done[band]:
                rows = slice(band * BAND, min(height, (band + 1) * BAND))
                pixels = image[rows].astype(np.int16)
                pixels[image[rows][..., 3] == 0] = 0
                np.abs(pixels - seed, out=pixels)
                inside = similar[rows, 1:-1]
                np.less_equal(pixels[..., 0], tolerance, out=inside)
                for channel in (1, 2, 3):
                    inside &= pixels[..., channel] <= tolerance
                band_done[band] = True
            line = similar[row]
            edges = np.flatnonzero(line[1:] != line[:-1])
            cache[row] = (edges[0::2].tolist(), edges[1::2].tolist())  # [start, end) of each run
        return cache[row]

    starts, ends = runs(y)
    first = bisect_right(ends, x)
    if first >= len(starts) or starts[first] > x:
        return mask
    visited = {(y, first)}
    stack = [(y, first)]
    while stack:
        row, index = stack.pop()
        start, end = cache[row][0][index], cache[row][1][index]
        mask[row, start:end] = True
        for near in (row - 1, row + 1):
            if 0 <= near < height:
                near_starts, near_ends = runs(near)
                j = bisect_right(near_ends, start)  # the first run there that ends after our start
                while j < len(near_starts) and near_starts[j] < end:
                    if (near, j) not in visited:
                        visited.add((near, j))
                        stack.append((near, j))
                    j += 1
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
    if opacity >= 1.0:  # covering paint: exactly the colour, no blending needed
        region[inside] = (*colour, 255)
        return recorder.finish()
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
