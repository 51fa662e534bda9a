"""The judge's view of a picture model: recognisable, judge-feature KID (with floor and PCA baseline), diversity.

``judge_report(model, judge, data, count)`` samples ``count`` pictures spread evenly over the model's styles
(fixed seed) and measures them against the data's held-out pictures with the judge from ``judge.py``.
``judge_lines(scores)`` prints the three lines ``artdesk eval image`` ends with.
"""
from __future__ import annotations

import numpy as np
import torch

from artdesk.ml.canvas import eval as metrics
from artdesk.ml.canvas.data import CanvasData
from artdesk.ml.canvas.judge import Judge, diversity_ratio, judge_features, probabilities, recognised


@torch.no_grad()
def sample_each_style(model, count: int, styles: int, seed: int = 12345, check=None) -> tuple[np.ndarray, np.ndarray]:
    """``count`` pictures, styles in turn (0, 1, 2, 0, 1, ...), latents from ``seed``; returns (images, styles)."""
    labels = np.arange(count) % styles
    generator = torch.Generator().manual_seed(seed)
    z = torch.randn(count, model.latent_dim, generator=generator)
    images = []
    for start in range(0, count, 250):
        if check is not None:
            check()
        style = torch.from_numpy(labels[start:start + 250].astype(np.int64))
        images.append(metrics.to_uint8(model.synthesize(z[start:start + 250], style)))
    return np.concatenate(images), labels


def real_shape_features(data: CanvasData, count: int = 240, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Shape features (the ImageNet trunk's ``mid`` layer) of up to ``count`` held-out pictures, and their styles."""
    from artdesk.ml.features.trunk import trunk_features

    heldout, styles = data.split(heldout=True)
    chosen = np.sort(np.random.default_rng(seed).choice(len(heldout), min(count, len(heldout)), replace=False))
    return trunk_features(heldout[chosen], "mid"), styles[chosen]


def shape_diversity(fake: np.ndarray, fake_styles: np.ndarray, real: tuple[np.ndarray, np.ndarray]) -> float:
    """Diversity of real in the trunk's shape features. The judge's own features cannot measure it: trained to
    name the style, they see two different glyphs of one typeface as alike and one glyph's noise as variety."""
    from artdesk.ml.features.trunk import trunk_features

    return diversity_ratio(trunk_features(fake, "mid"), fake_styles, *real)


def judge_report(model, judge: Judge, data: CanvasData, count: int, check=None) -> dict[str, float]:
    if list(judge.config.classes) != list(data.classes):
        from artdesk.core.errors import ArtdeskError

        raise ArtdeskError(f"The judge knows {', '.join(judge.config.classes)}, the data has {', '.join(data.classes)}.")
    train, _ = data.split(heldout=False)
    heldout, heldout_styles = data.split(heldout=True)
    fake, fake_styles = sample_each_style(model, count, len(data.classes), check=check)
    f_fake, f_heldout = judge_features(judge, fake), judge_features(judge, heldout)
    rng = np.random.default_rng(1)
    floor = train[rng.choice(len(train), min(len(train), count), replace=False)]
    pca = metrics.pca_gaussian_samples(train, count)
    per_style = probabilities(judge, fake)
    scores = {
        "recognisable": recognised(per_style, fake_styles),
        "recognisable_heldout": recognised(probabilities(judge, heldout), heldout_styles),
        "recognisable_pca_baseline": recognised(probabilities(judge, pca), np.arange(count) % len(data.classes)),
        "judge_kid": metrics.kid(f_fake, f_heldout),
        "judge_kid_floor_train_vs_heldout": metrics.kid(judge_features(judge, floor), f_heldout),
        "judge_kid_pca_baseline": metrics.kid(judge_features(judge, pca), f_heldout),
        "diversity_of_real": shape_diversity(fake[:300], fake_styles[:300], real_shape_features(data)),
        "recognisable_per_style": {name: round(recognised(per_style[fake_styles == k], fake_styles[fake_styles == k]), 4)
                                   for k, name in enumerate(data.classes)},
    }
    return {k: (round(v, 5) if isinstance(v, float) else v) for k, v in scores.items()}


def judge_lines(scores: dict, too_close: float) -> str:
    """The three lines that end ``artdesk eval image``'s report."""
    return "\n".join([
        f"recognisable: {scores['recognisable'] * 100:.1f}% of samples "
        f"(held-out real pictures: {scores['recognisable_heldout'] * 100:.1f}%)",
        f"diversity: {scores['diversity_of_real']:.2f} of real",
        f"too close: {too_close * 100:.1f}%",
    ])
