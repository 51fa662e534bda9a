"""A small "?" button that opens the manual at one topic, placed where an artist may hesitate."""
from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget


class QtHelpButton(QToolButton):
    def __init__(self, topic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.topic = topic
        self.setText("?")
        self.setToolTip(self.tr("What is this? Opens the manual here."))
        self.setAccessibleName(self.tr("Help on this"))
        self.setAutoRaise(True)
        self.clicked.connect(self._on_clicked)

    def _on_clicked(self) -> None:
        from artdesk.ui.help.manual import open_manual

        open_manual(self, self.topic)
