"""The evaluation board's numbers for a batch of works ("generate 50, keep 5"), plain numpy.

Each work gets: novelty (share of held-out works at least as close to training: 0 = a copy, 1 = farther than
every unseen work), diversity (how unlike the closest other work of the same panel in the batch it is, 0 = a
duplicate, 1 = nothing in common), and one technique check per panel (sharpness of pictures, in-key rate of
melodies, rule violations of poems). The user's rating comes from the gallery.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

METRICS = ("novelty", "diversity", "technique", "rating")
TECHNIQUE = {"canvas": "sharpness", "music": "in-key rate", "poem": "rule violations"}


@dataclass
class BoardRow:
    """One work on the board; metrics are None where they could not be measured (``problem`` says why)."""

    item_id: str
    panel: str
    title: str
    rating: int
    label: str = ""
    novelty: float | None = None
    diversity: float | None = None
    technique: float | None = None
    problem: str = ""
    details: dict = field(default_factory=dict)

    def value(self, metric: str) -> float | None:
        return float(self.rating) if metric == "rating" else getattr(self, metric)


def sharpness(picture: np.ndarray) -> float:
    """Variance of the Laplacian of the grey picture (uint8 H x W x 3), in grey levels squared: blur gives low values."""
    grey = np.asarray(picture, dtype=np.float64)[..., :3] @ np.array([0.299, 0.587, 0.114])
    lap = grey[1:-1, :-2] + grey[1:-1, 2:] + grey[:-2, 1:-1] + grey[2:, 1:-1] - 4 * grey[1:-1, 1:-1]
    return float(lap.var()) if lap.size else 0.0


def vector_diversity(vectors: np.ndarray, scale: float) -> list[float]:
    """Per row: distance to the nearest other row divided by ``scale``, capped at 1 (a lone row gets 1)."""
    vectors = np.asarray(vectors, dtype=np.float64)
    if len(vectors) < 2:
        return [1.0] * len(vectors)
    sq = (vectors * vectors).sum(1)
    dist = np.sqrt(np.maximum(sq[:, None] + sq[None] - 2 * vectors @ vectors.T, 0))
    np.fill_diagonal(dist, np.inf)
    return [float(min(1.0, d / max(scale, 1e-12))) for d in dist.min(1)]


def set_diversity(sets: list[set]) -> list[float]:
    """Per set: 1 - the largest Jaccard similarity with another set of the batch (a lone set gets 1)."""
    out = []
    for i, mine in enumerate(sets):
        best = 0.0
        for j, other in enumerate(sets):
            if i != j and (mine or other):
                best = max(best, len(mine & other) / len(mine | other))
        out.append(1.0 - best)
    return out


def char_ngrams(text: str, n: int = 4) -> set[str]:
    compact = " ".join(text.split())
    return {compact[i:i + n] for i in range(max(0, len(compact) - n + 1))}


def filter_rows(rows: list[BoardRow], metric: str | None = None, minimum: float | None = None,
                maximum: float | None = None, label: str | None = None) -> list[BoardRow]:
    """Rows whose ``metric`` lies within [minimum, maximum] (unmeasured rows drop out) and, if given, with that label."""
    out = []
    for row in rows:
        if label and row.label != label:
            continue
        if metric and (minimum is not None or maximum is not None):
            value = row.value(metric)
            if value is None or (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
                continue
        out.append(row)
    return out


def sort_rows(rows: list[BoardRow], metric: str, descending: bool = True) -> list[BoardRow]:
    """Sorted by ``metric``; unmeasured rows last either way."""
    measured = [r for r in rows if r.value(metric) is not None]
    missing = [r for r in rows if r.value(metric) is None]
    return sorted(measured, key=lambda r: r.value(metric), reverse=descending) + missing
