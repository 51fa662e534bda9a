"""The Canvas panel's state without Qt or torch: the model dock's session and a painting's records."""
import subprocess
import sys
from pathlib import Path

import pytest

import artdesk
from artdesk.core.cards import ModelCard
from artdesk.core.document import Document
from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas.requests import BreedRequest, ExploreRequest, InterpolateRequest, ProjectRequest
from artdesk.ml.canvas.session import PictureSession, describe_provenance, document_record, is_painting, placed_sizes


def test_a_saved_painting_records_the_app_its_size_and_each_layers_record():
    document = Document.new(40, 30)
    document.provenance["source_file"] = "photo.png"
    document.layers[1].provenance = {"model": "tiny-gan", "job": "generate", "seed": 3}
    document.layers[1].opacity = 0.123456
    record = document_record(document)
    assert record["app"] == "artdesk" and record["artdesk_version"] == artdesk.__version__ and record["panel"] == "canvas"
    assert record["size"] == [40, 30] and record["source_file"] == "photo.png" and record["saved"]
    assert record["layers"][1] == {"name": document.layers[1].name, "opacity": 0.1235, "visible": True,
                                   "provenance": {"model": "tiny-gan", "job": "generate", "seed": 3}}
    assert "provenance" not in record["layers"][0] and is_painting(record)


def test_the_note_names_what_made_the_picture_and_its_layers():
    assert describe_provenance({}) == ""
    record = {"app": "artdesk", "artdesk_version": "1.2", "layers": [
        {"provenance": {"model": "gan", "job": "vary", "style": "emoji", "seed": 0}}, {"name": "plain"}, "junk"]}
    assert describe_provenance(record) == "(Made with artdesk 1.2; model gan, job vary, style emoji, seed 0)"
    assert describe_provenance({"model": "gan", "seed": None}) == "(model gan)"  # another app's record


def test_generated_pictures_ask_for_the_model_dock_and_paintings_do_not():
    assert not is_painting({"app": "artdesk", "job": "generate"}) and not is_painting("forged") and not is_painting({})
    assert placed_sizes({}) is None
    assert placed_sizes({"placed": {"scaled_from": [600, 100], "scaled_to": [300, 50]}}) == ((600, 100), (300, 50))


def test_the_session_imports_neither_torch_nor_qt():
    code = "import sys, artdesk.ml.canvas.session; print('torch' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ----- the model dock's session ----------------------------------------------------------------------------------


def _card(tmp_path: Path, name: str, kind: str, labels=()) -> ModelCard:
    (tmp_path / name).mkdir(exist_ok=True)
    return ModelCard(tmp_path / name, "user", {"name": name, "domain": "canvas", "model_type": kind,
                                               "labels": list(labels), "weights_sha256": f"sha-{name}"})


@pytest.fixture
def pictures(tmp_path):
    session = PictureSession()
    session.cards = [_card(tmp_path, "glyphs", "canvas-gan", ["styles:kai,song"]), _card(tmp_path, "vae", "canvas-vae"),
                     _card(tmp_path, "up", "canvas-upscaler")]
    session.model_path = str(session.cards[0].path)
    session.pictures = [(None, (0.1, 0.2), {"style": "song"}), (None, (0.3, 0.4), {}), (None, (0.5, 0.6), {"style": "kai"})]
    return session


def test_the_dock_offers_what_the_model_draws_and_finds_helpers(pictures, tmp_path):
    assert [c.name for c in pictures.generative()] == ["glyphs", "vae"] and pictures.styles() == ("kai", "song")
    pictures.cards.append(_card(tmp_path, "blobs", "canvas-gan", ["fine-tune base only"]))
    assert [c.name for c in pictures.drawable()] == ["glyphs", "vae"] and len(pictures.generative()) == 3
    assert pictures.first_path("canvas-upscaler").endswith("up") and pictures.first_path("canvas-judge") is None
    pictures.model_path = None
    assert pictures.styles() == ("clipart", "emoji", "sketch", "sprite") and pictures.generate_request() is None


def test_requests_follow_the_picks_and_the_settings(pictures, tmp_path):
    pictures.settings.set(style="kai", seed=5, count=20, strength=0.8, component=3, spread=1.5, mutation=0.1, frames=9)
    assert pictures.generate_request().count == 20
    assert pictures.vary_request([0, 1]) is None and pictures.vary_request([0]).style == "song"  # the pick's own style
    explore = pictures.explore_request([1])
    assert isinstance(explore, ExploreRequest) and explore.component == 2 and explore.count == 15 and explore.style == "kai"
    walk = pictures.interpolate_request([0, 2], tmp_path / "walks")
    assert isinstance(walk, InterpolateRequest) and (walk.style, walk.end_style, walk.frames) == ("song", "kai", 9)
    assert walk.gif_path.startswith(str(tmp_path / "walks" / "walk-")) and pictures.interpolate_request([0], tmp_path) is None
    pictures.settings.set(gif=False)
    assert pictures.interpolate_request([0, 2], tmp_path).gif_path is None
    breed = pictures.breed_request([0, 1, 2])
    assert isinstance(breed, BreedRequest) and breed.parents == ((0.1, 0.2), (0.3, 0.4), (0.5, 0.6)) and breed.mutation == 0.1
    project = pictures.project_request("drawing")
    assert isinstance(project, ProjectRequest) and project.encoder_path.endswith("vae")  # a GAN borrows the VAE's encoder


def test_restore_arms_generate_again_with_the_records_settings(pictures):
    heard = []
    pictures.settings.connect(heard.append)
    record = {"app": "artdesk", "model": "glyphs", "weights_sha256": "sha-glyphs", "job": "explore", "index": 1,
              "settings": {"latent": [0.0, 1.0], "style": "song", "component": 4, "spread": 2.5, "count": 6.0,
                           "seed": True, "truncation": float("nan")}}
    pictures.model_path = None
    assert pictures.restore(record) == (True, [])
    value = pictures.settings.value
    assert (value.style, value.component, value.spread, value.count) == ("song", 5, 2.5, 6) and isinstance(value.count, int)
    assert value.seed == 0 and value.truncation == 1.0  # a forged seed and a NaN are left as they were
    assert pictures.model_path.endswith("glyphs") and {"style", "component", "count"} <= set().union(*heard)
    with pytest.raises(ArtdeskError, match="damaged"):  # the forged seed: shown, never run
        pictures.again_request()
    del record["settings"]["seed"], record["settings"]["truncation"]
    pictures.restore(record)
    again = pictures.again_request()
    assert isinstance(again, ExploreRequest) and again.component == 4 and again.latent == (0.0, 1.0)


def test_restore_of_a_record_that_names_no_canvas_job(pictures):
    assert pictures.restore({"app": "artdesk", "settings": {}}) == (False, []) and pictures.record is None
    assert pictures.restore("forged") == (False, [])
    with pytest.raises(ArtdeskError, match="no opened picture"):
        pictures.again_request()
    missing = pictures.restore({"model": "gone", "job": "generate", "settings": {"seed": 3}})
    assert missing[0] and "not installed" in missing[1][0] and pictures.record is None and pictures.settings.value.seed == 3
