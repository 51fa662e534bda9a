"""The Canvas panel's state without Qt or torch: the model dock's settings, picks, requests and replay, and
the records a painting carries (what a saved painting says about itself, the "(made with …)" note).

A painting exported from the canvas carries its layers' records (each generated layer keeps the record its
job made on the worker); a picture a canvas job made carries ``job`` and ``settings``, which
``PictureSession.restore`` sets again for "Generate again" (``replay.request_from_record``).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import artdesk
from artdesk.core.cards import ModelCard
from artdesk.core.document import Document
from artdesk.core.errors import ArtdeskError
from artdesk.core.observable import Settings
from artdesk.core.provenance import find_card
from artdesk.ml.canvas.replay import REQUESTS, request_from_record
from artdesk.ml.canvas.requests import (STYLES, BreedRequest, ExploreRequest, GenerateRequest, InterpolateRequest,
                                        ProjectRequest, VaryRequest, model_styles, offered_for_drawing)

GENERATIVE_TYPES = ("canvas-gan", "canvas-vae")
MAX_EXPLORE = 15  # pictures along one direction

MADE_BY = ("model", "job", "style", "seed")  # what the note names of each record, in this order
NOTED_RECORDS = 4


def document_record(document: Document) -> dict[str, Any]:
    """The provenance a saved or exported painting carries: the app, when, its size and each layer's record."""
    layers = [{"name": layer.name, "opacity": round(layer.opacity, 4), "visible": layer.visible,
               **({"provenance": layer.provenance} if layer.provenance else {})} for layer in document.layers]
    return {**document.provenance, "app": "artdesk", "artdesk_version": artdesk.__version__, "panel": "canvas",
            "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "size": list(document.size), "layers": layers}


def describe_provenance(provenance: dict) -> str:
    """A short "(made with …)" note for a file's provenance: the app, then what made each picture."""
    if not provenance:
        return ""
    layers = provenance.get("layers") or []
    made = [provenance] + [layer["provenance"] for layer in layers if isinstance(layer, dict) and layer.get("provenance")]
    parts = [f"Made with artdesk {provenance.get('artdesk_version', '')}".strip()] if provenance.get("app") == "artdesk" else []
    for item in made[:NOTED_RECORDS]:
        if isinstance(item, dict):
            parts.append(", ".join(f"{k} {item[k]}" for k in MADE_BY if item.get(k) is not None))
    return ("(" + "; ".join(p for p in parts if p) + ")") if any(parts) else ""


def is_painting(record: Any) -> bool:
    """A painting artdesk saved (its layers carry their own records): nothing for the model dock to restore."""
    return isinstance(record, dict) and record.get("app") == "artdesk" and "job" not in record


def placed_sizes(layer_provenance: dict) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((width, height) before, after) when a picture was scaled to fit the canvas or the selection, else None."""
    placed = layer_provenance.get("placed")
    if not placed:
        return None
    (width, height), (new_width, new_height) = placed["scaled_from"], placed["scaled_to"]
    return (width, height), (new_width, new_height)


@dataclass(frozen=True)
class PictureSettings:
    """The model dock's settings, starting at the requests' own defaults; ``component`` counts from 1 (the
    strongest direction), as the dock shows it."""

    style: str = GenerateRequest.style
    seed: int = GenerateRequest.seed
    count: int = GenerateRequest.count
    truncation: float = GenerateRequest.truncation
    strength: float = VaryRequest.strength
    frames: int = InterpolateRequest.frames
    gif: bool = True  # the walk is also written as an animation
    mutation: float = BreedRequest.mutation
    component: int = ExploreRequest.component + 1
    spread: float = ExploreRequest.spread
    steps: int = ProjectRequest.steps


class PictureSession:
    """The chosen model, the grid's pictures (image, latent, record) and the opened picture's record."""

    def __init__(self) -> None:
        self.settings: Settings[PictureSettings] = Settings(PictureSettings())
        self.cards: list[ModelCard] = []  # every canvas card (the upscaler and encoders too)
        self.model_path: str | None = None
        self.pictures: list[tuple[Any, tuple[float, ...], dict]] = []
        self.record: dict | None = None  # the opened picture's record, when "Generate again" can remake it

    def generative(self) -> list[ModelCard]:
        """The models that make pictures (a record may name any of them)."""
        return [c for c in self.cards if c.model_type in GENERATIVE_TYPES]

    def drawable(self) -> list[ModelCard]:
        """The models the picker offers for drawing (not a base kept only for fine-tuning)."""
        return [c for c in self.generative() if offered_for_drawing(c.labels)]

    def card(self) -> ModelCard | None:
        return next((c for c in self.cards if str(c.path) == self.model_path), None)

    def first_path(self, model_type: str) -> str | None:
        """The first installed model of ``model_type`` (the learned upscaler, a VAE to encode a drawing)."""
        return next((str(c.path) for c in self.cards if c.model_type == model_type), None)

    def styles(self) -> tuple[str, ...]:
        card = self.card()
        return model_styles(card.labels) if card is not None else STYLES

    # ----- requests (None when the picks do not fit the action) ---------------------------------------
    def _picked(self, picks: list[int]) -> list[tuple[Any, tuple[float, ...], dict]]:
        return [self.pictures[i] for i in picks]

    def generate_request(self) -> GenerateRequest | None:
        s = self.settings.value
        return GenerateRequest(self.model_path, s.style, s.seed, s.count, s.truncation) if self.model_path else None

    def vary_request(self, picks: list[int]) -> VaryRequest | None:
        if len(picks) != 1:
            return None
        _image, latent, record = self.pictures[picks[0]]
        s = self.settings.value
        return VaryRequest(self.model_path, latent, record.get("style", s.style), s.strength, s.seed, s.count)

    def explore_request(self, picks: list[int]) -> ExploreRequest | None:
        if len(picks) != 1:
            return None
        _image, latent, record = self.pictures[picks[0]]
        s = self.settings.value
        return ExploreRequest(self.model_path, latent, record.get("style", s.style), s.component - 1, s.spread,
                              max(3, min(s.count, MAX_EXPLORE)))

    def interpolate_request(self, picks: list[int], walks: Path) -> InterpolateRequest | None:
        """A walk between two picks; with ``gif`` on, also written as ``walks/walk-<time>.gif``."""
        if len(picks) != 2:
            return None
        (_a, start, first), (_b, end, second) = self._picked(picks)
        s = self.settings.value
        gif_path = str(Path(walks) / f"walk-{time.strftime('%Y%m%d-%H%M%S')}.gif") if s.gif else None
        return InterpolateRequest(self.model_path, start, end, first.get("style", s.style), second.get("style"),
                                  s.frames, gif_path)

    def breed_request(self, picks: list[int]) -> BreedRequest | None:
        if len(picks) < 2:
            return None
        picked, s = self._picked(picks), self.settings.value
        return BreedRequest(self.model_path, tuple(latent for _i, latent, _r in picked), picked[0][2].get("style", s.style),
                            s.mutation, s.seed, s.count)

    def project_request(self, drawing: Any) -> ProjectRequest | None:
        """The drawing projected with the chosen model; a VAE encodes it first (the chosen one, or the first installed)."""
        card = self.card()
        if card is None:
            return None
        encoder = str(card.path) if card.model_type == "canvas-vae" else self.first_path("canvas-vae")
        s = self.settings.value
        return ProjectRequest(str(card.path), drawing, s.style, encoder, s.steps, s.seed)

    # ----- replay ------------------------------------------------------------------------------------
    def restore(self, record: Any) -> tuple[bool, list[str]]:
        """Set the settings (and model) from a picture's record and arm "Generate again" when its model is here.

        Returns (whether the record names a canvas job at all, notes for the user).
        """
        self.record = None
        settings = record.get("settings") if isinstance(record, dict) else None
        if not isinstance(settings, dict) or record.get("job") not in REQUESTS:
            return False, []
        card, note = find_card(record, self.generative())
        if card is not None:
            self.model_path = str(card.path)
            self.record = record
        values: dict[str, Any] = {}
        if isinstance(settings.get("style"), str) and settings["style"] in self.styles():
            values["style"] = settings["style"]
        for key in ("seed", "count", "truncation", "strength", "frames", "mutation", "spread", "steps", "component"):
            value = settings.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
                default = getattr(PictureSettings, key)
                values[key] = type(default)(value) + (1 if key == "component" else 0)  # records count from 0
        self.settings.set(**values)
        return True, [note] if note else []

    def again_request(self) -> Any:
        """The restored record's request with the chosen model (it names its job); ArtdeskError when damaged."""
        card = self.card()
        if self.record is None or card is None:
            raise ArtdeskError("There is no opened picture to make again.")
        return request_from_record(self.record, str(card.path))
