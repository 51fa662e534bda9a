"""The Music panel (its tools arrive with the Music issue)."""
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from artdesk.ui.context import AppContext


class MusicPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Music")))
