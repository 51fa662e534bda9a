"""Poem provenance both ways (no torch): a request's settings for the record, and the request again from a record.

A poem's record holds ``settings`` (every PoemRequest field) and ``candidate`` (its place in the result);
running the rebuilt request with the same model writes the same poem. Records from before "settings"
existed held the request's fields flat: they still replay.
"""
from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

from artdesk.core.errors import ArtdeskError
from artdesk.ml.poem.requests import PoemRequest

LEGACY_KEYS = {"theme": "keywords"}  # records written before "settings" held the flat request fields


def request_settings(request: PoemRequest) -> dict[str, Any]:
    """Every request field, JSON-friendly (locked lines as [index, text] pairs)."""
    settings = asdict(request)
    settings["locked"] = [list(pair) for pair in request.locked]
    return settings


def request_from_record(record: dict[str, Any]) -> PoemRequest:
    """The request a poem's provenance records; ArtdeskError (with a message) for damaged or forged values."""
    settings = record.get("settings") if isinstance(record, dict) else None
    if not isinstance(settings, dict):
        if not isinstance(record, dict) or "seed" not in record:
            raise ArtdeskError("This poem's provenance holds no settings, so it cannot be written again.")
        settings = {LEGACY_KEYS.get(key, key): value for key, value in record.items()}
    values: dict[str, Any] = {}
    try:
        for item in fields(PoemRequest):
            if item.name not in settings:
                continue
            value, default = settings[item.name], item.default
            if item.name == "locked":
                value = tuple((int(index), str(text)) for index, text in value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ValueError(f"{item.name} is {value!r}")
            elif isinstance(default, (int, float)):
                if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                        (isinstance(default, int) and float(value) != int(value)):
                    raise ValueError(f"{item.name} is {value!r}")
                value = type(default)(value)
            elif not isinstance(value, str):
                raise ValueError(f"{item.name} is {value!r}")
            values[item.name] = value
    except (TypeError, ValueError, OverflowError) as error:
        raise ArtdeskError(f"This poem's settings are damaged ({error}), so it cannot be written again.") from error
    values.setdefault("theme_bias", 0.0)  # written before the theme bias existed: the prefix alone conditioned it
    return PoemRequest(**values)
