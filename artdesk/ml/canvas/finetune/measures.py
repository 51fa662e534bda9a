"""The three measures of a fine-tune: diversity, likeness and copying, in one feature space.

- diversity: mean pairwise distance among a model's samples, beside the same among the user's pictures;
- likeness: KID (lower is closer) of samples against the user's held-out pictures, for the base model and
  for the fine-tuned one; its unbiased estimator can dip below zero, so the user sees only "closer / farther".
  Snapshots are ranked by KID against all the user's pictures (``kid_all``: 6 held-out pictures alone make
  too noisy a ranking; copying is refused by the too-close rate instead);
- copying: the too-close rate (share of samples nearer to a training picture than the 5th percentile of
  held-out-to-training distances) and the nearest pairs.

``picture_features`` is the one place that decides the features: the mid layer of the shipped ImageNet
MobileNetV2 trunk (``models/features/mobilenet-v2``), whose distances follow what the eye sees far better than
the random networks measured before (on the glyph GAN they called one repeated glyph varied). The bench, the
trainer's snapshot score and the wizard all follow it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from artdesk.ml.canvas import eval as metrics
from artdesk.ml.canvas.finetune.plan import COLLAPSE_SHARE, TOO_CLOSE_LIMIT

Features = Callable[[np.ndarray], np.ndarray]  # uint8 N x H x W x 3 -> float N x D
KID_SUBSETS_FEW = 200  # KID subsets when a side has few pictures (more draws steady the estimate)
DIVERSITY_SAMPLES = 64  # samples whose mean pairwise distance is a model's diversity
FEATURE_LAYER = "mid"  # the trunk's 14 x 14 map, averaged: shapes and strokes rather than ImageNet classes


def picture_features() -> Features:
    """The features of every measure: the ImageNet trunk's mid layer (384 values a picture)."""
    from artdesk.ml.features.trunk import trunk_features

    return lambda images: trunk_features(images, FEATURE_LAYER).astype(np.float64)


def diversity(features: np.ndarray) -> float:
    """Mean Euclidean distance over all distinct pairs of rows."""
    if len(features) < 2:
        return 0.0
    distances = metrics._pairwise(features, features)
    n = len(features)
    return float((distances.sum() - np.trace(distances)) / (n * (n - 1)))


def likeness(fake: np.ndarray, heldout: np.ndarray) -> float:
    """KID of fake against held-out features (lower is closer; may be slightly negative)."""
    subsets = KID_SUBSETS_FEW if min(len(fake), len(heldout)) < 100 else metrics.KID_SUBSETS
    return metrics.kid(fake, heldout, subsets=subsets)


@dataclass(frozen=True)
class Measure:
    """One model's three measures against the user's pictures."""

    diversity: float
    kid: float
    too_close: float
    closest_pairs: list[tuple[np.ndarray, np.ndarray, float]]  # (sample, nearest training picture, distance)
    kid_all: float = 0.0  # KID against all the user's pictures, training and held out (ranks snapshots)


class Judge:
    """The user's pictures in feature space, computed once per run; measures sample sets against them."""

    def __init__(self, train: np.ndarray, heldout: np.ndarray, features: Features | None = None) -> None:
        self.features = features or picture_features()
        self.train_images = train
        self.train = self.features(train)
        self.heldout = self.features(heldout)
        self.everything = np.concatenate([self.train, self.heldout])
        self.user_diversity = diversity(self.everything)
        self.threshold = float(np.percentile(metrics.nearest_distances(self.heldout, self.train), 5))

    def measure(self, fake: np.ndarray, pairs: int = 4) -> Measure:
        g = self.features(fake)
        squared = (g * g).sum(1)[:, None] + (self.train * self.train).sum(1)[None, :] - 2 * g @ self.train.T
        nearest = squared.argmin(1)
        distances = np.sqrt(np.maximum(squared[np.arange(len(g)), nearest], 0))
        order = np.argsort(distances)[:pairs]
        closest = [(fake[i], self.train_images[nearest[i]], float(distances[i])) for i in order]
        return Measure(diversity(g[:DIVERSITY_SAMPLES]), likeness(g, self.heldout), float((distances < self.threshold).mean()), closest,
                       likeness(g, self.everything))

    def nearest_style(self, generator, styles: int, count: int = 8) -> int:
        """The base model's style whose pictures' mean feature is nearest the training pictures' (works with one);
        ``count`` samples a style, measured in one batch so the first samples show soon."""
        samples = np.concatenate([metrics.sample_model(generator, count, np.array([s]), seed=s) for s in range(styles)])
        means = self.features(samples).reshape(styles, count, -1).mean(1)
        return int(np.argmin(((means - self.train.mean(0)) ** 2).sum(1)))


def variety_share(measure_diversity: float, user_diversity: float) -> float:
    """The samples' diversity as a share of the user set's (1.0: as varied as the user's pictures)."""
    return measure_diversity / user_diversity if user_diversity > 0 else 0.0


def collapsed(measure_diversity: float, user_diversity: float) -> bool:
    return variety_share(measure_diversity, user_diversity) < COLLAPSE_SHARE


def snapshot_score(measure: Measure, base: Measure, user_diversity: float) -> float | None:
    """Higher is better: the likeness gained over the base model (``kid_all``); None when the snapshot
    collapsed or copies."""
    if collapsed(measure.diversity, user_diversity) or measure.too_close >= TOO_CLOSE_LIMIT:
        return None
    return base.kid_all - measure.kid_all

