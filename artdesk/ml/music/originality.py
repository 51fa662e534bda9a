"""Melody originality: the longest passage a melody shares with the training melodies, from a compact index.

The index (``originality.npz`` in the model folder) holds a 32-bit hash of every run of ``NOTES`` consecutive
notes of every training melody (pitches relative to the run's first note, so a copy in another key is still found,
with the exact rhythm between the notes) and which training melody it came from; no melody itself.
The longest shared passage is the longest stretch of a melody in which every run of ``NOTES`` notes is found in
one and the same training melody. 32-bit hashes collide about once in 10,000 look-ups, so a single shared run may be a false match.
Calibration: the same measure on held-out melodies cut to each of ``CALIBRATION_BARS`` bars; a melody is judged
against the shortest cut at least as long as itself, since longer melodies share longer passages by chance
(``core/originality.py``).
"""
from __future__ import annotations

import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.jobs import JobContext
from artdesk.core.originality import Calibration, Neighbour, Originality, OriginalityError, judge

INDEX_FILE = "originality.npz"
NOTES = 8
CALIBRATION_BARS = (4, 8, 16, 32)
NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


def onsets(events: np.ndarray) -> np.ndarray:
    return np.flatnonzero(np.asarray(events) >= 2)


def run_hashes(events: np.ndarray) -> np.ndarray:
    """uint32 hash of each run of NOTES notes, one per note that starts such a run (key-independent)."""
    events = np.asarray(events, dtype=np.int64)
    starts = onsets(events)
    out = np.zeros(max(0, len(starts) - NOTES + 1), dtype=np.uint32)
    for j in range(len(out)):
        run = events[starts[j]:starts[j + NOTES - 1] + 1].copy()
        notes = run >= 2
        run[notes] = run[notes] - run[0] + 128
        digest = hashlib.blake2b(run.astype(np.uint8).tobytes(), digest_size=4).digest()
        out[j] = int.from_bytes(digest, "little")
    return out


@dataclass
class MelodyIndex:
    hashes: np.ndarray  # sorted uint32
    melody: np.ndarray  # uint16: training melody of each hash
    captions: tuple[str, ...]  # per training melody: "training melody #i (style, key)"
    calibrations: dict[int, Calibration]  # bars -> calibration on held-out melodies cut to that many bars

    def calibration(self, bars: float) -> Calibration:
        """The calibration of the shortest cut at least ``bars`` long (the longest cut past that)."""
        fitting = [b for b in sorted(self.calibrations) if b >= bars]
        return self.calibrations[fitting[0] if fitting else max(self.calibrations)]

    def found(self, hashes: np.ndarray) -> tuple[np.ndarray, list[list[int]]]:
        """Per run: found in training, and the training melodies that hold it."""
        left = np.searchsorted(self.hashes, hashes, side="left")
        right = np.searchsorted(self.hashes, hashes, side="right")
        return right > left, [self.melody[a:b].tolist() for a, b in zip(left, right)]

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez_compressed(buffer, hashes=self.hashes, melody=self.melody, captions=np.asarray(self.captions),
                            calibration=np.asarray(json.dumps({b: c.to_dict() for b, c in self.calibrations.items()})))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "MelodyIndex":
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as a:
                cuts = json.loads(str(a["calibration"]))
                return cls(a["hashes"], a["melody"], tuple(str(c) for c in a["captions"]),
                           {int(b): Calibration.from_dict(c) for b, c in cuts.items()})
        except (OSError, ValueError, KeyError) as error:
            raise OriginalityError(f"The melody originality index is damaged ({error}); rebuild it.") from error


def longest_shared(owners: list[list[int]]) -> tuple[int, int, int]:
    """(start, end, melody): the longest stretch of consecutive runs all found in one training melody, in notes."""
    best, current = (0, 0, -1), {}
    for j, here in enumerate(owners):
        current = {m: current.get(m, j) for m in set(here)}  # melody -> first run of its current stretch
        for m, first in current.items():
            if j + NOTES - first > best[1] - best[0]:
                best = (first, j + NOTES, m)
    return best


def build_index(dataset, ctx: JobContext | None = None) -> MelodyIndex:
    """Index the training melodies of a ``MelodyDataset`` (split 0) and calibrate on the held-out ones (split 1)."""
    train = np.flatnonzero(dataset.split == 0)
    parts, owners, captions = [], [], []
    for number, i in enumerate(train):
        if ctx is not None and number % 500 == 0:
            ctx.raise_if_cancelled()
            ctx.report(number / len(train), f"Indexing training melody {number}/{len(train)}…")
        h = run_hashes(dataset.events(i))
        parts.append(h)
        owners.append(np.full(len(h), number, dtype=np.uint16))
        mode = "major" if int(dataset.mode[i]) == 0 else "minor"
        captions.append(f"training melody #{number} ({dataset.styles[int(dataset.style[i])]}, "
                        f"{NAMES[int(dataset.tonic[i]) % 12]} {mode})")
    hashes, melody = np.concatenate(parts), np.concatenate(owners)
    order = np.argsort(hashes, kind="stable")
    index = MelodyIndex(hashes[order], melody[order], tuple(captions), {})
    heldout = np.flatnonzero(dataset.split == 1)
    for bars in CALIBRATION_BARS:
        values = []
        for i in heldout:
            start, end, _ = longest_shared(index.found(run_hashes(dataset.events(i)[:bars * int(dataset.steps_per_bar[i])]))[1])
            values.append(end - start)
        index.calibrations[bars] = Calibration.from_heldout(
            "longest shared passage (notes)", values, higher_is_closer=True,
            note=f"longest passage shared with {len(train)} training melodies, measured on {len(values)} held-out "
                 f"melodies cut to {bars} bars; passages of {NOTES}+ notes, transposition ignored")
    return index


def load_index(folder: Path) -> MelodyIndex:
    path = Path(folder) / INDEX_FILE
    if not path.is_file():
        raise OriginalityError(f"The model {Path(folder).name} has no originality index ({INDEX_FILE}).")
    return MelodyIndex.from_bytes(path.read_bytes())


def note_names(events: np.ndarray) -> str:
    return " ".join(f"{NAMES[(int(e) - 2 + 36) % 12]}{(int(e) - 2 + 36) // 12 - 1}" for e in events if e >= 2)


def check_melody(index: MelodyIndex, events: np.ndarray, steps_per_bar: int = 16) -> Originality:
    """Originality of one melody (event sequence): longest shared passage, the training melodies holding most of it,
    judged against held-out melodies of about its length."""
    events = np.asarray(events)
    _, owners = index.found(run_hashes(events))
    start, end, _ = longest_shared(owners)
    starts = onsets(events)
    passage = note_names(events[starts[start]:starts[end - 1] + 1]) if end > start else ""
    counts = Counter(m for here in owners for m in set(here))
    neighbours = [Neighbour(m, float(c), f"{index.captions[m]}: shares {c} runs of {NOTES} notes")
                  for m, c in counts.most_common(3)]
    coverage = (end - start) / len(starts) if len(starts) else 0.0
    calibration = index.calibration(len(events) / max(1, steps_per_bar))
    return judge(calibration, end - start, coverage, neighbours=neighbours, passage=passage,
                 note=f"Runs of {NOTES} notes, in any key; 32-bit hashes, so a short match may be a false one.")
