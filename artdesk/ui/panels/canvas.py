"""The Canvas panel (its tools arrive with the Canvas issue)."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from artdesk.ui.context import AppContext


class CanvasPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Canvas")))
