"""The melody being edited, with undo: every change is one QUndoCommand on ``undo_stack``."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from artdesk.core.melody import Melody, Note

TEMPO_MERGE_ID = 1  # consecutive tempo changes are one undo step


class _ReplaceMelody(QUndoCommand):
    """Swap the whole melody (notes, tempo, metre, metadata) and the selection; cheap for melodies."""

    def __init__(self, document: "QtMelodyDocument", before: tuple, after: tuple, text: str, merge_id: int = -1) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._merge_id = merge_id

    def id(self) -> int:  # noqa: A003 (Qt naming): commands with the same id >= 0 merge (tempo spin steps)
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt naming)
        if not isinstance(other, _ReplaceMelody) or other.id() != self._merge_id:
            return False
        self._after = other._after
        self.setText(other.text())
        return True

    def redo(self) -> None:
        self._document._restore(self._after)

    def undo(self) -> None:
        self._document._restore(self._before)


class QtMelodyDocument(QObject):
    """Holds the current Melody and selection; views listen to ``changed``/``selection_changed``."""

    changed = Signal()  # the melody (notes, tempo or metre) changed, by an edit, undo or redo
    selection_changed = Signal()  # the set of selected notes changed

    def __init__(self, melody: Melody | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._melody = melody or Melody()
        self._selection: frozenset[Note] = frozenset()
        self.undo_stack = QUndoStack(self)

    @property
    def melody(self) -> Melody:
        return self._melody

    @property
    def notes(self) -> tuple[Note, ...]:
        return self._melody.notes

    @property
    def selection(self) -> frozenset[Note]:
        return self._selection

    def set_selection(self, notes) -> None:
        selection = frozenset(n for n in notes if n in set(self._melody.notes))
        if selection != self._selection:
            self._selection = selection
            self.selection_changed.emit()

    def select_all(self) -> None:
        self.set_selection(self._melody.notes)

    def set_melody(self, melody: Melody, text: str = "Replace melody") -> None:
        """Replace the whole melody (generation, import); undoable."""
        self._push(melody, frozenset(), text)

    def set_notes(self, notes: tuple[Note, ...], text: str, selection=()) -> None:
        """Replace the notes (an edit in the piano roll); undoable; marks the provenance as edited."""
        if tuple(notes) == self._melody.notes:
            self.set_selection(selection)
            return
        metadata = dict(self._melody.metadata)
        if "provenance" in metadata:
            metadata["provenance"] = {**metadata["provenance"], "edited": True}
        self._push(replace(self._melody, notes=tuple(notes), metadata=metadata), frozenset(selection), text)

    def set_tempo(self, tempo_bpm: float) -> None:
        if float(tempo_bpm) != self._melody.tempo_bpm:
            self._push(replace(self._melody, tempo_bpm=float(tempo_bpm), metadata=dict(self._melody.metadata)),
                       self._selection, f"Tempo {tempo_bpm:g}", merge_id=TEMPO_MERGE_ID)

    def set_time_signature(self, time_signature: tuple[int, int]) -> None:
        if tuple(time_signature) != self._melody.time_signature:
            self._push(replace(self._melody, time_signature=tuple(time_signature), metadata=dict(self._melody.metadata)),
                       self._selection, f"Metre {time_signature[0]}/{time_signature[1]}")

    def _push(self, melody: Melody, selection: frozenset, text: str, merge_id: int = -1) -> None:
        before = (self._melody, self._selection)
        self.undo_stack.push(_ReplaceMelody(self, before, (melody, selection), text, merge_id))

    def _restore(self, state: tuple) -> None:
        melody, selection = state
        self._melody = melody
        self._selection = frozenset(n for n in selection if n in set(melody.notes))
        self.changed.emit()
        self.selection_changed.emit()
