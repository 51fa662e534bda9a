"""Provenance: what made an output. One record shape for pictures, melodies and poems.

The record goes into every file the app writes (PNG text chunks, a MIDI meta event, a poem header)
and into the gallery; ``settings`` is what ``open`` restores to regenerate the same output.
"""
from __future__ import annotations

import time
from typing import Any

import artdesk
from artdesk.core.cards import ModelCard

# IPTC digital source type for media created by a trained model.
IPTC_TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"


def provenance_record(card: ModelCard, seed: int | None, settings: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The provenance of one output of the model behind ``card``; ``extra`` adds inputs such as a primer."""
    return {
        "app": "artdesk",
        "artdesk_version": artdesk.__version__,
        "panel": card.domain,
        "model": card.name,
        "model_id": card.id,
        "model_type": card.model_type,
        "weights_sha256": card.raw.get("weights_sha256", ""),
        "parent": card.parent,
        "licence": card.licence,
        "seed": None if seed is None else int(seed),
        "settings": settings,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "digital_source_type": IPTC_TRAINED_ALGORITHMIC_MEDIA,
        **extra,
    }


def missing_fields(record: dict[str, Any] | None) -> list[str]:
    """Which of the fields needed to reproduce an output a (possibly foreign or forged) record lacks."""
    needed = ("app", "model", "weights_sha256", "seed", "settings")
    if not isinstance(record, dict):
        return list(needed)
    return [key for key in needed if record.get(key) in (None, "")]
