"""The painting media a picture can be repainted in, and their controls in plain words (no torch, no Qt).

Every control is a number from 0 to 1 (0.5 is the medium's usual look). A medium lists only the
controls that change it, each with the words its panel shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

Step = Callable[[float, str], None]  # a renderer's (fraction done, message) callback; raises Cancelled


@dataclass(frozen=True)
class MediumSettings:
    """How a medium is painted; every field runs 0..1, 0.5 is the usual look."""

    stroke_size: float = 0.5  # small, careful marks .. big, bold marks
    detail: float = 0.5  # loose, simplified .. every small shape painted
    paper: float = 0.5  # how much paper or canvas texture (and, for washes, empty paper) shows
    wetness: float = 0.5  # dry, crisp edges .. wet, soft blooms and bleeding
    pressure: float = 0.5  # light, pale marks .. heavy, dark marks
    lines: bool = False  # watercolour: a light pencil drawing under the washes
    seed: int = 0

    def clamped(self) -> "MediumSettings":
        """The same settings with every slider clipped into 0..1."""
        clip = lambda v: min(1.0, max(0.0, float(v)))  # noqa: E731
        return MediumSettings(clip(self.stroke_size), clip(self.detail), clip(self.paper), clip(self.wetness),
                              clip(self.pressure), bool(self.lines), int(self.seed))


@dataclass(frozen=True)
class Control:
    """One slider: the settings field, its words, and what its two ends mean."""

    name: str
    label: str
    low: str
    high: str


@dataclass(frozen=True)
class Medium:
    """A painting medium: its name on the command line, its label, a sentence, its controls, its renderer."""

    name: str
    label: str
    description: str
    renderer: str  # "module:function" taking (rgb, settings, rng, step)
    controls: tuple[Control, ...] = field(default=())
    options: dict = field(default_factory=dict)  # extra keyword arguments of the renderer


STROKE = Control("stroke_size", "Stroke size", "small", "big")
DETAIL = Control("detail", "Detail", "loose", "careful")
PRESSURE = Control("pressure", "Pressure", "light", "heavy")

MEDIA: dict[str, Medium] = {m.name: m for m in (
    Medium("oil", "Oil painting", "Thick brush strokes that follow the forms, big ones under small ones, on linen canvas.",
           "artdesk.ml.style.media.oil:render",
           (STROKE, DETAIL, Control("paper", "Canvas texture", "smooth", "rough"), Control("pressure", "Thick paint", "thin", "thick"))),
    Medium("watercolour", "Watercolour", "Transparent washes with white paper showing, dark dried edges, grainy paper and soft blooms.",
           "artdesk.ml.style.media.watercolour:render",
           (DETAIL, Control("wetness", "Wetness", "dry", "wet"), Control("paper", "White paper", "little", "much"), PRESSURE)),
    Medium("pencil", "Pencil sketch", "Graphite hatching along the forms on white paper, in grey.",
           "artdesk.ml.style.media.pencil:render",
           (STROKE, DETAIL, Control("paper", "Paper grain", "smooth", "rough"), PRESSURE)),
    Medium("coloured-pencil", "Coloured pencil", "Coloured pencil hatching along the forms on white paper.",
           "artdesk.ml.style.media.pencil:render",
           (STROKE, DETAIL, Control("paper", "Paper grain", "smooth", "rough"), PRESSURE), {"colour": True}),
    Medium("ink-wash", "Ink wash (水墨)", "Black ink in graded washes and dry brush lines on rice paper, with lots of empty paper.",
           "artdesk.ml.style.media.ink:render",
           (DETAIL, Control("wetness", "Wetness", "dry brush", "wet, bleeding"), Control("paper", "Empty paper", "little", "much"),
            Control("pressure", "Ink", "pale", "dark"))),
)}


def medium(name: str) -> Medium:
    """The medium called ``name``; the error lists the known ones."""
    from artdesk.core.errors import ArtdeskError

    try:
        return MEDIA[name]
    except KeyError:
        raise ArtdeskError(f"No painting medium named {name!r}; choose one of: {', '.join(MEDIA)}.") from None
