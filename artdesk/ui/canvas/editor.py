"""The canvas being edited: a Document, its undo stack, the active layer, and the display buffer.

``QtCanvasEditor`` is the ``canvas`` object other widgets (the model dock) talk to:
``document_image()`` gives the flattened picture and ``add_layer_from_array()`` adds an undoable layer.
Painting runs here on the UI thread, on dirty rectangles only (see ``artdesk.core.brush``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from artdesk.core.brush import BrushSettings, Stroke
from artdesk.core.document import Document, Layer, Rect, to_rgba
from artdesk.core.fill import fill_layer, flood_mask
from artdesk.core.errors import ArtdeskError
from artdesk.core.patches import Patch, TileRecorder, apply_patches, patches_rect
from artdesk.ui.canvas.undo import (
    InsertLayerCommand,
    LayerPropertyCommand,
    MoveLayerCommand,
    PatchCommand,
    RemoveLayerCommand,
)

CHECKER = 8  # size of the transparency checkerboard squares, in canvas pixels
UNDO_LIMIT = 200
UNDO_BUDGET_BYTES = 512 * 1024 * 1024  # beyond this, older pixel steps are kept compressed


def checkerboard(width: int, height: int) -> np.ndarray:
    """The light grey checkerboard shown behind transparent pixels, as grey uint8 (H x W)."""
    shades = np.array([255, 214], np.uint8)
    even = shades[(np.arange(width) // CHECKER) % 2]  # the pattern of even square rows
    board = np.empty((height, width), np.uint8)
    odd_rows = (np.arange(height) // CHECKER) % 2 == 1
    board[~odd_rows] = even
    board[odd_rows] = 469 - even.astype(np.int16)  # 255 <-> 214
    return board


class QtCanvasEditor(QObject):
    image_changed = Signal(object)  # Rect of canvas pixels whose display changed (None: all of it)
    layers_changed = Signal()  # layers were added, removed, moved, renamed, or changed opacity/visibility
    active_layer_changed = Signal(int)  # the index (bottom = 0) of the layer being painted on
    document_replaced = Signal()  # a new or opened document; its size may differ
    colour_picked = Signal(tuple)  # (r, g, b) taken by the eyedropper
    selection_changed = Signal(object)  # the selected Rect, or None when nothing is selected
    message = Signal(str)  # something the user should read (in the status line)

    def __init__(self, document: Document | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.undo_budget = UNDO_BUDGET_BYTES
        stack = self.undo_stack  # the stack's destructor emits its signals; nobody must hear them then
        self.destroyed.connect(lambda *_: stack.blockSignals(True))
        self.brush = BrushSettings()
        self.fill_tolerance = 32
        self.fill_all_layers = True
        self.document: Document = document or Document.new(1024, 1024)
        self.path: Path | None = None  # the .ora this document was opened from or saved to
        self.active_index = len(self.document.layers) - 1
        self._stroke: Stroke | None = None
        self._modified_without_undo = False  # e.g. recovered work: unsaved, yet nothing to undo
        self.selection: Rect | None = None  # painting, fills and projection keep inside it
        self._reset_display()

    # ----- the document ------------------------------------------------------------------------
    def set_document(self, document: Document, path: Path | None = None, modified: bool = False) -> None:
        """Replace the whole document (new/open/recover); clears the undo history."""
        self.cancel_stroke()
        self.document = document
        self.path = path
        self.undo_stack.clear()
        self._modified_without_undo = modified
        self.selection = None
        self.selection_changed.emit(None)
        self.active_index = len(document.layers) - 1
        self._reset_display()
        self.document_replaced.emit()
        self.layers_changed.emit()
        self.active_layer_changed.emit(self.active_index)

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean() or self._modified_without_undo

    def mark_saved(self, path: Path | None = None) -> None:
        if path is not None:
            self.path = path
        self._modified_without_undo = False
        self.undo_stack.setClean()

    @property
    def active_layer(self) -> Layer | None:
        if 0 <= self.active_index < len(self.document.layers):
            return self.document.layers[self.active_index]
        return None

    def set_active(self, index: int) -> None:
        index = max(0, min(index, len(self.document.layers) - 1))
        if index != self.active_index:
            self.active_index = index
            self.active_layer_changed.emit(index)

    def document_image(self) -> np.ndarray:
        """The flattened picture (visible layers) as straight RGBA uint8, H x W x 4."""
        return self.document.composite()

    def selection_image(self) -> np.ndarray:
        """The flattened picture inside the selected rectangle (all of it when nothing is selected):
        what "project my drawing" should see."""
        return self.document.composite(self.selection)

    def selection_mask(self) -> np.ndarray | None:
        """The selection as a canvas-sized bool H x W mask, or None when nothing is selected."""
        if self.selection is None:
            return None
        mask = np.zeros((self.document.height, self.document.width), bool)
        mask[self.selection.slices] = True
        return mask

    def active_layer_image(self) -> np.ndarray | None:
        """A copy of the active layer's pixels (straight RGBA uint8, H x W x 4), or None without layers."""
        layer = self.active_layer
        return None if layer is None else layer.pixels.copy()

    def replace_active_layer(self, array: np.ndarray, action_name: str) -> None:
        """Replace the active layer's pixels with the canvas-sized ``array`` (RGB keeps the layer's
        alpha) as one undoable step named ``action_name``; only changed tiles are kept for undo."""
        layer = self.active_layer
        if layer is None:
            raise ArtdeskError("There is no active layer to change.")
        array = np.asarray(array)
        if array.dtype != np.uint8 or array.ndim != 3 or array.shape[:2] != layer.pixels.shape[:2] \
                or array.shape[2] not in (3, 4):
            raise ArtdeskError(f"The new pixels ({array.shape}) do not match the layer "
                               f"({layer.pixels.shape[1]} × {layer.pixels.shape[0]}).")
        self.cancel_stroke()
        recorder = TileRecorder(layer.pixels)
        recorder.touch(self.document.bounds)
        layer.pixels[..., : array.shape[2]] = array
        patches = recorder.finish()
        if patches:
            self.refresh_patches(patches)
            self._push_pixels(PatchCommand(self, layer, patches, action_name))

    def set_selection(self, rect: Rect | None) -> None:
        """Select a rectangle of the canvas (clipped to it); None, or an empty rect, selects nothing."""
        if rect is not None:
            rect = rect.clip(self.document.width, self.document.height)
            if rect.w < 1 or rect.h < 1:
                rect = None
        if rect != self.selection:
            self.selection = rect
            self.selection_changed.emit(rect)

    # ----- display -----------------------------------------------------------------------------
    def _reset_display(self) -> None:
        width, height = self.document.size
        self.checker = checkerboard(width, height)
        self.display = np.empty((height, width, 4), np.uint8)  # RGBX: the picture over the checkerboard
        self.document.flatten_into(self.display, self.checker)

    def refresh(self, rect: Rect | None = None) -> None:
        """Recompose the display in ``rect`` (None: everywhere) and tell the views."""
        if rect is not None:
            rect = rect.clip(self.document.width, self.document.height)
            if rect.empty:
                return
        self.document.flatten_into(self.display, self.checker, rect)
        self.image_changed.emit(rect)

    def refresh_patches(self, patches: list[Patch]) -> None:
        """Recompose only the tiles in ``patches`` (a long diagonal stroke touches few of its bounding box)."""
        for patch in patches:
            self.document.flatten_into(self.display, self.checker, patch.rect)
        changed = patches_rect(patches)
        if changed is not None:
            self.image_changed.emit(changed)

    def layers_edited(self, active: int | None = None, pixels: bool = True) -> None:
        """Called by layer commands after they changed the stack."""
        if active is not None:
            self.active_index = max(0, min(active, len(self.document.layers) - 1))
        if pixels:
            self.refresh()
        self.layers_changed.emit()
        self.active_layer_changed.emit(self.active_index)

    # ----- painting ----------------------------------------------------------------------------
    def set_brush(self, **changes: Any) -> None:
        self.brush = BrushSettings(**{**self.brush.__dict__, **changes})

    def _paintable_layer(self) -> Layer | None:
        layer = self.active_layer
        if layer is None:
            self.message.emit(self.tr("There is no layer to paint on: add one."))
            return None
        if not layer.visible:
            self.message.emit(self.tr("The layer “%s” is hidden: show it to paint on it.") % layer.name)
            return None
        return layer

    @property
    def stroking(self) -> bool:
        return self._stroke is not None

    def begin_stroke(self, x: float, y: float, pressure: float = 1.0, eraser: bool | None = None) -> bool:
        """Start a brush (or eraser) stroke at canvas point (x, y); False if there is no layer to paint on."""
        self.cancel_stroke()
        layer = self._paintable_layer()
        if layer is None:
            return False
        settings = self.brush if eraser is None else BrushSettings(**{**self.brush.__dict__, "eraser": eraser})
        self._stroke = Stroke(layer, settings, self.selection)
        self.refresh(self._stroke.add_point(x, y, pressure))
        return True

    def continue_stroke(self, x: float, y: float, pressure: float = 1.0) -> None:
        if self._stroke is not None:
            self.refresh(self._stroke.add_point(x, y, pressure))

    def last_stroke_point(self) -> tuple[float, float] | None:
        """The latest point of the stroke in progress, if any."""
        if self._stroke is None or self._stroke.last is None:
            return None
        return self._stroke.last[0], self._stroke.last[1]

    def end_stroke(self) -> None:
        """Finish the stroke and push it on the undo stack (as the tiles it changed)."""
        stroke, self._stroke = self._stroke, None
        if stroke is None:
            return
        patches = stroke.finish()
        if patches:
            text = self.tr("Erase") if stroke.settings.eraser else self.tr("Brush stroke")
            self._push_pixels(PatchCommand(self, stroke.layer, patches, text))

    def _push_pixels(self, command: PatchCommand) -> None:
        """Push a pixel step; if the undo history's raw tiles exceed the budget, compress the oldest."""
        self.undo_stack.push(command)
        commands = [self.undo_stack.command(i) for i in range(self.undo_stack.count())]
        pixel_steps = [c for c in commands if isinstance(c, PatchCommand)]
        excess = sum(c.nbytes for c in pixel_steps) - self.undo_budget
        for old in pixel_steps[:-1]:
            if excess <= 0:
                break
            excess -= old.compress()

    def undo_bytes(self) -> int:
        """Memory held by the pixel steps of the undo history."""
        commands = (self.undo_stack.command(i) for i in range(self.undo_stack.count()))
        return sum(c.nbytes for c in commands if isinstance(c, PatchCommand))

    def cancel_stroke(self) -> None:
        """Abandon a stroke in progress, restoring the pixels it changed."""
        stroke, self._stroke = self._stroke, None
        if stroke is not None:
            patches = stroke.finish()
            apply_patches(stroke.layer.pixels, patches, "before")
            self.refresh_patches(patches)

    def fill_at(self, x: float, y: float) -> bool:
        """Bucket-fill the similar-coloured area around (x, y) on the active layer with the brush colour."""
        ix, iy = int(x), int(y)
        if not (0 <= ix < self.document.width and 0 <= iy < self.document.height):
            return False
        if self.selection is not None and not self.selection.intersect(Rect(ix, iy, 1, 1)).w:
            return False  # outside the selection nothing is painted
        layer = self._paintable_layer()
        if layer is None:
            return False
        sample = self.document.composite() if self.fill_all_layers else layer.pixels
        mask = flood_mask(sample, ix, iy, self.fill_tolerance)
        if self.selection is not None:
            inside = np.zeros_like(mask)
            inside[self.selection.slices] = True
            mask &= inside
        patches = fill_layer(layer, mask, self.brush.colour, self.brush.opacity)
        if not patches:
            return False
        self.refresh_patches(patches)
        self._push_pixels(PatchCommand(self, layer, patches, self.tr("Fill")))
        return True

    def clear_selection(self) -> bool:
        """Erase the selected rectangle of the active layer to transparency (one undoable step)."""
        if self.selection is None:
            self.message.emit(self.tr("Select an area first: Delete clears the selection on the active layer."))
            return False
        layer = self._paintable_layer()
        if layer is None:
            return False
        recorder = TileRecorder(layer.pixels)
        recorder.touch(self.selection)
        layer.pixels[self.selection.slices] = 0
        patches = recorder.finish()
        if patches:
            self.refresh_patches(patches)
            self._push_pixels(PatchCommand(self, layer, patches, self.tr("Clear selection")))
        return bool(patches)

    def pick_colour(self, x: float, y: float) -> tuple[int, int, int] | None:
        """Take the colour of the flattened picture at (x, y) as the brush colour."""
        ix, iy = int(x), int(y)
        if not (0 <= ix < self.document.width and 0 <= iy < self.document.height):
            return None
        pixel = self.document.composite(Rect(ix, iy, 1, 1))[0, 0]
        if pixel[3] == 0:
            self.message.emit(self.tr("Nothing is painted there."))
            return None
        colour = (int(pixel[0]), int(pixel[1]), int(pixel[2]))
        self.set_brush(colour=colour)
        self.colour_picked.emit(colour)
        return colour

    # ----- layers ------------------------------------------------------------------------------
    def insert_layer(self, layer: Layer, index: int | None = None, text: str | None = None) -> Layer:
        """Insert ``layer`` (above the active one by default) as an undoable step, and make it active."""
        index = self.active_index + 1 if index is None else index
        self.document.insert_layer(index, layer)
        self.undo_stack.push(InsertLayerCommand(self, layer, text or self.tr("Add layer %s") % layer.name))
        self.layers_edited(active=self.document.index_of(layer), pixels=bool(layer.pixels[..., 3].any()))
        return layer

    def new_layer(self, name: str | None = None) -> Layer:
        name = self.document.unique_name(name or self.tr("Layer"))
        return self.insert_layer(Layer.blank(name, self.document.width, self.document.height))

    def add_layer_from_array(self, array: np.ndarray, name: str, provenance: dict | None = None) -> Layer:
        """Add ``array`` (uint8 H x W x 3 or 4) as a new undoable layer above the active one.

        A canvas-sized picture is placed as it is. Otherwise, with a selection, the picture is scaled
        to fit the selection and centred on it (so a projected drawing comes back where it was drawn);
        without one, a picture larger than the canvas is scaled down to fit, a smaller one is placed
        at its own size in the middle. What was done is recorded in the layer's provenance ("placed"); the new
        layer is returned."""
        pixels = to_rgba(array)
        provenance = dict(provenance or {})
        height, width = pixels.shape[:2]
        doc_w, doc_h = self.document.size
        area = self.document.bounds if (width, height) == (doc_w, doc_h) else (self.selection or self.document.bounds)
        if (width, height) != (area.w, area.h) and (self.selection is not None or width > doc_w or height > doc_h):
            scale = min(area.w / width, area.h / height)
            new_size = (max(1, round(width * scale)), max(1, round(height * scale)))
            smooth = Image.Resampling.NEAREST if scale == int(scale) else Image.Resampling.LANCZOS
            pixels = np.asarray(Image.fromarray(pixels).resize(new_size, smooth))
            provenance["placed"] = {"scaled_from": [width, height], "scaled_to": list(new_size),
                                    "method": "nearest" if smooth == Image.Resampling.NEAREST else "lanczos"}
            width, height = new_size
        x, y = area.x + (area.w - width) // 2, area.y + (area.h - height) // 2
        layer = Layer.blank(self.document.unique_name(name or self.tr("Picture")), doc_w, doc_h)
        layer.pixels[y:y + height, x:x + width] = pixels
        layer.provenance = provenance
        self.insert_layer(layer)
        return layer

    def delete_layer(self, index: int | None = None) -> None:
        index = self.active_index if index is None else index
        if not (0 <= index < len(self.document.layers)):
            return
        if len(self.document.layers) == 1:
            self.message.emit(self.tr("A canvas keeps at least one layer."))
            return
        layer = self.document.remove_layer(index)
        self.undo_stack.push(RemoveLayerCommand(self, layer, index, self.tr("Delete layer %s") % layer.name))
        self.layers_edited(active=index - 1 if index > 0 else 0)

    def duplicate_layer(self, index: int | None = None) -> Layer | None:
        layer = self.document.layers[self.active_index if index is None else index]
        copy = layer.copy(self.document.unique_name(self.tr("%s copy") % layer.name))
        return self.insert_layer(copy, self.document.index_of(layer) + 1, self.tr("Duplicate layer %s") % layer.name)

    def move_layer(self, index: int, delta: int) -> None:
        target = index + delta
        if not (0 <= index < len(self.document.layers)) or not (0 <= target < len(self.document.layers)) or delta == 0:
            return
        self.document.move_layer(index, target)
        self.undo_stack.push(MoveLayerCommand(self, index, target, self.tr("Move layer")))
        self.layers_edited(active=target)

    def set_layer_property(self, index: int, name: str, value: Any) -> None:
        """Set a layer's ``name``, ``opacity`` or ``visible`` as an undoable step."""
        layer = self.document.layers[index]
        old = getattr(layer, name)
        if name == "opacity":
            value = min(1.0, max(0.0, float(value)))
        if name == "name":
            value = str(value).strip() or old
        if value == old:
            return
        setattr(layer, name, value)
        labels = {"name": self.tr("Rename layer"), "opacity": self.tr("Layer opacity"), "visible": self.tr("Show/hide layer")}
        self.undo_stack.push(LayerPropertyCommand(self, layer, name, old, value, labels[name]))
        self.layers_edited(pixels=name != "name")

    def merge_down(self, index: int | None = None) -> None:
        """Merge a layer into the one below it, as one undoable step."""
        index = self.active_index if index is None else index
        if index <= 0 or index >= len(self.document.layers):
            self.message.emit(self.tr("There is no layer below to merge into."))
            return
        upper, lower = self.document.layers[index], self.document.layers[index - 1]
        pair = Document(self.document.width, self.document.height,
                        [Layer("lower", lower.pixels, lower.opacity, True), Layer("upper", upper.pixels, upper.opacity, upper.visible)])
        merged = Layer(lower.name, pair.composite(), 1.0, lower.visible, {**lower.provenance, **upper.provenance})
        self.undo_stack.beginMacro(self.tr("Merge down"))
        try:
            self.insert_layer(merged, index + 1)
            self.delete_layer(index)
            self.delete_layer(index - 1)
        finally:
            self.undo_stack.endMacro()
