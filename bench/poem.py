"""Poem generation speed on this machine (one run, prints a table and the load average).

- time to a complete 七言绝句 (character model) and an English ABAB quatrain (the word model, as the app writes
  one draft: each line the best of 3 rows in one batch; and with 1 row), one draft each, median of runs;
- the CPU time of this process (median), which the machine's load inflates less than the wall time;
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


def timed(poem, request, naive: bool) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, characters of the poem) of one generation."""
    from artdesk.core.jobs import JobContext
    from artdesk.ml.poem import generate as gen
    from artdesk.ml.poem.loader import WordPoemModel

    if isinstance(poem, WordPoemModel):
        return timed_words(poem, request, naive)
    original = gen.Sampler
    if naive:
        class Patched(original):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                NaiveSampler(self).install()
        gen.Sampler = Patched
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = gen.generate(poem, request, JobContext())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        gen.Sampler = original
    chars = sum(len(line) for line in result.best.lines)
    return seconds, cpu, chars


def timed_words(poem, request, naive: bool) -> tuple[float, float, int]:
    """``timed`` for the word model: its naive poet re-runs every row's whole sequence at each token."""
    from artdesk.core.jobs import JobContext
    from artdesk.ml.poem.generate import generate
    from poem_words import naive_poet

    kept = poem.poet  # built once (word tables, NumPy stepper), outside the timing
    if naive:
        poem._poet = naive_poet(poem.model, poem.vocab)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        result = generate(poem, request, JobContext())
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        poem._poet = kept
    return seconds, cpu, sum(len(line) for line in result.best.lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    root = Path(__file__).resolve().parents[1] / "models" / "poem"
    parser.add_argument("--zh", type=Path, default=root / "poem-zh-lstm")
    parser.add_argument("--en", type=Path, default=root / "poem-en-words")
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

    from artdesk.ml.poem.words import drafts
    from artdesk.ml.poem.words.drafts import LINE_ROWS

    print(f"cpu cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}, torch threads: "
          f"{torch.get_num_threads()}, runs: {args.runs}")
    print(f"{'task':40s} {'median s':>9s} {'CPU s':>9s} {'chars/s':>9s} {'naive s':>9s} {'naive/incr':>10s}")
    english = PoemRequest(form="abab", keywords="sea night", candidates=1, drafts=1)
    for label, folder, request, rows in (
        ("七言绝句 (1 candidate)", args.zh, PoemRequest(form="qijue", keywords="春山", candidates=1, drafts=1), 0),
        (f"English ABAB (1 cand., {LINE_ROWS} rows a line)", args.en, english, LINE_ROWS),
        ("English ABAB (1 cand., 1 row a line)", args.en, english, 1),
    ):
        drafts.LINE_ROWS = rows or LINE_ROWS  # the word model's rows per line (the app's: LINE_ROWS)
        poem = get_poem_model(folder, "bundled")
        from artdesk.ml.poem.generate import generate  # noqa: F401  (warm imports and masks)

        timed(poem, request, naive=False)
        fast = [timed(poem, PoemRequest(**{**request.__dict__, "seed": run}), False) for run in range(args.runs)]
        slow = [timed(poem, PoemRequest(**{**request.__dict__, "seed": run}), True) for run in range(max(1, args.runs // 2))]
        fast_s, fast_cpu = statistics.median(s for s, _, _ in fast), statistics.median(c for _, c, _ in fast)
        rate = sum(n for _, _, n in fast) / sum(s for s, _, _ in fast)
        slow_s = statistics.median(s for s, _, _ in slow)
        print(f"{label:40s} {fast_s:9.3f} {fast_cpu:9.3f} {rate:9.0f} {slow_s:9.3f} {slow_s / fast_s:10.1f}", flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
