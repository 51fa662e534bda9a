"""The Canvas panel's window: the canvas view in the middle, the brush and layers docks on the left, the image
model and painting style docks (built from other parts of artdesk when they are there) tabbed on the right."""
from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.context import AppContext

log = logging.getLogger("artdesk.canvas")


class QtCanvasWindow(QMainWindow):
    """``docks`` by key: tools, layers, and models and styles when they could be built."""

    def __init__(self, context: AppContext, editor: QtCanvasEditor, view: QWidget, tool_options: QWidget,
                 layer_list: QWidget) -> None:
        super().__init__()
        self.context, self.editor = context, editor
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.setCentralWidget(view)
        self.model_dock = self._optional_dock("artdesk.ui.canvas.model_dock", "CanvasModelDock", self.tr("image model"))
        self.style_dock = self._optional_dock("artdesk.ui.canvas.style_dock", "CanvasStyleDock", self.tr("painting style"))
        self.docks: dict[str, QDockWidget] = {}
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        for key, title, widget, area in (("tools", self.tr("Brush"), tool_options, left),
                                         ("layers", self.tr("Layers"), layer_list, left),
                                         ("models", self.tr("Image models"), self.model_dock, right),
                                         ("styles", self.tr("Painting styles"), self.style_dock, right)):
            if widget is None:
                continue
            dock = QDockWidget(title, self)
            dock.setObjectName(f"Canvas{key.title()}Dock")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        if "styles" in self.docks and "models" in self.docks:
            self.tabifyDockWidget(self.docks["models"], self.docks["styles"])
            self.docks["models"].raise_()
        self._sized = False

    def _optional_dock(self, module_name: str, class_name: str, what: str) -> QWidget | None:
        """Build a dock widget ``Class(context, editor)`` that another part of artdesk provides; None if
        that module is not installed, a message if it fails (the painting must work regardless)."""
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                log.info("%s is not available; its dock is left out", module_name)
                return None
            log.exception("could not import %s", module_name)
            module = None
        try:
            if module is not None:
                return getattr(module, class_name)(self.context, self.editor)
        except Exception:  # noqa: BLE001 (a broken dock must not take the painting down)
            log.exception("could not build %s.%s", module_name, class_name)
        label = QLabel(self.tr("The %s tools could not be loaded. Details are in the log.") % what)
        label.setWordWrap(True)
        return label

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._sized:  # give the canvas the room: narrow side docks on first show
            self._sized = True
            right = self.docks.get("models") or self.docks.get("styles")
            if right is not None:
                self.resizeDocks([self.docks["tools"], right], [260, 330], Qt.Orientation.Horizontal)
            self.resizeDocks([self.docks["tools"], self.docks["layers"]], [300, 400], Qt.Orientation.Vertical)
