"""DiffAugment (Zhao et al. 2020) at full strength, with its random draws made for the whole global batch.

The transforms are those of ``artdesk.ml.canvas.train.diff_augment`` (colour, translation by 1/8, cutout of
1/2). Here the randomness is drawn first, from an explicit generator, for every picture of the global
batch; each process then applies its slice. So N processes under torchrun draw exactly what one
process draws, which is what lets the distributed run match the single-process one.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F


def draw(n: int, size: int, generator: torch.Generator) -> dict[str, torch.Tensor]:
    """Random parameters for ``n`` pictures of ``size`` x ``size`` (on the CPU)."""
    shift = int(size * 0.125 + 0.5)
    return {
        "brightness": torch.rand(n, generator=generator) - 0.5,
        "saturation": torch.rand(n, generator=generator) * 2,
        "contrast": torch.rand(n, generator=generator) + 0.5,
        "tx": torch.randint(-shift, shift + 1, (n,), generator=generator),
        "ty": torch.randint(-shift, shift + 1, (n,), generator=generator),
        "ox": torch.randint(0, size + (1 - size % 2), (n,), generator=generator),
        "oy": torch.randint(0, size + (1 - size % 2), (n,), generator=generator),
    }


def part(params: dict[str, torch.Tensor], rows: slice) -> dict[str, torch.Tensor]:
    return {key: value[rows] for key, value in params.items()}


def apply(x: torch.Tensor, params: dict[str, torch.Tensor]) -> torch.Tensor:
    """Colour, translation and cutout of ``x`` (N x 3 x H x W) with ``params`` for those N pictures."""
    n, _, h, w = x.shape
    dev = x.device
    p = {key: value.to(dev) for key, value in params.items()}
    x = x + p["brightness"].view(n, 1, 1, 1)
    mean = x.mean(dim=1, keepdim=True)
    x = (x - mean) * p["saturation"].view(n, 1, 1, 1) + mean
    mean = x.mean(dim=[1, 2, 3], keepdim=True)
    x = (x - mean) * p["contrast"].view(n, 1, 1, 1) + mean
    gb, gy, gx = torch.meshgrid(torch.arange(n, device=dev), torch.arange(h, device=dev), torch.arange(w, device=dev),
                                indexing="ij")
    gy = torch.clamp(gy + p["ty"].view(n, 1, 1) + 1, 0, h + 1)
    gx = torch.clamp(gx + p["tx"].view(n, 1, 1) + 1, 0, w + 1)
    padded = F.pad(x, [1, 1, 1, 1, 0, 0, 0, 0])
    x = padded.permute(0, 2, 3, 1).contiguous()[gb, gy, gx].permute(0, 3, 1, 2)
    ch, cw = h // 2, w // 2
    gb, gy, gx = torch.meshgrid(torch.arange(n, device=dev), torch.arange(ch, device=dev), torch.arange(cw, device=dev),
                                indexing="ij")
    gy = torch.clamp(gy + p["oy"].view(n, 1, 1) - ch // 2, 0, h - 1)
    gx = torch.clamp(gx + p["ox"].view(n, 1, 1) - cw // 2, 0, w - 1)
    mask = torch.ones(n, h, w, dtype=x.dtype, device=dev)
    mask[gb, gy, gx] = 0
    return x * mask.unsqueeze(1)
