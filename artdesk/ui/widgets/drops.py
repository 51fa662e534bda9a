"""Dropping files on a widget: accept a drag that carries local files, and take their paths on drop."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


def accept_local_files(event) -> None:
    """For ``dragEnterEvent``: accept the drag when it carries at least one local file."""
    if any(url.isLocalFile() for url in event.mimeData().urls()):
        event.acceptProposedAction()


def local_files(event) -> list[Path]:
    """The local files a drag or drop carries, in order (nothing is accepted)."""
    mime = event.mimeData()
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def dropped_paths(event) -> list[Path]:
    """For ``dropEvent``: accept the drop and return the local files it carries, in order."""
    event.acceptProposedAction()
    return local_files(event)


class QtFileDrops(QObject):
    """Opens the first local file dropped on the watched widgets with ``open_path``; other drops (text) go on."""

    def __init__(self, open_path: Callable[[Path], object], parent: QObject) -> None:
        super().__init__(parent)
        self.open_path = open_path

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.setAcceptDrops(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) and local_files(event):
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.open_path(local_files(event)[0])
            return True
        return super().eventFilter(watched, event)
