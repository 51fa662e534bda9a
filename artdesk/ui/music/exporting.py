"""The piano roll's melody out to files: MIDI (with its record) at once, WAV rendered on the worker and signed."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody
from artdesk.core.midi_io import write_midi
from artdesk.core.music_files import WavRequest
from artdesk.core.synth import wav_provenance
from artdesk.ui.context import AppContext
from artdesk.ui.credentials import QtCredentials
from artdesk.ui.job_wiring import wire
from artdesk.ui.jobs import JobHandle

log = logging.getLogger("artdesk.music")


class QtMelodyExport(QObject):
    """Asks where, writes, and says what happened in the panel's message line (never raises)."""

    def __init__(self, context: AppContext, show_message: Callable[..., None], track: Callable[[JobHandle], None],
                 parent: QWidget) -> None:
        super().__init__(parent)  # the panel: the file dialogs' parent
        self.context = context
        self.show_message = show_message
        self._track = track  # the panel's job_finished bookkeeping
        self.credentials = QtCredentials(context, show_message, self)

    def ask_midi_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.parent(), self.tr("Export MIDI"), "melody.mid", self.tr("MIDI files (*.mid)"))
        if not path:
            return None
        return Path(path) if path.lower().endswith((".mid", ".midi")) else Path(path + ".mid")

    def ask_wav_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self.parent(), self.tr("Export WAV"), "melody.wav", self.tr("WAV audio (*.wav)"))
        if not path:
            return None
        return Path(path) if path.lower().endswith(".wav") else Path(path + ".wav")

    def export_midi(self, melody: Melody, path: Path) -> bool:
        """Save ``melody`` as a .mid file (with its provenance); False with a message on failure."""
        if not melody.notes:
            self.show_message(self.tr("There are no notes to export."), error=True)
            return False
        try:
            write_midi(melody, Path(path))
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return False
        self.show_message(self.tr("Saved {0}.").format(path))
        return True

    def export_wav(self, melody: Melody, path: Path, instrument) -> JobHandle | None:
        """Render ``melody`` with ``instrument`` on the worker and save it as a WAV file, signed if the artist signs."""
        if not melody.notes:
            self.show_message(self.tr("There are no notes to export."), error=True)
            return None
        request = WavRequest(melody, Path(path), instrument)
        handle = self.context.runner.submit(request.job, request, self.tr("Export WAV"))
        record = wav_provenance(melody, request.instrument)  # what export_wav writes into the file
        wire(handle, returned=self._on_wav_returned, errored=self._on_wav_errored)
        handle.returned.connect(lambda saved, record=record: self.credentials.sign(saved, record))
        self._track(handle)
        self.show_message(self.tr("Rendering {0}…").format(Path(path).name))
        handle.start()
        return handle

    def _on_wav_returned(self, saved: Path) -> None:
        self.show_message(self.tr("Saved {0}.").format(saved))

    def _on_wav_errored(self, message: str, details: str) -> None:
        log.info("music file job failed: %s", details)
        self.show_message(message + " " + self.tr("Your melody is unchanged."), error=True)
