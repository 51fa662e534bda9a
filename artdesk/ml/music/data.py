"""Melody datasets: event streams plus per-melody conditioning, in one compact ``.npz`` (numpy only).

``prepare()`` (``artdesk train music --prepare``) builds ``melodies.npz`` and ``manifest.json`` from the
music21 corpus: deduplicated, split train/held-out with a fixed seed. ``build_dataset`` turns any list of
melodies (e.g. the user's MIDI files) into the same form.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_write_bytes, atomic_write_text
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.melody import Melody
from artdesk.core.paths import default_cache
from artdesk.ml.music import events as ev

SPLIT_SEED = 20240611
HELD_OUT_FRACTION = 0.1
DATASET_FILE = "melodies.npz"
MANIFEST_FILE = "manifest.json"
MAX_MELODY_STEPS = 16 * 256  # longer tunes are cut (256 bars of 4/4)


@dataclass
class MelodyDataset:
    """Melodies as one event stream: melody i is ``stream[offsets[i]:offsets[i+1]]``."""

    stream: np.ndarray  # uint8 events
    offsets: np.ndarray  # int64 [N + 1]
    style: np.ndarray  # int64 [N], index into ``styles``
    tonic: np.ndarray
    mode: np.ndarray  # 0 major, 1 minor
    steps_per_bar: np.ndarray
    metre: np.ndarray
    split: np.ndarray  # 0 train, 1 held-out
    styles: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.style)

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def events(self, index: int) -> np.ndarray:
        return self.stream[self.offsets[index]:self.offsets[index + 1]]

    def subset(self, keep: np.ndarray) -> "MelodyDataset":
        indices = np.flatnonzero(keep) if keep.dtype == bool else np.asarray(keep)
        parts = [self.events(i) for i in indices]
        offsets = np.concatenate([[0], np.cumsum([len(p) for p in parts])]).astype(np.int64)
        stream = np.concatenate(parts).astype(np.uint8) if parts else np.zeros(0, np.uint8)
        return MelodyDataset(stream, offsets, *(getattr(self, f)[indices] for f in
                             ("style", "tonic", "mode", "steps_per_bar", "metre", "split")), self.styles)

    def save(self, path: Path) -> None:
        import io

        buffer = io.BytesIO()
        np.savez_compressed(buffer, stream=self.stream, offsets=self.offsets, style=self.style, tonic=self.tonic,
                            mode=self.mode, steps_per_bar=self.steps_per_bar, metre=self.metre, split=self.split,
                            styles=np.array(self.styles))
        atomic_write_bytes(path, buffer.getvalue())

    @classmethod
    def load(cls, path: Path) -> "MelodyDataset":
        try:
            with np.load(path, allow_pickle=False) as data:
                fields = {k: data[k] for k in data.files}
        except FileNotFoundError as error:
            raise ArtdeskError(f"No prepared melody data at {path}; run: artdesk train music --prepare") from error
        except (OSError, ValueError, KeyError) as error:
            raise ArtdeskError(f"The melody data {path} is damaged ({error}); prepare it again.") from error
        styles = tuple(str(s) for s in fields.pop("styles"))
        return cls(**{k: (v.astype(np.int64) if k not in ("stream",) else v) for k, v in fields.items()}, styles=styles)


def melody_key(melody: Melody) -> tuple[int, int]:
    tonic, mode = ev.estimate_key(melody)
    return tonic, ev.MODES.index(mode)


def build_dataset(melodies: list[Melody], style_of: list[str], styles: tuple[str, ...], split: np.ndarray | None = None) -> MelodyDataset:
    """The dataset of ``melodies`` (each cut to MAX_MELODY_STEPS), with the style names ``style_of``."""
    parts, rows, kept = [], [], []
    for number, (melody, style) in enumerate(zip(melodies, style_of)):
        events = ev.melody_to_events(melody, min(melody.length_steps, MAX_MELODY_STEPS))
        if len(events) < 8:
            continue
        tonic, mode = melody_key(melody)
        ts = tuple(melody.time_signature)
        parts.append(events)
        kept.append(number)
        rows.append((styles.index(style), tonic, mode, ev.steps_per_bar(ts), ev.metre_id(ts)))
    if not parts:
        raise ArtdeskError("No usable melodies (each needs at least 8 steps of music).")
    offsets = np.concatenate([[0], np.cumsum([len(p) for p in parts])]).astype(np.int64)
    table = np.array(rows, dtype=np.int64)
    split = np.zeros(len(parts), np.int64) if split is None else np.asarray(split, np.int64)[kept]
    return MelodyDataset(np.concatenate(parts).astype(np.uint8), offsets, *table.T, split=split, styles=styles)


def fixed_split(count: int, seed: int = SPLIT_SEED, fraction: float = HELD_OUT_FRACTION) -> np.ndarray:
    rng = np.random.default_rng(seed)
    split = np.zeros(count, np.int64)
    split[rng.permutation(count)[: max(1, int(round(count * fraction)))]] = 1
    return split


def _fingerprint(melody: Melody) -> str:
    """Transposition-independent identity of a tune, for deduplication."""
    notes = melody.notes
    base = notes[0].pitch
    return hashlib.sha1(json.dumps([(n.pitch - base, n.start - notes[0].start, n.duration) for n in notes]).encode()).hexdigest()


def prepare(out_dir: Path, ctx: JobContext, essen: bool = False, collections: list[str] | None = None,
            workers: int = 1) -> dict:
    """Build ``melodies.npz`` + ``manifest.json`` in ``out_dir``; returns the manifest.

    Default: the licence-clean collections. ``essen=True`` builds the non-commercial Essen set instead.
    Reports per corpus file; checks cancel between files.
    """
    from artdesk.ml.music import corpus

    music21 = corpus.require_music21()
    table = corpus.ESSEN if essen else corpus.COLLECTIONS
    names = collections or list(table)
    cache = default_cache("music")
    styles = ("folk",) if essen else ("classical", "folk", "celtic")
    melodies: list[Melody] = []
    files: list[str] = []
    raw_counts: dict[str, int] = {}
    started = time.time()
    for number, name in enumerate(names):
        found = corpus.load_collection(name, cache, ctx, number, len(names), workers)
        raw_counts[name] = len(found)
        melodies += found
        files += [f"{name}/{p.name}" for p in corpus.corpus_files(name)]
    seen: set[str] = set()
    unique: list[Melody] = []
    for melody in melodies:
        key = _fingerprint(melody)
        if key not in seen:
            seen.add(key)
            unique.append(melody)
    style_of = [table[m.metadata["collection"]][1] for m in unique]
    split = fixed_split(len(unique))
    dataset = build_dataset(unique, style_of, styles, split)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dataset.save(out_dir / DATASET_FILE)
    kept_counts: dict[str, int] = {}
    for melody in unique:
        kept_counts[melody.metadata["collection"]] = kept_counts.get(melody.metadata["collection"], 0) + 1
    manifest = {
        "source": f"PyPI music21=={music21.__version__} corpus (installed package; nothing downloaded)",
        "collections": {name: {"style": table[name][1], "licence": table[name][2], "melodies_parsed": raw_counts[name],
                               "melodies_kept": kept_counts.get(name, 0)} for name in names},
        "licence": "non-commercial use only (Essen)" if essen else "public domain",
        "file_list_sha256": hashlib.sha256("\n".join(files).encode()).hexdigest(),
        "files": len(files),
        "melodies": len(dataset),
        "duplicates_removed": len(melodies) - len(unique),
        "notes": int(sum(len(m.notes) for m in unique)),
        "steps": int(len(dataset.stream)),
        "split": {"seed": SPLIT_SEED, "held_out_fraction": HELD_OUT_FRACTION, "train": int((dataset.split == 0).sum()),
                  "held_out": int((dataset.split == 1).sum())},
        "styles": list(styles),
        "filters": "parts with >= 8 notes; top note of chords; ties joined; grace notes dropped; 16th grid; "
                   f"cut at {MAX_MELODY_STEPS} steps; pitches moved by octaves into [{ev.MIN_PITCH}, {ev.MAX_PITCH})",
        "seconds": round(time.time() - started, 1),
        "dataset_sha256": hashlib.sha256((out_dir / DATASET_FILE).read_bytes()).hexdigest(),
    }
    atomic_write_text(out_dir / MANIFEST_FILE, json.dumps(manifest, indent=2))
    ctx.report(1.0, f"{len(dataset)} melodies prepared")
    return manifest
