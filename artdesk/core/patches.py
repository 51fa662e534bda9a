"""Undo data for pixel edits: the before and after pixels of the tiles an edit touched.

A ``TileRecorder`` is opened on a layer before an edit; ``touch(rect)`` saves the original
pixels of every tile the edit is about to change (once); ``finish()`` returns ``Patch`` objects
holding only those tiles, never the whole image. Applying ``before`` or ``after`` is exact.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from artdesk.core.document import Rect

TILE = 64


@dataclass(frozen=True)
class Patch:
    """The pixels of one rectangle of a layer, before and after an edit."""

    rect: Rect
    before: np.ndarray
    after: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.before.nbytes + self.after.nbytes

    def compressed(self) -> "CompressedPatch":
        return CompressedPatch(self.rect, self.before.shape, zlib.compress(self.before.tobytes(), 1),
                               zlib.compress(self.after.tobytes(), 1))


@dataclass(frozen=True)
class CompressedPatch:
    """A Patch kept zlib-compressed (old undo steps, when undo memory runs over its budget)."""

    rect: Rect
    shape: tuple[int, ...]
    before_data: bytes
    after_data: bytes

    @property
    def before(self) -> np.ndarray:
        return np.frombuffer(zlib.decompress(self.before_data), np.uint8).reshape(self.shape)

    @property
    def after(self) -> np.ndarray:
        return np.frombuffer(zlib.decompress(self.after_data), np.uint8).reshape(self.shape)

    @property
    def nbytes(self) -> int:
        return len(self.before_data) + len(self.after_data)

    def compressed(self) -> "CompressedPatch":
        return self


def apply_patches(pixels: np.ndarray, patches: list[Patch], which: str) -> Rect | None:
    """Write each patch's ``which`` ("before" or "after") into ``pixels``; return the changed area."""
    changed: Rect | None = None
    for patch in patches:
        pixels[patch.rect.slices] = getattr(patch, which)
        changed = patch.rect.union(changed)
    return changed


def patches_rect(patches: list[Patch]) -> Rect | None:
    changed: Rect | None = None
    for patch in patches:
        changed = patch.rect.union(changed)
    return changed


class TileRecorder:
    """Keeps the original pixels of the tiles an edit touches, in a lazily filled full-size buffer."""

    def __init__(self, pixels: np.ndarray, tile: int = TILE) -> None:
        self.pixels = pixels
        self.tile = tile
        height, width = pixels.shape[:2]
        self.original = np.empty_like(pixels)  # pages are only committed for the tiles copied in
        self.touched = np.zeros(((height + tile - 1) // tile, (width + tile - 1) // tile), bool)

    def _tile_rect(self, ty: int, tx: int) -> Rect:
        height, width = self.pixels.shape[:2]
        return Rect(tx * self.tile, ty * self.tile, self.tile, self.tile).clip(width, height)

    def touch(self, rect: Rect) -> None:
        """Save the original pixels of every not yet saved tile that ``rect`` overlaps."""
        if rect.empty:
            return
        t = self.tile
        ty0, ty1 = rect.y // t, (rect.y + rect.h - 1) // t + 1
        tx0, tx1 = rect.x // t, (rect.x + rect.w - 1) // t + 1
        block = self.touched[ty0:ty1, tx0:tx1]
        if block.all():
            return
        for dy, dx in zip(*np.nonzero(~block)):
            slices = self._tile_rect(ty0 + dy, tx0 + dx).slices
            self.original[slices] = self.pixels[slices]
        block[...] = True

    def finish(self) -> list[Patch]:
        """Patches for the touched tiles whose pixels actually changed."""
        patches = []
        for ty, tx in zip(*np.nonzero(self.touched)):
            rect = self._tile_rect(ty, tx)
            before = self.original[rect.slices]
            after = self.pixels[rect.slices]
            if not np.array_equal(before, after):
                patches.append(Patch(rect, before.copy(), after.copy()))
        return patches
