"""Tiny, really trained melody models shared by the music tests (one torch thread, fixed seeds)."""
import pytest
import torch

torch.set_num_threads(1)  # two cores shared by everything: more threads only spin


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    from artdesk.ml.music.tiny import train_tiny

    folder = tmp_path_factory.mktemp("music-models")
    return {"lstm": train_tiny(folder, "melody-lstm", steps=20), "vae": train_tiny(folder, "melody-vae", steps=20)}
