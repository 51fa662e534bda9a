"""Keep the best snapshot: score a GAN run's kept generators with the judge, then ship the best one.

A GAN's last weights are not its best: a class-conditional run here drew varied glyphs at 1,500 steps and
one glyph per style at 4,500. ``train gan --snapshot-every N`` keeps the generator (averaged and last
weights) every N steps; this module scores each by what the judge sees (recognisable share, diversity
against real pictures) and writes the best as the model's checkpoint, with its card and held-out metrics
as training would.

    python -m artdesk.ml.canvas.snapshots --data DIR --out OUT --name NAME [--judge JUDGE] [--ship]

A set without a judge (the colour base's Fluent emoji) is ranked in the ImageNet trunk's shape features
instead: KID against the held-out pictures (lower is closer), divided by the diversity shortfall.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

from artdesk.core.jobs import ConsoleContext
from artdesk.ml.canvas.data import CanvasData, load_data
from artdesk.ml.canvas.judge import Judge, probabilities, recognised
from artdesk.ml.canvas.judged import real_shape_features, sample_each_style, shape_diversity
from artdesk.ml.canvas.model import GanConfig, Generator
from artdesk.ml.checkpoint import load_checkpoint, load_training_state

DIVERSITY_BAR = 0.7  # the bar: samples at least 0.7 as varied as real pictures


WEIGHTS = {"ema": "averaged weights", "generator": "last weights"}  # what a snapshot may hold


def load_snapshot(path: Path, ink: bool, weights: str = "ema") -> tuple[Generator, dict]:
    """The generator with the snapshot's ``weights`` (a key of WEIGHTS) and the saved snapshot."""
    saved = load_training_state(path)
    config = GanConfig(**{**saved["config"], "ink": ink})
    generator = Generator(config)
    generator.load_state_dict(saved[weights])
    return generator.eval(), saved


def score(generator: Generator, judge: Judge, data: CanvasData, count: int = 150,
          real: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, float]:
    """Recognisable share and diversity of ``count`` samples; ``score`` = recognisable x min(1, diversity / bar)."""
    with torch.no_grad():
        fake, styles = sample_each_style(generator, count, len(data.classes))
    rate = recognised(probabilities(judge, fake), styles)
    diversity = shape_diversity(fake, styles, real if real is not None else real_shape_features(data))
    return {"recognisable": rate, "diversity": diversity, "score": rate * min(1.0, diversity / DIVERSITY_BAR)}


def trunk_score(generator: Generator, data: CanvasData, count: int = 150,
                real: tuple[np.ndarray, np.ndarray] | None = None) -> dict[str, float]:
    """Judge-free: KID x1000 of ``count`` samples against held-out pictures in the trunk's ``mid`` features, the
    diversity against real, and ``score`` = -KID x min(1, diversity / bar) (higher is better)."""
    from artdesk.ml.canvas import eval as metrics
    from artdesk.ml.features.trunk import trunk_features

    real = real if real is not None else real_shape_features(data)
    with torch.no_grad():
        fake, styles = sample_each_style(generator, count, len(data.classes))
    features = trunk_features(fake, "mid")
    kid = metrics.kid(features, real[0]) * 1000
    diversity = shape_diversity(fake, styles, real)
    return {"kid": kid, "diversity": diversity, "score": -kid / min(1.0, max(diversity, 1e-3) / DIVERSITY_BAR)}


def rank(folder: Path, judge: Judge | None, data: CanvasData, ink: bool, log=print,
         count: int = 150) -> list[tuple[Path, str, dict]]:
    """Every (snapshot, weights) in ``folder`` with its scores, best first.

    The averaged (EMA) weights are usually the better; not after the objective changes in a continued run,
    when the average mixes the old and new generators into blur, so a snapshot's last weights compete too.
    """
    real = real_shape_features(data)
    scored = []
    for path in sorted(folder.glob("step*.pt")):
        for weights in WEIGHTS:
            try:
                generator, _saved = load_snapshot(path, ink, weights)
            except KeyError:  # snapshots from before the last weights were kept
                continue
            if judge is None:
                scores = trunk_score(generator, data, count, real=real)
                log(f"{path.name} ({WEIGHTS[weights]}): shape KID x1000 {scores['kid']:.1f}, "
                    f"diversity {scores['diversity']:.2f}, score {scores['score']:.1f}")
            else:
                scores = score(generator, judge, data, count, real=real)
                log(f"{path.name} ({WEIGHTS[weights]}): recognisable {scores['recognisable']:.1%}, "
                    f"diversity {scores['diversity']:.2f}, score {scores['score']:.3f}")
            scored.append((path, weights, scores))
    return sorted(scored, key=lambda item: -item[2]["score"])


def ship(snapshot: Path, weights: str, data_dir: Path, out: Path, name: str, command: str, scores: dict) -> Path:
    """Write the snapshot as ``out/name`` through the trainer's own finishing (card, metrics, discriminator)."""
    from safetensors.torch import save as safetensors_bytes

    from artdesk.ml.canvas import train
    from artdesk.ml.canvas.finetune.plan import DISCRIMINATOR_FILE
    from artdesk.ml.canvas.train import TrainRequest, _finish, _to_cpu
    from artdesk.ml.loop import Clock

    data = load_data(data_dir)
    generator, saved = load_snapshot(snapshot, bool(data.manifest.get("ink", False)), weights)
    state = load_training_state(Path(out) / ".state" / f"{name}.pt")
    request = TrainRequest("gan", str(data_dir), str(out), name, device="cpu", eval_count=600, eval_train_max=1500,
                           command=command)
    clock = Clock(float(saved["seconds"]), float(saved.get("cpu_seconds", 0.0)))
    clock.stop()
    d_state = {k: v.contiguous() for k, v in _to_cpu(state["discriminator"]).items()}
    extra = {"snapshot": {"step": int(saved["step"]), "of_steps": int(state["step"]), "weights": WEIGHTS[weights],
                          **{k: round(v, 4) for k, v in scores.items()}}}
    return _finish(request, name, "canvas-gan", generator, generator.config, data, train._device("cpu"),
                   int(saved["step"]), clock, ConsoleContext(), extra=extra,
                   assets={DISCRIMINATOR_FILE: safetensors_bytes(d_state)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.canvas.snapshots")
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True, help="the training run's --out folder")
    parser.add_argument("--name", required=True, help="the run's model name (e.g. glyphs-gan)")
    parser.add_argument("--judge", type=Path, default=None, help="the set's judge (none: rank in trunk features)")
    parser.add_argument("--ship", action="store_true", help="write the best snapshot as OUT/NAME")
    parser.add_argument("--train-command", default="", help="the training command, for the card")
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    data = load_data(args.data)
    judge = load_checkpoint(args.judge).model if args.judge else None
    ranked = rank(args.out / ".state" / f"{args.name}-snapshots", judge, data, bool(data.manifest.get("ink", False)))
    if not ranked:
        print("no snapshots found", file=sys.stderr)
        return 2
    best, weights, scores = ranked[0]
    print(f"best: {best.name} ({WEIGHTS[weights]}) {json.dumps(scores)}")
    if args.ship:
        command = "; then ".join(c for c in (args.train_command, "python -m artdesk.ml.canvas.snapshots "
                                             + " ".join(argv if argv is not None else sys.argv[1:])) if c)
        print(ship(best, weights, args.data, args.out, args.name, command, scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
