"""A tab page that builds its panel on first show (Frescobaldi's createWidget pattern).

The panel's modules (and the modules its ``PRELOAD`` names) are imported on a background thread when
the page is first shown; the panel is built on the UI thread once they are in. The window therefore
paints before a panel's imports run, and the UI thread keeps its frames while they do.

A panel class with a ``build_step()`` method is built in parts: ``Class(context, in_steps=True)`` is an
empty widget, shown at once, and each ``build_step()`` (True while parts remain) runs in its own
event-loop turn, so input comes between the parts; the panel paints once built, then each widget it names in
``paint_later`` in a turn of its own. ``ensure_built()`` runs what remains at once.
"""
from __future__ import annotations

import importlib
import logging
import threading
import traceback

from PySide6.QtCore import Qt, QTimer, Signal
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
        self.panel: QWidget | None = None  # set once the panel is complete
        self._building: QWidget | None = None  # a panel built in steps, until its last step
        self._importing = False
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._next_step = QTimer(self)  # a zero timer, not a posted call: one step per event-loop turn
        self._next_step.setSingleShot(True)
        self._next_step.setInterval(0)
        self._next_step.timeout.connect(self._build_a_step)
        self.imported.connect(self._build_a_step, Qt.ConnectionType.QueuedConnection)

    def ensure_built(self) -> QWidget:
        """The panel, built now (all of its remaining steps) if it is not complete yet."""
        if self.panel is None:
            self._build(all_steps=True)
        return self.panel

    def _build_a_step(self) -> None:
        if self.panel is None and not self._build(all_steps=False):
            self._next_step.start()

    def _build(self, all_steps: bool) -> bool:
        """Build the panel, or only its next step; True once it is complete (or its error label shown)."""
        try:
            if self._building is None:
                module_name, _, class_name = self.reference.partition(":")
                panel_class = getattr(importlib.import_module(module_name), class_name)
                if not hasattr(panel_class, "build_step"):
                    self._finish(panel_class(self.context))
                    return True
                self._building = panel_class(self.context, in_steps=True)
                self._building.setUpdatesEnabled(False)  # a half-built panel is not painted: one paint at the end
                self._layout.addWidget(self._building)
            while self._building.build_step():
                if not all_steps:
                    return False
        except Exception:  # a broken panel must not take the window down
            log.exception("could not build panel %s", self.reference)
            if self._building is not None:
                self._building.deleteLater()
            self._building = None
            self._finish(QLabel(self.tr("This panel could not be opened. Details are in the log.") + "\n\n"
                                + traceback.format_exc(limit=1)))
            return True
        panel, self._building = self._building, None
        self._finish(panel)
        return True

    def _finish(self, panel: QWidget) -> None:
        self.panel = panel
        if self._layout.indexOf(panel) < 0:
            self._layout.addWidget(panel)
        self._reveal(panel)
        self.built.emit()

    def _reveal(self, panel: QWidget) -> None:
        """Let a panel built in steps paint: the rest first, then the widgets it names in ``paint_later`` (its
        view, tool bars and docks), one per event-loop turn. Its first paint draws every widget kind for the first
        time (styles, fonts), too long for one frame when done at once. The panel names them: looking them up
        (``findChildren``) wraps every widget of the panel for Python, 4 ms on the UI thread."""
        if panel.updatesEnabled():
            return
        later = list(getattr(panel, "paint_later", ()))
        for widget in later:
            widget.setUpdatesEnabled(False)
        panel.setUpdatesEnabled(True)
        reveal = QTimer(panel)  # a timer, not a posted call: input and paints come between the reveals
        reveal.setInterval(0)

        def reveal_next() -> None:
            if later:
                later.pop(0).setUpdatesEnabled(True)
            else:
                reveal.stop()
                reveal.deleteLater()

        reveal.timeout.connect(reveal_next)
        reveal.start()

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
