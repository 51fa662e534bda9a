"""Canvas networks: a FastGAN-style conditional GAN, a conditional conv VAE and a x2 upscaler.

Pictures are float tensors in [-1, 1], N x 3 x 64 x 64. Both generative models offer
``synthesize(z, style) -> pictures`` with ``z`` of shape N x latent_dim and ``style`` a long tensor
of style indices, so the generation jobs treat them alike.

GAN (after Liu et al. 2021, "FastGAN"): generator with skip-layer excitation (4->32, 8->64),
GLU upsampling blocks; discriminator with a projection head for the style and two small decoders
that reconstruct the real picture from its 8x8 features (whole, and a random quadrant) with an
L1 loss (no pretrained perceptual network is available offline).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import spectral_norm


@dataclass(frozen=True)
class GeneratorConfig:
    """What both picture generators (GAN and VAE) are built from; each checkpoint's card stores its config."""

    latent_dim: int = 128
    styles: int = 4
    style_dim: int = 32
    width: int = 32  # channels at 64x64; doubled at each halving, capped at 8 * width
    image_size: int = 64  # the GAN may train at 32 (faster); synthesize still returns 64 px


@dataclass(frozen=True)
class GanConfig(GeneratorConfig):
    ink: bool = False  # black ink on white (glyphs): synthesize greys the picture and sharpens its edges
    minibatch_std: bool = False  # its discriminator has the minibatch spread feature (fine-tuning rebuilds it so)


@dataclass(frozen=True)
class DiscriminatorConfig:
    styles: int = 4
    width: int = 32
    image_size: int = 64
    minibatch_std: bool = False  # the logit also sees how much the batch varies (against one-picture collapse)


@dataclass(frozen=True)
class VaeConfig(GeneratorConfig):
    """The conditional VAE needs nothing beyond the shared settings."""


@dataclass(frozen=True)
class UpscalerConfig:
    width: int = 32
    blocks: int = 4


def _channels(width: int) -> dict[int, int]:
    return {4: 8 * width, 8: 8 * width, 16: 4 * width, 32: 2 * width, 64: width}


def downsampling_stages(width: int, stage: Callable[[int, int], list[nn.Module]]) -> tuple[list[nn.Module], int]:
    """The layers of four stages from RGB to ``width``, 2x, 4x and 8x ``width`` channels, each halving the
    picture (``stage(cin, cout)`` gives one stage's layers), and the channels they end with."""
    layers: list[nn.Module] = []
    cin = 3
    for cout in (width, 2 * width, 4 * width, 8 * width):
        layers += stage(cin, cout)
        cin = cout
    return layers, cin


class UpBlock(nn.Module):
    """Nearest x2, 3x3 conv to 2C, batch norm, GLU (FastGAN's upsampling block)."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.conv = nn.Conv2d(cin, cout * 2, 3, 1, 1, bias=False)
        self.norm = nn.BatchNorm2d(cout * 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.glu(self.norm(self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))), dim=1)


class SkipExcitation(nn.Module):
    """Skip-layer excitation: a low-resolution feature map gates the channels of a high-resolution one."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.AdaptiveAvgPool2d(4), nn.Conv2d(cin, cout, 4, 1, 0, bias=False), nn.SiLU(),
            nn.Conv2d(cout, cout, 1, 1, 0, bias=False), nn.Sigmoid(),
        )

    def forward(self, low: torch.Tensor, high: torch.Tensor) -> torch.Tensor:
        return high * self.net(low)


INK_CONTRAST = 2.0


def ink_edges(x: torch.Tensor, contrast: float = INK_CONTRAST) -> torch.Tensor:
    """Grey, then a tanh curve around mid-grey: faint haze goes to paper white, strokes to clean black."""
    grey = x.mean(dim=1, keepdim=True)
    return (torch.tanh(contrast * grey) / math.tanh(contrast)).clamp(-1, 1).expand(-1, 3, -1, -1)


class Generator(nn.Module):
    def __init__(self, config: GanConfig) -> None:
        super().__init__()
        self.config = config
        ch = _channels(config.width)
        self.style_embedding = nn.Embedding(config.styles, config.style_dim)
        self.initial = nn.Sequential(
            nn.ConvTranspose2d(config.latent_dim + config.style_dim, ch[4] * 2, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ch[4] * 2), nn.GLU(dim=1),
        )
        # registration order is the parameters' order in saved optimizer state: keep it
        self.up8, self.up16, self.up32 = UpBlock(ch[4], ch[8]), UpBlock(ch[8], ch[16]), UpBlock(ch[16], ch[32])
        if config.image_size == 64:
            self.up64 = UpBlock(ch[32], ch[64])
        self.se32 = SkipExcitation(ch[4], ch[32])
        if config.image_size == 64:
            self.se64 = SkipExcitation(ch[8], ch[64])
        self.to_rgb = nn.Conv2d(ch[config.image_size], 3, 3, 1, 1)

    @property
    def latent_dim(self) -> int:
        return self.config.latent_dim

    def forward(self, z: torch.Tensor, style: torch.Tensor) -> torch.Tensor:
        h = torch.cat([z, self.style_embedding(style)], dim=1)[:, :, None, None]
        f4 = self.initial(h)
        f8 = self.up8(f4)
        f16 = self.up16(f8)
        out = self.se32(f4, self.up32(f16))
        if self.config.image_size == 64:
            out = self.se64(f8, self.up64(out))
        return torch.tanh(self.to_rgb(out))

    def synthesize(self, z: torch.Tensor, style: torch.Tensor) -> torch.Tensor:
        """Pictures at 64 px (a 32 px generator's are upsampled, so every job sees one size)."""
        x = self(z, style)
        if x.shape[-1] != 64:
            x = F.interpolate(x, size=64, mode="bilinear", align_corners=False)
        return ink_edges(x) if self.config.ink else x


def _sn_conv(cin: int, cout: int, k: int, s: int, p: int) -> nn.Module:
    return spectral_norm(nn.Conv2d(cin, cout, k, s, p, bias=False))


class DownBlock(nn.Module):
    """Strided 4x4 conv plus an average-pool shortcut (FastGAN's DownBlockComp, simplified)."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__()
        self.main = nn.Sequential(_sn_conv(cin, cout, 4, 2, 1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2),
                                  _sn_conv(cout, cout, 3, 1, 1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2))
        self.skip = nn.Sequential(nn.AvgPool2d(2), _sn_conv(cin, cout, 1, 1, 0), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (self.main(x) + self.skip(x)) / 2


class SimpleDecoder(nn.Module):
    """8x8 features -> 32x32 picture, for the discriminator's self-supervised reconstruction."""

    def __init__(self, cin: int, width: int) -> None:
        super().__init__()
        self.net = nn.Sequential(UpBlock(cin, 4 * width), UpBlock(4 * width, 2 * width), nn.Conv2d(2 * width, 3, 3, 1, 1), nn.Tanh())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def batch_spread(features: torch.Tensor, group: int = 4) -> torch.Tensor:
    """Minibatch standard deviation (Karras et al. 2018): per group of pictures, the mean std of the features,
    one number per picture. A generator that draws one picture for every z makes it near zero."""
    n = features.shape[0]
    group = group if n % group == 0 else n
    grouped = features.reshape(group, n // group, -1)
    spread = grouped.std(dim=0, unbiased=False).mean(dim=1)  # one per group column
    return spread.repeat(group).unsqueeze(1)


class Discriminator(nn.Module):
    def __init__(self, config: DiscriminatorConfig) -> None:
        super().__init__()
        w = config.width
        self.image_size = config.image_size
        if config.image_size == 64:
            self.from_rgb = nn.Sequential(_sn_conv(3, w, 3, 1, 1), nn.LeakyReLU(0.2))
            self.down32 = DownBlock(w, 2 * w)
        else:  # 32 px pictures start at the 32 px stage
            self.from_rgb = nn.Sequential(_sn_conv(3, 2 * w, 3, 1, 1), nn.LeakyReLU(0.2))
        self.down16, self.down8, self.down4 = DownBlock(2 * w, 4 * w), DownBlock(4 * w, 8 * w), DownBlock(8 * w, 8 * w)
        self.minibatch_std = config.minibatch_std
        self.logit = spectral_norm(nn.Linear(8 * w + int(config.minibatch_std), 1))
        self.style_embedding = spectral_norm(nn.Embedding(config.styles, 8 * w))
        self.decode_whole = SimpleDecoder(8 * w, w)
        self.decode_part = SimpleDecoder(4 * w, w)

    def forward(self, x: torch.Tensor, style: torch.Tensor, reconstruct: bool = False):
        f32 = self.from_rgb(x)
        if self.image_size == 64:
            f32 = self.down32(f32)
        f16 = self.down16(f32)
        f8 = self.down8(f16)
        f4 = self.down4(f8)
        pooled = F.leaky_relu(f4, 0.2).sum(dim=(2, 3))
        features = torch.cat([pooled, batch_spread(f4)], dim=1) if self.minibatch_std else pooled
        logits = self.logit(features).squeeze(1) + (self.style_embedding(style) * pooled).sum(dim=1)
        if not reconstruct:
            return logits
        quadrant = int(torch.randint(0, 4, (1,)).item())
        row, col = divmod(quadrant, 2)
        part = f16[:, :, row * 8:(row + 1) * 8, col * 8:(col + 1) * 8]
        return logits, self.decode_whole(f8), self.decode_part(part), quadrant


class Vae(nn.Module):
    """Conditional conv VAE: the encoder sees only the picture; the decoder gets z and the style."""

    def __init__(self, config: VaeConfig) -> None:
        super().__init__()
        self.config = config
        w = config.width
        layers, _ = downsampling_stages(w, lambda cin, cout: [nn.Conv2d(cin, cout, 4, 2, 1), nn.BatchNorm2d(cout),
                                                              nn.LeakyReLU(0.2)])  # 64 -> 32 -> 16 -> 8 -> 4
        self.encoder = nn.Sequential(*layers, nn.Flatten())
        self.to_stats = nn.Linear(8 * w * 16, 2 * config.latent_dim)
        self.style_embedding = nn.Embedding(config.styles, config.style_dim)
        self.from_latent = nn.Linear(config.latent_dim + config.style_dim, 8 * w * 16)
        ch = _channels(w)
        self.decoder = nn.Sequential(UpBlock(8 * w, ch[8]), UpBlock(ch[8], ch[16]), UpBlock(ch[16], ch[32]),
                                     UpBlock(ch[32], ch[64]), nn.Conv2d(ch[64], 3, 3, 1, 1), nn.Tanh())

    @property
    def latent_dim(self) -> int:
        return self.config.latent_dim

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        mu, logvar = self.to_stats(self.encoder(x)).chunk(2, dim=1)
        return mu, logvar.clamp(-12, 8)

    def decode(self, z: torch.Tensor, style: torch.Tensor) -> torch.Tensor:
        h = self.from_latent(torch.cat([z, self.style_embedding(style)], dim=1))
        return self.decoder(h.view(len(z), 8 * self.config.width, 4, 4))

    def forward(self, x: torch.Tensor, style: torch.Tensor):
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
        return self.decode(z, style), mu, logvar

    def synthesize(self, z: torch.Tensor, style: torch.Tensor) -> torch.Tensor:
        return self.decode(z, style)


class Upscaler(nn.Module):
    """x2 super-resolution: residual convs predict the detail added to a bicubic upsample (ESPCN-like)."""

    def __init__(self, config: UpscalerConfig) -> None:
        super().__init__()
        w = config.width
        self.head = nn.Conv2d(3, w, 3, 1, 1)
        self.body = nn.ModuleList(
            nn.Sequential(nn.Conv2d(w, w, 3, 1, 1), nn.ReLU(), nn.Conv2d(w, w, 3, 1, 1)) for _ in range(config.blocks))
        self.tail = nn.Sequential(nn.Conv2d(w, 3 * 4, 3, 1, 1), nn.PixelShuffle(2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        base = F.interpolate(x, scale_factor=2, mode="bicubic", align_corners=False)
        h = self.head(x)
        for block in self.body:
            h = h + block(h)
        return (base + self.tail(F.relu(h))).clamp(-1, 1)
