"""Poem generation speed on this machine (one run, prints a table).

- time to a complete 七言绝句 and a 4-line English quatrain (one candidate each, median of runs);
- streaming characters per second;
- the same with a naive sampler that re-runs the whole sequence at every step (ratio).

Usage: python bench/poem.py [--zh MODEL_DIR] [--en MODEL_DIR] [--runs 5] [--threads 1]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class NaiveSampler:
    """Feeds by re-running the model over the whole sequence so far (no carried state)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.tokens: list[int] = []

    def install(self):
        import torch

        sampler = self.inner
        plain_snapshot, plain_restore = sampler.snapshot, sampler.restore

        @torch.no_grad()
        def feed(token: int) -> None:
            self.tokens.append(token)
            logits, state = sampler.poem.model(torch.tensor([self.tokens]))
            sampler.logits, sampler.state = logits[0, -1].float(), state

        def snapshot():
            return (plain_snapshot(), len(self.tokens))

        def restore(snap) -> None:
            plain_restore(snap[0])
            del self.tokens[snap[1]:]

        sampler.feed, sampler.snapshot, sampler.restore = feed, snapshot, restore
        return sampler


def timed(poem, request, naive: bool) -> tuple[float, int]:
    from artdesk.core.jobs import JobContext
    from artdesk.ml.poem import generate as gen

    original = gen.Sampler
    if naive:
        class Patched(original):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                NaiveSampler(self).install()
        gen.Sampler = Patched
    try:
        started = time.perf_counter()
        result = gen.generate(poem, request, JobContext())
        seconds = time.perf_counter() - started
    finally:
        gen.Sampler = original
    chars = sum(len(line) for line in result.best.lines)
    return seconds, chars


def main() -> int:
    parser = argparse.ArgumentParser()
    root = Path(__file__).resolve().parents[1] / "models" / "poem"
    parser.add_argument("--zh", type=Path, default=root / "poem-zh-lstm")
    parser.add_argument("--en", type=Path, default=root / "poem-en-lstm")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    import os

    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # NumPy's BLAS too (the stepper)
        os.environ[name] = str(args.threads)
    import torch

    torch.set_num_threads(args.threads)
    from artdesk.ml.poem.generate import PoemRequest
    from artdesk.ml.poem.loader import get_poem_model

    print(f"cpu cores: {os.cpu_count()}, torch threads: {torch.get_num_threads()}, runs: {args.runs}")
    print(f"{'task':34s} {'median s':>9s} {'chars/s':>9s} {'naive s':>9s} {'naive/incr':>10s}")
    for label, folder, request in (
        ("七言绝句 (1 candidate)", args.zh, PoemRequest(form="qijue", keywords="春山", candidates=1, drafts=1)),
        ("English quatrain ABAB (1 cand.)", args.en, PoemRequest(form="abab", keywords="sea night", candidates=1, drafts=1)),
    ):
        poem = get_poem_model(folder, "bundled")
        from artdesk.ml.poem.generate import generate  # noqa: F401  (warm imports and masks)

        timed(poem, request, naive=False)
        fast = [timed(poem, PoemRequest(**{**request.__dict__, "seed": run}), False) for run in range(args.runs)]
        slow = [timed(poem, PoemRequest(**{**request.__dict__, "seed": run}), True) for run in range(max(1, args.runs // 2))]
        fast_s = statistics.median(s for s, _ in fast)
        rate = sum(c for _, c in fast) / sum(s for s, _ in fast)
        slow_s = statistics.median(s for s, _ in slow)
        print(f"{label:34s} {fast_s:9.3f} {rate:9.0f} {slow_s:9.3f} {slow_s / fast_s:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
