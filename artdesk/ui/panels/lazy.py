"""A tab page that builds its panel on first show (Frescobaldi's createWidget pattern).

The panel's modules (and the modules its ``PRELOAD`` names) are imported on a background thread when
the page is first shown; the panel is built on the UI thread once they are in. The window therefore
paints before a panel's imports run, and the UI thread keeps its frames while they do.
"""
from __future__ import annotations

import importlib
import logging
import threading
import traceback

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from artdesk.ui.context import AppContext

log = logging.getLogger("artdesk.ui")


def import_panel_modules(reference: str) -> None:
    """Import a panel's module and the modules it names in ``PRELOAD`` (failures are reported when it is built)."""
    try:
        module = importlib.import_module(reference.partition(":")[0])
        for name in getattr(module, "PRELOAD", ()):
            importlib.import_module(name)
    except Exception:  # noqa: BLE001 (ensure_built imports again and shows the error)
        log.debug("importing %s failed; it is reported when the panel is built", reference, exc_info=True)


class LazyPanel(QWidget):
    imported = Signal()  # the panel's modules are imported (emitted from the import thread, delivered queued)
    built = Signal()  # the panel was built (or its error label shown), once

    def __init__(self, reference: str, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.context = context
        self.panel: QWidget | None = None
        self._importing = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.imported.connect(self.ensure_built, Qt.ConnectionType.QueuedConnection)

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
            self.built.emit()
        return self.panel

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Import the panel's modules off the UI thread; it is built when they are in."""
        if self.panel is None and not self._importing:
            self._importing = True
            threading.Thread(target=self._import_then_build, name="artdesk-panel-import", daemon=True).start()
        super().showEvent(event)

    def _import_then_build(self) -> None:
        import_panel_modules(self.reference)
        try:
            self.imported.emit()
        except RuntimeError:  # the page was deleted meanwhile (the window closed)
            pass
