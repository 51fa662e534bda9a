"""A third-order Markov baseline over melody events (Witten-Bell interpolated down to add-one unigrams).

Contexts before a melody's start use the PAD event, as the LSTM's inputs do.
"""
from __future__ import annotations

import numpy as np

from artdesk.ml.music.events import PAD, VOCAB

BASE = VOCAB + 1  # context symbols include PAD


def _contexts(sequence: np.ndarray, order: int) -> np.ndarray:
    padded = np.concatenate([np.full(order, PAD, np.int64), sequence.astype(np.int64)])
    ids = np.zeros(len(sequence), np.int64)
    for k in range(order):
        ids = ids * BASE + padded[k:k + len(sequence)]
    return ids


class MarkovModel:
    def __init__(self, order: int = 3) -> None:
        self.order = order
        self.unigram = np.ones(VOCAB)
        self.tables: list[tuple[np.ndarray, np.ndarray]] = []  # per order n>=1: (sorted context ids, counts [U, VOCAB])

    def fit(self, sequences: list[np.ndarray]) -> "MarkovModel":
        targets = np.concatenate([s.astype(np.int64) for s in sequences])
        self.unigram = np.bincount(targets, minlength=VOCAB).astype(np.float64) + 1.0
        self.tables = []
        for n in range(1, self.order + 1):
            ids = np.concatenate([_contexts(s, n) for s in sequences])
            unique, inverse = np.unique(ids, return_inverse=True)
            counts = np.zeros((len(unique), VOCAB), np.float32)
            np.add.at(counts, (inverse, targets), 1.0)
            self.tables.append((unique, counts))
        return self

    def probabilities(self, sequence: np.ndarray) -> np.ndarray:
        """p(event_t | 3 previous events) for every step, shape [len, VOCAB]."""
        probs = np.broadcast_to(self.unigram / self.unigram.sum(), (len(sequence), VOCAB)).astype(np.float64)
        for n, (unique, counts) in enumerate(self.tables, start=1):
            ids = _contexts(sequence, n)
            where = np.searchsorted(unique, ids).clip(max=len(unique) - 1)
            found = unique[where] == ids
            c = np.where(found[:, None], counts[where], 0.0).astype(np.float64)
            total = c.sum(1, keepdims=True)
            types = (c > 0).sum(1, keepdims=True).astype(np.float64)
            mixed = (c + types * probs) / np.maximum(total + types, 1e-12)
            probs = np.where(total > 0, mixed, probs)
        return probs

    def evaluate(self, sequences: list[np.ndarray]) -> dict[str, float]:
        nll, right, count = 0.0, 0, 0
        for sequence in sequences:
            probs = self.probabilities(sequence)
            target = sequence.astype(np.int64)
            nll += float(-np.log(probs[np.arange(len(target)), target]).sum())
            right += int((probs.argmax(1) == target).sum())
            count += len(target)
        return {"nll_per_step": nll / max(1, count), "accuracy": right / max(1, count), "steps": count}
