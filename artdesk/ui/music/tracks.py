"""The row that picks which track of an imported MIDI file is the melody (shown when the file has several)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from artdesk.core.music_files import ImportResult


class QtTrackRow(QWidget):
    """Lists an import's voices; choosing one asks for the file to be imported again with that track."""

    track_chosen = Signal(object, object)  # (the imported file's path, the track number or None for automatic)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.track_combo = QComboBox()
        self.track_combo.setAccessibleName("Imported track")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Track used as the melody:")))
        row.addWidget(self.track_combo, 1)
        self.path: Path | None = None
        self.track_combo.activated.connect(self._on_track_combo_activated)
        self.hide()

    def show_tracks(self, result: ImportResult) -> None:
        """The voices of ``result`` (its track current); the row shows only when there is a choice."""
        self.path = Path(str(result.melody.metadata.get("source_file", "")))
        self.track_combo.clear()
        for voice in result.voices:
            if self.track_combo.findData(voice.track) < 0:
                self.track_combo.addItem(voice.label, voice.track)
        self.track_combo.insertItem(0, self.tr("Most melodic voice (automatic)"), None)
        index = self.track_combo.findData(result.track) if result.track is not None else 0
        self.track_combo.setCurrentIndex(max(0, index))
        self.setVisible(len({v.track for v in result.voices}) > 1)

    def _on_track_combo_activated(self, index: int) -> None:
        if self.path is not None:
            self.track_chosen.emit(self.path, self.track_combo.itemData(index))
