"""Poem files with provenance: a ``# artdesk-poem: {json}`` header line, a blank line, the poem (no torch).

The record's ``settings`` are every field of the PoemRequest, so ``request_from_record`` gives the request
that writes the same poem again (candidate ``candidate`` of its result) with the same model.
"""
from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from artdesk.core.atomic import atomic_write_text
from artdesk.core.credentials.manifest import mark_unsigned, unmark
from artdesk.core.errors import ArtdeskError
from artdesk.core.record_schema import read_record
from artdesk.core.text_io import decode_text
from artdesk.ml.poem.requests import PoemRequest

HEADER = "# artdesk-poem: "


def poem_file_text(poem: str, provenance: dict) -> str:
    return HEADER + json.dumps(mark_unsigned(provenance), ensure_ascii=False, sort_keys=True) + "\n\n" + poem.rstrip("\n") + "\n"


def export_poem(path: Path, poem: str, provenance: dict) -> Path:
    """Write the poem and its provenance (model, checkpoint hash, seed, settings, form, theme) atomically."""
    if not poem.strip():
        raise ArtdeskError("There is no poem to export yet.")
    atomic_write_text(Path(path), poem_file_text(poem, provenance))
    return Path(path)


def read_poem_file(path: Path, max_bytes: int = 2 << 20) -> tuple[str, dict]:
    """The poem text and its provenance (empty if the file has none)."""
    path = Path(path)
    try:
        if path.stat().st_size > max_bytes:
            raise ArtdeskError(f"{path.name} is larger than {max_bytes >> 20} MB; it is not a poem file.")
        text = decode_text(path.read_bytes(), path.name).replace("\r\n", "\n")
    except OSError as error:
        raise ArtdeskError(f"Could not read {path}: {error.strerror or error}.") from error
    if text.startswith(HEADER):
        head, _, body = text.partition("\n")
        return body.strip("\n"), unmark(read_record(head[len(HEADER):], f"{path.name}'s provenance", []))
    return text.strip("\n"), {}


LEGACY_KEYS = {"theme": "keywords"}  # records written before "settings" held the flat request fields


def poem_settings(request: PoemRequest) -> dict[str, Any]:
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
