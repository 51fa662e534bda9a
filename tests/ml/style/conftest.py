"""Tiny stylizer checkpoints and pictures for the style tests."""
from __future__ import annotations

import numpy as np
import pytest


def make_tiny_stylizer(dest, name: str = "tiny", width: int = 4):
    import torch

    from artdesk.ml.checkpoint import save_checkpoint
    from artdesk.ml.style.model import Stylizer, StylizerConfig

    torch.manual_seed(0)
    config = StylizerConfig(width=width, residual_blocks=1, method="gram", style=name)
    model = Stylizer(config)
    from artdesk.ml.style.train import _png_bytes

    style = (np.random.default_rng(0).random((48, 48, 3)) * 255).astype(np.uint8)
    save_checkpoint(model, dest, model_type="style-stylizer", config=config, name=name, labels=["preset", name.title()],
                    assets={"style.png": _png_bytes(style)})
    return dest


@pytest.fixture
def picture():
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:48, 0:64]
    rgb = np.stack([xx * 4, yy * 5, (xx + yy) * 2], axis=2) + rng.integers(0, 20, (48, 64, 3))
    return rgb.clip(0, 255).astype(np.uint8)


@pytest.fixture
def style_picture():
    rng = np.random.default_rng(1)
    stripes = (np.sin(np.arange(64) / 2.0)[None, :, None] * 100 + 128).repeat(64, axis=0).repeat(3, axis=2)
    return (stripes + rng.integers(0, 30, (64, 64, 3))).clip(0, 255).astype(np.uint8)


@pytest.fixture
def tiny_stylizer(tmp_path):
    return make_tiny_stylizer(tmp_path / "models" / "style" / "tiny")
