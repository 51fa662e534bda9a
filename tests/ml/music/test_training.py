"""Training loops learn, stop on time or cancel, resume; fine-tuning on a MIDI folder makes a new user model."""
import json

import numpy as np
import pytest
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, JobContext, RecordingContext
from artdesk.core.midi_io import write_midi
from artdesk.ml.checkpoint import load_checkpoint, load_training_state
from artdesk.ml.music.data import build_dataset
from artdesk.ml.music.model import MelodyLSTM, MelodyLSTMConfig, MelodyVAE, MelodyVAEConfig
from artdesk.ml.music.requests import FinetuneRequest
from artdesk.ml.music.tiny import STYLES, tiny_melodies
from artdesk.ml.music.train import finetune
from artdesk.ml.music.training import DeviceData, TrainSettings, evaluate_lstm, train_model


@pytest.fixture
def tiny_data():
    melodies = tiny_melodies(12)
    data = build_dataset(melodies, [STYLES[i % 3] for i in range(12)], STYLES, np.array([0] * 10 + [1, 1]))
    return data.subset(data.split == 0), data.subset(data.split == 1)


def test_lstm_training_lowers_held_out_loss(tiny_data):
    train, held_out = tiny_data
    torch.manual_seed(0)
    model = MelodyLSTM(MelodyLSTMConfig(hidden=16, layers=1, embed=8, window=64, dropout=0.0))
    before = evaluate_lstm(model, DeviceData(held_out, torch.device("cpu")), steps=64)["nll_per_step"]
    settings = TrainSettings(minutes=5, batch_size=8, steps=64, max_updates=80, lr=1e-2, warmup=5, eval_every_s=1e9)
    result = train_model("lstm", model, train, held_out, settings, JobContext(), torch.device("cpu"))
    after = evaluate_lstm(result.model, DeviceData(held_out, torch.device("cpu")), steps=64)["nll_per_step"]
    assert result.updates == 80
    assert after < before - 1.0, (before, after)


def test_vae_training_lowers_reconstruction_loss(tiny_data):
    train, held_out = tiny_data
    torch.manual_seed(0)
    model = MelodyVAE(MelodyVAEConfig(enc_hidden=16, latent=8, dec_hidden=16, dec_layers=1, embed=8))
    settings = TrainSettings(minutes=5, batch_size=8, max_updates=60, lr=1e-2, warmup=5, eval_every_s=1e9)
    result = train_model("vae", model, train, held_out, settings, RecordingContext(), torch.device("cpu"))
    last = result.history[-1]
    assert len(result.history) == 1  # validated once, at the end
    assert last["recon_nll_per_segment"] < 100  # 32 steps of a 62-way choice start near 32 * ln 62 = 132


def test_cancel_saves_state_and_resume_goes_on(tiny_data, tmp_path):
    train, held_out = tiny_data
    state = tmp_path / "state.pt"
    settings = TrainSettings(minutes=5, batch_size=4, steps=32, max_updates=30, warmup=2, eval_every_s=1e9)
    model = MelodyLSTM(MelodyLSTMConfig(hidden=8, layers=1, embed=8, window=32))
    ctx = RecordingContext(cancel_after=2)
    with pytest.raises(Cancelled):
        train_model("lstm", model, train, held_out, settings, ctx, torch.device("cpu"), state)
    saved = load_training_state(state)
    assert 0 < saved["updates"] < 30
    resumed = train_model("lstm", MelodyLSTM(model.config), train, held_out, settings, RecordingContext(),
                          torch.device("cpu"), state, resume=True)
    assert resumed.updates == 30
    fresh = train_model("lstm", MelodyLSTM(model.config), train, held_out, settings, RecordingContext(),
                        torch.device("cpu"), tmp_path / "other.pt", resume=False)
    assert fresh.updates == 30 and load_training_state(tmp_path / "other.pt")["updates"] == 30


def test_training_stops_when_its_minutes_are_used(tiny_data):
    train, held_out = tiny_data
    settings = TrainSettings(minutes=0.01, batch_size=4, steps=32, eval_every_s=1e9)
    result = train_model("lstm", MelodyLSTM(MelodyLSTMConfig(hidden=8, layers=1, embed=8)), train, held_out, settings,
                         JobContext(), torch.device("cpu"))
    assert result.updates > 0 and result.seconds < 60  # stops at the first update past its 0.6 s


@pytest.fixture
def midi_folder(tmp_path):
    folder = tmp_path / "my midi"
    (folder / "sub").mkdir(parents=True)
    for index, melody in enumerate(tiny_melodies(6, seed=3)):
        write_midi(melody, folder / ("sub" if index % 2 else "") / f"tune{index}.mid")
    (folder / "broken.mid").write_bytes(b"MThd\x00\x00")
    (folder / "notes.txt").write_text("not midi")
    return folder


def test_finetune_makes_a_user_model_with_the_new_style(tiny_models, midi_folder, isolated_home):
    ctx = RecordingContext()
    request = FinetuneRequest(tiny_models["lstm"], midi_folder, "My jigs", minutes=0.02, style="jigs")
    dest = finetune(request, ctx)
    assert dest == isolated_home / "data" / "models" / "music" / "My jigs"
    loaded = load_checkpoint(dest)
    assert loaded.config.styles == (*STYLES, "jigs")
    card = json.loads((dest / "card.json").read_text())
    assert card["parent"] == "tiny-melody-lstm" and card["data"]["melodies"] == 6
    assert any("damaged or truncated" in p for p in card["data"]["skipped"])
    assert "held_out_nll_per_step" in card["metrics"] and "held_out_nll_per_step_before" in card["metrics"]
    assert ctx.progress[-1].fraction == 1.0
    assert not (dest.parent / ".finetune-state" / "My jigs.pt").exists()
    with pytest.raises(ArtdeskError, match="already have a music model named My jigs"):
        finetune(FinetuneRequest(tiny_models["lstm"], midi_folder, "My jigs", minutes=0.02, resume=False), ctx)


def test_finetune_vae(tiny_models, midi_folder):
    dest = finetune(FinetuneRequest(tiny_models["vae"], midi_folder, "vae2", minutes=0.02), RecordingContext())
    assert load_checkpoint(dest).card.model_type == "melody-vae"


def test_finetune_cancel_then_resume(tiny_models, midi_folder, isolated_home):
    request = FinetuneRequest(tiny_models["lstm"], midi_folder, "later", minutes=0.05, style="mine")
    with pytest.raises(Cancelled):
        finetune(request, RecordingContext(cancel_after=9))
    state = isolated_home / "data" / "models" / "music" / ".finetune-state" / "later.pt"
    assert load_training_state(state)["updates"] > 0
    assert finetune(request, RecordingContext()).name == "later"


@pytest.mark.parametrize("name, folder_kind, message", [
    ("ok", "missing", "is not a folder"),
    ("ok", "empty", "holds no .mid"),
    ("ok", "junk", "None of the 1 MIDI files"),
    ("../escape", "good", "Name the new model"),
])
def test_finetune_bad_input(tiny_models, midi_folder, tmp_path, name, folder_kind, message):
    folder = {"missing": tmp_path / "nope", "empty": tmp_path / "empty", "junk": tmp_path / "junk", "good": midi_folder}[folder_kind]
    if folder_kind in ("empty", "junk"):
        folder.mkdir()
    if folder_kind == "junk":
        (folder / "a.mid").write_bytes(b"garbage")
    with pytest.raises(ArtdeskError, match=message):
        finetune(FinetuneRequest(tiny_models["lstm"], folder, name, minutes=0.01), RecordingContext())
