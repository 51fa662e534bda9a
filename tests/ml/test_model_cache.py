import pytest
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.ml.checkpoint import save_checkpoint
from artdesk.ml.model_cache import load_cached
from artdesk.ml.poem import specs as poem_specs
from artdesk.ml.registry import ModelSpec
from tests.helpers import TinyConfig, make_tiny_model


@pytest.fixture
def folder(monkeypatch, tmp_path):
    monkeypatch.setitem(poem_specs.SPECS, "tiny-test", ModelSpec("poem", "tests.helpers:make_tiny_model", "tests.helpers:TinyConfig", "tiny"))
    torch.manual_seed(0)
    return save_checkpoint(make_tiny_model(TinyConfig()), tmp_path / "poem" / "t", model_type="tiny-test", config=TinyConfig(), half=False)


def test_loads_once_and_reloads_when_weights_change(folder):
    first = load_cached(folder)
    assert load_cached(folder) is first
    assert first.card.source == "user"
    save_checkpoint(make_tiny_model(TinyConfig()), folder, model_type="tiny-test", config=TinyConfig(), half=False)
    assert load_cached(folder) is not first


def test_refuses_the_wrong_model_type(folder):
    with pytest.raises(ArtdeskError, match="needs melody-vae"):
        load_cached(folder, ("melody-vae",))


def test_prepare_runs_once_per_load_and_any_spelling_of_the_path_hits(folder, monkeypatch):
    calls = []

    def prepare(checkpoint):
        calls.append(checkpoint)
        return ("prepared", checkpoint.card.name)

    monkeypatch.chdir(folder.parent)
    first = load_cached(str(folder), prepare=prepare)
    assert first == ("prepared", "t") and len(calls) == 1
    assert load_cached(folder.name, prepare=prepare) is first and len(calls) == 1
    assert load_cached(folder).card.name == "t"  # without the hook: the checkpoint itself


def test_a_changed_card_reloads_and_only_the_last_models_are_kept(folder, monkeypatch, tmp_path):
    from artdesk.core.cards import write_card_metrics
    from artdesk.ml import model_cache

    first = load_cached(folder)
    write_card_metrics(folder, {"held_out": 1.0})
    second = load_cached(folder)
    assert second is not first and second.card.metrics == {"held_out": 1.0}

    monkeypatch.setattr(model_cache, "MAX_ENTRIES", 2)
    others = [save_checkpoint(make_tiny_model(TinyConfig()), tmp_path / "poem" / f"o{i}", model_type="tiny-test",
                              config=TinyConfig(), half=False) for i in range(2)]
    for other in others:
        load_cached(other)
    assert load_cached(folder) is not second  # pushed out by the two used since


def test_a_missing_or_incomplete_folder_is_a_clear_error(tmp_path, folder):
    with pytest.raises(ArtdeskError, match="does not exist any more. Pick another model"):
        load_cached(tmp_path / "gone")
    (folder / "model.safetensors").unlink()
    with pytest.raises(ArtdeskError, match="cannot be read .* it is incomplete"):
        load_cached(folder)
