"""Frozen requests and results of the canvas jobs (no torch here, so the UI can import it).

Latents travel as tuples of floats so requests and provenance stay plain, comparable data.
Pictures travel as numpy uint8 arrays HxWx3 (RGB). Each request names its job (``job``), a function of
``artdesk.ml.canvas.generate`` that the runner imports on the worker thread.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from artdesk.core.jobs import job_request

STYLES: tuple[str, ...] = ("clipart", "emoji", "sketch", "sprite")
DEFAULT_STYLE = STYLES[0]  # what a request draws in when it names no style
MAX_PICTURES = 256
Latent = tuple[float, ...]


def model_styles(labels: list[str]) -> tuple[str, ...]:
    """What a model draws, from its card's ``styles:a,b,c`` label (older cards: the four mixed styles)."""
    for label in labels:
        if label.startswith("styles:"):
            return tuple(s for s in label[len("styles:"):].split(",") if s)
    return STYLES


BASE_ONLY = "fine-tune base only"  # a card label: the model starts fine-tuning but is not offered for drawing


def offered_for_drawing(labels: list[str]) -> bool:
    """Whether the Canvas picker offers the model (a base kept only for fine-tuning draws nothing worth keeping)."""
    return BASE_ONLY not in labels


def style_index(style: str, styles: tuple[str, ...] = STYLES) -> int:
    from artdesk.core.errors import ArtdeskError

    if style not in styles:
        raise ArtdeskError(f"This model does not draw {style!r}; choose one of: {', '.join(styles)}.")
    return styles.index(style)


@job_request("artdesk.ml.canvas.generate:generate_grid")
class GenerateRequest:
    """A grid of ``count`` pictures from ``seed``; ``truncation`` < 1 pulls latents toward the mean."""

    model_path: str
    style: str = DEFAULT_STYLE
    seed: int = 0
    count: int = 16
    truncation: float = 1.0


@job_request("artdesk.ml.canvas.generate:vary")
class VaryRequest:
    """``count`` variations around ``latent``: each is latent + strength * noise (seeded)."""

    model_path: str
    latent: Latent
    style: str = DEFAULT_STYLE
    strength: float = 0.5
    seed: int = 0
    count: int = 8


@job_request("artdesk.ml.canvas.generate:interpolate")
class InterpolateRequest:
    """A walk of ``frames`` pictures from ``start`` to ``end`` (spherical interpolation)."""

    model_path: str
    start: Latent
    end: Latent
    style: str = DEFAULT_STYLE
    end_style: str | None = None
    frames: int = 16
    gif_path: str | None = None  # also write an animated GIF (or .webp) here
    frame_ms: int = 80
    upscale: int = 2


@job_request("artdesk.ml.canvas.generate:breed")
class BreedRequest:
    """``count`` children of ``parents``: random convex mixes of the parents, plus ``mutation`` noise."""

    model_path: str
    parents: tuple[Latent, ...]
    style: str = DEFAULT_STYLE
    mutation: float = 0.3
    seed: int = 0
    count: int = 8


@job_request("artdesk.ml.canvas.generate:project")
class ProjectRequest:
    """Project a drawing (uint8 HxWx3 or HxWx4) to the nearest picture the model makes.

    The VAE encoder gives the start (``encoder_path``, or ``model_path`` itself when it is a VAE);
    ``steps`` > 0 then optimises the latent against ``model_path``'s decoder, publishing previews.
    """

    model_path: str
    image: Any = field(compare=False, repr=False)
    style: str = DEFAULT_STYLE
    encoder_path: str | None = None
    steps: int = 60
    seed: int = 0


@job_request("artdesk.ml.canvas.generate:explore")
class ExploreRequest:
    """Walk ``latent`` along principal direction ``component`` (0 = strongest), ``spread`` std either side.

    Directions are GANSpace's: principal components of the first layer's features over ``samples``
    random latents, mapped back to the latent space by least squares.
    """

    model_path: str
    latent: Latent
    style: str = DEFAULT_STYLE
    component: int = 0
    spread: float = 2.0
    count: int = 7
    samples: int = 2000
    seed: int = 0


@job_request("artdesk.ml.canvas.generate:upscale")
class UpscaleRequest:
    """Make ``image`` (uint8 HxWx3) ``factor`` times bigger: ``learned`` (model_path) or ``nearest``."""

    image: Any = field(compare=False, repr=False)
    factor: int = 4
    method: str = "learned"
    model_path: str | None = None


@dataclass(frozen=True)
class Pictures:
    """A job's result: pictures with the latent that made each, and provenance for each layer."""

    images: list  # numpy uint8 HxWx3
    latents: list[Latent]
    provenance: list[dict]
    files: list[str] = field(default_factory=list)
