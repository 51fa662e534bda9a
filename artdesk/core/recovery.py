"""Crash recovery for the canvas: unsaved work is written aside, and offered back on the next start.

The recovery file exists only while there is unsaved work: the panel writes it when the user
pauses, and removes it after a save or a clean close. Finding it at start-up therefore means
the last session ended without saving (a crash, a kill, a power cut).
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from artdesk.core.atomic import atomic_write_text
from artdesk.core.document import Document
from artdesk.core.errors import ArtdeskError
from artdesk.core.ora import OpenedDocument, open_ora, save_ora


@dataclass(frozen=True)
class RecoveryInfo:
    saved_at: float
    source: str | None  # the file the work came from or was last saved to, if any


class RecoveryStore:
    """One recovery slot in ``folder``: an .ora of the document plus a small JSON description."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.document_path = self.folder / "canvas-recovery.ora"
        self.info_path = self.folder / "canvas-recovery.json"

    def save(self, document: Document, source: str | None = None) -> None:
        """Write ``document`` aside (fast PNG compression); atomic, so a crash mid-write keeps the last copy."""
        save_ora(self.document_path, document, compress_level=1)
        atomic_write_text(self.info_path, json.dumps({"saved_at": time.time(), "source": source, "pid": os.getpid()}))

    def pending(self) -> RecoveryInfo | None:
        """What is waiting to be recovered, or None."""
        if not self.document_path.is_file():
            return None
        try:
            info = json.loads(self.info_path.read_text(encoding="utf-8"))
            return RecoveryInfo(float(info.get("saved_at", 0.0)), info.get("source"))
        except (OSError, ValueError, TypeError, AttributeError):
            return RecoveryInfo(self.document_path.stat().st_mtime, None)

    def load(self) -> OpenedDocument:
        try:
            return open_ora(self.document_path)
        except ArtdeskError as error:
            raise ArtdeskError(f"The recovered work could not be read: {error}") from error

    def clear(self) -> None:
        for path in (self.document_path, self.info_path):
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass  # a stale recovery file only means the offer is repeated next time
