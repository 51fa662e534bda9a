"""Undoable canvas edits for the QUndoStack: pixel patches and layer operations.

Pixel edits store only the tiles they changed (``artdesk.core.patches``); layer operations store
the layer object. Every command is pushed after its change was made, so its first ``redo`` does nothing.
"""
from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from artdesk.core.document import Document, Layer
from artdesk.core.patches import Patch, apply_patches


class Editor(Protocol):
    """What the commands need of the canvas editor (``QtCanvasEditor``), which imports them."""

    document: Document

    def refresh_patches(self, patches: list[Patch]) -> None: ...

    def layers_edited(self, active: int | None = None, pixels: bool = True) -> None: ...


PROPERTY_MERGE_ID = 1001


class _Done(QUndoCommand):
    """A command whose change is already made when it is pushed."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.apply()

    def apply(self) -> None:
        raise NotImplementedError


class PatchCommand(_Done):
    """A stroke or fill on one layer, as before/after tiles."""

    def __init__(self, editor: Editor, layer: Layer, patches: list[Patch], text: str) -> None:
        super().__init__(text)
        self.editor, self.layer, self.patches = editor, layer, patches

    @property
    def nbytes(self) -> int:
        return sum(patch.nbytes for patch in self.patches)

    def compress(self) -> int:
        """Keep this step's tiles zlib-compressed; returns the bytes saved."""
        before = self.nbytes
        self.patches = [patch.compressed() for patch in self.patches]
        return before - self.nbytes

    def apply(self) -> None:
        apply_patches(self.layer.pixels, self.patches, "after")
        self.editor.refresh_patches(self.patches)

    def undo(self) -> None:
        apply_patches(self.layer.pixels, self.patches, "before")
        self.editor.refresh_patches(self.patches)


class InsertLayerCommand(_Done):
    def __init__(self, editor: Editor, layer: Layer, text: str) -> None:
        super().__init__(text)
        self.editor, self.layer = editor, layer
        self.index = editor.document.index_of(layer)

    def apply(self) -> None:
        self.editor.document.insert_layer(self.index, self.layer)
        self.editor.layers_edited(active=self.index, pixels=True)

    def undo(self) -> None:
        self.editor.document.remove_layer(self.editor.document.index_of(self.layer))
        self.editor.layers_edited(active=self.index - 1, pixels=True)


class RemoveLayerCommand(_Done):
    def __init__(self, editor: Editor, layer: Layer, index: int, text: str) -> None:
        super().__init__(text)
        self.editor, self.layer, self.index = editor, layer, index

    def apply(self) -> None:
        self.editor.document.remove_layer(self.editor.document.index_of(self.layer))
        self.editor.layers_edited(active=self.index - 1, pixels=True)

    def undo(self) -> None:
        self.editor.document.insert_layer(self.index, self.layer)
        self.editor.layers_edited(active=self.index, pixels=True)


class MoveLayerCommand(_Done):
    def __init__(self, editor: Editor, start: int, end: int, text: str) -> None:
        super().__init__(text)
        self.editor, self.start, self.end = editor, start, end

    def apply(self) -> None:
        self.editor.document.move_layer(self.start, self.end)
        self.editor.layers_edited(active=self.end, pixels=True)

    def undo(self) -> None:
        self.editor.document.move_layer(self.end, self.start)
        self.editor.layers_edited(active=self.start, pixels=True)


class LayerPropertyCommand(_Done):
    """A change of a layer's name, opacity or visibility; slider drags on one layer merge into one step."""

    def __init__(self, editor: Editor, layer: Layer, name: str, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self.editor, self.layer, self.name, self.old, self.new = editor, layer, name, old, new

    def id(self) -> int:  # noqa: A003 (Qt naming)
        return PROPERTY_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt naming)
        if not isinstance(other, LayerPropertyCommand) or other.layer is not self.layer or other.name != self.name \
                or self.name == "visible":
            return False
        self.new = other.new
        return True

    def _set(self, value: Any) -> None:
        setattr(self.layer, self.name, value)
        self.editor.layers_edited(pixels=self.name != "name")

    def apply(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old)
