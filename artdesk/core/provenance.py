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
    return [key for key in needed if _lacks(record, key)]


def _lacks(record: dict[str, Any], key: str) -> bool:
    value = record.get(key)
    if key == "seed":  # None is an answer (the job used no randomness); a seed left out or not a number is not
        return key not in record or not (value is None or (isinstance(value, int) and not isinstance(value, bool)))
    if key == "settings":
        return not isinstance(value, dict)
    return value in (None, "")


FIELD_NAMES = {"app": "the app", "model": "the model", "weights_sha256": "the model's weights hash", "seed": "the seed",
               "settings": "the settings"}


def describe_missing(record: dict[str, Any] | None, name: str) -> str:
    """A sentence for the user on what a file's provenance lacks ("" when it is complete)."""
    if not isinstance(record, dict) or not record:
        return f"{name} carries no artdesk provenance: the settings that made it are unknown."
    missing = missing_fields(record)
    if not missing:
        return ""
    what = ", ".join(FIELD_NAMES[key] for key in missing)
    return f"{name}'s provenance lacks {what}, so it cannot be generated again exactly."


def find_card(record: dict[str, Any], cards: list[ModelCard]) -> tuple[ModelCard | None, str]:
    """The installed model a record names, and a note for the user ("" when its weights are the very same).

    The weights hash decides first (a renamed copy still reproduces), then the model id, then the name.
    """
    wanted = str(record.get("weights_sha256") or "")
    for card in cards:
        if wanted and card.raw.get("weights_sha256") == wanted:
            return card, ""
    model = str(record.get("model") or "")
    for key in ("model_id", "model"):
        value = record.get(key)
        for card in cards:
            if value and value in (card.id, card.name):
                if wanted:
                    return card, (f"The model {card.name} has changed since this was made (other weights), "
                                  "so generating again may not give the same result.")
                return card, ""
    if not model:
        return None, "The provenance names no model."
    return None, (f"This was made with the model {model}, which is not installed (an update may have replaced it). "
                  "The picture opens as it is; to make more like it, pick another model or install that one.")
