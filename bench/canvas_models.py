"""Canvas model speed, in one run: pictures per second for each GAN/VAE, upscaling, projection, metric cost.

Prints, for every canvas model found (bundled and user, or the folders given): load time, 1 and 16
pictures at 64 px (target: 16 in under 0.15 s) in the model's first style, the learned x4 upscale against nearest neighbour,
projecting a drawing (encoder only, and with 60 refinement steps), and the feature cost of the metric.
torch uses one thread fewer than the cores, as on the app's model worker.

Usage: .venv/bin/python bench/canvas_models.py [--repeats N] [MODEL_FOLDER ...]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def line(name: str, times: list[float], target_ms: float | None = None) -> None:
    ms = sorted(t * 1000 for t in times)
    verdict = "" if target_ms is None else ("  OK" if ms[len(ms) // 2] < target_ms else f"  OVER {target_ms:g} ms")
    print(f"  {name:52s} median {statistics.median(ms):8.1f} ms  min {ms[0]:8.1f} ms  (n={len(ms)}){verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("models", nargs="*", type=Path)
    args = parser.parse_args()

    import torch

    from artdesk.core.cards import discover_models, read_card
    from artdesk.core.jobs import RecordingContext
    from artdesk.core.paths import app_paths
    from artdesk.ml.canvas import eval as metrics
    from artdesk.ml.canvas import generate
    from artdesk.ml.canvas.requests import GenerateRequest, ProjectRequest, UpscaleRequest, model_styles
    from artdesk.ml.device import configure_threads

    threads = configure_threads()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"canvas models bench · {os.cpu_count()} CPUs · torch {torch.__version__} on {threads} thread(s) · "
          f"load average {load:.1f}")
    cards = [read_card(p) for p in args.models] if args.models else discover_models(app_paths().model_roots, "canvas").cards
    if not cards:
        print("no canvas models found; train some with: artdesk train canvas all ...")
        return 1
    ctx = RecordingContext
    drawing = np.full((256, 256, 4), 255, np.uint8)
    drawing[64:192, 64:192, :3] = (30, 90, 200)
    upscalers = [c for c in cards if c.model_type == "canvas-upscaler"]
    for card in cards:
        path = str(card.path)
        print(f"{card.name} ({card.model_type}, {card.size_bytes / 1e6:.1f} MB)")
        start = time.perf_counter()
        generate.get_model(path)
        print(f"  {'load (card, sha256, weights)':52s} {1000 * (time.perf_counter() - start):8.1f} ms")
        if card.model_type == "canvas-upscaler":
            picture = np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8)
            learned = UpscaleRequest(picture, 4, "learned", path)
            nearest = UpscaleRequest(picture, 4, "nearest")
            generate.upscale(learned, ctx())
            line("learned x4 (64 -> 256 px)", timed(lambda: generate.upscale(learned, ctx()), args.repeats))
            line("nearest neighbour x4", timed(lambda: generate.upscale(nearest, ctx()), args.repeats))
            continue
        style = model_styles(card.labels)[0]
        for count, target in ((1, None), (16, 150.0)):
            request = GenerateRequest(path, style, 0, count)
            generate.generate_grid(request, ctx())
            line(f"{count} picture(s) at 64 px", timed(lambda r=request: generate.generate_grid(r, ctx()), args.repeats), target)
        for steps in (0, 60):
            request = ProjectRequest(path, drawing, style, None, steps, 0)
            line(f"project a 256 px drawing, {steps} refine steps",
                 timed(lambda r=request: generate.project(r, ctx()), max(1, args.repeats // 3)))
        if upscalers:
            picture = generate.generate_grid(GenerateRequest(path, style, 1, 1), ctx()).images[0]
            request = UpscaleRequest(picture, 4, "learned", str(upscalers[0].path))
            line("its picture upscaled x4 (learned)", timed(lambda: generate.upscale(request, ctx()), args.repeats))
    nets = metrics.load_feature_nets("cpu")
    pictures = np.random.default_rng(0).integers(0, 256, (500, 64, 64, 3), dtype=np.uint8)
    line("metric features of 500 pictures (3 random nets)", timed(lambda: metrics.features(nets, pictures), 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
