"""Export a bundle of gallery works: one .zip with each work's file, its provenance as JSON, and a manifest.

Plain Python (no Qt, no torch). The archive is written to a temporary sibling and moved into place,
so a full disk or a crash never leaves half a bundle under the chosen name.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import artdesk
from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.errors import ArtdeskError
from artdesk.core.gallery import Gallery, GalleryError, GalleryItem


class BundleError(ArtdeskError):
    pass


@dataclass(frozen=True)
class BundleSummary:
    path: Path  # the .zip written
    written: list[str] = field(default_factory=list)  # archive names of the works
    skipped: list[str] = field(default_factory=list)  # item ids left out (their file is gone)


def _slug(text: str, limit: int = 40) -> str:
    """A file-name-safe piece of a title (letters of any script kept)."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-")[:limit] or "untitled"


def archive_name(item: GalleryItem) -> str:
    """``<panel>-<date>-<title>-<id8>.<ext>``: readable, sortable and unique within a bundle."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(item.created))
    extension = Path(item.file).suffix
    return f"{item.panel}-{stamp}-{_slug(item.title)}-{item.id[:8]}{extension}"


# (archive name, file bytes, provenance) -> (the bytes to write, the file's Content Credentials as JSON)
Credentials = Callable[[str, bytes, dict], tuple[bytes, dict[str, Any]]]


def export_bundle(gallery: Gallery, item_ids: Sequence[str], destination: Path,
                  credentials: Credentials | None = None) -> BundleSummary:
    """Write the chosen items' files, ``<name>.provenance.json`` for each and ``manifest.json`` into a .zip.

    With ``credentials`` (see ``core.credentials.jobs.bundle_job``) each file is signed on the way in and its
    record carries its Content Credentials under ``content_credentials``.
    Items whose file is gone are skipped and listed in the summary; BundleError says what went wrong otherwise.
    """
    if not item_ids:
        raise BundleError("Select at least one work to export.")
    destination = Path(destination)
    if destination.suffix.lower() != ".zip":
        destination = destination.with_name(destination.name + ".zip")
    buffer = io.BytesIO()
    written, skipped, manifest = [], [], []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item_id in dict.fromkeys(item_ids):
            try:
                item = gallery.get(item_id)
                data = gallery.path(item).read_bytes()
            except (GalleryError, OSError):
                skipped.append(item_id)
                continue
            name = archive_name(item)
            extra = {}
            if credentials is not None:
                data, extra["content_credentials"] = credentials(name, data, item.provenance)
            record = {"file": name, "panel": item.panel, "title": item.title, "rating": item.rating,
                      "tags": item.tags, "sha256": hashlib.sha256(data).hexdigest(), "provenance": item.provenance, **extra}
            archive.writestr(name, data)
            archive.writestr(f"{name}.provenance.json", json.dumps(record, ensure_ascii=False, indent=1))
            written.append(name)
            manifest.append({"file": name, "provenance": f"{name}.provenance.json", "id": item.id})
        if not written:
            raise BundleError("None of the selected works could be read: their files are missing from the gallery.")
        archive.writestr("manifest.json", json.dumps(
            {"app": "artdesk", "artdesk_version": artdesk.__version__, "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
             "works": manifest, "skipped": skipped}, ensure_ascii=False, indent=1))
    try:
        atomic_write_bytes(destination, buffer.getvalue())
    except ArtdeskError as error:
        raise BundleError(str(error)) from error
    return BundleSummary(destination, written, skipped)

