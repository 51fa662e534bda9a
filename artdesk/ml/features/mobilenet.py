"""MobileNetV2 (width 1.0) as Keras builds it, without the classifier: the feature trunk.

Layout and padding follow ``keras.applications.MobileNetV2`` (stride-2 convolutions pad one
pixel on the right and bottom only, batch norm epsilon 1e-3), so weights exported from Keras
map one to one (``artdesk.ml.features.port_nsfwjs``). Input: float RGB, N x 3 x 224 x 224, values
in [0, 1] (what nsfwjs feeds its model: pixels / 255).

Named taps (``MobileNetV2.taps``):
- ``low``: expansion of Keras ``block_3`` after ReLU6, 144 x 56 x 56 (edges, colour, texture);
- ``mid``: expansion of Keras ``block_10`` after ReLU6, 384 x 14 x 14 (the deepest layer whose
  weights nsfwjs kept frozen at their ImageNet values);
- ``pooled``: Keras ``out_relu`` averaged over space, 1280 values (what nsfwjs's head reads).
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

# (expansion, output channels, repeats, first stride) per stage, as in the MobileNetV2 paper
STAGES = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))
STEM_CHANNELS = 32
HEAD_CHANNELS = 1280
BN_EPS = 1e-3
TAP_BLOCKS = {"low": 3, "mid": 10}  # tap name -> block whose expansion is tapped
TAPS = ("low", "mid", "pooled")
TAP_CHANNELS = {"low": 144, "mid": 384, "pooled": HEAD_CHANNELS}


@dataclass(frozen=True)
class MobileNetV2Config:
    input_size: int = 224  # pictures are resized to this square before the trunk


def _conv_bn(cin: int, cout: int, kernel: int = 1, stride: int = 1, groups: int = 1) -> nn.Sequential:
    padding = kernel // 2 if stride == 1 else 0  # stride 2 pads asymmetrically in forward
    return nn.Sequential(
        nn.Conv2d(cin, cout, kernel, stride, padding, groups=groups, bias=False), nn.BatchNorm2d(cout, eps=BN_EPS)
    )


class InvertedResidual(nn.Module):
    """1x1 expansion (unless the factor is 1), 3x3 depthwise, linear 1x1 projection, skip when shapes agree."""

    def __init__(self, cin: int, cout: int, stride: int, expansion: int) -> None:
        super().__init__()
        hidden = cin * expansion
        self.stride = stride
        self.expand = _conv_bn(cin, hidden) if expansion != 1 else None
        self.depthwise = _conv_bn(hidden, hidden, 3, stride, groups=hidden)
        self.project = _conv_bn(hidden, cout)
        self.residual = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """The block's output and its expanded activation (the input itself when there is no expansion)."""
        hidden = F.relu6(self.expand(x)) if self.expand is not None else x
        padded = F.pad(hidden, (0, 1, 0, 1)) if self.stride == 2 else hidden
        out = self.project(F.relu6(self.depthwise(padded)))
        return (x + out if self.residual else out), hidden


class MobileNetV2(nn.Module):
    def __init__(self, config: MobileNetV2Config | None = None) -> None:
        super().__init__()
        self.config = config or MobileNetV2Config()
        self.stem = _conv_bn(3, STEM_CHANNELS, 3, 2)
        blocks, cin = [], STEM_CHANNELS
        for expansion, cout, repeats, stride in STAGES:
            for index in range(repeats):
                blocks.append(InvertedResidual(cin, cout, stride if index == 0 else 1, expansion))
                cin = cout
        self.blocks = nn.ModuleList(blocks)
        self.head = _conv_bn(cin, HEAD_CHANNELS)

    def taps(self, x: torch.Tensor, names: tuple[str, ...] = ("pooled",)) -> dict[str, torch.Tensor]:
        """The named activations of ``x`` (N x 3 x size x size in [0, 1]); stops after the last one asked for."""
        unknown = set(names) - set(TAPS)
        if unknown:
            raise ValueError(f"unknown taps {sorted(unknown)}; known: {TAPS}")
        out: dict[str, torch.Tensor] = {}
        x = F.relu6(self.stem(F.pad(x, (0, 1, 0, 1))))
        for index, block in enumerate(self.blocks):
            x, hidden = block(x)
            for name, tapped in TAP_BLOCKS.items():
                if tapped == index and name in names:
                    out[name] = hidden
            if len(out) == len(names):
                return out
        out["pooled"] = F.relu6(self.head(x)).mean(dim=(2, 3))
        return out

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The pooled 1280-value features of ``x``."""
        return self.taps(x, ("pooled",))["pooled"]
