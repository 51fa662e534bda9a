"""Shows one originality answer: the label, the work beside its nearest training works, the longest shared passage."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from artdesk.core.originality import Originality
from artdesk.ui.qimage import array_pixmap

SIDE = 64
LABEL_COLOURS = {"original": "#2e7d32", "familiar": "#827717", "close": "#e65100", "close copy": "#b71c1c"}


class QtOriginalityView(QWidget):
    """Empty until ``show_answer``; ``show_message`` for "checking…" and problems."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.pictures = QHBoxLayout()
        self.passage = QLabel()
        self.passage.setWordWrap(True)
        self.passage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: gray")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(self.pictures)
        layout.addWidget(self.passage)
        layout.addWidget(self.note)
        self.clear()

    def clear(self) -> None:
        self.show_message("")

    def _clear_pictures(self) -> None:
        while self.pictures.count():
            widget = self.pictures.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()

    def show_message(self, text: str) -> None:
        self._clear_pictures()
        self.label.setText(text)
        self.passage.setText("")
        self.note.setText("")

    def _add_picture(self, pixmap: QPixmap, caption: str) -> None:
        cell = QLabel()
        cell.setPixmap(pixmap)
        cell.setToolTip(caption)
        cell.setAccessibleName(caption)
        self.pictures.addWidget(cell)

    def label_text(self, label: str) -> str:
        return {"original": self.tr("original"), "familiar": self.tr("familiar"), "close": self.tr("close"),
                "close copy": self.tr("close copy")}.get(label, label)

    def measure_text(self, measure: str) -> str:
        return {"feature distance": self.tr("feature distance"),
                "longest shared passage (notes)": self.tr("longest shared passage (notes)"),
                "longest shared passage (characters)": self.tr("longest shared passage (characters)")}.get(measure, measure)

    def show_answer(self, answer: Originality, own: QPixmap | None = None) -> None:
        self._clear_pictures()
        colour = LABEL_COLOURS.get(answer.label, "black")
        self.label.setText(f"<b style='color:{colour}'>{self.label_text(answer.label)}</b><br>"
                           + self.tr("{0}: {1:g}; {2:.0f}% of unseen works of its kind are this close to training.")
                           .format(self.measure_text(answer.measure), answer.value, 100 * answer.closeness))
        if own is not None and any(n.thumbnail is not None for n in answer.neighbours):
            self._add_picture(own.scaled(SIDE, SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation), self.tr("this work"))
        lines = []
        for neighbour in answer.neighbours:
            if neighbour.thumbnail is not None:
                self._add_picture(array_pixmap(neighbour.thumbnail[..., :3], SIDE), f"{neighbour.caption}, {neighbour.value:.3f}")
            lines.append(neighbour.caption)
        if answer.passage:
            lines.insert(0, self.tr("Longest shared passage ({0:.0%} of the work): {1}").format(answer.coverage or 0,
                                                                                               answer.passage))
        self.passage.setText("\n".join(lines))
        self.note.setText(answer.note)
