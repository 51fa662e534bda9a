"""Tiny, really trained melody models for tests (no data download): ``train_tiny(out_dir, model_type)``.

The melodies are made here: scales, arpeggios and a repeated motif in a few keys and metres.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from artdesk.core.jobs import JobContext
from artdesk.core.melody import Melody, Note

STYLES = ("classical", "folk", "celtic")


def tiny_melodies(count: int = 12, seed: int = 0) -> list[Melody]:
    """``count`` short melodies in various keys and metres (deterministic)."""
    rng = np.random.default_rng(seed)
    patterns = ([0, 2, 4, 5, 7, 9, 11, 12], [0, 4, 7, 12, 7, 4], [0, 2, 4, 2, 0, 7, 5, 4])
    metres = ((4, 4), (3, 4), (6, 8))
    melodies = []
    for index in range(count):
        pattern = patterns[index % len(patterns)]
        tonic = 60 + int(rng.integers(-5, 7))
        duration = int(rng.choice([2, 4]))
        notes, step = [], 0
        for repeat in range(3):
            for degree in pattern:
                notes.append(Note(tonic + degree, step, duration))
                step += duration
        melodies.append(Melody(tuple(notes), 120.0, metres[index % len(metres)], {"title": f"tiny {index}"}))
    return melodies


def train_tiny(out_dir: Path, model_type: str, steps: int = 5, seed: int = 0) -> Path:
    """A checkpoint folder ``out_dir/<model_type>`` with an LSTM (hidden 16) or VAE (latent 8) trained ``steps`` updates."""
    import torch

    from artdesk.ml.checkpoint import save_checkpoint
    from artdesk.ml.music.data import build_dataset
    from artdesk.ml.music.model import MelodyLSTM, MelodyLSTMConfig, MelodyVAE, MelodyVAEConfig
    from artdesk.ml.music.training import TrainSettings, train_model

    torch.manual_seed(seed)
    melodies = tiny_melodies(seed=seed)
    dataset = build_dataset(melodies, [STYLES[i % 3] for i in range(len(melodies))], STYLES,
                            np.array([0] * (len(melodies) - 2) + [1, 1]))
    train, held_out = dataset.subset(dataset.split == 0), dataset.subset(dataset.split == 1)
    if model_type == "melody-lstm":
        config = MelodyLSTMConfig(hidden=16, layers=1, embed=8, styles=STYLES, window=64)
        model, kind = MelodyLSTM(config), "lstm"
    elif model_type == "melody-vae":
        config = MelodyVAEConfig(enc_hidden=16, latent=8, dec_hidden=16, dec_layers=1, embed=8)
        model, kind = MelodyVAE(config), "vae"
    else:
        raise ValueError(f"no tiny {model_type}")
    settings = TrainSettings(minutes=10.0, batch_size=8, steps=64, max_updates=steps, seed=seed, eval_every_s=1e9)
    result = train_model(kind, model, train, held_out, settings, JobContext(), torch.device("cpu"))
    return save_checkpoint(result.model, Path(out_dir) / model_type, model_type=model_type, config=config,
                           name=f"tiny-{model_type}", data={"source": "artdesk.ml.music.tiny", "licence": "generated"},
                           training={"updates": result.updates}, half=False)
