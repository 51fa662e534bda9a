"""Shows one originality answer: the label, the work beside its nearest training works, the longest shared passage.

Shared by the Gallery and the Poem panel's copy check (here, so poem and gallery do not import each other)."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from artdesk.core.originality import SHARED_STRETCHES_NOTE, Originality
from artdesk.ui.canvas.names import style_label
from artdesk.ui.help.help_button import QtHelpButton
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
        self.help_button = QtHelpButton("originality")
        self.help_button.hide()  # shown with an answer: what the labels mean
        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        top.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
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
        self.help_button.hide()
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

    def caption_text(self, caption: str) -> str:
        """A nearest training work's caption in the interface language (the index writes them in English)."""
        picture = re.fullmatch(r"training picture #(\d+) \((\w+)\)", caption)
        if picture:
            return self.tr("training picture #{0} ({1})").format(picture.group(1), style_label(picture.group(2)))
        tune = re.fullmatch(r"(.*): shares (\d+) runs of (\d+) notes", caption)
        if tune:
            return self.tr("{0}: shares {1} runs of {2} notes").format(*tune.groups())
        return caption

    def note_text(self, note: str) -> str:
        known = {"Training pictures are shown as the 16x16 thumbnails the index keeps.":
                 self.tr("Training pictures are shown as the 16x16 thumbnails the index keeps."),
                 SHARED_STRETCHES_NOTE:
                 self.tr("It looks for stretches of text shared with the poems the model learned from; it cannot say "
                         "which poem, and 1 or 2 stretches in 100 match by chance.")}
        return known.get(note, note)

    def label_meaning(self, label: str) -> str:
        """What a label means, in a sentence (the manual's "What the originality labels mean" says more)."""
        return {"original": self.tr("As far from what the model learned from as most new works of its kind."),
                "familiar": self.tr("Closer to what the model learned from than three in four new works: it recalls "
                                    "things the model saw."),
                "close": self.tr("Closer than 95 in 100 new works: it may resemble one work the model learned from. "
                                 "Compare them below."),
                "close copy": self.tr("Closer than 99 in 100 new works: it is very nearly a work the model learned "
                                      "from. Do not present it as new.")}.get(label, "")

    def show_answer(self, answer: Originality, own: QPixmap | None = None) -> None:
        self._clear_pictures()
        self.help_button.show()
        colour = LABEL_COLOURS.get(answer.label, "black")
        details = self.tr("Details: {0} {1:g}; {2:.0f}% of unseen works of its kind are this close to training.").format(
            self.measure_text(answer.measure), answer.value, 100 * answer.closeness)
        self.label.setText(f"<b style='color:{colour}'>{self.label_text(answer.label)}</b> "
                           f"{self.label_meaning(answer.label)}<br><span style='color:gray'>{details}</span>")
        if own is not None and any(n.thumbnail is not None for n in answer.neighbours):
            self._add_picture(own.scaled(SIDE, SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation), self.tr("this work"))
        lines = []
        for neighbour in answer.neighbours:
            caption = self.caption_text(neighbour.caption)
            if neighbour.thumbnail is not None:
                self._add_picture(array_pixmap(neighbour.thumbnail[..., :3], SIDE), f"{caption}, {neighbour.value:.3f}")
            lines.append(caption)
        if answer.passage:
            lines.insert(0, self.tr("Longest shared passage ({0:.0%} of the work): {1}").format(answer.coverage or 0,
                                                                                               answer.passage))
        self.passage.setText("\n".join(lines))
        self.note.setText(self.note_text(answer.note))
