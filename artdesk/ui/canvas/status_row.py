"""The Canvas panel's bottom line: the last message, and the pointer's position and the zoom."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from artdesk.ui.canvas.view import QtCanvasView
from artdesk.ui.forms import wrapped_label


class QtCanvasStatus(QWidget):
    def __init__(self, view: QtCanvasView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.message_label = wrapped_label(selectable=True)
        self.position_label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 0, 6, 2)
        row.addWidget(self.message_label, 1)
        row.addWidget(self.position_label)
        view.zoom_changed.connect(self._on_view_zoom_changed)
        view.pointer_moved.connect(self._on_view_pointer_moved)

    def show_message(self, message: str, warning: bool = False) -> None:
        self.message_label.setStyleSheet("color: #b00020;" if warning else "")
        self.message_label.setText(message)

    def _on_view_zoom_changed(self, zoom: float) -> None:
        self.position_label.setText(f"{zoom * 100:.0f}%")

    def _on_view_pointer_moved(self, x: int, y: int) -> None:
        self.position_label.setText(f"{x}, {y} · {self.view.zoom * 100:.0f}%")
