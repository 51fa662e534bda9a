"""Asks for the size of a new canvas."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from artdesk.core.document import MAX_PIXELS, MAX_SIDE


class QtNewCanvasDialog(QDialog):
    def __init__(self, size: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New canvas"))
        self.width_spin, self.height_spin = QSpinBox(), QSpinBox()
        for spin, value in ((self.width_spin, size[0]), (self.height_spin, size[1])):
            spin.setRange(1, MAX_SIDE)
            spin.setSuffix(" px")
            spin.setValue(value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Width"), self.width_spin)
        form.addRow(self.tr("Height"), self.height_spin)
        form.addRow(QLabel(self.tr("Up to %d megapixels.") % (MAX_PIXELS // 1_000_000)))
        form.addRow(buttons)

    def chosen_size(self) -> tuple[int, int]:
        return self.width_spin.value(), self.height_spin.value()
