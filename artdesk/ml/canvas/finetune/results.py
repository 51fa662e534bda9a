"""What the fine-tune jobs send back to the wizard: snapshots, unfinished runs, estimates.

Torch-free on purpose: the jobs run in the training and model processes, and the UI's process unpickles
these by importing this module, which must not import torch there (its import holds the UI thread's GIL).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from artdesk.ml.canvas.finetune.plan import FinetuneRequest


@dataclass
class Snapshot:
    """What the wizard shows at a snapshot (published with ``ctx.publish``)."""

    step: int
    seconds: float
    samples: np.ndarray  # STRIP x H x W x 3 uint8 at fixed seeds
    losses: dict[str, float]
    loss_history: list[tuple[int, float, float]]  # (step, D loss, G loss)
    kid: float | None
    too_close: float | None
    closest_pairs: list[tuple[np.ndarray, np.ndarray, float]] = field(default_factory=list)
    copying_warning: str = ""
    diversity: float | None = None  # mean pairwise feature distance among the samples
    user_diversity: float | None = None  # the same among the user's pictures
    collapse_warning: str = ""  # plain words when the samples become all alike
    base_kid: float | None = None  # the base model's KID (None: this is the base model's snapshot)


@dataclass(frozen=True)
class UnfinishedRun:
    name: str
    request: FinetuneRequest
    step: int
    saved_at: float
    state_path: Path


@dataclass(frozen=True)
class Estimate:
    seconds_per_step: float
    steps: int
    total_seconds: float
