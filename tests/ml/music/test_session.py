"""The Music panel's session without Qt or torch: models, settings, requests and their refusals, replay."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from artdesk.core.cards import ModelCard
from artdesk.core.melody import Melody, Note
from artdesk.ml.music.replay import record_extra
from artdesk.ml.music.requests import ContinueRequest, GenerateRequest, InterpolateRequest, VariationRequest, request_settings
from artdesk.ml.music.session import (NO_A, NO_B, NO_LSTM, NO_MELODY, NO_PRIMER, NO_VAE, MusicSession, SessionProblem)

TUNE = Melody((Note(60, 0, 4), Note(64, 4, 4), Note(67, 8, 8)), 96.0, (3, 4))


def card(tmp_path: Path, name: str, kind: str, styles=None) -> ModelCard:
    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    raw = {"name": name, "domain": "music", "model_type": kind, "weights_sha256": f"sha-{name}",
           "config": {"styles": styles} if styles else {}}
    return ModelCard(folder, "user", raw)


@pytest.fixture
def session(tmp_path):
    session = MusicSession()
    session.set_cards([card(tmp_path, "lstm", "melody-lstm", ["folk", "jazz"]), card(tmp_path, "vae", "melody-vae"),
                       card(tmp_path, "gan", "canvas-gan")])
    return session


def problem_of(build) -> str:
    with pytest.raises(SessionProblem) as problem:
        build()
    return problem.value.code


def test_models_by_kind_and_their_styles(session, tmp_path):
    assert (session.lstm.name, session.vae.name) == ("lstm", "vae") and session.styles() == ["folk", "jazz"]
    session.set_cards([card(tmp_path, "other", "melody-lstm"), card(tmp_path, "lstm", "melody-lstm", ["folk"])])
    assert session.lstm.name == "lstm" and session.vae is None  # the choice stays; no morph model now
    session.lstm = None
    assert session.styles() == ["classical", "folk", "celtic"]  # the bundled models' styles


def test_requests_carry_the_settings_and_the_melody(session):
    session.settings.set(style="jazz", key="D", mode="minor", key_lock=False, bars=4, temperature=0.7, seed=9, count=2)
    generate = session.generate_request(TUNE)
    assert isinstance(generate, GenerateRequest) and generate.model_path == session.lstm.path
    assert (generate.style, generate.key, generate.mode, generate.key_lock) == ("jazz", "D", "minor", False)
    assert (generate.tempo_bpm, generate.time_signature, generate.bars, generate.seed) == (96.0, (3, 4), 4, 9)
    assert generate.job == "artdesk.ml.music.generate:generate_melodies"
    continued = session.continue_request(TUNE)
    assert isinstance(continued, ContinueRequest) and continued.key is None and continued.mode is None  # no lock: estimated
    session.settings.set(key_lock=True, amount=1.5)
    assert session.continue_request(TUNE).key == "D"
    varied = session.vary_request(TUNE)
    assert isinstance(varied, VariationRequest) and varied.amount == 1.5 and varied.model_path == session.vae.path
    session.melody_b = Melody(tuple(Note(72, i * 4, 4) for i in range(10)))
    morph = session.interpolate_request(TUNE)
    assert isinstance(morph, InterpolateRequest) and morph.segments == 2 and morph.steps == 5  # B is 40 steps long


def test_refusals_say_what_is_missing(session, tmp_path):
    empty = Melody()
    assert problem_of(lambda: session.continue_request(empty)) == NO_PRIMER
    assert problem_of(lambda: session.vary_request(empty)) == NO_MELODY
    assert problem_of(lambda: session.interpolate_request(empty)) == NO_A
    assert problem_of(lambda: session.interpolate_request(TUNE)) == NO_B
    session.set_cards([])
    assert problem_of(lambda: session.generate_request(TUNE)) == NO_LSTM
    assert problem_of(lambda: session.vary_request(TUNE)) == NO_VAE


def _record(session, request, **extra):
    """A record as a file gives it back (through JSON)."""
    return json.loads(json.dumps({"app": "artdesk", "model": "lstm", "weights_sha256": "sha-lstm", "seed": request.seed,
                                  "settings": request_settings(request), **record_extra(request), **extra}))


def test_restore_sets_the_settings_and_again_remakes_the_request(session):
    heard = []
    session.settings.connect(heard.append)
    request = GenerateRequest(session.lstm.path, style="jazz", key="Eb", bars=12, seed=31, count=3, temperature=1.25)
    restored = session.restore(_record(session, request, index=2), "tune.mid")
    assert restored.again and restored.notes == [] and not restored.edited
    value = session.settings.value
    assert (value.style, value.key, value.bars, value.seed, value.count, value.temperature) == ("jazz", "Eb", 12, 31, 3, 1.25)
    assert {"style", "key", "bars", "seed", "count", "temperature"} <= set().union(*heard)
    again, index = session.again_request()
    assert again == request and index == 2


def test_restore_refuses_what_it_cannot_remake_and_keeps_the_settings_it_could_read(session):
    primer = ContinueRequest(session.lstm.path, TUNE, bars=2, seed=4)
    record = _record(session, primer)
    record["inputs"]["primer"]["notes"][0][0] = 300  # a forged pitch
    restored = session.restore(record, "forged.mid")
    assert not restored.again and "damaged" in restored.notes[-1] and session.record is None
    assert session.settings.value.seed == 4 and session.again_request() is None
    drawn = session.restore({"app": "artdesk", "model": "lstm", "weights_sha256": "x", "seed": 1,
                             "settings": {"bars": 6.0, "seed": "seven", "key_lock": False}}, "drawn.mid")
    assert drawn.settings_only and not drawn.again
    assert session.settings.value.bars == 6 and isinstance(session.settings.value.bars, int)  # a whole number stays one
    assert session.settings.value.key_lock is False and session.settings.value.seed == 4  # "seven" is not a seed
    foreign = session.restore(None, "foreign.mid")
    assert foreign.notes == ["foreign.mid carries no artdesk provenance: the settings that made it are unknown."]


def test_the_session_imports_neither_torch_nor_qt():
    code = "import sys, artdesk.ml.music.session; print('torch' in sys.modules, 'PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
