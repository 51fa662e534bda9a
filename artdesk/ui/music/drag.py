"""Drag a melody out of the app as a .mid file (into a DAW or a file manager)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QListWidget, QMenu, QToolButton, QWidget

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody
from artdesk.core.midi_io import write_midi
from artdesk.ui.music.names import melody_title


def safe_file_stem(title: str) -> str:
    stem = re.sub(r"[^\w\- ]+", "", title).strip().replace(" ", "_")
    return stem[:60] or "melody"


def melody_mime_data(melody: Melody, folder: Path) -> QMimeData:
    """Mime data holding a file URL of ``melody`` written as a .mid file under ``folder``."""
    path = Path(folder) / f"{safe_file_stem(str(melody.metadata.get('title', 'melody')))}.mid"
    write_midi(melody, path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    return data


def start_melody_drag(source: QWidget, melody: Melody, folder: Path) -> Qt.DropAction | None:
    """Run a drag of ``melody`` as a .mid file; None if the file could not be written."""
    try:
        mime = melody_mime_data(melody, folder)
    except ArtdeskError:
        return None
    drag = QDrag(source)
    drag.setMimeData(mime)
    return drag.exec(Qt.DropAction.CopyAction)


class QtMelodyDragButton(QToolButton):
    """A handle: press and drag it to drop the current melody somewhere as a .mid file."""

    def __init__(self, melody_source: Callable[[], Melody], folder: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._melody_source = melody_source
        self._folder = folder
        self._press: QPoint | None = None
        self.setText(self.tr("Drag MIDI"))
        self.setToolTip(self.tr("Drag this into your DAW or a folder to drop the melody as a .mid file."))
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        if self._press is not None and (event.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance():
            self._press = None
            self.setDown(False)
            melody = self._melody_source()
            if melody.notes:
                start_melody_drag(self, melody, self._folder())
            return
        super().mouseMoveEvent(event)


class QtMelodyList(QListWidget):
    """The results of the last job; an item can be dragged out as a .mid file, or made melody B."""

    use_as_b_requested = Signal(int)  # the row the user wants as melody B (context menu)

    def __init__(self, folder: Callable[[], Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._folder = folder
        self.melodies: list[Melody] = []
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setDragEnabled(True)
        self.setFixedHeight(self.fontMetrics().height() * 3)
        self.setAccessibleName("Generated melodies")

    def set_melodies(self, melodies: list[Melody]) -> None:
        self.clear()
        self.melodies = list(melodies)
        for index, melody in enumerate(self.melodies):
            self.addItem(f"{index + 1}. {melody_title(melody.metadata)}")

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        row = self.row(self.itemAt(event.pos())) if self.itemAt(event.pos()) else -1
        if not 0 <= row < len(self.melodies):
            return
        menu = QMenu(self)
        action = menu.addAction(self.tr("Use as melody B (for Morph to B)"))
        action.triggered.connect(lambda: self.use_as_b_requested.emit(row))
        menu.exec(event.globalPos())

    def startDrag(self, actions) -> None:  # noqa: N802 (Qt naming)
        row = self.currentRow()
        if 0 <= row < len(self.melodies):
            start_melody_drag(self, self.melodies[row], self._folder())
