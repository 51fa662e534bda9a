"""Pictures for people to look at: a model's seeds 0-15 per style, and its most familiar samples beside
their closest training pictures.

``python -m artdesk.ml.canvas.showcase MODEL OUT_DIR [--data DIR] [--scale 2]`` writes
``<name>-seeds.png`` (one row per style, seeds 0-15, one picture per seed, nobody picks) and, when the model's
set has a judge, ``<name>-familiar.png``: the four samples the judge is surest of, each beside its nearest
training picture in the judge's features.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from artdesk.ml.canvas.commands import judge_for, grid_image
from artdesk.core.paths import default_cache
from artdesk.ml.canvas.data import load_data
from artdesk.ml.canvas.eval import to_uint8
from artdesk.ml.canvas.requests import model_styles
from artdesk.ml.checkpoint import load_checkpoint

SEEDS = range(16)


@torch.no_grad()
def seed_rows(model, styles: int, seeds=SEEDS) -> list[np.ndarray]:
    """For each style, one picture per seed: the first latent a grid at that seed would draw."""
    z = torch.stack([torch.randn(model.latent_dim, generator=torch.Generator().manual_seed(s)) for s in seeds])
    return [to_uint8(model.synthesize(z, torch.full((len(z),), k, dtype=torch.long))) for k in range(styles)]


def familiar_pairs(model, judge, data, count: int = 256, shown: int = 4) -> list[np.ndarray]:
    """The ``shown`` samples the judge is surest of, each followed by its nearest training picture."""
    from artdesk.ml.canvas.judge import judge_features, probabilities
    from artdesk.ml.canvas.judged import sample_each_style

    fake, labels = sample_each_style(model, count, len(data.classes), seed=2026)
    confidence = probabilities(judge, fake)[np.arange(count), labels]
    chosen = np.argsort(-confidence)[:shown]
    train, _ = data.split(heldout=False)
    f_train, f_fake = judge_features(judge, train), judge_features(judge, fake[chosen])
    nearest = ((f_fake[:, None, :] - f_train[None, :, :]) ** 2).sum(-1).argmin(1)
    return [picture for i, j in zip(chosen, nearest) for picture in (fake[i], train[j])]


def _save(images: list[np.ndarray], columns: int, path: Path, scale: int) -> Path:
    grid = Image.fromarray(grid_image(images, columns=columns))
    grid = grid.resize((grid.width * scale, grid.height * scale), Image.Resampling.LANCZOS)
    path.parent.mkdir(parents=True, exist_ok=True)
    grid.save(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.canvas.showcase")
    parser.add_argument("model", type=Path, help="a GAN or VAE checkpoint folder")
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=None, help="the prepared picture set (for the familiar pairs)")
    parser.add_argument("--scale", type=int, default=2, help="enlarge the 64 px pictures this many times")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    checkpoint = load_checkpoint(args.model)
    styles = model_styles(checkpoint.card.labels)
    name = checkpoint.card.name
    rows = seed_rows(checkpoint.model, len(styles))
    print(_save([p for row in rows for p in row], len(SEEDS), args.out / f"{name}-seeds.png", args.scale))
    judge = judge_for(checkpoint.card)
    picture_set = checkpoint.card.raw.get("data", {}).get("set")
    if judge is not None:
        data = load_data(args.data or default_cache() / "canvas-sets" / picture_set)
        pairs = familiar_pairs(checkpoint.model, judge, data)
        print(_save(pairs, 8, args.out / f"{name}-familiar.png", args.scale))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
