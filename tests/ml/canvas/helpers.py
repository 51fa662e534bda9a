"""Tiny canvas models and synthetic pictures for tests (no prepared data needed)."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def synthetic_pictures(count: int, seed: int = 0, size: int = 64) -> np.ndarray:
    """Clip-art-like pictures: a few coloured ellipses and boxes on white, uint8 N x size x size x 3."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    out = np.empty((count, size, size, 3), dtype=np.uint8)
    for i in range(count):
        image = Image.new("RGB", (size, size), (255, 255, 255))
        draw = ImageDraw.Draw(image)
        for _ in range(rng.integers(1, 4)):
            x0, y0 = rng.integers(0, size - 16, 2)
            x1, y1 = x0 + rng.integers(8, 40), y0 + rng.integers(8, 40)
            colour = tuple(int(c) for c in rng.integers(0, 256, 3))
            shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
            shape([int(x0), int(y0), int(x1), int(y1)], fill=colour, outline=(0, 0, 0), width=2)
        out[i] = np.asarray(image)
    return out


def write_dataset(folder: Path, count: int = 120, seed: int = 0) -> Path:
    """A prepared-data folder (canvas64.npz + manifest) of synthetic pictures in all four styles."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    images = synthetic_pictures(count, seed)
    styles = (np.arange(count) % 4).astype(np.uint8)
    heldout = np.zeros(count, dtype=bool)
    heldout[::5] = True
    np.savez_compressed(folder / "canvas64.npz", images=images, styles=styles, heldout=heldout)
    (folder / "manifest.json").write_text(json.dumps({"counts": {}, "split": {"test": True}}))
    return folder


def tiny_checkpoints(root: Path) -> dict[str, Path]:
    """Save a tiny GAN, VAE and upscaler (widths 4-8, seed 0) under ``root/canvas/``."""
    import torch

    from artdesk.ml.canvas.model import GanConfig, Generator, Upscaler, UpscalerConfig, Vae, VaeConfig
    from artdesk.ml.checkpoint import save_checkpoint

    torch.manual_seed(0)
    paths = {}
    for kind, model_type, model, config in (
        ("gan", "canvas-gan", None, GanConfig(latent_dim=16, style_dim=4, width=4)),
        ("vae", "canvas-vae", None, VaeConfig(latent_dim=16, style_dim=4, width=4)),
        ("upscaler", "canvas-upscaler", None, UpscalerConfig(width=8, blocks=1)),
    ):
        cls = {"gan": Generator, "vae": Vae, "upscaler": Upscaler}[kind]
        model = cls(config)
        if kind != "upscaler":  # calibrate batch-norm statistics so the untrained model's pictures vary
            with torch.no_grad():
                for _ in range(20):
                    model.synthesize(torch.randn(32, config.latent_dim), torch.randint(0, 4, (32,)))
        model.eval()
        paths[kind] = save_checkpoint(model, root / "canvas" / f"tiny-{kind}", model_type=model_type, config=config,
                                      name=f"tiny-{kind}", half=False)
    return paths
