"""Originality labels: how close an output sits to its model's training data, on a scale calibrated on held-out works.

Each domain measures closeness its own way (pictures: distance to the nearest training picture in random-network
features; melodies and poems: the longest passage shared with training). Raw numbers mean little, so each model's
index carries a ``Calibration``: the same measure taken on held-out works of the same data set (real works the model
never saw). An output is labelled by where it falls among them:

- ``close copy``: closer to training than 99% of held-out works,
- ``close``: closer than 95% (the memorisation rule of ``artdesk eval canvas``),
- ``familiar``: closer than 75%,
- ``original``: as far from training as most unseen works of the same kind.

Whatever the calibration says, a melody or poem of which one shared passage makes up ``COPY_COVERAGE`` or more
is a close copy: it is mostly a training work (folk collections hold variants of one tune, so some held-out
tunes are such copies too, and a percentile alone would call an exact copy merely "close").

Plain Python + numpy: no torch, no Qt.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from artdesk.core.errors import ArtdeskError

LABELS = ("original", "familiar", "close", "close copy")
PERCENTILES = (25.0, 5.0, 1.0)  # share of held-out works at least this close, for familiar / close / close copy
COPY_COVERAGE = 0.9
INDEX_FILES = {"canvas": "originality.npz", "music": "originality.npz", "poem": "originality.json"}


# What the poem check can and cannot say, in plain words (its Bloom index of fixed-length character windows cannot
# name the training poem, and 1-2% of windows match by chance); the interface shows it translated.
SHARED_STRETCHES_NOTE = ("It looks for stretches of text shared with the poems the model learned from; it cannot say "
                         "which poem, and 1 or 2 stretches in 100 match by chance.")


class OriginalityError(ArtdeskError):
    """An originality check that cannot run; the message says why."""


@dataclass(frozen=True)
class Calibration:
    """Cut points of one measure, taken on held-out works; ``higher_is_closer`` for shared-passage lengths."""

    measure: str  # what the number is, for people ("feature distance", "longest shared passage (notes)")
    higher_is_closer: bool
    heldout: np.ndarray = field(repr=False)  # the sorted held-out values
    note: str = ""  # how it was calibrated

    @classmethod
    def from_heldout(cls, measure: str, values, higher_is_closer: bool, note: str = "") -> "Calibration":
        values = np.sort(np.asarray(values, dtype=np.float64))
        if len(values) < 20:
            raise OriginalityError(f"Calibrating {measure} needs at least 20 held-out works (got {len(values)}).")
        return cls(measure, higher_is_closer, values, note)

    def closeness(self, value: float) -> float:
        """Share of held-out works at least as close to training as ``value`` (0 = closer than all of them)."""
        if self.higher_is_closer:
            return float(len(self.heldout) - np.searchsorted(self.heldout, value, side="left")) / len(self.heldout)
        return float(np.searchsorted(self.heldout, value, side="right")) / len(self.heldout)

    def thresholds(self) -> dict[str, float]:
        """The measure's value at each label's edge (for cards and for people)."""
        out = {}
        for label, share in zip(LABELS[1:], PERCENTILES):
            q = 100 - share if self.higher_is_closer else share
            out[label] = float(np.percentile(self.heldout, q))
        return out

    def label(self, value: float) -> str:
        share = 100 * self.closeness(value)
        for label, edge in zip(reversed(LABELS[1:]), reversed(PERCENTILES)):
            if share < edge:
                return label
        return LABELS[0]

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "higher_is_closer": self.higher_is_closer,
                "heldout": [round(float(v), 5) for v in self.heldout], "note": self.note}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Calibration":
        try:
            return cls.from_heldout(str(data["measure"]), data["heldout"], bool(data["higher_is_closer"]),
                                    str(data.get("note", "")))
        except (KeyError, TypeError, ValueError) as error:
            raise OriginalityError(f"The originality calibration is damaged ({error}); rebuild the model's index.") from error


@dataclass
class Neighbour:
    """One training work near the output: its index in the training set and a caption."""

    index: int
    value: float  # distance, or shared length
    caption: str
    thumbnail: np.ndarray | None = None  # tiny RGB picture (pictures only)


@dataclass
class Originality:
    """The answer for one output."""

    label: str
    value: float
    closeness: float  # share of held-out works at least this close
    measure: str
    neighbours: list[Neighbour] = field(default_factory=list)
    passage: str = ""  # the longest shared passage, as text (melodies: note names; poems: characters)
    coverage: float | None = None  # share of the work inside that passage (melodies, poems)
    note: str = ""  # limits of the index, for people

    @property
    def novelty(self) -> float:
        """0 (closer than every held-out work) to 1 (farther than every one): the board's novelty column."""
        return self.closeness

    def summary(self) -> str:
        return f"{self.label} ({self.measure} {self.value:g}; {100 * self.closeness:.0f}% of unseen works are this close)"


def judge(calibration: Calibration, value: float, coverage: float | None = None, **details: Any) -> Originality:
    """The label of ``value``; ``coverage`` (share of the work in its longest shared passage) can only raise it."""
    label = calibration.label(value)
    if coverage is not None and coverage >= COPY_COVERAGE and value > 0:
        label = LABELS[-1]
    return Originality(label, float(value), calibration.closeness(value), calibration.measure, coverage=coverage,
                       **details)


def longest_run(found: np.ndarray, width: int) -> tuple[int, int]:
    """(start, end) of the longest stretch covered by windows of ``width`` starting where ``found`` is True."""
    best = (0, 0)
    run_start, covered_to = -1, -1
    for start in np.flatnonzero(found):
        end = int(start) + width
        if run_start < 0 or start > covered_to:
            run_start = int(start)
        covered_to = max(covered_to, end)
        if covered_to - run_start > best[1] - best[0]:
            best = (run_start, covered_to)
    return best


def load_checked_index(folder: Path, index_file: str, load: Callable[[Path], Any], cache: dict) -> Any:
    """``load(folder)``, once per ``cache`` (one job), after checking ``index_file`` against the sha256 the card
    records for it (when it records one). An OriginalityError is kept in the cache and raised again."""
    key = (index_file, str(folder))
    if key not in cache:
        try:
            if (folder / index_file).is_file():
                _verify_asset(folder, index_file)
            cache[key] = load(folder)
        except ArtdeskError as error:
            cache[key] = error
    if isinstance(cache[key], ArtdeskError):
        raise cache[key]
    return cache[key]


def _verify_asset(folder: Path, name: str) -> None:
    """Refuse an index whose sha256 differs from the one the card records (when it records one)."""
    try:
        card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    expected = card.get("assets", {}).get(name, {}).get("sha256")
    if expected and expected != hashlib.sha256((folder / name).read_bytes()).hexdigest():
        raise OriginalityError(f"The originality index of {folder.name} does not match its card (damaged or changed).")


def index_cards(card, cards) -> tuple[list, str]:
    """The cards whose indexes judge works of ``card`` (first: the one the work's model_dir names), and a note.

    A fine-tune that indexed the user's pictures (canvas does) is checked against them and against the
    nearest ancestor with an index (the base model's data); one without an index of its own only against
    that ancestor."""
    chain, seen, current = [], set(), card
    while current is not None and current.name not in seen:
        seen.add(current.name)
        if (Path(current.path) / INDEX_FILES.get(current.domain, "")).is_file():
            chain.append(current)
            if current.parent is None or current is not card:
                break
        current = next((c for c in cards if c.name == current.parent and c.domain == card.domain), None)
    if not chain:
        return [card], ""
    if chain[0] is card and len(chain) == 1:
        return chain, ""
    if chain[0] is card:
        return chain, (f"{card.name} is a fine-tune: checked against the pictures it was fine-tuned on and the "
                       f"training data of {chain[1].name}; the closer match is shown.")
    return chain, (f"{card.name} is a fine-tune: checked against the training data of {chain[0].name}, "
                   "not the works it was fine-tuned on.")
