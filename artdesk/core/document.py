"""The layered picture: plain numpy, no Qt.

A ``Document`` holds ``Layer`` objects bottom to top; every layer covers the whole canvas as
straight (not premultiplied) RGBA uint8. Compositing is "normal" (source-over) with each layer's
opacity, done in premultiplied float32 over any rectangle, so the view can redraw a dirty rect only.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from artdesk.core.errors import ArtdeskError

# Refuse pictures above this many pixels before decoding them (each layer costs 4 bytes a pixel,
# and painting keeps two more working copies).
MAX_PIXELS = 36_000_000
MAX_SIDE = 16_384

_ids = itertools.count(1)


@dataclass(frozen=True)
class Rect:
    """A pixel rectangle: columns ``x .. x+w-1``, rows ``y .. y+h-1``."""

    x: int
    y: int
    w: int
    h: int

    @property
    def empty(self) -> bool:
        return self.w <= 0 or self.h <= 0

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.y, self.y + self.h), slice(self.x, self.x + self.w)

    def clip(self, width: int, height: int) -> "Rect":
        x0, y0 = max(self.x, 0), max(self.y, 0)
        x1, y1 = min(self.x + self.w, width), min(self.y + self.h, height)
        return Rect(x0, y0, max(0, x1 - x0), max(0, y1 - y0))

    def intersect(self, other: "Rect") -> "Rect":
        x0, y0 = max(self.x, other.x), max(self.y, other.y)
        x1, y1 = min(self.x + self.w, other.x + other.w), min(self.y + self.h, other.y + other.h)
        return Rect(x0, y0, max(0, x1 - x0), max(0, y1 - y0))

    def union(self, other: "Rect | None") -> "Rect":
        if other is None or other.empty:
            return self
        if self.empty:
            return other
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.x + self.w, other.x + other.w), max(self.y + self.h, other.y + other.h)
        return Rect(x0, y0, x1 - x0, y1 - y0)


def megapixels(pixels: int) -> str:
    """A pixel count in megapixels for a message: "0.2", "7.5", "36", "1,200" (never "0" for a real picture)."""
    value = pixels / 1e6
    return f"{value:.2g}" if value < 10 else f"{value:,.0f}"


def check_size(width: int, height: int, what: str = "The picture", max_pixels: int = MAX_PIXELS) -> None:
    """Raise a user-facing error when a canvas of this size is too big (or empty)."""
    if width < 1 or height < 1:
        raise ArtdeskError(f"{what} has no pixels ({width} × {height}).")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > max_pixels:
        raise ArtdeskError(
            f"{what} is {width} × {height} pixels ({megapixels(width * height)} megapixels); artdesk works on "
            f"pictures up to {max_pixels / 1e6:g} megapixels and {MAX_SIDE} pixels a side. "
            "Scale it down in another program first."
        )


@dataclass(eq=False)
class Layer:
    """One layer: ``pixels`` is straight RGBA uint8, H x W x 4, the size of the document."""

    name: str
    pixels: np.ndarray
    opacity: float = 1.0
    visible: bool = True
    provenance: dict[str, Any] = field(default_factory=dict)
    uid: int = field(default_factory=lambda: next(_ids))

    def __post_init__(self) -> None:
        if self.pixels.dtype != np.uint8 or self.pixels.ndim != 3 or self.pixels.shape[2] != 4:
            raise ValueError(f"layer pixels must be uint8 HxWx4, got {self.pixels.dtype} {self.pixels.shape}")
        self.opacity = float(min(1.0, max(0.0, self.opacity)))

    @classmethod
    def blank(cls, name: str, width: int, height: int, colour: tuple[int, int, int, int] = (0, 0, 0, 0)) -> "Layer":
        if not any(colour):
            return cls(name, np.zeros((height, width, 4), np.uint8))  # calloc: pages appear when painted
        pixels = np.empty((height, width, 4), np.uint8)
        pixels.view(np.uint32)[...] = np.frombuffer(bytes(colour), np.uint32)[0]  # one 32-bit fill
        return cls(name, pixels)

    def copy(self, name: str | None = None) -> "Layer":
        return Layer(name or self.name, self.pixels.copy(), self.opacity, self.visible, dict(self.provenance))


class Document:
    """A stack of same-size layers, bottom (index 0) to top, with document-level provenance."""

    def __init__(self, width: int, height: int, layers: list[Layer] | None = None,
                 provenance: dict[str, Any] | None = None) -> None:
        check_size(width, height, "The canvas")
        self.width = width
        self.height = height
        self.layers: list[Layer] = []
        self.provenance: dict[str, Any] = dict(provenance or {})
        for layer in layers or []:
            self.insert_layer(len(self.layers), layer)

    @classmethod
    def new(cls, width: int, height: int, background: tuple[int, int, int, int] | None = (255, 255, 255, 255)) -> "Document":
        """A canvas with a white "Background" layer (unless ``background`` is None) and an empty "Layer 1"."""
        document = cls(width, height)
        if background is not None:
            document.insert_layer(0, Layer.blank("Background", width, height, background))
        document.insert_layer(len(document.layers), Layer.blank("Layer 1", width, height))
        return document

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def bounds(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    def index_of(self, layer: Layer) -> int:
        for index, candidate in enumerate(self.layers):
            if candidate is layer:
                return index
        raise ValueError(f"layer {layer.name!r} is not in this document")

    def insert_layer(self, index: int, layer: Layer) -> None:
        if layer.pixels.shape[:2] != (self.height, self.width):
            raise ValueError(f"layer {layer.name!r} is {layer.pixels.shape[1]}x{layer.pixels.shape[0]}, "
                             f"the canvas {self.width}x{self.height}")
        self.layers.insert(max(0, min(index, len(self.layers))), layer)

    def remove_layer(self, index: int) -> Layer:
        return self.layers.pop(index)

    def move_layer(self, index: int, new_index: int) -> None:
        layer = self.layers.pop(index)
        self.layers.insert(max(0, min(new_index, len(self.layers))), layer)

    def unique_name(self, base: str) -> str:
        names = {layer.name for layer in self.layers}
        if base not in names:
            return base
        for number in itertools.count(2):
            candidate = f"{base} {number}"
            if candidate not in names:
                return candidate
        raise AssertionError("unreachable")

    # ----- compositing ---------------------------------------------------------------------------
    # Work goes in bands of about BAND_PIXELS pixels: small buffers stay in cache and are reused,
    # which is several times faster than whole-image float arrays.
    BAND_PIXELS = 1 << 16

    def _bands(self, rect: Rect):
        step = max(1, self.BAND_PIXELS // max(rect.w, 1))
        for y in range(rect.y, rect.y + rect.h, step):
            yield Rect(rect.x, y, rect.w, min(step, rect.y + rect.h - y))

    def composite_premultiplied(self, rect: Rect | None = None) -> np.ndarray:
        """Visible layers over transparency in ``rect``: float32 h x w x 4, premultiplied, 0..1."""
        rect = (rect or self.bounds).clip(self.width, self.height)
        out = np.empty((rect.h, rect.w, 4), np.float32)
        for band in self._bands(rect):
            out[band.y - rect.y: band.y - rect.y + band.h] = self._composite_band(band)
        return out

    def _composite_band(self, rect: Rect) -> np.ndarray:
        rows, cols = rect.slices
        visible = [layer for layer in self.layers if layer.visible and layer.opacity > 0.0]
        start = 0  # layers under an opaque one cannot show: start from the topmost opaque layer
        for index in range(len(visible) - 1, -1, -1):
            if visible[index].opacity >= 1.0 and visible[index].pixels[rows, cols, 3].min(initial=255) == 255:
                start = index
                break
        out = np.zeros((rect.h, rect.w, 4), np.float32)
        for number, layer in enumerate(visible[start:]):
            src = layer.pixels[rows, cols]
            if number == 0 and start > 0 or (number == 0 and layer.opacity >= 1.0 and src[..., 3].min(initial=255) == 255):
                np.multiply(src, np.float32(1 / 255.0), out=out)  # opaque: premultiplied is just scaled
                continue
            if not src[..., 3].any():
                continue
            premul = src.astype(np.float32)  # contiguous float math is several times faster than strided
            alpha = premul[..., 3] * np.float32(layer.opacity / 255.0)
            premul *= (alpha * np.float32(1 / 255.0))[..., None]
            premul[..., 3] = alpha
            np.multiply(out, (1.0 - alpha)[..., None], out=out)
            np.add(out, premul, out=out)
        return out

    def composite(self, rect: Rect | None = None) -> np.ndarray:
        """The flattened picture in ``rect`` as straight RGBA uint8 (transparent where nothing is painted)."""
        rect = (rect or self.bounds).clip(self.width, self.height)
        out = np.empty((rect.h, rect.w, 4), np.uint8)
        visible = [layer for layer in self.layers if layer.visible and layer.opacity > 0.0]
        for band in self._bands(rect):
            rows = slice(band.y - rect.y, band.y - rect.y + band.h)
            alone = self._alone_in(visible, band)
            if alone is not None:  # an opaque layer with nothing painted above it: its pixels are the picture
                out[rows] = alone.pixels[band.slices]
            else:
                out[rows] = unpremultiply(self._composite_band(band))
        return out

    @staticmethod
    def _alone_in(visible: list[Layer], rect: Rect) -> Layer | None:
        """The layer that alone makes the picture in ``rect`` (opaque, fully shown, nothing painted above), if any."""
        rows, cols = rect.slices
        for layer in reversed(visible):
            alpha = layer.pixels[rows, cols, 3]
            if layer.opacity >= 1.0 and alpha.min(initial=255) == 255:
                return layer
            if alpha.any():
                return None
        return None

    def flatten_into(self, out: np.ndarray, background: np.ndarray, rect: Rect | None = None) -> None:
        """Write the picture in ``rect`` over the opaque ``background`` (canvas-sized, RGB or grey) into
        ``out`` (canvas-sized uint8 RGBA; its alpha is set to 255)."""
        rect = (rect or self.bounds).clip(self.width, self.height)
        visible = [layer for layer in self.layers if layer.visible and layer.opacity > 0.0]
        for band in self._bands(rect):
            rows, cols = band.slices
            alone = self._alone_in(visible, band)
            if alone is not None:  # an opaque layer with nothing painted above it covers everything here
                out[rows, cols] = alone.pixels[rows, cols]
                continue
            premul = self._composite_band(band)
            premul *= 255.0
            if premul[..., 3].min(initial=255.0) < 255.0:
                behind = background[rows, cols].astype(np.float32)
                if behind.ndim == 2:
                    behind = behind[..., None]  # grey: the same for red, green and blue
                behind *= (1.0 - premul[..., 3] * np.float32(1 / 255.0))[..., None]
                premul[..., :3] += behind
            premul[..., 3] = 255.0
            premul += 0.5  # values stay within 0..255.5, so the cast rounds to nearest
            out[rows, cols] = premul


def unpremultiply(premul: np.ndarray) -> np.ndarray:
    """Premultiplied float32 0..1 RGBA to straight RGBA uint8 (fully transparent pixels are black).

    Scales ``premul`` in place."""
    alpha = premul[..., 3].copy()
    scale = np.float32(255.0) / np.where(alpha > 0, alpha, np.float32(1.0))
    premul *= scale[..., None]
    premul[..., 3] = alpha * 255.0
    np.clip(premul, 0.0, 255.0, out=premul)
    premul += 0.5
    return premul.astype(np.uint8)


def to_rgba(array: np.ndarray) -> np.ndarray:
    """A uint8 HxW, HxWx3 or HxWx4 array as a fresh straight RGBA uint8 array."""
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise ArtdeskError(f"Expected 8-bit pixels, got {array.dtype}.")
    if array.ndim == 2:
        array = array[..., None].repeat(3, axis=2)
    if array.ndim != 3 or array.shape[2] not in (3, 4):
        raise ArtdeskError(f"Expected an H x W x 3 or H x W x 4 picture, got shape {array.shape}.")
    height, width = array.shape[:2]
    check_size(width, height)
    out = np.empty((height, width, 4), np.uint8)
    out[..., : array.shape[2]] = array
    if array.shape[2] == 3:
        out[..., 3] = 255
    return out
