"""Tiny, really trained melody models shared by the music tests (one thread, fixed seeds)."""
import pytest


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    import torch

    from artdesk.ml.music.tiny import train_tiny

    torch.set_num_threads(1)
    folder = tmp_path_factory.mktemp("music-models")
    return {"lstm": train_tiny(folder, "melody-lstm", steps=20), "vae": train_tiny(folder, "melody-vae", steps=20)}
