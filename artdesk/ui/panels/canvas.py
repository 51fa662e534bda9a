"""The Canvas panel: paint on layers, open and save pictures and OpenRaster documents, and work
with the image models (the model dock) on the same canvas.

Layout: a tool bar, the canvas view in the middle, docks for tool options, layers and models.
Unsaved work is written aside a few seconds after each change and offered back after a crash.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QVBoxLayout, QWidget

from artdesk.core.document import Document, Layer, check_size
from artdesk.core.errors import ArtdeskError
from artdesk.core.image_io import open_image, save_png
from artdesk.core.ora import open_ora, save_ora
from artdesk.core.provenance import describe_missing
from artdesk.core.recovery import RecoveryStore
from artdesk.ml.canvas.session import describe_provenance, document_record, is_painting, placed_sizes
from artdesk.ui.canvas.actions import QtCanvasActions
from artdesk.ui.canvas.autosave import QtAutosave, recovery_question
from artdesk.ui.canvas.docks import QtCanvasWindow
from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.canvas.layers import QtLayerList
from artdesk.ui.canvas.names import picture_name
from artdesk.ui.canvas.new_dialog import QtNewCanvasDialog
from artdesk.ui.canvas.recovery_bar import QtRecoveryBar
from artdesk.ui.canvas.status_row import QtCanvasStatus
from artdesk.ui.canvas.tool_options import QtToolOptions
from artdesk.ui.canvas.view import QtCanvasView
from artdesk.ui.context import AppContext
from artdesk.ui.credentials import QtCredentials
from artdesk.ui.discard import may_discard
from artdesk.ui.qimage import array_to_qimage, qimage_to_array
from artdesk.ui.widgets.drops import accept_local_files, dropped_paths

log = logging.getLogger("artdesk.canvas")

# What building this panel imports, imported with it off the UI thread (ui.panels.lazy) before it is built.
PRELOAD = ("artdesk.ui.canvas.model_dock", "artdesk.ui.canvas.style_dock", "artdesk.ml.style.media.catalogue",
           "artdesk.ui.canvas.finetune.resume")

OPEN_FILTER = "Pictures and documents (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.ora);;All files (*)"
IMAGE_FILTER = "Pictures (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff);;All files (*)"
DEFAULT_SIZE = (1024, 1024)
LOOK_FOR_UNFINISHED_AFTER_MS = 300  # after the first paints and the warm-up's start (ui.app.AFTER_FIRST_PANEL_MS)


class CanvasPanel(QWidget):
    """``CanvasPanel(context)`` is built at once; ``CanvasPanel(context, in_steps=True)`` is an empty widget that
    ``build_step()`` builds a part at a time (ui.panels.lazy runs one step per event-loop turn after the
    window's first paint, so no step holds the UI thread for a frame)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, in_steps: bool = False) -> None:
        super().__init__(parent)
        self.context = context
        self.last_message = ""
        self._steps = [self._build_document, self._build_editor, self._build_view, self._build_layers, self._build_actions,
                       self._build_window, self._build_model_dock, self._list_models, self._build_style_dock,
                       self._list_styles, self._place_right_docks,
                       self._build_finetune_offer, self._offer_unfinished_work]
        if not in_steps:
            while self.build_step():
                pass

    def build_step(self) -> bool:
        """Build the next part of the panel; True while parts remain."""
        self._steps.pop(0)()
        return bool(self._steps)

    def _build_document(self) -> None:
        self._first_document = self._blank_document(*DEFAULT_SIZE)  # a step of its own: filling its layers takes ~8 ms

    def _build_editor(self) -> None:
        self.editor = QtCanvasEditor(self._first_document, self)
        del self._first_document

    def _build_view(self) -> None:
        self.view = QtCanvasView(self.editor)
        self.tool_options = QtToolOptions(self.editor)

    def _build_layers(self) -> None:
        self.layer_list = QtLayerList(self.editor)
        self.store = RecoveryStore(self.context.paths.data / "recovery")
        self.autosave = QtAutosave(self.editor, self.store, parent=self)
        self.credentials = QtCredentials(self.context, self.show_message, self)

    def _build_actions(self) -> None:
        self.canvas_actions = QtCanvasActions(self, self.editor, self.view, self.tool_options, {
            "new": self._on_new_action_triggered, "open": self._on_open_action_triggered,
            "import": self._on_import_action_triggered, "save": self._on_save_action_triggered,
            "save_as": self._on_save_as_action_triggered, "export": self._on_export_action_triggered,
            "copy": self.copy_to_clipboard, "paste": self.paste_from_clipboard})
        self.actions_by_name, self.tool_actions = self.canvas_actions.by_name, self.canvas_actions.tools

    def _build_window(self) -> None:
        """The canvas with its tool bar, brush and layers docks, and the panel's bars: the part the artist sees first."""
        self.window = QtCanvasWindow(self.context, self.editor, self.view, self.tool_options, self.layer_list,
                                     optional_docks=False)
        self.window.addToolBar(self.canvas_actions.toolbar)
        self.docks, self.model_dock, self.style_dock = self.window.docks, None, None
        self.recovery_bar = QtRecoveryBar()
        self.recovery_bar.restore_clicked.connect(self.restore_recovered)
        self.recovery_bar.discard_clicked.connect(self.discard_recovered)
        self.status = QtCanvasStatus(self.view)
        self.message_label = self.status.message_label
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.recovery_bar)
        self._layout.addWidget(self.window, 1)
        self._layout.addWidget(self.status)
        self.editor.message.connect(self._on_editor_message)
        self.editor.undo_stack.cleanChanged.connect(self._on_undo_stack_cleanChanged)
        self.autosave.failed.connect(self._on_autosave_failed)
        self.setAcceptDrops(True)

    @property
    def paint_later(self) -> tuple[QWidget, ...]:
        """What paints in turns of its own once the panel is built (ui.panels.lazy), in this order: the canvas
        window, the canvas, the status row, the tool bar, the docks."""
        return (self.window, self.view, self.status, self.canvas_actions.toolbar, *self.window.docks.values())

    def _build_model_dock(self) -> None:
        self.model_dock = self.window.make_model_dock(list_later=True)

    def _list_models(self) -> None:
        """Fill the model picker: reading the model cards is a step of its own."""
        if hasattr(self.model_dock, "reload_models"):  # not the label a dock that failed to build leaves
            self.model_dock.reload_models()

    def _build_style_dock(self) -> None:
        self.style_dock = self.window.make_style_dock(list_later=True)

    def _list_styles(self) -> None:
        """Fill the style list: reading the style cards is a step of its own."""
        if hasattr(self.style_dock, "reload_styles"):
            self.style_dock.reload_styles()

    def _place_right_docks(self) -> None:
        self.window.add_right_docks(self.model_dock, self.style_dock)

    def _offer_unfinished_work(self) -> None:
        """Look for an unfinished fine-tune (once the panel has painted: its job starts the model process, whose
        start-up imports would take the GIL from the first paints); offer back work a crash left unsaved."""
        if self.finetune_offer is not None:
            QTimer.singleShot(LOOK_FOR_UNFINISHED_AFTER_MS, self.finetune_offer, self.finetune_offer.check)
        self._offer_recovery()
        self._update_title()

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

    # ----- state -------------------------------------------------------------------------------
    def set_tool(self, tool: str) -> None:
        self.canvas_actions.set_tool(tool)

    def show_message(self, message: str, warning: bool = False) -> None:
        """Say something in the panel's message line and the window's status bar."""
        self.last_message = message
        self.status.show_message(message, warning)
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
        described = describe_provenance(self.editor.document.provenance)
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
        if is_painting(record):
            return []  # a painting exported from the canvas: its layers carry their own provenance
        missing = describe_missing(record, name)
        restore = getattr(self.model_dock, "restore", None)
        if not isinstance(record, dict) or not record or restore is None:
            return [missing] if missing else []
        notes = [missing] if missing else []
        notes += restore(record)
        if self.model_dock.session.record is not None:
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
        sizes = placed_sizes(layer.provenance)
        if sizes is None:
            return []
        (width, height), (new_width, new_height) = sizes
        return [self.tr("It was scaled from %d × %d to %d × %d pixels to fit.") % (width, height, new_width, new_height)]

    def save_to(self, path: Path | str) -> bool:
        """Save as .ora (layers kept) or, for any other name, export a flattened PNG."""
        path = Path(path)
        if path.suffix.lower() != ".ora":
            return self.export_png(path)
        try:
            self.editor.document.provenance.update({k: v for k, v in document_record(self.editor.document).items()
                                                    if k != "layers"})
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
        stamp = document_record(self.editor.document)
        try:
            save_png(path, self.editor.document.composite(), stamp)
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self.show_message(self.tr("Exported %s (with provenance).") % path)
        self.credentials.sign(path, stamp)
        return True

    def unsaved_work(self) -> str:
        """The discard guard's question: "" when the canvas holds nothing unsaved."""
        return self.tr("The canvas has unsaved changes.") if self.editor.is_modified else ""

    def save_work(self) -> bool:
        """The discard guard's Save: save to the document's file, or ask where."""
        return self._on_save_action_triggered()

    # ----- recovery ----------------------------------------------------------------------------
    def _build_finetune_offer(self) -> None:
        """The bar offering to resume an unfinished fine-tune, if the model dock that runs fine-tunes is there
        (it looks for one in the background once the panel is complete)."""
        self.finetune_offer = None
        if not hasattr(self.model_dock, "open_finetune_wizard"):
            return
        from artdesk.ui.canvas.finetune.resume import QtResumeOffer

        self.finetune_offer = QtResumeOffer(self.context)
        self.finetune_offer.resume_requested.connect(self._on_finetune_offer_resume_requested)
        self._layout.insertWidget(1, self.finetune_offer)

    def _on_finetune_offer_resume_requested(self, request) -> None:
        self.docks["models"].raise_()
        self.model_dock.open_finetune_wizard(request)

    def _offer_recovery(self) -> None:
        info = self.store.pending()
        if info is None:
            return
        self.recovery_bar.offer(recovery_question(info))

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

    def _on_autosave_failed(self, message: str) -> None:
        self.show_message(self.tr("Could not keep a recovery copy: %s") % message, warning=True)

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

    def copy_to_clipboard(self) -> None:
        """Put the flattened selection (or the whole picture) on the clipboard."""
        pixels = self.editor.selection_image()
        height, width = pixels.shape[:2]
        QGuiApplication.clipboard().setImage(array_to_qimage(pixels))
        self.show_message(self.tr("Copied %d × %d pixels.") % (width, height))

    def paste_from_clipboard(self) -> bool:
        """Add the clipboard's picture as a new layer (fitted into the selection, if any)."""
        image = QGuiApplication.clipboard().image()
        if image.isNull():
            self.show_message(self.tr("The clipboard holds no picture."), warning=True)
            return False
        pixels = qimage_to_array(image)
        height, width = pixels.shape[:2]
        try:
            layer = self.editor.add_layer_from_array(pixels, self.tr("Pasted"), {"source": "clipboard"})
        except ArtdeskError as error:
            self.show_message(str(error), warning=True)
            return False
        self.show_message(" ".join([self.tr("Pasted %d × %d pixels as a layer.") % (width, height), *self._placed(layer)]))
        return True
