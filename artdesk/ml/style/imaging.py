"""Picture helpers for styles: checks with user messages, resizing, tensors, blending, colour, scores.

Pictures travel as numpy uint8 HxWx3 (RGB) or HxWx4 (RGBA). No Qt here.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from artdesk.core.errors import ArtdeskError

MIN_SIDE = 32  # smaller pictures carry too little texture to learn from
MAX_PIXELS = 40_000_000  # bigger pictures are refused before decoding
MAX_APPLY_SIDE = 4096


class StyleInputError(ArtdeskError):
    """A picture the style tools cannot use; the message says why and what to do."""


def load_style_picture(path: str | Path, max_side: int = 512) -> np.ndarray:
    """Read a style example picture as uint8 HxWx3, refusing broken, tiny or huge files.

    Grayscale is expanded to RGB; transparency is composited on white (and refused if the
    picture is almost entirely transparent). Pictures larger than ``max_side`` are shrunk.
    """
    path = Path(path)
    return prepare_style_array(read_picture(path), path.name, max_side)


def read_picture(path: str | Path) -> np.ndarray:
    """Read any picture file as uint8 HxWx4; 16-bit and 32-bit grey are scaled down, not clipped."""
    path = Path(path)
    try:
        with Image.open(path) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise StyleInputError(f"{path.name} is too large ({width}x{height}); use a picture under {MAX_PIXELS // 1_000_000} megapixels.")
            if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
                grey = np.asarray(image, dtype=np.float64)
                peak = float(grey.max())
                top = 1.0 if peak <= 1.0 else 255.0 if peak <= 255 else 65535.0
                grey = (np.clip(grey, 0, top) / top * 255 + 0.5).astype(np.uint8)
                return np.asarray(Image.fromarray(grey, "L").convert("RGBA"))
            return np.asarray(image.convert("RGBA"))
    except StyleInputError:
        raise
    except FileNotFoundError as error:
        raise StyleInputError(f"{path} does not exist.") from error
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise StyleInputError(f"{path.name} is not a picture artdesk can read ({error}). Use a PNG or JPEG file.") from error


def prepare_style_array(array: np.ndarray, label: str = "the picture", max_side: int = 512) -> np.ndarray:
    """Check and normalise a style example already in memory (uint8 HxW, HxWx3 or HxWx4)."""
    array = np.asarray(array)
    if array.ndim == 2:
        array = np.repeat(array[..., None], 3, axis=2)
    if array.ndim != 3 or array.shape[2] not in (3, 4) or array.dtype != np.uint8:
        raise StyleInputError(f"{label} is not an RGB picture.")
    height, width = array.shape[:2]
    if min(height, width) < MIN_SIDE:
        raise StyleInputError(f"{label} is too small ({width}x{height}); a style example needs at least {MIN_SIDE} pixels on each side.")
    if array.shape[2] == 4:
        alpha = array[..., 3:4].astype(np.float32) / 255.0
        if float(alpha.mean()) < 0.05:
            raise StyleInputError(f"{label} is almost entirely transparent; it shows no style to learn.")
        array = (array[..., :3].astype(np.float32) * alpha + 255.0 * (1 - alpha)).round().astype(np.uint8)
    if max(height, width) > max_side:
        array = resize(array, max_side / max(height, width))
    return np.ascontiguousarray(array)


def check_content(array: np.ndarray, label: str = "The picture") -> np.ndarray:
    """Validate a picture to stylize; returns it as uint8 HxWx3 or HxWx4."""
    array = np.asarray(array)
    if array.ndim != 3 or array.shape[2] not in (3, 4) or array.dtype != np.uint8:
        raise StyleInputError(f"{label} is not an RGB picture.")
    height, width = array.shape[:2]
    if min(height, width) < 8:
        raise StyleInputError(f"{label} is too small to stylize ({width}x{height}).")
    if max(height, width) > MAX_APPLY_SIDE:
        raise StyleInputError(f"{label} is too large to stylize ({width}x{height}); the limit is {MAX_APPLY_SIDE} pixels per side.")
    if array.shape[2] == 4 and not array[..., 3].any():
        raise StyleInputError(f"{label} is empty (fully transparent); paint something first.")
    return array


def resize(array: np.ndarray, factor: float | None = None, size: tuple[int, int] | None = None) -> np.ndarray:
    """Resize by ``factor`` or to ``size`` (width, height) with Lanczos filtering."""
    height, width = array.shape[:2]
    if size is None:
        size = (max(1, round(width * factor)), max(1, round(height * factor)))
    if size == (width, height):
        return array
    return np.asarray(Image.fromarray(array).resize(size, Image.LANCZOS))


def to_tensor(array: np.ndarray):
    import torch

    return torch.from_numpy(np.array(array[..., :3], dtype=np.uint8, copy=True)).permute(2, 0, 1)[None].float() / 255.0


def to_array(tensor) -> np.ndarray:
    return (tensor[0].detach().clamp(0, 1).permute(1, 2, 0).cpu().numpy() * 255.0 + 0.5).astype(np.uint8)


def _luma(rgb: np.ndarray) -> np.ndarray:
    return rgb @ np.array([0.299, 0.587, 0.114], np.float32)


def preserve_colour(styled: np.ndarray, original: np.ndarray) -> np.ndarray:
    """Keep the original's colours (YIQ chroma) and take only the styled luminance."""
    to_yiq = np.array([[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]], np.float32)
    s = styled[..., :3].astype(np.float32) @ to_yiq.T
    o = original[..., :3].astype(np.float32) @ to_yiq.T
    mixed = np.concatenate([s[..., :1], o[..., 1:]], axis=2) @ np.linalg.inv(to_yiq).T
    return mixed.clip(0, 255).round().astype(np.uint8)


def blend(styled: np.ndarray, original: np.ndarray, strength: float) -> np.ndarray:
    """``strength`` 0 gives the original exactly, 1 the styled picture; alpha is the original's."""
    strength = float(np.clip(strength, 0.0, 1.0))
    rgb = original[..., :3]
    if strength <= 0.0:
        mixed = rgb.copy()
    elif strength >= 1.0:
        mixed = styled[..., :3].copy()
    else:
        mixed = (rgb.astype(np.float32) * (1 - strength) + styled[..., :3].astype(np.float32) * strength).round().astype(np.uint8)
    if original.shape[2] == 4:
        mixed = np.concatenate([mixed, original[..., 3:4]], axis=2)
    return mixed


def gaussian_blur(x: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur of a 2-D float array (edges reflected)."""
    radius = max(1, int(3 * sigma))
    taps = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    taps = (taps / taps.sum()).astype(np.float32)
    padded = np.pad(x.astype(np.float32), radius, mode="reflect")
    rows = sum(taps[i] * padded[:, i : i + x.shape[1]] for i in range(len(taps)))
    return sum(taps[i] * rows[i : i + x.shape[0], :] for i in range(len(taps)))


def ssim(a: np.ndarray, b: np.ndarray) -> float:
    """Mean structural similarity of the luminances (Gaussian window 11, sigma 1.5)."""
    def blur(x: np.ndarray) -> np.ndarray:
        return gaussian_blur(x, 1.5)

    x, y = _luma(a[..., :3].astype(np.float32)), _luma(b[..., :3].astype(np.float32))
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    mx, my = blur(x), blur(y)
    sxx, syy, sxy = blur(x * x) - mx * mx, blur(y * y) - my * my, blur(x * y) - mx * my
    value = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    return float(value.mean())


def edge_agreement(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of the Sobel edge magnitudes of two pictures after a light blur (1 = same edges)."""
    def edges(x: np.ndarray) -> np.ndarray:
        lum = gaussian_blur(_luma(x[..., :3].astype(np.float32)), 2.0)
        gy, gx = np.gradient(lum)
        return np.hypot(gx, gy).ravel()

    ea, eb = edges(a), edges(b)
    if ea.std() < 1e-6 or eb.std() < 1e-6:
        return 0.0
    return float(np.corrcoef(ea, eb)[0, 1])


def check_mask(mask, shape: tuple[int, ...]) -> np.ndarray | None:
    """A selection as bool HxW matching ``shape``; refuses a selection of zero pixels."""
    if mask is None:
        return None
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != tuple(shape[:2]):
        raise StyleInputError("The selection does not match the picture's size.")
    if not mask.any():
        raise StyleInputError("The selection is empty (zero pixels); select an area first, or apply to the whole picture.")
    return mask


def compose(styled: np.ndarray, original: np.ndarray, strength: float, preserve: bool, mask: np.ndarray | None) -> np.ndarray:
    """The final picture: styled resized to the original, optional colour preservation, blend, selection, alpha."""
    height, width = original.shape[:2]
    if styled.shape[:2] != (height, width):
        styled = resize(np.ascontiguousarray(styled[..., :3]), size=(width, height))
    if preserve:
        styled = preserve_colour(styled, original)
    result = blend(styled, original, strength)
    if mask is not None:
        result = np.where(mask[..., None], result, original)
    return np.ascontiguousarray(result.astype(np.uint8))
