"""How good and how original a fine-tuned model is, in the project's random-network features (canvas/eval.py).

KID against the user's held-out pictures (lower is better), the too-close rate (share of generated
pictures nearer to a training picture than the 5th percentile of held-out-to-training distances) and the
closest generated/training pairs, for the user to see side by side.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from artdesk.ml.canvas import eval as metrics

TRAIN_MAX = 2000  # training pictures compared against (a fixed-seed subset beyond this)
HELDOUT_MAX = 500


@dataclass(frozen=True)
class Measure:
    kid: float
    too_close: float
    closest_pairs: list[tuple[np.ndarray, np.ndarray, float]]


class Judge:
    """Features of the user's training and held-out pictures, computed once per run."""

    def __init__(self, train: np.ndarray, heldout: np.ndarray, device: str | torch.device = "cpu") -> None:
        rng = np.random.default_rng(0)
        if len(train) > TRAIN_MAX:
            train = train[np.sort(rng.choice(len(train), TRAIN_MAX, replace=False))]
        if len(heldout) > HELDOUT_MAX:
            heldout = heldout[np.sort(rng.choice(len(heldout), HELDOUT_MAX, replace=False))]
        self.nets = metrics.load_feature_nets(device)
        self.train_images = train
        self.train = metrics.FeatureSet(self.nets, train)
        self.heldout = metrics.FeatureSet(self.nets, heldout)
        self.threshold = float(np.percentile(metrics.nearest_distances(self.heldout.joined, self.train.joined), 5))

    def measure(self, fake: np.ndarray, pairs: int = 4) -> Measure:
        generated = metrics.FeatureSet(self.nets, fake)
        g, t = generated.joined, self.train.joined
        squared = (g * g).sum(1)[:, None] + (t * t).sum(1)[None, :] - 2 * g @ t.T
        nearest = squared.argmin(1)
        distances = np.sqrt(np.maximum(squared[np.arange(len(g)), nearest], 0))
        order = np.argsort(distances)[:pairs]
        closest = [(fake[i], self.train_images[nearest[i]], float(distances[i])) for i in order]
        return Measure(metrics.compare(generated, self.heldout), float((distances < self.threshold).mean()), closest)

    def nearest_style(self, generator, styles: int, count: int = 32) -> int:
        """The base model's style whose pictures' mean feature is nearest the training pictures' (works with one)."""
        target = self.train.joined.mean(0)
        distances = []
        for style in range(styles):
            fake = metrics.sample_model(generator, count, np.array([style]), seed=style)
            distances.append(float(((metrics.FeatureSet(self.nets, fake).joined.mean(0) - target) ** 2).sum()))
        return int(np.argmin(distances))
