"""Copy index: a Bloom filter of every character n-gram of the training bodies (numpy only).

It ships with a model (``copy_index.npz``) so the app can answer, without the training text:
"which lines of this poem occur in training" (a line with its end mark, preceded by a line start)
and "how long is the longest passage this poem shares with training" (the longest run in which every
n-gram window occurs in training). A Bloom filter has false positives (about 2% per window at the
chosen size) and no false negatives; the exact numbers of ``artdesk eval`` use the prepared text.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
P1 = np.uint64(0x9E3779B97F4A7C15)
P2 = np.uint64(0xC2B2AE3D27D4EB4F)
HASHES = 6


def window_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """A 64-bit hash of every length-``n`` window of ``ids`` (uint64 arithmetic wraps)."""
    ids = np.asarray(ids, dtype=np.uint64)
    if len(ids) < n:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = np.zeros(len(ids) - n + 1, dtype=np.uint64)
        for j in range(n):
            h = (h * P1 + ids[j:len(ids) - n + 1 + j] + np.uint64(1)) & MASK64
        h ^= h >> np.uint64(29)
        h = (h * P2) & MASK64
        h ^= h >> np.uint64(32)
    return h


def _positions(h: np.ndarray, bits: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        h1 = h & np.uint64(0xFFFFFFFF)
        h2 = (h >> np.uint64(32)) | np.uint64(1)
        return np.stack([(h1 + np.uint64(i) * h2) % np.uint64(bits) for i in range(HASHES)])


@dataclass
class CopyIndex:
    n: int
    bits: int
    table: np.ndarray  # packed bits, uint8
    line_start_ids: tuple[int, ...]  # ids that may precede a line (separators, <sep>)
    word_start_ids: tuple[int, ...] = ()  # if set, only windows right after one of these ids are indexed

    def window_starts(self, ids: np.ndarray) -> np.ndarray:
        """True where a window may start (always, or right after a word boundary)."""
        ids = np.asarray(ids)
        count = max(0, len(ids) - self.n + 1)
        if not self.word_start_ids:
            return np.ones(count, dtype=bool)
        previous = np.concatenate([[self.line_start_ids[-1]], ids[:-1]])[:count]
        return np.isin(previous, self.word_start_ids)

    @classmethod
    def build(cls, stream: np.ndarray, n: int, special_ids: list[int], line_start_ids: list[int],
              word_start_ids: list[int] = (), bits_per_item: int = 10, max_bytes: int = 8 << 20) -> "CopyIndex":
        """Index every n-gram of ``stream`` that holds no special token, plus n-grams starting at a line start."""
        stream = np.asarray(stream, dtype=np.int64)
        hashes = window_hashes(stream, n)
        special = np.isin(stream, special_ids).astype(np.int64)
        bad = np.convolve(special, np.ones(n, dtype=np.int64), mode="valid") > 0
        starts_ok = np.isin(stream[:len(hashes)], line_start_ids)  # a window may begin with a line start
        inner = np.convolve(special[1:], np.ones(n - 1, dtype=np.int64), mode="valid")[:len(hashes)] == 0
        keep = ~bad | (starts_ok & inner)
        probe = cls(n, 8, np.zeros(1, np.uint8), tuple(line_start_ids), tuple(word_start_ids))
        keep &= probe.window_starts(stream)
        hashes = hashes[keep]  # duplicates only set the same bits again
        bits = int(min(max_bytes * 8, max(1 << 16, len(hashes) * bits_per_item)))
        flags = np.zeros(bits, dtype=bool)
        for row in _positions(hashes, bits):
            flags[row] = True
        return cls(n, bits, np.packbits(flags), tuple(int(i) for i in line_start_ids), tuple(int(i) for i in word_start_ids))

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        if len(hashes) == 0:
            return np.zeros(0, dtype=bool)
        pos = _positions(hashes, self.bits)
        byte, bit = pos // np.uint64(8), pos % np.uint64(8)
        values = (self.table[byte.astype(np.int64)] >> (np.uint64(7) - bit).astype(np.uint8)) & 1
        return values.all(axis=0)

    def windows_in_training(self, ids: list[int]) -> np.ndarray:
        """Per window start: True if that window occurs in training (False where no window may start)."""
        ids = np.asarray(ids)
        found = self.contains(window_hashes(ids, self.n))
        return found & self.window_starts(ids)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, n=np.int64(self.n), bits=np.int64(self.bits), table=self.table,
                 line_start_ids=np.asarray(self.line_start_ids, dtype=np.int64),
                 word_start_ids=np.asarray(self.word_start_ids, dtype=np.int64))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "CopyIndex":
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            return cls(int(arrays["n"]), int(arrays["bits"]), arrays["table"],
                       tuple(int(i) for i in arrays["line_start_ids"]), tuple(int(i) for i in arrays["word_start_ids"]))
