"""The style dock's session without Qt or torch: the styles on offer, the choice, requests and their refusals."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError, SessionProblem
from artdesk.ml.style.media.catalogue import MEDIA, MediumSettings
from artdesk.ml.style.requests import ApplyRequest, MediumRequest, OptimizeRequest
from artdesk.ml.style.session import (KIND_CARD, KIND_MEDIUM, NO_EXAMPLE, NO_LAYER, NO_SELECTION, NO_STYLE,
                                      PREVIEW_SIDE, QUALITY_BEST, TARGET_LAYER, TARGET_PICTURE, TARGET_SELECTION,
                                      StyleSession, card_label)


def style_card(tmp_path: Path, name: str, labels=(), example: bool = True, kind: str = "style-stylizer") -> ModelCard:
    folder = tmp_path / name
    folder.mkdir()
    if example:
        Image.new("RGB", (40, 40), (200, 40, 40)).save(folder / "style.png")
    raw = {"name": name, "domain": "style", "model_type": kind, "labels": list(labels), "weights_sha256": f"sha-{name}",
           "config": {"method": "meanstd"}}
    return ModelCard(folder, "user", raw)


@pytest.fixture
def session(tmp_path):
    session = StyleSession()
    session.set_cards([style_card(tmp_path, "mine"), style_card(tmp_path, "bare", example=False),
                       style_card(tmp_path, "gan", kind="canvas-gan")])
    return session


def problem_of(build) -> str:
    with pytest.raises(SessionProblem) as problem:
        build()
    return problem.value.code


PICTURE = np.full((24, 32, 3), 120, np.uint8)


def test_media_first_then_the_stylizers_and_the_choice_survives_a_reload(session, tmp_path):
    choices = session.choices()
    assert choices[:len(MEDIA)] == [(KIND_MEDIUM, name) for name in MEDIA]
    assert [key for kind, key in choices if kind == KIND_CARD] == [c.id for c in session.cards]
    assert [c.name for c in session.cards] == ["mine", "bare"]  # the GAN is not a style
    assert session.choice == choices[0]  # the first medium until something else is chosen
    session.choose(session.find("mine"))
    session.set_cards(list(session.cards))
    assert session.chosen_card().name == "mine" and session.chosen_medium() is None
    session.set_cards([])
    assert session.choice == (KIND_MEDIUM, next(iter(MEDIA)))  # its card is gone: back to the first medium
    assert session.find("no such style") is None


def test_a_medium_starts_from_its_usual_look(session):
    session.choose((KIND_MEDIUM, "watercolour"))
    heard = []
    session.medium.connect(heard.append)
    session.medium.set(wetness=0.8, lines=True)
    assert heard == [{"wetness", "lines"}]
    session.choose((KIND_MEDIUM, "oil"))
    assert session.medium.value == MediumSettings()


def test_requests_follow_the_choice_and_the_settings(session):
    session.choose((KIND_MEDIUM, "oil"))
    session.settings.set(strength=40)
    medium = session.apply_request(PICTURE)
    assert isinstance(medium, MediumRequest) and medium.medium == "oil" and medium.strength == pytest.approx(0.4)
    preview = session.preview_request(PICTURE)
    assert preview.max_side == PREVIEW_SIDE and preview.mask is None
    session.choose(session.find("mine"))
    assert session.preview_request(PICTURE) is None  # only media preview
    session.settings.set(preserve_colour=True, texture_scale=2.0)
    fast = session.apply_request(PICTURE, np.ones((24, 32), bool))
    assert isinstance(fast, ApplyRequest) and fast.controls.preserve_colour and fast.controls.texture_scale == 2.0
    assert fast.mask.shape == (24, 32) and fast.model_path == str(session.chosen_card().path)
    session.settings.set(quality=QUALITY_BEST, steps=33)
    best = session.apply_request(PICTURE)
    assert isinstance(best, OptimizeRequest) and best.steps == 33 and best.style_name == "mine"
    assert best.method == "meanstd" and best.style_pictures[0].shape == (40, 40, 3)


def test_refusals(session):
    session.choose(None)
    assert problem_of(lambda: session.apply_request(PICTURE)) == NO_STYLE
    session.choose(session.find("bare"))
    session.settings.set(quality=QUALITY_BEST)
    assert problem_of(lambda: session.apply_request(PICTURE)) == NO_EXAMPLE
    assert problem_of(lambda: session.check_target(TARGET_LAYER, None, None)) == NO_LAYER
    assert problem_of(lambda: session.check_target(TARGET_SELECTION, PICTURE, None)) == NO_SELECTION
    session.check_target(TARGET_PICTURE, None, None)  # the whole picture needs no layer
    with pytest.raises(ArtdeskError, match="too small"):
        session.apply_request(np.zeros((4, 4, 3), np.uint8))
    with pytest.raises(ArtdeskError, match="selection is empty"):
        session.apply_request(PICTURE, np.zeros((24, 32), bool))
    session.choose((KIND_MEDIUM, "oil"))
    assert session.preview_request(np.zeros((4, 4, 3), np.uint8)) is None  # nothing to preview; Apply says why


def test_a_style_of_your_own(session, tmp_path):
    with pytest.raises(ArtdeskError, match="name"):
        session.train_request(str(tmp_path))
    session.settings.set(name="  My brush ", train_steps=12)
    with pytest.raises(ArtdeskError, match="at least one picture"):
        session.train_request(str(tmp_path))
    example = tmp_path / "mine" / "style.png"
    session.set_style_pictures([example])
    request = session.train_request(str(tmp_path / "models"), PICTURE, minutes=1.0)
    assert (request.name, request.style_paths, request.steps, request.minutes) == ("My brush", (str(example),), 12, 1.0)
    assert request.canvas_picture is PICTURE


def test_card_label_prefers_a_presets_own_words(tmp_path):
    assert card_label(style_card(tmp_path, "a", labels=["preset", "Starry"])) == "Starry"
    assert card_label(style_card(tmp_path, "b", labels=["mine"])) == "b"


def test_the_session_imports_neither_torch_nor_qt():
    code = "import sys, artdesk.ml.style.session; print('torch' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
