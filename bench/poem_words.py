"""Word-level English quatrains: time per quatrain against the character model and a naive sampler, same run.

- the word model's ABAB quatrain, 1 and 3 candidates per line (batched), median of runs;
- the same with a naive sampler that re-runs the whole sequence at every token (no carried state);
- given ``--en``, a character model's ABAB quatrain through ``generate`` (1 candidate, 1 draft), as
  ``bench/poem.py`` times it (the character English model no longer ships: pass the folder of one).

Usage: python bench/poem_words.py [WORD_MODEL_DIR] [--en CHAR_MODEL_DIR] [--runs 5] [--threads 1]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def naive_poet(model, vocab):
    """A WordPoet whose every step re-runs the model over each row's whole sequence."""
    import numpy as np
    import torch

    from artdesk.ml.poem.words.sampler import WordPoet

    class NaivePoet(WordPoet):
        def _step(self, ids, state):
            history = [list(row) for row in ids] if state is None else [old + new for old, new in zip(state, ids)]
            if len({len(row) for row in history}) > 1:  # a row took a word back: its history is shorter
                return np.concatenate([self._step([row], None)[0] for row in history]), history
            logp, _ = self.model(torch.as_tensor(history))
            return logp[:, -1].float().numpy(), history

        @staticmethod
        def _keep(state, row):
            return list(state[row])

        @staticmethod
        def _rows(state, numbers):
            return [list(state[number]) for number in numbers]

        @staticmethod
        def _put(state, row, kept):
            state[row] = list(kept)

        @staticmethod
        def _repeat(kept, rows):
            return [list(kept) for _ in range(rows)]

    return NaivePoet(model, vocab)


def median_seconds(write, runs: int) -> float:
    write(0)  # warm up
    times = []
    for run in range(runs):
        started = time.perf_counter()
        write(run + 1)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("model", type=Path, nargs="?", help="word-level checkpoint folder (default: the shipped one)",
                        default=Path(__file__).resolve().parents[1] / "models" / "poem" / "poem-en-words")
    parser.add_argument("--en", type=Path, default=None, help="a character-level English model to compare with")
    parser.add_argument("--theme", default="sea night")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = str(args.threads)
    import torch

    torch.set_num_threads(args.threads)
    from artdesk.core.jobs import JobContext
    from artdesk.ml.poem.generate import PoemRequest, generate
    from artdesk.ml.poem.loader import get_poem_model
    from artdesk.ml.poem.words.__main__ import load
    from artdesk.ml.poem.words.sampler import WordPoet

    model, vocab, _ = load(args.model)
    poet, naive = WordPoet(model, vocab), naive_poet(model, vocab)
    rows = [
        ("word model, 1 candidate", lambda seed: poet.quatrain("abab", args.theme, seed=seed, candidates=1)),
        ("word model, 3 candidates per line", lambda seed: poet.quatrain("abab", args.theme, seed=seed, candidates=3)),
        ("word model, 1 candidate, naive", lambda seed: naive.quatrain("abab", args.theme, seed=seed, candidates=1)),
    ]
    if args.en is not None:
        char_poem = get_poem_model(args.en)
        rows.append(("char model (generate, 1 cand.)", lambda seed: generate(char_poem, PoemRequest(
            form="abab", keywords=args.theme, candidates=1, drafts=1, seed=seed), JobContext())))
    print(f"cpu cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}, torch threads: "
          f"{torch.get_num_threads()}, runs: {args.runs}")
    results = {}
    for label, write in rows:
        results[label] = median_seconds(write, args.runs)
        print(f"{label:34s} {results[label]:7.3f} s", flush=True)
    base = results["word model, 1 candidate"]
    print(f"naive / incremental: {results['word model, 1 candidate, naive'] / base:.1f}x"
          + (f"; char model / word model: {results['char model (generate, 1 cand.)'] / base:.1f}x" if args.en else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
