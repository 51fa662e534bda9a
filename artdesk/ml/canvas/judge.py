"""A judge that sees what a person sees: a small classifier trained on one picture set's real, labelled pictures.

It tells the set's classes apart and has one more class, *unrecognisable*, learned from pictures that a person
would not name: blurred, patch-shuffled and half-and-half mixed real pictures, and samples of the PCA-Gaussian
baseline (the blob-maker every model must beat). Its pooled features serve the image evaluation:

- **recognisable**: share of samples the judge gives to their intended class with probability >= ``CONFIDENT``,
  against the same share for held-out real pictures;
- **KID in the judge's features** against held-out pictures, beside the floor and the PCA baseline;
- **diversity**: mean pairwise feature distance among samples of one class over the same among real pictures.

Train: ``python -m artdesk.ml.canvas.judge --data DIR --out models/canvas/<set>-judge --minutes 8``.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from artdesk.core.jobs import JobContext
from artdesk.ml.canvas.data import CanvasData, load_data
from artdesk.ml.canvas.eval import pca_gaussian_samples, to_tensor
from artdesk.ml.canvas.model import downsampling_stages
from artdesk.ml.loop import TrainLoop

CONFIDENT = 0.5
UNRECOGNISABLE = "unrecognisable"


@dataclass(frozen=True)
class JudgeConfig:
    classes: list[str] = field(default_factory=list)  # the picture set's classes; "unrecognisable" comes last
    width: int = 24
    image_size: int = 64


class Judge(nn.Module):
    """Four conv stages (64 -> 4 px), global average pool to ``8 * width`` features, a linear head."""

    def __init__(self, config: JudgeConfig) -> None:
        super().__init__()
        self.config = config
        layers, features = downsampling_stages(config.width, lambda cin, cout: [
            nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, padding=1, stride=2), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)])
        self.trunk = nn.Sequential(*layers)
        self.head = nn.Linear(features, len(config.classes) + 1)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.trunk(x).mean(dim=(2, 3))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


# ----- what a person would not name -----------------------------------------------------------------
def _blur(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    sigma = float(torch.empty(1).uniform_(2.0, 5.0, generator=gen))
    radius = int(sigma * 2.5)
    taps = torch.exp(-(torch.arange(-radius, radius + 1, dtype=x.dtype) ** 2) / (2 * sigma * sigma))
    taps = (taps / taps.sum()).to(x.device)
    c = x.shape[1]
    x = F.conv2d(F.pad(x, (radius, radius, 0, 0), mode="replicate"), taps.view(1, 1, 1, -1).expand(c, 1, 1, -1), groups=c)
    return F.conv2d(F.pad(x, (0, 0, radius, radius), mode="replicate"), taps.view(1, 1, -1, 1).expand(c, 1, -1, 1), groups=c)


def _shuffle_patches(x: torch.Tensor, gen: torch.Generator, grid: int = 4) -> torch.Tensor:
    n, c, h, w = x.shape
    p = h // grid
    patches = x.unfold(2, p, p).unfold(3, p, p).reshape(n, c, grid * grid, p, p)
    patches = patches[:, :, torch.randperm(grid * grid, generator=gen)]
    return patches.reshape(n, c, grid, grid, p, p).permute(0, 1, 2, 4, 3, 5).reshape(n, c, h, w)


def _mix(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    other = x[torch.randperm(len(x), generator=gen)]
    return 0.5 * x + 0.5 * other


def unrecognisable(real: torch.Tensor, blobs: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """A batch of negatives the size of ``real``: a quarter each of blur, patch shuffle, mixes and baseline blobs."""
    n = len(real)
    parts = torch.chunk(torch.arange(n), 4)
    out = torch.empty_like(real)
    out[parts[0]] = _blur(real[parts[0]], gen)
    out[parts[1]] = _shuffle_patches(real[parts[1]], gen)
    out[parts[2]] = _mix(real[parts[2]], gen)
    out[parts[3]] = blobs[torch.randint(len(blobs), (len(parts[3]),), generator=gen)]
    return out


def _augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Horizontal flips (the generators train with them) and shifts of up to 4 px on white."""
    flip = torch.rand(len(x), generator=gen) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    dy, dx = (int(v) for v in torch.randint(-4, 5, (2,), generator=gen))
    return torch.roll(F.pad(x, (4, 4, 4, 4), value=1.0), (dy, dx), (2, 3))[:, :, 4:-4, 4:-4]


# ----- training ------------------------------------------------------------------------------------
def train_judge(data: CanvasData, minutes: float, width: int = 24, batch: int = 64, seed: int = 0,
                log=print, max_steps: int | None = None) -> tuple[Judge, dict]:
    """Train on the training split for ``minutes`` (or ``max_steps``, whichever ends first); returns the judge
    (eval mode) and held-out numbers."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    images, labels = data.split(heldout=False)
    real = to_tensor(images)
    targets = torch.from_numpy(labels.astype(np.int64))
    blobs = to_tensor(pca_gaussian_samples(images, 2000, seed=seed + 1))
    judge = Judge(JudgeConfig(classes=list(data.classes), width=width))
    none_class = len(data.classes)
    opt = torch.optim.AdamW(judge.parameters(), lr=2e-3, weight_decay=1e-4)
    loop = TrainLoop(JobContext(), seconds=minutes * 60, steps=max_steps)

    def step(loop: TrainLoop) -> None:
        index = torch.randint(len(real), (batch,), generator=gen)
        x = _augment(real[index], gen)
        negatives = unrecognisable(x[: batch // 3], blobs, gen)
        inputs = torch.cat([x, negatives])
        y = torch.cat([targets[index], torch.full((len(negatives),), none_class)])
        loss = F.cross_entropy(judge(inputs), y, label_smoothing=0.05)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if (loop.step + 1) % 50 == 0:
            log(f"judge step {loop.step + 1}: loss {float(loss.detach()):.3f}")

    judge.train()
    loop.run(step)
    judge.eval()
    heldout, heldout_labels = data.split(heldout=True)
    probs = probabilities(judge, heldout)
    rate = recognised(probs, heldout_labels)
    negatives = unrecognisable(to_tensor(heldout), blobs, torch.Generator().manual_seed(seed + 2))
    with torch.no_grad():
        rejected = float((judge(negatives).argmax(1) == none_class).float().mean())
    scores = {"heldout_recognised": round(rate, 4), "heldout_accuracy": round(float((probs.argmax(1) == heldout_labels).mean()), 4),
              "negatives_rejected": round(rejected, 4), "steps": loop.step, "seconds": round(loop.clock.total, 1),
              "cpu_seconds": round(loop.clock.cpu_total, 1)}
    return judge, scores


# ----- measuring -----------------------------------------------------------------------------------
@torch.no_grad()
def probabilities(judge: Judge, images: np.ndarray, batch: int = 256) -> np.ndarray:
    out = [F.softmax(judge(to_tensor(images[s:s + batch])), 1).numpy() for s in range(0, len(images), batch)]
    return np.concatenate(out) if out else np.zeros((0, len(judge.config.classes) + 1))


@torch.no_grad()
def judge_features(judge: Judge, images: np.ndarray, batch: int = 256) -> np.ndarray:
    out = [judge.features(to_tensor(images[s:s + batch])).double().numpy() for s in range(0, len(images), batch)]
    return np.concatenate(out) if out else np.zeros((0, judge.config.width * 8))


def recognised(probs: np.ndarray, intended: np.ndarray) -> float:
    """Share of pictures whose intended class has probability >= CONFIDENT (so it is also the top class)."""
    if len(probs) == 0:
        return 0.0
    return float((probs[np.arange(len(probs)), intended] >= CONFIDENT).mean())


def mean_pairwise_distance(features: np.ndarray) -> float:
    if len(features) < 2:
        return 0.0
    sq = (features * features).sum(1)
    dist = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * features @ features.T, 0))
    return float(dist.sum() / (len(features) * (len(features) - 1)))


def diversity_ratio(fake: np.ndarray, fake_labels: np.ndarray, real: np.ndarray, real_labels: np.ndarray) -> float:
    """Mean over classes of (pairwise distance among samples) / (pairwise distance among real pictures)."""
    ratios = []
    for k in np.unique(real_labels):
        f, r = fake[fake_labels == k], real[real_labels == k]
        if len(f) >= 2 and len(r) >= 2:
            ratios.append(mean_pairwise_distance(f) / max(mean_pairwise_distance(r), 1e-12))
    return float(np.mean(ratios)) if ratios else 0.0


def main(argv: list[str] | None = None) -> int:
    from artdesk.ml.checkpoint import save_checkpoint

    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.canvas.judge")
    parser.add_argument("--data", required=True, help="a prepared picture set folder (canvas64.npz + manifest)")
    parser.add_argument("--out", required=True, help="checkpoint folder to write")
    parser.add_argument("--minutes", type=float, default=8.0)
    parser.add_argument("--width", type=int, default=24)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    data = load_data(Path(args.data))
    judge, scores = train_judge(data, args.minutes, args.width)
    manifest = data.manifest
    out = save_checkpoint(
        judge, Path(args.out), model_type="canvas-judge", config=judge.config,
        description=f"judge for the {manifest.get('set', 'canvas')} pictures: tells {', '.join(data.classes)} apart "
                    f"and rejects unrecognisable pictures (used by artdesk eval image)",
        data={"set": manifest.get("set"), "classes": list(data.classes), "source": manifest.get("source"),
              "licence": manifest.get("licence"), "counts": manifest.get("counts"),
              "split": manifest.get("split"), "sources_sha256": manifest.get("sources_sha256")},
        training={"command": "python -m artdesk.ml.canvas.judge " + " ".join(argv if argv is not None else sys.argv[1:]),
                  "steps": scores["steps"], "seconds": scores["seconds"], "device": "cpu", "torch": torch.__version__},
        metrics={k: v for k, v in scores.items() if k not in ("steps", "seconds")},
        labels=["judge", "styles:" + ",".join(data.classes)], half=False)
    print(f"wrote {out}: {scores}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
