"""The style dock's state without Qt or torch: the styles on offer, the chosen one, its settings, the
pictures for a style of your own, and the requests (each names its job) with their refusals.

The dock binds its controls to ``settings`` and the medium sliders to ``medium``, shows ``choices()`` and
hands the session the picture to paint; a refused request raises ``SessionProblem(code)`` (the dock words
it) or the ``ArtdeskError`` of the picture check (its message says what to do).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError, SessionProblem
from artdesk.core.observable import Settings
from artdesk.ml.style.custom import CustomStyleRequest, folder_name, load_style_pictures
from artdesk.ml.style.imaging import check_content, check_mask
from artdesk.ml.style.media.catalogue import MEDIA, MediumSettings
from artdesk.ml.style.requests import ApplyRequest, MediumRequest, OptimizeRequest, StyleControls

STYLE_TYPE = "style-stylizer"
PREVIEW_SIDE = 256  # the live preview paints a copy this big (well under a second)
KIND_MEDIUM, KIND_CARD = "medium", "card"
TARGET_PICTURE, TARGET_LAYER, TARGET_SELECTION = "picture", "layer", "selection"
QUALITY_FAST, QUALITY_BEST = "stylizer", "optimise"
# Why a request cannot start (the dock says each in words)
NO_STYLE, NO_LAYER, NO_SELECTION, NO_EXAMPLE = "no style", "no layer", "no selection", "no example"

Choice = tuple[str, str]  # (KIND_MEDIUM, medium name) or (KIND_CARD, card id)


@dataclass(frozen=True)
class StyleSettings:
    """The dock's controls; ``strength`` in percent, as its slider shows it."""

    target: str = TARGET_PICTURE
    strength: int = 100
    quality: str = QUALITY_FAST
    steps: int = 150  # optimisation steps (Best quality only)
    texture_scale: float = 1.0
    preserve_colour: bool = False
    name: str = ""  # of a style of your own
    train_steps: int = 600


def card_label(card: ModelCard) -> str:
    """A style card's name in the list: a preset's own label, else the card's name."""
    return card.labels[1] if card.labels[:1] == ["preset"] and len(card.labels) > 1 else card.name


def style_picture(card: ModelCard) -> np.ndarray | None:
    """The example picture a style card keeps (``style.png``) as RGB, or None when it has none."""
    try:
        with Image.open(card.path / "style.png") as image:
            return np.asarray(image.convert("RGB"))
    except OSError:
        return None


class StyleSession:
    """The style cards, the chosen style, its settings and medium sliders, and the pictures of your own style."""

    def __init__(self) -> None:
        self.settings: Settings[StyleSettings] = Settings(StyleSettings())
        self.medium: Settings[MediumSettings] = Settings(MediumSettings())  # the chosen medium's sliders
        self.cards: list[ModelCard] = []
        self.choice: Choice | None = None
        self.style_paths: list[str] = []

    # ----- the styles ---------------------------------------------------------------------------
    def set_cards(self, cards: list[ModelCard]) -> None:
        """The installed stylizers; the choice stays when it is still offered, else the first style is chosen."""
        self.cards = [card for card in cards if card.model_type == STYLE_TYPE]
        choices = self.choices()
        if self.choice not in choices:
            self.choose(choices[0] if choices else None)

    def choices(self) -> list[Choice]:
        """What the list offers: the media first, then the style cards."""
        return [(KIND_MEDIUM, name) for name in MEDIA] + [(KIND_CARD, card.id) for card in self.cards]

    def choose(self, choice: Choice | None) -> None:
        """Choose a style; a medium starts from its usual look."""
        self.choice = choice
        self.medium.set(**vars(MediumSettings()))

    def chosen_medium(self) -> str | None:
        return self.choice[1] if self.choice and self.choice[0] == KIND_MEDIUM else None

    def chosen_card(self) -> ModelCard | None:
        if not self.choice or self.choice[0] != KIND_CARD:
            return None
        return next((card for card in self.cards if card.id == self.choice[1]), None)

    def find(self, name: str) -> Choice | None:
        """The medium or the style card called ``name``."""
        if name in MEDIA:
            return KIND_MEDIUM, name
        card = next((c for c in self.cards if c.name == name), None)
        return (KIND_CARD, card.id) if card is not None else None

    def controls(self) -> StyleControls:
        s = self.settings.value
        return StyleControls(strength=s.strength / 100.0, preserve_colour=s.preserve_colour,
                             texture_scale=s.texture_scale)

    # ----- requests -----------------------------------------------------------------------------
    def preview_request(self, picture: Any) -> MediumRequest | None:
        """A small copy of ``picture`` painted in the chosen medium; None without a medium or a paintable picture."""
        medium = self.chosen_medium()
        if medium is None:
            return None
        try:
            picture = check_content(picture)
        except ArtdeskError:
            return None  # nothing to preview yet; Apply says why
        return MediumRequest(medium, picture, self.medium.value, max_side=PREVIEW_SIDE)

    def apply_request(self, picture: Any, mask: Any = None, label: str = "The picture"
                      ) -> MediumRequest | OptimizeRequest | ApplyRequest:
        """Paint ``picture`` (inside ``mask``) in the chosen style, as the settings say; ``label`` names the
        picture in the check's message."""
        card, medium = self.chosen_card(), self.chosen_medium()
        if card is None and medium is None:
            raise SessionProblem(NO_STYLE)
        picture = check_content(picture, label)
        mask = check_mask(mask, picture.shape)
        controls = self.controls()
        if medium is not None:
            return MediumRequest(medium, picture, self.medium.value, mask, controls.strength)
        if self.settings.value.quality == QUALITY_BEST:
            example = style_picture(card)
            if example is None:
                raise SessionProblem(NO_EXAMPLE)
            return OptimizeRequest(picture, (example,), controls, mask, steps=self.settings.value.steps,
                                   method=str(card.raw.get("config", {}).get("method", "gram")), style_name=card.name)
        return ApplyRequest(str(card.path), picture, controls, mask, card.source)

    @staticmethod
    def check_target(target: str, layer: Any, mask: Any) -> None:
        """Refuse a target the canvas cannot give: no active layer, or nothing selected."""
        if target != TARGET_PICTURE and layer is None:
            raise SessionProblem(NO_LAYER)
        if target == TARGET_SELECTION and mask is None:
            raise SessionProblem(NO_SELECTION)

    # ----- a style of your own ------------------------------------------------------------------
    def set_style_pictures(self, paths: list[str]) -> None:
        self.style_paths = [str(p) for p in paths]

    def train_request(self, user_models: str, canvas_picture: Any = None, **overrides: Any) -> CustomStyleRequest:
        """Train a stylizer from the chosen pictures; the name and the files are checked now, not minutes later."""
        name = self.settings.value.name.strip()
        folder_name(name)
        load_style_pictures(self.style_paths)
        return CustomStyleRequest(name, tuple(self.style_paths), user_models, canvas_picture,
                                  steps=self.settings.value.train_steps, **overrides)
