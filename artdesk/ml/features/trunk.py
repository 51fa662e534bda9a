"""Features of pictures from the shipped MobileNetV2 trunk (``models/features/mobilenet-v2``).

``trunk_features(images, layer)`` turns N x H x W x 3 uint8 pictures into one vector each:
``"pooled"`` (1280 values, the trunk's global average) or ``"mid"`` (384 values, the spatial
mean of the 14 x 14 ``mid`` map). ``trunk_maps`` gives the differentiable maps themselves and
``mean_std`` / ``gram`` their style statistics, for perceptual and style losses.
Pictures are resized to 224 px squares (bilinear, antialiased when shrinking; no cropping) and
scaled to [0, 1], as the ported model expects.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np
import torch
from torch.nn import functional as F

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled
from artdesk.ml.features.mobilenet import TAP_CHANNELS, MobileNetV2

CHECKPOINT = "features/mobilenet-v2"
LAYERS = ("pooled", "mid")


@lru_cache(maxsize=1)
def load_trunk() -> MobileNetV2:
    """The shipped trunk on the CPU in eval mode, frozen, loaded once per process."""
    from artdesk.core.paths import bundle_root
    from artdesk.ml.checkpoint import load_checkpoint

    folder = bundle_root() / "models" / CHECKPOINT
    if not folder.is_dir():
        raise ArtdeskError(f"The feature model {CHECKPOINT} is missing from {folder.parent.parent}; reinstall artdesk.")
    model = load_checkpoint(folder, source="bundled").model
    model.requires_grad_(False)
    return model


def prepare(images: torch.Tensor, size: int) -> torch.Tensor:
    """N x 3 x H x W floats in [0, 1] resized to ``size`` squares, as the trunk takes them."""
    if images.shape[-2:] == (size, size):
        return images
    shrinking = min(images.shape[-2:]) > size
    return F.interpolate(images, size=(size, size), mode="bilinear", align_corners=False, antialias=shrinking)


def trunk_maps(images: torch.Tensor, names: tuple[str, ...] = ("low", "mid")) -> dict[str, torch.Tensor]:
    """The trunk's named maps of N x 3 x H x W pictures in [0, 1]; gradients flow to ``images``."""
    model = load_trunk()
    return model.taps(prepare(images, model.config.input_size), names)


def trunk_features(
    images: np.ndarray,
    layer: str = "pooled",
    batch_size: int = 16,
    cancel_check: Callable[[], bool] | None = None,
) -> np.ndarray:
    """N x D float32 features of N x H x W x 3 uint8 RGB pictures; checks ``cancel_check`` before each batch."""
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {LAYERS}, not {layer!r}")
    images = np.asarray(images)
    if images.dtype != np.uint8 or images.ndim != 4 or images.shape[-1] != 3:
        raise ValueError(f"expected N x H x W x 3 uint8 pictures, got {images.dtype} {images.shape}")
    out = []
    with torch.no_grad():  # not inference_mode: the cached trunk, if loaded here, must still serve trunk_maps with gradients
        for start in range(0, len(images), batch_size):
            if cancel_check is not None and cancel_check():
                raise Cancelled()
            batch = torch.tensor(images[start : start + batch_size]).permute(0, 3, 1, 2).float() / 255  # copies: read-only arrays are fine
            features = trunk_maps(batch, (layer,))[layer]
            out.append((features.mean(dim=(2, 3)) if features.ndim == 4 else features).numpy())
    return np.concatenate(out) if out else np.zeros((0, TAP_CHANNELS[layer]), np.float32)


def mean_std(maps: torch.Tensor) -> torch.Tensor:
    """N x 2C: each channel's spatial mean and standard deviation (AdaIN-style statistics)."""
    flat = maps.flatten(2)
    return torch.cat([flat.mean(dim=2), flat.std(dim=2, unbiased=False)], dim=1)


def gram(maps: torch.Tensor) -> torch.Tensor:
    """N x C x C Gram matrices normalised by the number of positions (Gatys et al.)."""
    flat = maps.flatten(2)
    return flat @ flat.transpose(1, 2) / flat.shape[2]
