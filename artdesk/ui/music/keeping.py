"""Melodies into the Gallery: every result (queued, one per event-loop turn), and the Keep button's melody."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody
from artdesk.core.midi_io import melody_to_bytes
from artdesk.ui.context import AppContext
from artdesk.ui.keep_queue import QtKeepQueue
from artdesk.ui.music.names import melody_title
from artdesk.ui.music.thumbnail import melody_thumbnail_png


class QtMelodyKeeper(QObject):
    """Writes melodies into the gallery as MIDI with their records and a thumbnail; says what went wrong."""

    kept = Signal(int, int)  # (kept, offered): a job's results went to the gallery; kept < offered: it stopped

    def __init__(self, context: AppContext, show_message: Callable[..., None], parent: QObject) -> None:
        super().__init__(parent)
        self.context = context
        self.show_message = show_message
        self._queue = QtKeepQueue(lambda melody: self.keep_melody(melody, dict(melody.metadata.get("provenance", {}))), self)
        self._queue.done.connect(self._on_queue_done)

    def add(self, melodies: list[Melody]) -> None:
        """Queue a job's results; ``kept`` says how many went in. A full budget or disk stops keeping (the
        context says why in the status bar); nothing kept is lost. A silent result has nothing to keep."""
        self._queue.add([melody for melody in melodies if melody.notes])

    def flush(self) -> None:
        """Keep every queued result now (the window is closing)."""
        self._queue.flush()

    def keep_melody(self, melody: Melody, record: dict):
        """The gallery item, or None (a full budget or disk, said in the status bar; or unwritable, said here)."""
        try:
            data = melody_to_bytes(melody)
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return None
        return self.context.keep_output("music", data, "mid", record, title=melody_title(melody.metadata),
                                        thumbnail_png=melody_thumbnail_png(melody))

    def keep(self, melody: Melody) -> bool:
        """Keep a drawn, imported or edited melody now; True when it was kept. An unedited result is already
        in the gallery (every result is kept), so it is not kept twice."""
        if not melody.notes:
            self.show_message(self.tr("There are no notes to keep."), error=True)
            return False
        provenance = dict(melody.metadata.get("provenance", {})) or {"app": "artdesk", "made": "drawn or imported"}
        title = melody_title(melody.metadata)
        if provenance.get("job") and not provenance.get("edited"):
            self.show_message(self.tr("{0} is already in the Gallery: every result is kept.").format(title))
            return False
        item = self.keep_melody(melody, provenance)
        if item is not None:
            self.show_message(self.tr("Kept {0} in the Gallery.").format(title))
        return item is not None

    def _on_queue_done(self, kept: int, offered: int) -> None:
        if kept < offered:
            self.show_message(self.tr("{0} of {1} results were kept in the Gallery; the rest were not.").format(
                kept, offered), error=True)
        self.kept.emit(kept, offered)
