"""A scroll area for docks: scrolls up and down only, so a tall dock never sets the window's minimum height."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class QtVerticalScroller(QScrollArea):
    """Scrolls ``widget`` up and down only: as wide as the widget needs, as short as its dock is."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        widget = self.widget()
        width = max(widget.minimumSizeHint().width(), widget.minimumWidth()) + self.verticalScrollBar().sizeHint().width()
        return QSize(width, super().minimumSizeHint().height())
