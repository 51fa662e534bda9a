"""Checkpoint round trip and rejection of damaged, tampered, unknown and future checkpoints."""
import json

import pytest
import torch

from artdesk.core.cards import CARD_FORMAT_VERSION
from artdesk.ml.checkpoint import CheckpointError, load_checkpoint, load_training_state, save_checkpoint, save_training_state
from artdesk.ml.poem import specs as poem_specs
from artdesk.ml.registry import ModelSpec
from tests.helpers import TinyConfig, make_tiny_model


@pytest.fixture
def tiny_type(monkeypatch):
    spec = ModelSpec("poem", "tests.helpers:make_tiny_model", "tests.helpers:TinyConfig", "tiny test model")
    monkeypatch.setitem(poem_specs.SPECS, "tiny-test", spec)
    return "tiny-test"


@pytest.fixture
def saved(tiny_type, tmp_path):
    torch.manual_seed(0)
    config = TinyConfig(width=8, depth=2)
    model = make_tiny_model(config)
    folder = save_checkpoint(model, tmp_path / "poem" / "tiny", model_type=tiny_type, config=config,
                             metrics={"val_loss": 1.5}, half=False)
    return model, folder


def test_round_trip_gives_equal_outputs(saved):
    model, folder = saved
    loaded = load_checkpoint(folder)
    x = torch.randn(3, 8)
    assert torch.equal(model(x), loaded.model(x))
    assert loaded.config == TinyConfig(8, 2)
    assert loaded.card.metrics == {"val_loss": 1.5} and not loaded.model.training


def test_half_precision_round_trip_is_close(tiny_type, tmp_path):
    model = make_tiny_model(TinyConfig())
    folder = save_checkpoint(model, tmp_path / "half", model_type=tiny_type, config=TinyConfig())
    x = torch.randn(3, 8)
    assert torch.allclose(model(x), load_checkpoint(folder).model(x), atol=1e-2)


def test_save_replaces_atomically_and_leaves_no_temporaries(saved, tiny_type):
    model, folder = saved
    save_checkpoint(model, folder, model_type=tiny_type, config=TinyConfig(), metrics={"val_loss": 1.0})
    assert json.loads((folder / "card.json").read_text())["metrics"] == {"val_loss": 1.0}
    assert sorted(p.name for p in folder.parent.iterdir()) == ["tiny"]


def test_truncated_weights_are_refused(saved):
    _, folder = saved
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:50])
    card = json.loads((folder / "card.json").read_text())
    from artdesk.core.digest import sha256_file

    card["weights_sha256"] = sha256_file(weights)  # so the truncation itself is what is caught
    (folder / "card.json").write_text(json.dumps(card))
    with pytest.raises(CheckpointError, match="cannot be read"):
        load_checkpoint(folder)


def test_tampered_weights_fail_the_sha256(saved):
    _, folder = saved
    weights = folder / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-1] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="do not match its card"):
        load_checkpoint(folder)


def _edit_card(folder, **changes):
    card = json.loads((folder / "card.json").read_text())
    card.update(changes)
    (folder / "card.json").write_text(json.dumps(card))


def test_unknown_model_type_is_refused(saved):
    _, folder = saved
    _edit_card(folder, model_type="hologram-9000")
    with pytest.raises(Exception, match="does not know the model type 'hologram-9000'"):
        load_checkpoint(folder)


def test_future_format_version_is_refused(saved):
    _, folder = saved
    _edit_card(folder, format_version=CARD_FORMAT_VERSION + 1)
    with pytest.raises(Exception, match="Update artdesk"):
        load_checkpoint(folder)


def test_wrong_shapes_are_refused(saved):
    _, folder = saved
    _edit_card(folder, config={"width": 16, "depth": 2})
    with pytest.raises(CheckpointError, match="do not fit its model"):
        load_checkpoint(folder)


def test_training_state_round_trip_and_garbage(tmp_path):
    path = tmp_path / "state.pt"
    assert load_training_state(path) is None
    save_training_state(path, {"step": 7, "weights": torch.ones(2)})
    assert load_training_state(path)["step"] == 7
    path.write_bytes(b"garbage")
    with pytest.raises(CheckpointError, match="delete it to start over"):
        load_training_state(path)
