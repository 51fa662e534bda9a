"""The feed-forward stylizer: a small conv net trained per style (Johnson et al.'s fast style transfer, slimmed).

Reflect-padded convs, instance norm, two stride-2 downsamplings, residual blocks at quarter
resolution, nearest upsampling + conv, then back to full size by ``upsample``: "transpose" (a transposed
conv, cheaper; the first presets) or "nearest" (nearest upsampling + conv: no checkerboard, which random
features reward and a transposed conv learns easily). Input and output are Bx3xHxW in [0, 1];
any size works (odd sizes are padded and cropped).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn


UPSAMPLING = ("transpose", "nearest")


@dataclass(frozen=True)
class StylizerConfig:
    width: int = 12  # channels at full resolution; x2 at half, x3 at quarter
    residual_blocks: int = 3
    method: str = "gram"  # the feature statistics it was trained against
    style: str = ""  # preset name or the user's style name
    residual_output: bool = True  # output = input + learned change (starts near identity: learns from few steps)
    upsample: str = "transpose"  # last upsampling: "transpose" (cards without this field) or "nearest"

    def __post_init__(self) -> None:
        if self.upsample not in UPSAMPLING:
            # TypeError: what the checkpoint loader reports as settings that do not fit this artdesk
            raise TypeError(f"upsample must be one of {', '.join(UPSAMPLING)}, not {self.upsample!r}")


def _conv(cin: int, cout: int, kernel: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.ReflectionPad2d(kernel // 2), nn.Conv2d(cin, cout, kernel, stride))


class _Residual(nn.Module):
    def __init__(self, width: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            _conv(width, width, 3), nn.InstanceNorm2d(width, affine=True), nn.ReLU(inplace=True),
            _conv(width, width, 3), nn.InstanceNorm2d(width, affine=True),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


def _last_upsample(kind: str, cin: int, cout: int) -> list[nn.Module]:
    if kind == "transpose":
        return [nn.ConvTranspose2d(cin, cout, 4, 2, 1)]
    return [nn.Upsample(scale_factor=2, mode="nearest"), _conv(cin, cout, 3)]


class Stylizer(nn.Module):
    def __init__(self, config: StylizerConfig) -> None:
        super().__init__()
        self.config = config
        w = config.width
        self.down = nn.Sequential(
            _conv(3, w, 5), nn.InstanceNorm2d(w, affine=True), nn.ReLU(inplace=True),
            _conv(w, 2 * w, 3, 2), nn.InstanceNorm2d(2 * w, affine=True), nn.ReLU(inplace=True),
            _conv(2 * w, 3 * w, 3, 2), nn.InstanceNorm2d(3 * w, affine=True), nn.ReLU(inplace=True),
        )
        self.blocks = nn.Sequential(*[_Residual(3 * w) for _ in range(config.residual_blocks)])
        self.up = nn.Sequential(
            nn.Upsample(scale_factor=2, mode="nearest"), _conv(3 * w, 2 * w, 3), nn.InstanceNorm2d(2 * w, affine=True), nn.ReLU(inplace=True),
            *_last_upsample(config.upsample, 2 * w, w), nn.InstanceNorm2d(w, affine=True), nn.ReLU(inplace=True),
            _conv(w, 3, 5),
        )
        if config.residual_output:
            last = self.up[-1][1]
            with torch.no_grad():
                last.weight.mul_(0.01)
                last.bias.zero_()

    def unbounded(self, image: torch.Tensor) -> torch.Tensor:
        """The output before the final clamp to [0, 1] (training needs it: the clamp has no gradient outside)."""
        height, width = image.shape[-2:]
        pad_h, pad_w = (-height) % 4, (-width) % 4
        x = F.pad(image, (0, pad_w, 0, pad_h), mode="reflect") if pad_h or pad_w else image
        out = self.up(self.blocks(self.down(x * 2 - 1)))
        out = x + out if self.config.residual_output else (torch.tanh(out) + 1) / 2
        return out[..., :height, :width] if pad_h or pad_w else out

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return self.unbounded(image).clamp(0, 1)
