"""The Canvas panel: paint on layers, open and save pictures and OpenRaster documents, and work
with the image models (the model dock) on the same canvas.

Layout: a tool bar, the canvas view in the middle, docks for tool options, layers and models.
Unsaved work is written aside a few seconds after each change and offered back after a crash.
"""
from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import numpy as np

import artdesk
from artdesk.core.document import MAX_PIXELS, MAX_SIDE, Document, Layer, check_size
from artdesk.core.errors import ArtdeskError
from artdesk.core.image_io import open_image, save_png
from artdesk.core.ora import open_ora, save_ora
from artdesk.core.provenance import describe_missing
from artdesk.core.recovery import RecoveryStore
from artdesk.ui.canvas.autosave import QtAutosave, recovery_question
from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.canvas.layers import QtLayerList
from artdesk.ui.canvas.names import picture_name
from artdesk.ui.canvas.tool_options import QtToolOptions
from artdesk.ui.canvas.view import QtCanvasView
from artdesk.ui.context import AppContext
from artdesk.ui.credentials import QtCredentials
from artdesk.ui.widgets.drops import accept_local_files, dropped_paths
from artdesk.ui.discard import may_discard

log = logging.getLogger("artdesk.canvas")

OPEN_FILTER = "Pictures and documents (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.ora);;All files (*)"
IMAGE_FILTER = "Pictures (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff);;All files (*)"
DEFAULT_SIZE = (1024, 1024)


class QtNewCanvasDialog(QDialog):
    """Asks for the size of a new canvas."""

    def __init__(self, size: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New canvas"))
        self.width_spin, self.height_spin = QSpinBox(), QSpinBox()
        for spin, value in ((self.width_spin, size[0]), (self.height_spin, size[1])):
            spin.setRange(1, MAX_SIDE)
            spin.setSuffix(" px")
            spin.setValue(value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Width"), self.width_spin)
        form.addRow(self.tr("Height"), self.height_spin)
        form.addRow(QLabel(self.tr("Up to %d megapixels.") % (MAX_PIXELS // 1_000_000)))
        form.addRow(buttons)

    def chosen_size(self) -> tuple[int, int]:
        return self.width_spin.value(), self.height_spin.value()


class CanvasPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editor = QtCanvasEditor(self._blank_document(*DEFAULT_SIZE), self)
        self.view = QtCanvasView(self.editor)
        self.tool_options = QtToolOptions(self.editor)
        self.layer_list = QtLayerList(self.editor)
        self.model_dock = self._build_dock("artdesk.ui.canvas.model_dock", "CanvasModelDock", self.tr("image model"))
        self.style_dock = self._build_dock("artdesk.ui.canvas.style_dock", "CanvasStyleDock", self.tr("painting style"))
        self.store = RecoveryStore(context.paths.data / "recovery")
        self.autosave = QtAutosave(self.editor, self.store, parent=self)
        self.credentials = QtCredentials(context, self.show_message, self)
        self.last_message = ""
        self._docks_sized = False

        self.window = QMainWindow()
        self.window.setWindowFlags(Qt.WindowType.Widget)
        self.window.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)
        self.window.setCentralWidget(self.view)
        self.docks = {}
        for key, title, widget, area in (
            ("tools", self.tr("Brush"), self.tool_options, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("layers", self.tr("Layers"), self.layer_list, Qt.DockWidgetArea.LeftDockWidgetArea),
            ("models", self.tr("Image models"), self.model_dock, Qt.DockWidgetArea.RightDockWidgetArea),
            ("styles", self.tr("Painting styles"), self.style_dock, Qt.DockWidgetArea.RightDockWidgetArea),
        ):
            if widget is None:
                continue
            dock = QDockWidget(title, self.window)
            dock.setObjectName(f"Canvas{key.title()}Dock")
            dock.setWidget(widget)
            dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
            self.window.addDockWidget(area, dock)
            self.docks[key] = dock
        if "styles" in self.docks and "models" in self.docks:
            self.window.tabifyDockWidget(self.docks["models"], self.docks["styles"])
            self.docks["models"].raise_()
        self._build_actions()

        self.recovery_bar = self._build_recovery_bar()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.position_label = QLabel()
        status = QHBoxLayout()
        status.setContentsMargins(6, 0, 6, 2)
        status.addWidget(self.message_label, 1)
        status.addWidget(self.position_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.recovery_bar)
        self.finetune_offer = self._build_finetune_offer()
        if self.finetune_offer is not None:
            layout.addWidget(self.finetune_offer)
        layout.addWidget(self.window, 1)
        layout.addLayout(status)

        self.editor.message.connect(self._on_editor_message)
        self.editor.undo_stack.cleanChanged.connect(self._on_undo_stack_cleanChanged)
        self.view.zoom_changed.connect(self._on_view_zoom_changed)
        self.view.pointer_moved.connect(self._on_view_pointer_moved)
        self.autosave.failed.connect(self._on_autosave_failed)
        self.setAcceptDrops(True)
        self._offer_recovery()
        self._update_title()

    # ----- building ----------------------------------------------------------------------------
    def _build_dock(self, module_name: str, class_name: str, what: str) -> QWidget | None:
        """Build a dock widget ``Class(context, editor)`` that another part of artdesk provides; None if
        that module is not installed, a message if it fails (the painting must work regardless)."""
        import importlib

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

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # only while the Canvas is shown
        action.setToolTip(tip or text)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        """Tool bar actions; File and Edit commands take their keys from the window's menus (ui/menus)."""
        std = QKeySequence.StandardKey
        self.actions_by_name: dict[str, QAction] = {
            "new": self._action(self.tr("New"), self._on_new_action_triggered, None, self.tr("New canvas")),
            "open": self._action(self.tr("Open…"), self._on_open_action_triggered, None,
                                 self.tr("Open a picture (PNG, JPEG, WebP, GIF) or an OpenRaster document")),
            "import": self._action(self.tr("Import layer…"), self._on_import_action_triggered, "Ctrl+Shift+I",
                                   self.tr("Add a picture from a file as a new layer")),
            "save": self._action(self.tr("Save"), self._on_save_action_triggered, None,
                                 self.tr("Save the layered document (.ora: Krita, GIMP and MyPaint open it)")),
            "save_as": self._action(self.tr("Save as…"), self._on_save_as_action_triggered),
            "export": self._action(self.tr("Export PNG…"), self._on_export_action_triggered, None,
                                   self.tr("Save the flattened picture as PNG, with its provenance")),
        }
        stack = self.editor.undo_stack
        undo = self._action(self.tr("Undo"), stack.undo)
        redo = self._action(self.tr("Redo"), stack.redo)
        undo.setEnabled(False)
        redo.setEnabled(False)
        stack.canUndoChanged.connect(undo.setEnabled)
        stack.canRedoChanged.connect(redo.setEnabled)
        stack.undoTextChanged.connect(lambda text: undo.setToolTip(self.tr("Undo %s") % text if text else self.tr("Undo")))
        stack.redoTextChanged.connect(lambda text: redo.setToolTip(self.tr("Redo %s") % text if text else self.tr("Redo")))
        self.actions_by_name["undo"], self.actions_by_name["redo"] = undo, redo

        self.tool_group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
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
            self.tool_actions[tool] = action
        self.tool_actions["brush"].setChecked(True)
        self.actions_by_name.update({
            "smaller": self._action(self.tr("Smaller brush"), self._on_smaller_action_triggered, "["),
            "bigger": self._action(self.tr("Bigger brush"), self._on_bigger_action_triggered, "]"),
            "copy": self._action(self.tr("Copy"), self._on_copy_action_triggered, None,
                                 self.tr("Copy the picture (or the selection) to the clipboard")),
            "paste": self._action(self.tr("Paste as layer"), self._on_paste_action_triggered, None,
                                  self.tr("Paste a picture from the clipboard as a new layer")),
            "clear": self._action(self.tr("Clear selection"), self._on_clear_action_triggered, std.Delete,
                                  self.tr("Erase the selected area of the active layer (Delete)")),
            "select_all": self._action(self.tr("Select all"), self._on_select_all_action_triggered, std.SelectAll),
            "deselect": self._action(self.tr("Select nothing"), self._on_deselect_action_triggered, "Ctrl+Shift+A"),
            "zoom_in": self._action(self.tr("Zoom in"), self._on_zoom_in_action_triggered, std.ZoomIn),
            "zoom_out": self._action(self.tr("Zoom out"), self._on_zoom_out_action_triggered, std.ZoomOut),
            "fit": self._action(self.tr("Fit"), self._on_fit_action_triggered, "Ctrl+0", self.tr("Show the whole canvas (Ctrl+0)")),
            "actual": self._action(self.tr("100%"), self._on_actual_action_triggered, "Ctrl+Alt+0",
                                   self.tr("One canvas pixel per screen pixel")),
        })

        toolbar = QToolBar(self.tr("Canvas"))
        toolbar.setObjectName("CanvasToolBar")
        toolbar.setMovable(False)
        for name in ("new", "open", "import", "save", "export"):
            toolbar.addAction(self.actions_by_name[name])
        toolbar.addSeparator()
        toolbar.addAction(undo)
        toolbar.addAction(redo)
        toolbar.addSeparator()
        for action in self.tool_actions.values():
            toolbar.addAction(action)
        toolbar.addSeparator()
        for name in ("zoom_out", "zoom_in", "fit", "actual"):
            toolbar.addAction(self.actions_by_name[name])
        self.window.addToolBar(toolbar)

    def _build_recovery_bar(self) -> QFrame:
        bar = QFrame()
        bar.setFrameShape(QFrame.Shape.StyledPanel)
        bar.setStyleSheet("QFrame { background: #fff3cd; color: #533f03; }")
        self.recovery_label = QLabel()
        self.recovery_label.setWordWrap(True)
        restore = QPushButton(self.tr("Restore"))
        restore.clicked.connect(self._on_restore_button_clicked)
        discard = QPushButton(self.tr("Discard"))
        discard.clicked.connect(self._on_discard_button_clicked)
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.recovery_label, 1)
        row.addWidget(restore)
        row.addWidget(discard)
        bar.hide()
        return bar

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        accept_local_files(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Dropped pictures become layers; a dropped .ora opens (after asking about unsaved work)."""
        self.drop_paths(dropped_paths(event))

    def drop_paths(self, paths: list[Path], ask: bool = True) -> None:
        for path in paths:
            if path.suffix.lower() == ".ora":
                if not ask or may_discard(self):
                    self.open_path(path)
            else:
                self.import_layer(path)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._docks_sized:  # give the canvas the room: narrow side docks on first show
            self._docks_sized = True
            right = self.docks.get("models") or self.docks.get("styles")
            if right is not None:
                self.window.resizeDocks([self.docks["tools"], right], [260, 330], Qt.Orientation.Horizontal)
            self.window.resizeDocks([self.docks["tools"], self.docks["layers"]], [300, 400], Qt.Orientation.Vertical)

    # ----- state -------------------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        self.view.set_tool(tool)
        self.tool_actions[tool].setChecked(True)

    def show_message(self, message: str, warning: bool = False) -> None:
        """Say something in the panel's message line and the window's status bar."""
        self.last_message = message
        self.message_label.setStyleSheet("color: #b00020;" if warning else "")
        self.message_label.setText(message)
        self.context.status_message.emit(message)

    def _update_title(self) -> None:
        name = self.editor.path.name if self.editor.path else self.tr("Untitled")
        width, height = self.editor.document.size
        star = " *" if self.editor.is_modified else ""
        self.docks["layers"].setWindowTitle(self.tr("Layers — %s%s (%d × %d)") % (name, star, width, height))

    # ----- files -------------------------------------------------------------------------------
    def _blank_document(self, width: int, height: int) -> Document:
        """A white background and an empty layer, named in the user's language."""
        document = Document.new(width, height)
        document.layers[0].name = self.tr("Background")
        document.layers[1].name = self.tr("Layer 1")
        return document

    def new_document(self, width: int, height: int) -> bool:
        try:
            check_size(width, height, self.tr("The new canvas"))
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self.editor.set_document(self._blank_document(width, height))
        self.credentials.forget()
        self._update_title()
        self.show_message(self.tr("New canvas, %d × %d.") % (width, height))
        return True

    def open_path(self, path: Path | str) -> bool:
        """Open a picture or an .ora as the document; False (with a message) when it cannot be opened."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".ora":
                opened = open_ora(path)
                self.editor.set_document(opened.document, path=path)
                notes = opened.notes
            else:
                image = open_image(path)
                width, height = image.size
                layer = Layer(picture_name(image.provenance) or path.stem, image.pixels, provenance=image.provenance)
                self.editor.set_document(Document(width, height, [layer], image.provenance))
                notes = image.notes
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self._update_title()
        described = self._describe_provenance(self.editor.document.provenance)
        restored = self.restore_generated(self.editor.document.provenance, path.name) if path.suffix.lower() == ".png" else []
        parts = [self.tr("Opened %s.") % path.name, *notes, described, *restored]
        self.show_message(" ".join(part for part in parts if part), warning=bool(notes))
        if path.suffix.lower() == ".ora":
            self.credentials.forget()  # an .ora keeps artdesk's own record; C2PA does not cover it
        else:
            self.credentials.opened(path, "parentOf")
        return True

    def restore_generated(self, record: dict, name: str) -> list[str]:
        """A generated picture's provenance sets the model dock (for "Generate again"); notes for the user.

        A painting saved by artdesk needs nothing restored; a file from elsewhere, or a damaged or forged
        record, gets a note saying what is missing.
        """
        if isinstance(record, dict) and record.get("app") == "artdesk" and "job" not in record:
            return []  # a painting exported from the canvas: its layers carry their own provenance
        missing = describe_missing(record, name)
        restore = getattr(self.model_dock, "restore", None)
        if not isinstance(record, dict) or not record or restore is None:
            return [missing] if missing else []
        notes = [missing] if missing else []
        notes += restore(record)
        if getattr(self.model_dock, "record", None) is not None:
            notes.append(self.tr("Its settings are restored in the model dock: \"Generate again\" makes it again."))
        return notes

    def open_file(self, path: Path | str) -> bool:
        """The main window's hook for files given on the command line or opened from the gallery
        (after the discard guard)."""
        return may_discard(self) and self.open_path(path)

    def show_example(self) -> None:
        """The welcome page's "Try the Canvas": generate a grid of pictures if a model is installed."""
        self.set_tool("brush")
        dock = self.model_dock
        button = getattr(dock, "generate_button", None)
        if button is not None and button.isEnabled() and "models" in self.docks:
            self.docks["models"].raise_()
            button.click()
            self.show_message(self.tr("Generating pictures: double-click one to place it on the canvas, "
                                      "or paint with the brush."))
        else:
            self.show_message(self.tr("Paint with the mouse or a pen. No image models are installed yet, "
                                      "so the model tools are waiting."))

    def import_layer(self, path: Path | str) -> bool:
        path = Path(path)
        try:
            image = open_image(path)
            layer = self.editor.add_layer_from_array(image.pixels, picture_name(image.provenance) or path.stem,
                                                     dict(image.provenance, source_file=path.name))
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        restored = self.restore_generated(image.provenance, path.name) if "job" in image.provenance else []
        self.show_message(" ".join([self.tr("Added %s as a layer.") % path.name, *image.notes, *self._placed(layer),
                                    *restored]))
        self.credentials.opened(path, "componentOf")
        return True

    def _placed(self, layer) -> list[str]:
        """A note when a picture was scaled to fit the canvas or the selection (the editor records it)."""
        placed = layer.provenance.get("placed")
        if not placed:
            return []
        (width, height), (new_width, new_height) = placed["scaled_from"], placed["scaled_to"]
        return [self.tr("It was scaled from %d × %d to %d × %d pixels to fit.") % (width, height, new_width, new_height)]

    def _stamp(self) -> dict:
        document = self.editor.document
        layers = [{"name": layer.name, "opacity": round(layer.opacity, 4), "visible": layer.visible,
                   **({"provenance": layer.provenance} if layer.provenance else {})} for layer in document.layers]
        return {**document.provenance, "app": "artdesk", "artdesk_version": artdesk.__version__, "panel": "canvas",
                "saved": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "size": list(document.size), "layers": layers}

    def save_to(self, path: Path | str) -> bool:
        """Save as .ora (layers kept) or, for any other name, export a flattened PNG."""
        path = Path(path)
        if path.suffix.lower() != ".ora":
            return self.export_png(path)
        try:
            self.editor.document.provenance.update({k: v for k, v in self._stamp().items() if k != "layers"})
            save_ora(path, self.editor.document)
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self.editor.mark_saved(path)
        self.autosave.discard()
        self._update_title()
        self.show_message(self.tr("Saved %s.") % path)
        return True

    def export_png(self, path: Path | str) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(path.suffix + ".png") if path.suffix else path.with_suffix(".png")
        stamp = self._stamp()
        try:
            save_png(path, self.editor.document.composite(), stamp)
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self.show_message(self.tr("Exported %s (with provenance).") % path)
        self.credentials.sign(path, stamp)
        return True

    @staticmethod
    def _describe_provenance(provenance: dict) -> str:
        """A short "(made with …)" note for a file's provenance: the app, then what made each picture."""
        if not provenance:
            return ""
        layers = provenance.get("layers") or []
        made = [provenance] + [layer["provenance"] for layer in layers if isinstance(layer, dict) and layer.get("provenance")]
        parts = [f"Made with artdesk {provenance.get('artdesk_version', '')}".strip()] if provenance.get("app") == "artdesk" else []
        for item in made[:4]:
            if isinstance(item, dict):
                parts.append(", ".join(f"{k} {item[k]}" for k in ("model", "job", "style", "seed") if item.get(k) is not None))
        return ("(" + "; ".join(p for p in parts if p) + ")") if any(parts) else ""

    def unsaved_work(self) -> str:
        """The discard guard's question: "" when the canvas holds nothing unsaved."""
        return self.tr("The canvas has unsaved changes.") if self.editor.is_modified else ""

    def save_work(self) -> bool:
        """The discard guard's Save: save to the document's file, or ask where."""
        return self._on_save_action_triggered()

    # ----- recovery ----------------------------------------------------------------------------
    def _build_finetune_offer(self) -> QWidget | None:
        """The bar offering to resume an unfinished fine-tune (it looks in the background), if the model
        dock that runs fine-tunes is there."""
        if not hasattr(self.model_dock, "open_finetune_wizard"):
            return None
        from artdesk.ui.canvas.finetune.resume import QtResumeOffer

        offer = QtResumeOffer(self.context)
        offer.resume_requested.connect(self._on_finetune_offer_resume_requested)
        offer.check()
        return offer

    def _on_finetune_offer_resume_requested(self, request) -> None:
        self.docks["models"].raise_()
        self.model_dock.open_finetune_wizard(request)

    def _offer_recovery(self) -> None:
        info = self.store.pending()
        if info is None:
            return
        self.recovery_label.setText(recovery_question(info))
        self.recovery_bar.show()

    def restore_recovered(self) -> bool:
        if not may_discard(self):
            return False
        self.recovery_bar.hide()
        try:
            opened = self.store.load()
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        info = self.store.pending()
        source = Path(info.source) if info and info.source and info.source.endswith(".ora") else None
        self.editor.set_document(opened.document, path=source, modified=True)
        self._update_title()
        self.show_message(self.tr("Recovered the unsaved work. Save it to keep it."))
        return True

    def discard_recovered(self) -> None:
        self.recovery_bar.hide()
        self.store.clear()

    def close_panel(self) -> None:
        """Called by the main window on close: stop painting, keep unsaved work for recovery."""
        self.editor.end_stroke()
        self.autosave.close()
        flush = getattr(self.model_dock, "flush_kept", None)  # generated pictures still on their way to the gallery
        if callable(flush):
            flush()

    # ----- slots -------------------------------------------------------------------------------
    def _on_editor_message(self, message: str) -> None:
        self.show_message(message)

    def _on_undo_stack_cleanChanged(self, _clean: bool) -> None:  # noqa: N802 (Qt naming)
        self._update_title()

    def _on_view_zoom_changed(self, zoom: float) -> None:
        self.position_label.setText(f"{zoom * 100:.0f}%")

    def _on_view_pointer_moved(self, x: int, y: int) -> None:
        self.position_label.setText(f"{x}, {y} · {self.view.zoom * 100:.0f}%")

    def _on_autosave_failed(self, message: str) -> None:
        self.show_message(self.tr("Could not keep a recovery copy: %s") % message, warning=True)

    def _on_restore_button_clicked(self) -> None:
        self.restore_recovered()

    def _on_discard_button_clicked(self) -> None:
        self.discard_recovered()

    def _on_new_action_triggered(self) -> None:
        if not may_discard(self):
            return
        dialog = QtNewCanvasDialog(self.editor.document.size, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.new_document(*dialog.chosen_size())

    def _on_open_action_triggered(self) -> None:
        if not may_discard(self):
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), "", self.tr(OPEN_FILTER))
        if path:
            self.open_path(path)

    def _on_import_action_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import as layer"), "", self.tr(IMAGE_FILTER))
        if path:
            self.import_layer(path)

    def _on_save_action_triggered(self) -> bool:
        if self.editor.path is not None:
            return self.save_to(self.editor.path)
        return self._on_save_as_action_triggered()

    def _on_save_as_action_triggered(self) -> bool:
        suggested = str(self.editor.path or "untitled.ora")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as OpenRaster"), suggested,
                                              self.tr("OpenRaster (*.ora)"))
        if not path:
            return False
        if not path.lower().endswith(".ora"):
            path += ".ora"
        return self.save_to(path)

    def _on_export_action_triggered(self) -> None:
        stem = self.editor.path.stem if self.editor.path else "picture"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PNG"), f"{stem}.png", self.tr("PNG (*.png)"))
        if path:
            self.export_png(path)

    def _on_smaller_action_triggered(self) -> None:
        self.tool_options.set_size(max(1, round(self.editor.brush.size / 1.25)))

    def _on_bigger_action_triggered(self) -> None:
        self.tool_options.set_size(min(500, round(self.editor.brush.size * 1.25) + 1))

    def copy_to_clipboard(self) -> None:
        """Put the flattened selection (or the whole picture) on the clipboard."""
        from PySide6.QtGui import QGuiApplication, QImage

        pixels = np.ascontiguousarray(self.editor.selection_image())
        height, width = pixels.shape[:2]
        image = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_RGBA8888).copy()
        QGuiApplication.clipboard().setImage(image)
        self.show_message(self.tr("Copied %d × %d pixels.") % (width, height))

    def paste_from_clipboard(self) -> bool:
        """Add the clipboard's picture as a new layer (fitted into the selection, if any)."""
        from PySide6.QtGui import QGuiApplication, QImage

        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.show_message(self.tr("The clipboard holds no picture."), warning=True)
            return False
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        width, height = image.width(), image.height()
        rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).reshape(height, image.bytesPerLine())
        pixels = rows[:, : width * 4].reshape(height, width, 4).copy()
        try:
            layer = self.editor.add_layer_from_array(pixels, self.tr("Pasted"), {"source": "clipboard"})
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self.show_message(" ".join([self.tr("Pasted %d × %d pixels as a layer.") % (width, height), *self._placed(layer)]))
        return True

    def _on_copy_action_triggered(self) -> None:
        self.copy_to_clipboard()

    def _on_paste_action_triggered(self) -> None:
        self.paste_from_clipboard()

    def _on_clear_action_triggered(self) -> None:
        self.editor.clear_selection()

    def _on_select_all_action_triggered(self) -> None:
        self.editor.set_selection(self.editor.document.bounds)

    def _on_deselect_action_triggered(self) -> None:
        self.editor.set_selection(None)

    def _on_zoom_in_action_triggered(self) -> None:
        self.view.zoom_by(1.25)

    def _on_zoom_out_action_triggered(self) -> None:
        self.view.zoom_by(1 / 1.25)

    def _on_fit_action_triggered(self) -> None:
        self.view.fit()

    def _on_actual_action_triggered(self) -> None:
        self.view.set_zoom(1.0)
