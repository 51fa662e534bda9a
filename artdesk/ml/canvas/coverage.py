"""Mode coverage for the GAN: an encoder that makes the generator redraw real pictures (a VAE-GAN term).

A GAN trained only adversarially may draw one glyph per style and still fool its discriminator. Here an
encoder maps each real picture to a latent code (mean and spread, as a VAE's), and the generator must
redraw the picture from a code sampled there: every training picture then has a place in the latent space,
so no part of the data can be dropped. A small KL term keeps those codes near the normal prior the app
samples from, while the adversarial loss on prior samples keeps those sharp (Larsen et al. 2016;
"cVAE-GAN" in Zhu et al. 2017). The encoder is only needed for training and is not shipped.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class Encoder(nn.Module):
    """Picture (N x 3 x S x S, S = 64 or 32) -> latent mean and log-variance (N x latent_dim each)."""

    def __init__(self, latent_dim: int, width: int, image_size: int) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        cin, size = 3, image_size
        cout = width
        while size > 4:
            layers += [nn.Conv2d(cin, cout, 4, 2, 1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]
            cin, cout, size = cout, min(2 * cout, 8 * width), size // 2
        self.trunk = nn.Sequential(*layers, nn.Flatten())
        self.to_stats = nn.Linear(cin * 16, 2 * latent_dim)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.to_stats(self.trunk(x)).chunk(2, dim=1)
        return mu, logvar.clamp(-8, 4)


def redraw_loss(encoder: Encoder, generator: nn.Module, real: torch.Tensor, style: torch.Tensor,
                kl_weight: float) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """L1 between real pictures and the generator's redrawing from their sampled codes, plus ``kl_weight``
    times the KL divergence to the prior (summed over latent dimensions, averaged over the batch).

    Returns (loss, l1, kl) so the caller can log the parts.
    """
    mu, logvar = encoder(real)
    z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
    l1 = F.l1_loss(generator(z, style), real)
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(dim=1).mean()
    return l1 + kl_weight * kl, l1, kl
