"""GAN loss terms beyond the adversarial hinge (used by base training, ``train``)."""
from __future__ import annotations

import torch


def mode_seeking_loss(z: torch.Tensor, fake: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mao et al. 2019 ("Mode Seeking GANs"): the batch's two halves differ in z and the caller gives them
    the same styles.

    Returns (loss, ratio): ratio is the mean picture distance over the mean latent distance between the
    halves; the loss 1 / ratio grows when the generator ignores z (mode collapse within a style).
    """
    half = z.shape[0] // 2
    if half == 0:  # a batch of one picture: nothing to compare
        zero = fake.sum() * 0.0
        return zero, zero.detach()
    ratio = (fake[:half] - fake[half:2 * half]).abs().mean() / (z[:half] - z[half:2 * half]).abs().mean()
    return 1.0 / (ratio + 1e-5), ratio
