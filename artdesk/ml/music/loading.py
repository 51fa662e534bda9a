"""Load music checkpoints through the model cache (with their CPU int8 copy) and describe them for provenance."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from artdesk.core.cards import read_card
from artdesk.core.errors import ArtdeskError
from artdesk.core.provenance import provenance_record
from artdesk.ml.quantize import quantized_for_cpu

KIND_NAMES = {"melody-lstm": "a melody LSTM (Generate, Continue)", "melody-vae": "a melody VAE (Interpolate, Variations)"}


def load_music_model(model_path: Path, model_type: str):
    """The ``Checkpoint`` at ``model_path``, which must be of ``model_type``; raises ArtdeskError otherwise.

    Loading and reloading go through ``ml.model_cache.load_cached``; on CPU the model is then int8
    dynamically quantized for inference (see ``quantized_for_cpu``), once per loaded checkpoint.
    """
    from artdesk.ml.model_cache import load_cached

    folder = Path(model_path)
    card = read_card(folder)
    if card.model_type != model_type:
        raise ArtdeskError(
            f"{card.name} is {KIND_NAMES.get(card.model_type, card.model_type)}; this needs "
            f"{KIND_NAMES.get(model_type, model_type)}. Choose another model."
        )
    return load_cached(folder, prepare=_quantized)


def _quantized(checkpoint):
    """The model cache's hook for melody models: the checkpoint with its int8 copy for the CPU."""
    return replace(checkpoint, model=quantized_for_cpu(checkpoint.model))


def provenance(checkpoint, seed: int, settings: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """What made a melody (``core.provenance.provenance_record``): in ``Melody.metadata["provenance"]`` and MIDI files."""
    return provenance_record(checkpoint.card, seed, settings, **extra)
