"""The fine-tune wizard's session without Qt or torch: bases and names, crops, the checks, the request, the run."""
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from artdesk.core.cards import ModelCard
from artdesk.ml.canvas.finetune import plan
from artdesk.ml.canvas.finetune.session import (BAD_NAME, CONSENT, EACH, FIT, NAME_TAKEN, NO_BASE, NO_CONSENT, PAUSED,
                                                RUNNING, STOPPED, STOPPING, UNKNOWN_LICENCE, FinetuneSession,
                                                TrainingRun, slug)


def card(tmp_path: Path, name: str, kind: str = "canvas-gan", source: str = "user", size: int = 32) -> ModelCard:
    folder = tmp_path / name
    folder.mkdir()
    raw = {"name": name, "domain": "canvas", "model_type": kind, "config": {"image_size": size}}
    return ModelCard(folder, source, raw)


@dataclass
class Item:
    path: Path


@dataclass
class Audit:
    usable: list
    can_train: bool = True


@pytest.fixture
def session(tmp_path):
    session = FinetuneSession()
    session.set_cards([card(tmp_path, "mine-gan"), card(tmp_path, "glyphs", source="bundled", size=64),
                       card(tmp_path, "vae", kind="canvas-vae")])
    return session


def test_bases_names_and_the_training_size(session, tmp_path):
    assert [b.name for b in session.bases] == ["mine-gan", "glyphs"]  # the VAE is no base
    assert session.taken == {"mine-gan", "vae"}  # the user's models, whatever their kind
    assert session.base() is None and session.training_size() == 64
    session.settings.set(base=session.bases[0].path)
    assert session.training_size() == 32
    session.set_sources([tmp_path / "mine gan"])
    assert session.default_name() == "mine-gan-2" and session.missing_sources() == [tmp_path / "mine gan"]
    session.set_sources([tmp_path, tmp_path])
    assert session.default_name() == "my-pictures"
    assert slug("  ?? ") == "my-pictures" and slug("Mes dessins (2024)") == "Mes-dessins-2024"


def test_checks_before_training(session):
    assert FinetuneSession().problem() == NO_BASE
    assert session.problem() == BAD_NAME
    session.settings.set(name="mine-gan")
    assert session.problem() == NAME_TAKEN
    session.settings.set(name=" fresh ")
    assert session.problem() == "" and session.consent_problem() == NO_CONSENT


def test_one_licence_answer_at_a_time(session):
    session.settings.set(consent=True)
    assert session.consent_problem() == "" and session.licence_note() == CONSENT
    session.settings.set(unknown_licence=True)
    assert not session.settings.value.consent and session.licence_note() == UNKNOWN_LICENCE
    session.settings.set(licence=" CC BY 4.0 ", consent=True)
    assert not session.settings.value.unknown_licence and session.licence_note() == "CC BY 4.0 " + CONSENT


def test_crops_per_picture(session, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    session.audit = Audit([Item(a), Item(b)])
    assert not session.toggle_crop(str(a)) and session.crop_overrides() == ()  # one crop for all
    session.settings.set(crop=FIT)
    assert session.default_crop == FIT and session.crop_of(a) == FIT
    session.settings.set(crop=EACH)
    assert session.default_crop == "centre" and session.toggle_crop(str(b))
    assert session.crop_of(b) == FIT and session.crop_overrides() == ((str(b), FIT),)
    assert session.files() == (str(a), str(b)) and session.pictures_ready


def test_the_request(session, tmp_path):
    session.audit = Audit([Item(tmp_path / "a.png")])
    session.settings.set(base=session.bases[1].path, name="fresh", steps=40, norm_only=True, ewc=50.0, consent=True,
                         source_note=" my sketchbook ", stop_early=False, checkpoint_every_s=60)
    request = session.request()
    assert isinstance(request, plan.FinetuneRequest) and request.job == plan.FinetuneRequest.job
    assert (request.base_dir, request.base_source, request.size) == (session.bases[1].path, "bundled", 64)
    assert (request.steps, request.norm_only, request.ewc, request.batch) == (40, True, 50.0, None)
    assert request.source_note == "my sketchbook" and request.licence_note == CONSENT
    assert not request.stop_when_copying and not request.stop_early and request.checkpoint_every_s == 60.0
    assert request.files == (str(tmp_path / "a.png"),) and request.default_crop == "centre"
    assert session.plan_problem()  # one picture is too few: the plan's own message


def test_a_run_pauses_resumes_and_stops():
    run = TrainingRun()
    assert not run.pause() and not run.stop() and not run.active
    run.start()
    assert run.state == RUNNING and run.active and run.can_pause and run.can_stop
    assert run.pause() and not run.can_pause
    run.aborted()
    assert run.state == PAUSED and not run.active and run.can_pause
    assert not run.stop() and run.state == STOPPED  # a paused run stops at once: no job to cancel
    run.start()
    assert run.stop() and run.state == STOPPING
    run.aborted()
    assert run.state == STOPPED
    run.failed()
    assert run.can_pause and not run.can_stop  # a failed run can be resumed
    run.done()
    assert not run.can_pause and not run.active


def test_the_session_imports_neither_torch_nor_qt():
    code = "import sys, artdesk.ml.canvas.finetune.session; print('torch' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
