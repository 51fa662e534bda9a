"""Dropping files on a widget: accept a drag that carries local files, and take their paths on drop."""
from __future__ import annotations

from pathlib import Path


def accept_local_files(event) -> None:
    """For ``dragEnterEvent``: accept the drag when it carries at least one local file."""
    if any(url.isLocalFile() for url in event.mimeData().urls()):
        event.acceptProposedAction()


def dropped_paths(event) -> list[Path]:
    """For ``dropEvent``: accept the drop and return the local files it carries, in order."""
    event.acceptProposedAction()
    return [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
