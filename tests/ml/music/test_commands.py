"""``artdesk generate|eval|train music`` and the demo and self-test hooks, with tiny models."""
import dataclasses
import shutil

import mido
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import RecordingContext
from artdesk.core.midi_io import read_midi
from artdesk.ml.music import commands
from artdesk.ml.music.data import DATASET_FILE, build_dataset, fixed_split
from artdesk.ml.music.tiny import STYLES, tiny_melodies


@pytest.fixture
def bundled(tiny_models, tmp_path, monkeypatch):
    """The tiny models installed as if they shipped with artdesk."""
    from artdesk.core import paths as paths_module

    root = tmp_path / "bundle"
    for name, folder in (("melody-lstm", tiny_models["lstm"]), ("melody-vae", tiny_models["vae"])):
        shutil.copytree(folder, root / "music" / name)
    real = paths_module.app_paths

    def fake_paths():
        return dataclasses.replace(real(), bundled_models=root)

    monkeypatch.setattr(paths_module, "app_paths", fake_paths)
    return root


def test_generate_writes_midi_files_with_provenance(bundled, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    code = commands.main("generate", ["--model", "melody-lstm", "--style", "celtic", "--key", "A", "--mode", "minor",
                                      "--metre", "6/8", "--bars", "2", "--count", "2", "--seed", "4", "--out", str(out)])
    assert code == 0
    files = sorted(out.glob("*.mid"))
    assert len(files) == 2 and str(files[0]) in capsys.readouterr().out
    melody = read_midi(files[0])
    assert melody.time_signature == (6, 8) and melody.metadata["provenance"]["seed"] == 4
    assert mido.MidiFile(files[0]).type == 1


def test_unknown_model_names_the_known_ones(bundled):
    with pytest.raises(ArtdeskError, match="known: melody-lstm, melody-vae"):
        commands.main("generate", ["--model", "nope"])


def test_demo_and_self_test_use_the_bundled_models(bundled, tmp_path):
    written = commands.demo(tmp_path / "demo", RecordingContext())
    names = {p.name.split("-")[0] for p in written}
    assert names == {"generate", "continue", "interpolate", "variation"}
    assert all(read_midi(p).notes for p in written)
    from artdesk.core.paths import app_paths

    [(title, fn, request)] = commands.self_test_jobs(app_paths())
    assert "music" in title and "2 melodies" in fn(request, RecordingContext())


def test_train_and_eval_commands_on_a_tiny_prepared_set(tmp_path, capsys):
    melodies = tiny_melodies(20)
    data = build_dataset(melodies, [STYLES[i % 3] for i in range(20)], STYLES, fixed_split(20))
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    data.save(data_dir / DATASET_FILE)
    out = tmp_path / "models"
    code = commands.main("train", ["--data", str(data_dir), "--out", str(out), "--size", "tiny", "--max-updates", "3",
                                   "--window", "32", "--eval-samples", "2", "--threads", "1"])
    assert code == 0
    import json

    card = json.loads((out / "melody-lstm" / "card.json").read_text())
    assert card["training"]["updates"] == 3 and "markov3_nll_per_step" in card["metrics"]
    assert "reconstruction_accuracy" in json.loads((out / "melody-vae" / "card.json").read_text())["metrics"]
    capsys.readouterr()
    assert commands.main("eval", [str(out / "melody-vae"), "--data", str(data_dir), "--threads", "1"]) == 0
    assert "reconstruction_accuracy" in capsys.readouterr().out
