"""``python -m artdesk.ml.poem.words train|eval|sample ...``: the word-level English poem model's commands.

- ``train``: see ``artdesk.ml.poem.words.train`` (``--data --out --state --minutes``).
- ``eval MODEL``: held-out bits/char beside the character 5-gram, ending with the line
  ``bits/char: M vs 5-gram B (P% fewer)`` (``artdesk eval poem MODEL`` adds the poems' metrics).
- ``sample MODEL --theme WORDS``: rhymed quatrains and how long each took.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from artdesk.core.errors import ArtdeskError


def load(folder: Path):
    """(model, vocabulary, card) of a word-poem checkpoint folder."""
    from artdesk.ml.checkpoint import load_checkpoint
    from artdesk.ml.poem.words.tokenizer import WordVocab
    from artdesk.ml.poem.words.train import MODEL_TYPE, VOCAB_FILE

    checkpoint = load_checkpoint(Path(folder))
    if checkpoint.card.model_type != MODEL_TYPE:
        raise ArtdeskError(f"{folder} holds a {checkpoint.card.model_type} model, not a word-level poem model.")
    model = checkpoint.model.float().eval()
    return model, WordVocab.from_json((Path(folder) / VOCAB_FILE).read_bytes()), checkpoint.card


def _data_dir(value: Path | None) -> Path:
    from artdesk.core.paths import default_cache

    data = value or default_cache() / "poem" / "tokens"
    if not (data / "en" / "valid.u16.gz").exists():
        raise ArtdeskError(f"No prepared English poem data in {data}. Run: artdesk train poem --prepare")
    return data


def _eval(argv: list[str]) -> int:
    import torch

    from artdesk.ml.poem.words.data import char_records, encode_split
    from artdesk.ml.poem.words.train import bits_per_char, comparison_line, kn5_bits_per_char

    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.poem.words eval")
    parser.add_argument("model", type=Path)
    parser.add_argument("--data", type=Path, default=None, help="token folder (default: CACHE/poem/tokens)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    data = _data_dir(args.data)
    model, vocab, _ = load(args.model)
    valid_records = char_records(data, "valid")
    valid = encode_split(valid_records, vocab)
    bpc = bits_per_char(model, valid)
    kn = kn5_bits_per_char(data)
    print(f"held-out: {int(valid.scored[1:].sum())} tokens scored, {valid.chars} characters")
    print(comparison_line(bpc, kn))
    return 0


def _sample(argv: list[str]) -> int:
    import torch

    from artdesk.ml.poem.words.sampler import WordPoet

    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.poem.words sample")
    parser.add_argument("model", type=Path)
    parser.add_argument("--theme", default="")
    parser.add_argument("--form", default="abab", choices=("abab", "aabb"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--candidates", type=int, default=3, help="candidate lines written for each line")
    parser.add_argument("--temperature", type=float, default=0.8)
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    model, vocab, _ = load(args.model)
    poet = WordPoet(model, vocab)
    for number in range(args.count):
        started = time.perf_counter()
        poem = poet.quatrain(args.form, args.theme, seed=args.seed + number, candidates=args.candidates,
                             temperature=args.temperature)
        took = time.perf_counter() - started
        print(f"--- seed {args.seed + number} ({took * 1000:.0f} ms, {poem.mean_logprob:.2f} nats/token)")
        print(poem.text)
    return 0


def main(argv: list[str] | None = None) -> int:
    from artdesk.ml.poem.words.train import main as train_main

    argv = list(sys.argv[1:] if argv is None else argv)
    verbs = {"train": train_main, "eval": _eval, "sample": _sample}
    if not argv or argv[0] not in verbs:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        return verbs[argv[0]](argv[1:])
    except ArtdeskError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
