"""The bar that offers back unsaved work a crash left behind (Restore or Discard)."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class QtRecoveryBar(QFrame):
    """Hidden until ``offer``; the panel does the restoring or discarding."""

    restore_clicked = Signal()
    discard_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: #fff3cd; color: #533f03; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        restore = QPushButton(self.tr("Restore"))
        restore.clicked.connect(self.restore_clicked)
        discard = QPushButton(self.tr("Discard"))
        discard.clicked.connect(self.discard_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(restore)
        row.addWidget(discard)
        self.hide()

    def offer(self, question: str) -> None:
        """Ask ``question`` (autosave.recovery_question: the unsaved work's time and file, in one language)."""
        self.label.setText(question)
        self.show()
