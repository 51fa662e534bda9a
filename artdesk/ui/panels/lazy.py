"""A tab page that builds its panel on first show (Frescobaldi's createWidget pattern)."""
from __future__ import annotations

import importlib
import logging
import traceback

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from artdesk.ui.context import AppContext

log = logging.getLogger("artdesk.ui")


class LazyPanel(QWidget):
    def __init__(self, reference: str, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.context = context
        self.panel: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.panel is None:
            module_name, _, class_name = self.reference.partition(":")
            try:
                panel_class = getattr(importlib.import_module(module_name), class_name)
                self.panel = panel_class(self.context)
            except Exception:  # a broken panel must not take the window down
                log.exception("could not build panel %s", self.reference)
                self.panel = QLabel(f"This panel could not be opened. Details are in the log.\n\n{traceback.format_exc(limit=1)}")
            self._layout.addWidget(self.panel)
        return self.panel

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Build on the next turn of the event loop, so the window paints before the panel's imports run."""
        if self.panel is None:
            QTimer.singleShot(0, self.ensure_built)
        super().showEvent(event)
