"""Poem files with provenance: a ``# artdesk-poem: {json}`` header line, a blank line, the poem (no torch).

The record's ``settings`` are every field of the PoemRequest (``replay.request_settings``), so
``replay.request_from_record`` gives the request that writes the same poem again with the same model.
"""
from __future__ import annotations

import json
from pathlib import Path

from artdesk.core.atomic import atomic_write_text
from artdesk.core.credentials.manifest import mark_unsigned, unmark
from artdesk.core.errors import ArtdeskError
from artdesk.core.record_schema import read_record
from artdesk.core.text_io import decode_text

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
