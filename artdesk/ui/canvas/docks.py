"""The Canvas panel's window: the canvas view in the middle, the brush and layers docks on the left, the image
model and painting style docks (built from other parts of artdesk when they are there) tabbed on the right."""
from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QWidget

from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.context import AppContext
from artdesk.ui.vertical_scroller import QtVerticalScroller

log = logging.getLogger("artdesk.canvas")

LEFT_WIDTH, RIGHT_WIDTH = 260, 330  # the side docks' widths on first show (pixels; their contents may need more)


class QtCanvasWindow(QMainWindow):
    """``docks`` by key: tools, layers, and models and styles when they could be built.

    With ``optional_docks=False`` the model and style docks come later: ``make_model_dock()`` and
    ``make_style_dock()`` build them, ``add_right_docks()`` places them (the panel builds itself in steps)."""

    def __init__(self, context: AppContext, editor: QtCanvasEditor, view: QWidget, tool_options: QWidget,
                 layer_list: QWidget, optional_docks: bool = True) -> None:
        super().__init__()
        self.context, self.editor = context, editor
        self.setWindowFlags(Qt.WindowType.Widget)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.setCentralWidget(view)
        self.docks: dict[str, QDockWidget] = {}
        self.model_dock: QWidget | None = None
        self.style_dock: QWidget | None = None
        self._add_dock("tools", self.tr("Brush"), tool_options, Qt.DockWidgetArea.LeftDockWidgetArea)
        self._add_dock("layers", self.tr("Layers"), layer_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        if optional_docks:
            self.add_right_docks(self.make_model_dock(), self.make_style_dock())
        else:
            self._size_docks()

    def make_model_dock(self, list_later: bool = False) -> QWidget | None:
        """The image model dock's widget, not placed yet (None if that part of artdesk is not there)."""
        return self._optional_dock("artdesk.ui.canvas.model_dock", "CanvasModelDock", self.tr("image model"), list_later)

    def make_style_dock(self, list_later: bool = False) -> QWidget | None:
        """The painting style dock's widget, not placed yet (None if that part of artdesk is not there)."""
        return self._optional_dock("artdesk.ui.canvas.style_dock", "CanvasStyleDock", self.tr("painting style"), list_later)

    def add_right_docks(self, model_dock: QWidget | None, style_dock: QWidget | None) -> None:
        """Place the model dock and the style dock tabbed behind it on the right (together: one new layout)."""
        self.model_dock, self.style_dock = model_dock, style_dock
        right = Qt.DockWidgetArea.RightDockWidgetArea
        if model_dock is not None:
            self._add_dock("models", self.tr("Image models"), model_dock, right)
        if style_dock is not None:
            styles = self._add_dock("styles", self.tr("Painting styles"), style_dock, right)
            if model_dock is not None:
                self.tabifyDockWidget(self.docks["models"], styles)
                self.docks["models"].raise_()
        self._size_docks()

    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock that scrolls its contents: the model and style docks are taller than a laptop screen, and
        unscrolled they set the whole window's minimum size (1335 x 982 with all four)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"Canvas{key.title()}Dock")
        scroller = QtVerticalScroller(widget)
        dock.setWidget(scroller)
        dock.visibilityChanged.connect(scroller.setVisible)  # a dock behind another's tab is hidden, not just covered
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def _optional_dock(self, module_name: str, class_name: str, what: str, list_later: bool = False) -> QWidget | None:
        """Build a dock widget ``Class(context, editor, list_later=...)`` that another part of artdesk provides;
        None if that module is not installed, a message if it fails (the painting must work regardless)."""
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
                return getattr(module, class_name)(self.context, self.editor, list_later=list_later)
        except Exception:  # noqa: BLE001 (a broken dock must not take the painting down)
            log.exception("could not build %s.%s", module_name, class_name)
        label = QLabel(self.tr("The %s tools could not be loaded. Details are in the log.") % what)
        label.setWordWrap(True)
        return label

    def _size_docks(self) -> None:
        """Narrow side docks, so the canvas has the room; set before the docks show, so they are laid out once."""
        self.resizeDocks([self.docks["tools"]], [LEFT_WIDTH], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["tools"], self.docks["layers"]], [300, 400], Qt.Orientation.Vertical)
        right = self.docks.get("models") or self.docks.get("styles")
        if right is not None:
            self.resizeDocks([right], [RIGHT_WIDTH], Qt.Orientation.Horizontal)
