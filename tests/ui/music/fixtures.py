"""Fixtures for the Music panel tests: tiny melody models in a temporary user model folder."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest


def save_tiny_music_models(root: Path) -> dict[str, Path]:
    """A tiny melody LSTM (hidden 16) and VAE (latent 8), seeded, saved as real checkpoints under ``root``."""
    import torch

    from artdesk.ml.checkpoint import save_checkpoint
    from artdesk.ml.music.model import MelodyLSTM, MelodyLSTMConfig, MelodyVAE, MelodyVAEConfig

    torch.manual_seed(0)
    lstm_config = MelodyLSTMConfig(hidden=16, layers=1, embed=8, dropout=0.0, window=64)
    vae_config = MelodyVAEConfig(window=32, embed=8, enc_hidden=16, latent=8, dec_hidden=16, dec_layers=1, dropout=0.0)
    paths = {
        "lstm": save_checkpoint(MelodyLSTM(lstm_config), root / "music" / "tiny-lstm", model_type="melody-lstm",
                                config=lstm_config, data={"source": "none (test)", "licence": "test"}),
        "vae": save_checkpoint(MelodyVAE(vae_config), root / "music" / "tiny-vae", model_type="melody-vae",
                               config=vae_config, data={"source": "none (test)", "licence": "test"}),
    }
    return paths


@pytest.fixture(scope="session")
def tiny_music_models(tmp_path_factory) -> dict[str, Path]:
    return save_tiny_music_models(tmp_path_factory.mktemp("music-models"))


@pytest.fixture
def music_context(qtbot, tiny_music_models, tmp_path):
    """An AppContext whose user models hold the tiny music models; the runner is shut down afterwards."""
    import shutil

    from artdesk.core.paths import app_paths
    from artdesk.ui.context import AppContext
    from artdesk.ui.jobs import Runner

    paths = replace(app_paths(), bundled_models=tmp_path / "no-bundled-models")  # only the tiny models, whatever ships
    for folder in tiny_music_models.values():
        shutil.copytree(folder, paths.user_models / "music" / folder.name)
    runner = Runner()
    context = AppContext(paths, {}, runner, None)
    yield context
    assert runner.shutdown(10_000)
