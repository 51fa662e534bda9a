"""Canvas fine-tune, in one run, on the project's fixed set of 30 flower pictures (bench_set.py).

Prints: time from starting the job to the first sample strip (target under 20 s), seconds per training
step, the time of the standard preset (target under 15 minutes), and KID and too-close rate at the end
against the same numbers for the base model before fine-tuning (KID must drop clearly; too-close under 5%).
The job's own KID uses its 6 held-out flowers, which is noisy; the bench also scores 300 samples of the
base and of the fine-tuned model against 200 more flowers drawn with another seed (never trained on).
Uses a temporary user folder; ``--out DIR`` keeps the before/after sample strips as a PNG.

Usage: .venv/bin/python bench/finetune.py [--preset standard] [--base DIR] [--threads N] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="standard", choices=["quick", "standard", "long"])
    parser.add_argument("--base", default=None, help="base GAN folder (default: the bundled canvas-gan)")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: every core)")
    parser.add_argument("--steps", type=int, default=None, help="override the preset's steps (a smoke run)")
    parser.add_argument("--out", type=Path, default=None, help="write before-after.png here")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="artdesk-bench-finetune-")
    os.environ["ARTDESK_HOME"] = home
    started = time.perf_counter()
    import torch

    from artdesk.core.jobs import JobContext
    from artdesk.core.paths import app_paths
    from artdesk.ml.canvas.commands import grid_image, save_png
    from artdesk.ml.canvas.finetune.bench_set import make_bench_set
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest
    from artdesk.ml.canvas.finetune.run import Snapshot, run_finetune

    if args.threads:
        torch.set_num_threads(args.threads)
    base = Path(args.base) if args.base else app_paths().bundled_models / "canvas" / "canvas-gan"
    files = make_bench_set(Path(home) / "flowers")
    request = FinetuneRequest(files=tuple(map(str, files)), base_dir=str(base), name="flowers", preset=args.preset,
                              steps=args.steps,
                              base_source="user" if args.base else "bundled", device="cpu",
                              source_note="bench_set.py (drawn by the project)", licence_note="CC0")
    snaps: list[tuple[float, Snapshot]] = []
    ctx = JobContext(on_partial=lambda s: snaps.append((time.perf_counter(), s)))
    job_start = time.perf_counter()
    folder = run_finetune(request, ctx)
    total = time.perf_counter() - job_start
    card = json.loads((folder / "card.json").read_text())
    training, metrics = card["training"], card["metrics"]
    steps = training["steps"]
    first = snaps[0][0] - job_start
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, {os.cpu_count()} cores; base {base.name}; "
          f"30 pictures ({card['data']['train']} train, {card['data']['heldout']} held out)")
    print("settings: " + ", ".join(f"{k}={v['value']}" for k, v in training["settings"].items()
                                    if k not in ("heldout", "train", "augment")))
    print(f"time to the first sample strip   {first:7.1f} s   (target < 20 s; "
          f"{job_start - started:.1f} s of imports before)")
    per_step = (snaps[-1][0] - snaps[0][0]) / steps
    print(f"seconds per step                 {per_step:7.3f} s   (first to last strip / {steps} steps, "
          "snapshots included)")
    label = f"{args.preset} preset" if not args.steps else f"{steps} steps"
    print(f"{label + ', whole job':32s} {total / 60:7.1f} min (target < 15 min; "
          f"training {training['seconds'] / 60:.1f} min)")
    print(f"KID x1000 vs held-out            {metrics['base_kid_vs_heldout'] * 1000:9.1f} base -> "
          f"{metrics['kid_vs_heldout'] * 1000:.1f} fine-tuned")
    print(f"too-close rate                   {metrics['base_too_close_rate']:9.1%} base -> "
          f"{metrics['too_close_rate']:.1%} fine-tuned (target < 5%)")
    print("per snapshot (step: KID x1000, too-close): " + ", ".join(
        f"{s.step}: {s.kid * 1000:.0f}, {s.too_close:.0%}" for _, s in snaps))
    base_kid, tuned_kid = _kid_on_fresh_flowers(base, folder, Path(home) / "fresh")
    print(f"KID x1000 vs 200 fresh flowers     {base_kid * 1000:7.1f} base -> {tuned_kid * 1000:.1f} fine-tuned "
          "(300 samples each)")
    if args.out:
        rows = [snaps[0][1].samples, snaps[-1][1].samples]
        image = grid_image([im for row in rows for im in row], columns=len(rows[0]))
        path = save_png(image, args.out / "before-after.png",
                        {"job": "finetune bench", "rows": ["base model", f"fine-tuned, {steps} steps"]})
        print(f"wrote {path}")
    shutil.rmtree(home, ignore_errors=True)
    return 0


def _kid_on_fresh_flowers(base: Path, tuned: Path, folder: Path) -> tuple[float, float]:
    """KID of 300 samples of ``base`` (all its styles) and of ``tuned`` against 200 flowers it never saw."""
    import numpy as np
    import torch

    from artdesk.ml.canvas import eval as metrics
    from artdesk.ml.canvas.finetune.audit import prepare_picture
    from artdesk.ml.canvas.finetune.bench_set import make_bench_set
    from artdesk.ml.checkpoint import load_checkpoint

    fresh = np.stack([prepare_picture(path, "centre", 64) for path in make_bench_set(folder, count=200, seed=7)])
    nets = metrics.load_feature_nets("cpu")
    real = metrics.FeatureSet(nets, fresh)
    scores = []
    for path in (base, tuned):
        model = load_checkpoint(path).model
        with torch.inference_mode():
            fake = metrics.sample_model(model, 300, np.arange(model.config.styles), seed=5)
        scores.append(metrics.compare(metrics.FeatureSet(nets, fake), real))
    return scores[0], scores[1]


if __name__ == "__main__":
    raise SystemExit(main())
