"""The Canvas panel's actions and tool bar: files, undo, tools, brush size, selection, clipboard, zoom.

Actions that only drive the editor or the view are handled here; file and clipboard actions call the
panel's slots (given by name). Every shortcut works only while the Canvas is shown; File and Edit commands
(New, Open, Save, Export, Undo, Redo, Copy, Paste) take their keys from the window's menus (ui/menus), so
their actions here have none (two bindings of one key make Qt call it ambiguous).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.canvas.tool_options import QtToolOptions
from artdesk.ui.canvas.view import QtCanvasView


class QtCanvasActions(QObject):
    """``by_name``: every action by its key; ``tools``: the checkable tool actions; ``toolbar``: the tool bar."""

    def __init__(self, owner: QWidget, editor: QtCanvasEditor, view: QtCanvasView, tool_options: QtToolOptions,
                 slots: dict[str, Callable[[], object]]) -> None:
        super().__init__(owner)
        self.owner, self.editor, self.view, self.tool_options = owner, editor, view, tool_options
        std = QKeySequence.StandardKey
        self.by_name: dict[str, QAction] = {
            "new": self._action(self.tr("New"), slots["new"], None, self.tr("New canvas")),
            "open": self._action(self.tr("Open…"), slots["open"], None,
                                 self.tr("Open a picture (PNG, JPEG, WebP, GIF) or an OpenRaster document")),
            "import": self._action(self.tr("Import layer…"), slots["import"], "Ctrl+Shift+I",
                                   self.tr("Add a picture from a file as a new layer")),
            "save": self._action(self.tr("Save"), slots["save"], None,
                                 self.tr("Save the layered document (.ora: Krita, GIMP and MyPaint open it)")),
            "save_as": self._action(self.tr("Save as…"), slots["save_as"]),
            "export": self._action(self.tr("Export PNG…"), slots["export"], None,
                                   self.tr("Save the flattened picture as PNG, with its provenance")),
        }
        self._build_undo()
        self.tool_group = QActionGroup(self)
        self.tools: dict[str, QAction] = {}
        for tool, text, key, tip in (
            ("brush", self.tr("Brush"), "B", self.tr("Paint (B); Shift-click draws a straight line; a pen's eraser end erases")),
            ("eraser", self.tr("Eraser"), "E", self.tr("Erase to transparency (E)")),
            ("fill", self.tr("Fill"), "G", self.tr("Fill an area of similar colour (G)")),
            ("picker", self.tr("Pick colour"), "I", self.tr("Take a colour from the picture (I; or Alt-click)")),
            ("select", self.tr("Select"), "R", self.tr("Select a rectangle (R): painting, fills and "
                                                       "\"Project my drawing\" keep inside it")),
            ("pan", self.tr("Pan"), "H", self.tr("Drag the view (H; or hold Space, or the middle button)")),
        ):
            action = self._action(text, lambda checked=False, t=tool: self.set_tool(t), key, tip)
            action.setCheckable(True)
            self.tool_group.addAction(action)
            self.tools[tool] = action
        self.tools["brush"].setChecked(True)
        self.by_name.update({
            "smaller": self._action(self.tr("Smaller brush"), self._on_smaller_action_triggered, "["),
            "bigger": self._action(self.tr("Bigger brush"), self._on_bigger_action_triggered, "]"),
            "copy": self._action(self.tr("Copy"), slots["copy"], None,
                                 self.tr("Copy the picture (or the selection) to the clipboard")),
            "paste": self._action(self.tr("Paste as layer"), slots["paste"], None,
                                  self.tr("Paste a picture from the clipboard as a new layer")),
            "clear": self._action(self.tr("Clear selection"), editor.clear_selection, std.Delete,
                                  self.tr("Erase the selected area of the active layer (Delete)")),
            "select_all": self._action(self.tr("Select all"), lambda: editor.set_selection(editor.document.bounds),
                                       std.SelectAll),
            "deselect": self._action(self.tr("Select nothing"), lambda: editor.set_selection(None), "Ctrl+Shift+A"),
            "zoom_in": self._action(self.tr("Zoom in"), lambda: view.zoom_by(1.25), std.ZoomIn),
            "zoom_out": self._action(self.tr("Zoom out"), lambda: view.zoom_by(1 / 1.25), std.ZoomOut),
            "fit": self._action(self.tr("Fit"), view.fit, "Ctrl+0", self.tr("Show the whole canvas (Ctrl+0)")),
            "actual": self._action(self.tr("100%"), lambda: view.set_zoom(1.0), "Ctrl+Alt+0",
                                   self.tr("One canvas pixel per screen pixel")),
        })
        self.toolbar = self._build_toolbar()

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(text, self.owner)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only while the Canvas is shown
        action.setToolTip(tip or text)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        self.owner.addAction(action)
        return action

    def _build_undo(self) -> None:
        stack = self.editor.undo_stack
        undo = self._action(self.tr("Undo"), stack.undo)
        redo = self._action(self.tr("Redo"), stack.redo)
        undo.setEnabled(False)
        redo.setEnabled(False)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: undo.setToolTip(self.tr("Undo %s") % text if text else self.tr("Undo")))
        stack.redoTextChanged.connect(lambda text: redo.setToolTip(self.tr("Redo %s") % text if text else self.tr("Redo")))
        self.by_name["undo"], self.by_name["redo"] = undo, redo

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar(self.tr("Canvas"))
        toolbar.setObjectName("CanvasToolBar")
        toolbar.setMovable(False)
        for name in ("new", "open", "import", "save", "export", None, "undo", "redo", None):
            toolbar.addSeparator() if name is None else toolbar.addAction(self.by_name[name])
        for action in self.tools.values():
            toolbar.addAction(action)
        toolbar.addSeparator()
        for name in ("zoom_out", "zoom_in", "fit", "actual"):
            toolbar.addAction(self.by_name[name])
        return toolbar

    def set_tool(self, tool: str) -> None:
        self.view.set_tool(tool)
        self.tools[tool].setChecked(True)

    def _on_smaller_action_triggered(self) -> None:
        self.tool_options.set_size(max(1, round(self.editor.brush.size / 1.25)))

    def _on_bigger_action_triggered(self) -> None:
        self.tool_options.set_size(min(500, round(self.editor.brush.size * 1.25) + 1))
