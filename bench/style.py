"""Style speed: the feed-forward stylizer at 512 x 512 (target under 0.5 s) and 256 x 256, and the
direct optimisation's time per step at 256 and 512 px, for each feature method.

Times one bundled preset stylizer per architecture (last upsampling "transpose" or "nearest"), and
an untrained stylizer of the shipped size for a kind no preset uses (the weights do not change the work done).
Threads: one fewer than the cores (as on the app's model worker), or --threads.

Usage: .venv/bin/python bench/style.py [--repeats N] [--threads T]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402


def timed(fn, repeats: int) -> tuple[list[float], list[float]]:
    """Wall-clock and process CPU seconds per call. On a busy shared machine the CPU time (with one
    thread) estimates what the call takes on an idle one; the wall time is what it took here."""
    fn()  # warm-up
    walls, cpus = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--opt-steps", type=int, default=5)
    args = parser.parse_args()
    import os

    import torch

    from artdesk.core.cards import discover_models
    from artdesk.core.paths import bundle_root
    from artdesk.ml.device import worker_threads
    from artdesk.ml.style import features as feat
    from artdesk.ml.style.apply import stylize
    from artdesk.ml.style.imaging import to_tensor
    from artdesk.ml.style.model import Stylizer, StylizerConfig
    from artdesk.ml.style.optimize import optimize_steps
    from artdesk.ml.style.presets import preset_picture
    from artdesk.ml.style.requests import OptimizeRequest
    from artdesk.ml.style.train import style_targets

    threads = args.threads or worker_threads()
    torch.set_num_threads(threads)
    from artdesk.ml.style.apply import load_stylizer
    from artdesk.ml.style.model import UPSAMPLING

    cards = [c for c in discover_models([("bundled", bundle_root() / "models")], "style").cards if c.model_type == "style-stylizer"]
    models = []
    for kind in UPSAMPLING:
        card = next((c for c in cards if c.raw.get("config", {}).get("upsample", "transpose") == kind), None)
        if card is not None:
            models.append((load_stylizer(card.path, "bundled").model, f"preset {card.name}, {kind}"))
        else:
            models.append((Stylizer(StylizerConfig(upsample=kind)).eval(), f"untrained, shipped size, {kind}"))
    print(f"torch {torch.__version__}, {threads} thread(s) of {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    rng = np.random.default_rng(0)
    for model, label in models:
        for size in (256, 512):
            picture = (rng.random((size, size, 3)) * 255).astype(np.uint8)
            walls, cpus = timed(lambda p=picture, m=model: stylize(m, p), args.repeats)
            target = "  (target < 0.5 s)" if size == 512 else ""
            print(f"stylizer {size}x{size} ({label}): wall median {statistics.median(walls):.3f} s, best {min(walls):.3f} s; "
                  f"CPU time median {statistics.median(cpus):.3f} s{target}")
    style = preset_picture("oil")
    for method in feat.METHODS:
        net = feat.FeatureNet(method)
        targets = style_targets(net, [style])
        for size in (256, 512):
            content = to_tensor((rng.random((size, size, 3)) * 255).astype(np.uint8))
            request = OptimizeRequest(None, (), steps=args.opt_steps + 1, size=size, method=method)
            stamps = [(time.perf_counter(), time.process_time()) for _ in optimize_steps(content, targets, net, request)]
            wall = (stamps[-1][0] - stamps[0][0]) / args.opt_steps
            cpu = (stamps[-1][1] - stamps[0][1]) / args.opt_steps
            print(f"optimisation ({method}) {size}x{size}: {wall:.3f} s per step wall, {cpu:.3f} s CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
