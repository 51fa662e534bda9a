"""Image filters the painting media share (numpy + Pillow, float32 pictures in [0, 1]).

Blurs, resizing of float arrays, the smoothed structure tensor (which way the forms run),
smearing along a direction field, and smooth noise. No torch, no Qt.
"""
from __future__ import annotations

import numpy as np
from PIL import Image


def resize_float(x: np.ndarray, size: tuple[int, int], resample=Image.BILINEAR) -> np.ndarray:
    """Resize a float HxW or HxWxC array to ``size`` = (width, height)."""
    if x.shape[1::-1] == tuple(size):
        return x.astype(np.float32, copy=False)
    if x.ndim == 2:
        return np.asarray(Image.fromarray(np.ascontiguousarray(x, np.float32), "F").resize(size, resample))
    return np.stack([resize_float(x[..., c], size, resample) for c in range(x.shape[2])], axis=2)


def _taps_blur(x: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur with explicit taps (edges repeated); for small ``sigma``."""
    if x.ndim == 3:
        return np.stack([_taps_blur(np.ascontiguousarray(x[..., c]), sigma) for c in range(x.shape[2])], axis=2)
    radius = max(1, int(np.ceil(2.5 * sigma)))
    taps = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    taps = (taps / taps.sum()).astype(np.float32)
    for axis in (0, 1):
        pad = [(0, 0)] * x.ndim
        pad[axis] = (radius, radius)
        padded = np.pad(x, pad, mode="edge")
        n = x.shape[axis]
        out = np.zeros_like(x)
        for i, tap in enumerate(taps):
            out += tap * (padded[i : i + n] if axis == 0 else padded[:, i : i + n])
        x = out
    return x


def blur(x: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur of a float HxW or HxWxC array (edges repeated).

    Blurs wider than 2 pixels run on a shrunk copy and are enlarged again, so they cost about as
    much as a small one.
    """
    x = x.astype(np.float32, copy=False)
    if sigma < 0.3:
        return x
    height, width = x.shape[:2]
    if sigma <= 2 or min(height, width) < 16:
        return _taps_blur(x, sigma)
    factor = sigma / 1.5
    small = (max(4, round(width / factor)), max(4, round(height / factor)))
    shrunk = resize_float(x, small, Image.BOX)
    return resize_float(_taps_blur(shrunk, sigma * small[0] / width), (width, height), Image.BILINEAR)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """Rec. 601 luma of a float RGB picture."""
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


def structure_tensor(lum: np.ndarray, sigma: float) -> tuple[np.ndarray, np.ndarray]:
    """(tangent angle, coherence) of the smoothed structure tensor of a luminance picture.

    The tangent runs along edges and stripes (perpendicular to the strongest gradient); coherence is
    0 where the picture has no preferred direction and near 1 along clear edges.
    """
    gy, gx = np.gradient(blur(lum, 1.0))
    jxx, jyy, jxy = blur(gx * gx, sigma), blur(gy * gy, sigma), blur(gx * gy, sigma)
    angle = 0.5 * np.arctan2(2 * jxy, jxx - jyy) + np.pi / 2
    root = np.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy)
    coherence = root / (jxx + jyy + 1e-8)
    return angle.astype(np.float32), coherence.astype(np.float32)


def smear(field: np.ndarray, angle: np.ndarray, length: float, taps: int = 8) -> np.ndarray:
    """Average of ``field`` sampled along each pixel's direction ``angle`` over +-``length`` pixels.

    Noise smeared this way becomes streaks that follow the direction field (bristle marks, hatching).
    """
    height, width = field.shape
    taps = max(1, int(taps))
    pad = int(np.ceil(length)) + 1
    padded = np.pad(field.astype(np.float32), pad, mode="edge").ravel()
    stride = width + 2 * pad
    base = ((np.arange(height, dtype=np.int32)[:, None] + pad) * stride + pad + np.arange(width, dtype=np.int32)[None, :]).ravel()
    dx, dy = np.cos(angle).ravel(), np.sin(angle).ravel()
    total = field.astype(np.float32).ravel().copy()
    for k in range(1, taps + 1):
        t = length * k / taps
        offset = np.rint(t * dy).astype(np.int32) * stride + np.rint(t * dx).astype(np.int32)
        total += padded.take(base + offset)
        total += padded.take(base - offset)
    return (total / (2 * taps + 1)).reshape(height, width)


def smooth_noise(shape: tuple[int, int], cell: float, rng: np.random.Generator) -> np.ndarray:
    """Noise in [0, 1] with features about ``cell`` pixels across (bicubic-enlarged random values)."""
    height, width = shape
    small = (max(2, int(width / cell) + 2), max(2, int(height / cell) + 2))
    values = rng.random((small[1], small[0])).astype(np.float32)
    return np.clip(resize_float(values, (width, height), Image.BICUBIC), 0, 1)


def fbm(shape: tuple[int, int], cell: float, rng: np.random.Generator, octaves: int = 4) -> np.ndarray:
    """Sum of noise octaves from ``cell`` pixels down, normalised to [0, 1] (clouds, turbulence)."""
    total = np.zeros(shape, np.float32)
    amplitude, weight = 1.0, 0.0
    for octave in range(octaves):
        total += amplitude * smooth_noise(shape, max(1.0, cell / 2 ** octave), rng)
        weight += amplitude
        amplitude *= 0.5
    total /= weight
    low, high = float(total.min()), float(total.max())
    return (total - low) / max(high - low, 1e-6)


def normalise(x: np.ndarray, low_pct: float = 1.0, high_pct: float = 99.0) -> np.ndarray:
    """Stretch ``x`` so its percentiles map to 0 and 1 (clipped)."""
    low, high = np.percentile(x, [low_pct, high_pct])
    return np.clip((x - low) / max(float(high - low), 1e-6), 0, 1).astype(np.float32)
