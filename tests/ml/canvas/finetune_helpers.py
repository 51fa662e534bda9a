"""A tiny base GAN that ships a discriminator, and a folder of the benchmark's flowers, for fine-tune tests."""
from __future__ import annotations

from pathlib import Path


def tiny_base(root: Path) -> Path:
    """tests' tiny GAN (width 4) plus a discriminator.safetensors beside it, so FreezeD has something to freeze."""
    import torch
    from safetensors.torch import save_file

    from artdesk.ml.canvas.finetune.trainer import DISCRIMINATOR_FILE, discriminator_config
    from artdesk.ml.canvas.model import Discriminator
    from artdesk.ml.checkpoint import load_checkpoint
    from tests.ml.canvas.helpers import tiny_checkpoints

    gan = tiny_checkpoints(root)["gan"]
    torch.manual_seed(1)
    discriminator = Discriminator(discriminator_config(load_checkpoint(gan).model))
    save_file({k: v.contiguous() for k, v in discriminator.state_dict().items()}, str(gan / DISCRIMINATOR_FILE))
    return gan


def flowers(folder: Path, count: int = 8) -> list[str]:
    from artdesk.ml.canvas.finetune.bench_set import make_bench_set

    return [str(p) for p in make_bench_set(folder, count)]


def request(files, base: Path, **overrides):
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest

    values = dict(files=tuple(files), base_dir=str(base), base_source="user", name="mine", steps=6, snapshot_every=3,
                  device="cpu", checkpoint_every_s=0.0)
    values.update(overrides)
    return FinetuneRequest(**values)
