"""Style speed on one thread: each painting medium at 512 px (the preview; target under 1 s) and 2048 px
(the final picture; target under 20 s), with the old feed-forward stylizer timed in the same run as the
baseline (an untrained stylizer of the size the removed presets shipped: the weights do not change the work).

The media are numpy + Pillow and run on one thread; torch is limited to one thread for the baseline.
Usage: .venv/bin/python bench/style.py [--repeats N] [--picture PNG]
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


def timed(fn, repeats: int) -> tuple[float, float]:
    """(median wall seconds, median process CPU seconds) of ``repeats`` calls after a warm-up."""
    fn()
    walls, cpus = [], []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--picture", default=None, help="a picture to paint (default: the demo picture)")
    args = parser.parse_args()
    import torch

    from artdesk.core.jobs import RecordingContext
    from artdesk.ml.style.apply import stylize
    from artdesk.ml.style.commands import demo_picture
    from artdesk.ml.style.imaging import read_picture, resize
    from artdesk.ml.style.media.catalogue import MEDIA
    from artdesk.ml.style.media.render import render_job
    from artdesk.ml.style.model import Stylizer, StylizerConfig
    from artdesk.ml.style.requests import MediumRequest

    torch.set_num_threads(1)
    source = read_picture(args.picture)[..., :3] if args.picture else demo_picture(512)
    print(f"1 thread of {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; wall is what it took here, "
          "CPU time estimates an idle machine")
    baseline = Stylizer(StylizerConfig()).eval()
    for side, target in ((512, 1.0), (2048, 20.0)):
        picture = np.ascontiguousarray(resize(source, side / max(source.shape[:2])))
        old_wall, old_cpu = timed(lambda p=picture: stylize(baseline, p), args.repeats if side == 512 else 1)
        print(f"{side} px  old stylizer (baseline): wall {old_wall:.2f} s, CPU {old_cpu:.2f} s")
        for name in MEDIA:
            wall, cpu = timed(lambda p=picture, n=name: render_job(MediumRequest(n, p), RecordingContext()), args.repeats if side == 512 else 1)
            verdict = "ok" if cpu < target else "OVER"
            print(f"{side} px  {name:16s}: wall {wall:.2f} s, CPU {cpu:.2f} s ({cpu / max(old_cpu, 1e-6):.1f}x the stylizer; "
                  f"target < {target:g} s: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
