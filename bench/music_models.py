"""Music model speed: time to generate 8 and 32 bars with the bundled melody LSTM, and to interpolate with the VAE.

    python bench/music_models.py [--lstm DIR] [--vae DIR] [--threads N] [--repeats 5]

Prints the median wall time of each job function (model already loaded, as in the app's worker).
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path


def _median_seconds(fn, repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds (CPU time shows the cost when a loaded machine inflates wall time)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    import torch

    from artdesk.core.jobs import JobContext
    from artdesk.core.paths import app_paths
    from artdesk.ml.music.generate import generate_melodies, interpolate_melodies
    from artdesk.ml.music.requests import GenerateRequest, InterpolateRequest

    bundled = app_paths().bundled_models / "music"
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lstm", default=str(bundled / "melody-lstm"))
    parser.add_argument("--vae", default=str(bundled / "melody-vae"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    ctx = JobContext()
    lstm, vae = Path(args.lstm), Path(args.vae)
    generate_melodies(GenerateRequest(lstm, bars=1), ctx)  # load and warm up once, as the app's worker does
    print(f"torch {torch.__version__}, {args.threads} thread(s), median of {args.repeats}")
    for bars in (8, 32):
        for count in (1, 4):
            wall, cpu = _median_seconds(
                lambda: generate_melodies(GenerateRequest(lstm, bars=bars, count=count, seed=1), ctx), args.repeats)
            target = "  (target < 0.2 s)" if bars == 8 and count == 1 else ""
            print(f"generate {bars:2d} bars x {count}: {wall * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms CPU{target}")
    a, b = generate_melodies(GenerateRequest(lstm, bars=4, count=2, seed=2), ctx)
    interpolate_melodies(InterpolateRequest(vae, a, b, steps=1), ctx)
    wall, cpu = _median_seconds(lambda: interpolate_melodies(InterpolateRequest(vae, a, b, steps=8), ctx), args.repeats)
    print(f"interpolate 4 bars x 8 steps: {wall * 1000:7.1f} ms wall, {cpu * 1000:7.1f} ms CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
