"""Baseline: an interpolated Kneser-Ney character n-gram model (numpy; hashed n-grams).

Standard interpolated Kneser-Ney (Chen & Goodman 1998): absolute discounting with
``D = n1 / (n1 + 2 n2)`` per order, continuation counts for the lower orders, a uniform floor.
N-grams are keyed by 64-bit hashes (collisions are negligible at these sizes).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_write_text
from artdesk.ml.poem.copyindex import window_hashes
from artdesk.ml.poem.data import read_array
from artdesk.ml.poem.train import target_mask


def _unique(keys: np.ndarray):
    """Sorted unique keys, their counts and the index of one occurrence each."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    flag = np.ones(len(ordered), dtype=bool)
    flag[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(flag)
    counts = np.diff(np.append(starts, len(ordered)))
    return ordered[starts], counts, order[starts]


def _group_sum(keys: np.ndarray, values: np.ndarray):
    """Unique keys, the sum of ``values`` per key and the number of entries per key."""
    order = np.argsort(keys, kind="stable")
    ordered, vals = keys[order], values[order]
    flag = np.ones(len(ordered), dtype=bool)
    flag[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(flag)
    return ordered[starts], np.add.reduceat(vals, starts), np.diff(np.append(starts, len(ordered)))


def _lookup(keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    if len(keys) == 0:
        return np.zeros(len(queries), dtype=np.float64)
    pos = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
    return np.where(keys[pos] == queries, values[pos], 0).astype(np.float64)


def _discount(counts: np.ndarray) -> float:
    n1, n2 = int((counts == 1).sum()), int((counts == 2).sum())
    return n1 / (n1 + 2 * n2) if n1 + n2 > 0 else 0.5


class KneserNey:
    """An order-``order`` interpolated Kneser-Ney model over token ids in ``[0, vocab_size)``."""

    def __init__(self, stream: np.ndarray, vocab_size: int, order: int = 5) -> None:
        stream = np.asarray(stream, dtype=np.int64)
        self.order, self.vocab_size = order, vocab_size
        hashes = {k: window_hashes(stream, k) for k in range(1, order + 1)}
        self.levels: dict[int, tuple] = {}
        grams, counts, first = _unique(hashes[order])
        context = hashes[order - 1][first]
        ctx_keys, ctx_counts, ctx_types = _group_sum(context, counts)
        self.levels[order] = (grams, counts, ctx_keys, ctx_counts, ctx_types, _discount(counts))
        upper_first = first
        for k in range(order - 1, 1, -1):
            suffix = hashes[k][upper_first + 1]
            keys, cont, at = _unique(suffix)
            context = hashes[k - 1][upper_first[at] + 1]
            ctx_keys, ctx_sum, ctx_types = _group_sum(context, cont)
            self.levels[k] = (keys, cont, ctx_keys, ctx_sum, ctx_types, _discount(cont))
            _, _, upper_first = _unique(hashes[k])
        _, _, bigram_first = _unique(hashes[2])
        last = stream[bigram_first + 1]
        self.unigram_cont = np.bincount(last, minlength=vocab_size).astype(np.float64)
        self.unigram_discount = _discount(self.unigram_cont[self.unigram_cont > 0])
        self.unigram_types = float((self.unigram_cont > 0).sum())

    def probabilities(self, stream: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """P(stream[t] | the previous order-1 tokens) for each t in ``positions`` (t >= order - 1)."""
        stream = np.asarray(stream, dtype=np.int64)
        positions = np.asarray(positions, dtype=np.int64)
        total = self.unigram_cont.sum()
        d = self.unigram_discount
        p = (np.maximum(self.unigram_cont[stream[positions]] - d, 0) + d * self.unigram_types / self.vocab_size) / total
        hashes = {k: window_hashes(stream, k) for k in range(1, self.order + 1)}
        for k in range(2, self.order + 1):
            keys, counts, ctx_keys, ctx_counts, ctx_types, d = self.levels[k]
            start = positions - k + 1
            c = _lookup(keys, counts, hashes[k][start])
            den = _lookup(ctx_keys, ctx_counts, hashes[k - 1][start])
            types = _lookup(ctx_keys, ctx_types, hashes[k - 1][start])
            with np.errstate(divide="ignore", invalid="ignore"):
                mixed = (np.maximum(c - d, 0) + d * types * p) / den
            p = np.where(den > 0, mixed, p)
        return p

    def bits_per_char(self, stream: np.ndarray, mask: np.ndarray) -> float:
        """Mean -log2 P over positions where ``mask`` is True (the first order-1 positions are skipped)."""
        positions = np.flatnonzero(mask)
        positions = positions[positions >= self.order - 1]
        probs = self.probabilities(stream, positions)
        return float(-np.log2(np.maximum(probs, 1e-12)).mean()) if len(probs) else math.nan


def kn_baseline(data: Path, language: str, vocab, train_stream=None, valid_stream=None) -> float:
    """Held-out bits/char of an interpolated Kneser-Ney 5-gram trained on the same training split (cached per data files)."""
    from artdesk.core.digest import sha256_file

    key = {name: sha256_file(data / language / name) for name in ("train.u16.gz", "valid.u16.gz", "vocab.json")}
    cache_file = data / language / "kn5.json"
    if cache_file.exists():
        cached = json.loads(cache_file.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            return float(cached["bits_per_char"])
    train_stream = read_array(data / language / "train.u16.gz") if train_stream is None else train_stream
    valid_stream = read_array(data / language / "valid.u16.gz") if valid_stream is None else valid_stream
    kn = KneserNey(train_stream, len(vocab), order=5)
    bpc = kn.bits_per_char(valid_stream, target_mask(valid_stream, vocab))
    atomic_write_text(cache_file, json.dumps({"key": key, "bits_per_char": bpc}))
    return bpc
