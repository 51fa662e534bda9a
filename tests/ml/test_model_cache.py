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
