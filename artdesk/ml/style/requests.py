"""Frozen requests of the style jobs (no torch here, so the UI can import it).

Pictures travel as numpy uint8 arrays (HxWx3 or HxWx4); the result keeps the content's alpha.
Each request names its job (``job``), imported by the runner on the worker thread.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from artdesk.core.jobs import job_request


@dataclass(frozen=True)
class StyleControls:
    """How a style is applied: blend ``strength`` (0 = unchanged), keep the original colours,
    ``texture_scale`` (> 1 paints bigger brush marks, < 1 finer ones)."""

    strength: float = 1.0
    preserve_colour: bool = False
    texture_scale: float = 1.0


@job_request("artdesk.ml.style.apply:apply_job")
class ApplyRequest:
    """Apply the stylizer checkpoint at ``model_path`` to ``picture`` (optionally only inside ``mask``)."""

    model_path: str
    picture: Any = field(repr=False)
    controls: StyleControls = StyleControls()
    mask: Any = field(default=None, repr=False)  # bool HxW or None
    source: str = "user"


@job_request("artdesk.ml.style.optimize:optimize_job")
class OptimizeRequest:
    """Direct optimisation: repaint ``picture`` so its statistics match ``style_pictures``.

    ``size`` is the working long side; ``steps`` Adam steps; ``method`` the feature statistics.
    """

    picture: Any = field(repr=False)
    style_pictures: tuple = field(repr=False)
    controls: StyleControls = StyleControls()
    mask: Any = field(default=None, repr=False)
    steps: int = 150
    size: int = 256
    method: str = "meanstd"  # features.SHIPPED_METHOD (this module imports no torch)
    style_weight: float = 1.0
    content_weight: float = 0.5
    tv_weight: float = 0.02
    lr: float = 0.03
    preview_every: int = 10
    seed: int = 0
    style_name: str = "custom"


@dataclass(frozen=True)
class StyleResult:
    """A finished picture (uint8, same shape and alpha as the input) and its provenance."""

    picture: Any = field(repr=False)
    provenance: dict = field(default_factory=dict)
    seconds: float = 0.0


@job_request("artdesk.ml.style.media.render:render_job")
class MediumRequest:
    """Repaint ``picture`` in the painting medium ``medium`` (see ``media.catalogue.MEDIA``).

    ``max_side`` > 0 paints a shrunk copy for a quick preview (the result keeps that smaller size).
    """

    medium: str
    picture: Any = field(repr=False)
    settings: Any = None  # media.catalogue.MediumSettings; None for the usual look
    mask: Any = field(default=None, repr=False)  # bool HxW or None
    strength: float = 1.0
    max_side: int = 0
