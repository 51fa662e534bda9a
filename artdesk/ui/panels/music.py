"""The Music panel: generate, continue, interpolate and vary melodies; edit them in a piano roll;
hear them with the built-in synthesizer or a MIDI port; import and export MIDI and WAV; fine-tune.

A view over ``ml.music.session.MusicSession`` (settings, models, requests, replay); ``ui.music.sound.QtSound``
plays the melody. Every model call and every file job runs through ``context.runner``; starting a new generation
cancels the one still running. Results of a stale job are ignored. Errors are shown in the
message line and the user's melody is kept. Every result is kept in the gallery (one per event-loop
turn) with a record of its job, settings, seed and input melodies; opening a kept file restores the
settings and arms "Generate again", which makes the same notes.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from artdesk.core.jobs import Progress
from artdesk.core.melody import Melody
from artdesk.core.melody_edits import concatenate
from artdesk.core.music_files import ImportRequest, ImportResult
from artdesk.ml.music.session import NO_A, NO_B, NO_LSTM, NO_MELODY, NO_PRIMER, NO_VAE, MusicSession, SessionProblem
from artdesk.ui.context import AppContext
from artdesk.ui.discard import may_discard
from artdesk.ui.job_titles import progress_text
from artdesk.ui.job_wiring import wire
from artdesk.ui.jobs import JobHandle
from artdesk.ui.music.controls import QtMusicControls
from artdesk.ui.music.document import QtMelodyDocument
from artdesk.ui.music.drag import QtMelodyList
from artdesk.ui.music.exporting import QtMelodyExport
from artdesk.ui.music.file_bar import QtMusicFileBar, tool_button
from artdesk.ui.music.finetune import QtFinetuneRunner
from artdesk.ui.music.keeping import QtMelodyKeeper
from artdesk.ui.music.piano_roll import QtPianoRoll
from artdesk.ui.music.playback import QtPlayback
from artdesk.ui.music.sound import QtSound
from artdesk.ui.music.tracks import QtTrackRow
from artdesk.ui.music.transport import QtTransport

log = logging.getLogger("artdesk.music")


class MusicPanel(QWidget):
    job_finished = Signal(str, str)  # (job title, "returned" | "errored" | "aborted"), after the panel has shown it
    kept = Signal(int, int)  # (kept, offered): a job's results went to the gallery; kept < offered: it stopped
    regenerated = Signal(object)  # the Melody "Generate again" made from an opened file's record (not kept twice)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.document = QtMelodyDocument(parent=self)
        self._safe_melody = self.document.melody  # generated (kept), imported, exported or kept: nothing to lose
        self.session = MusicSession()
        self.job: JobHandle | None = None  # the current generation-family job (one at a time)
        self.import_job: JobHandle | None = None  # the latest MIDI import; an older one's result is ignored
        self._replays: dict[JobHandle, int | None] = {}  # the result "Generate again" shows, or None: keep them all
        self.keeper = QtMelodyKeeper(context, self.show_message, self)  # results on their way to the gallery
        self.keeper.kept.connect(self.kept)

        self.controls = QtMusicControls(self.session)
        self.finetune = QtFinetuneRunner(context, self.controls, self._track, parent=self)
        self.exports = QtMelodyExport(context, self.show_message, self._track, self)
        side = QScrollArea()
        side.setWidget(self.controls)
        side.setWidgetResizable(True)
        side.setMinimumWidth(300)
        self.roll = QtPianoRoll(self.document)
        self.transport = QtTransport()
        self.playback = QtPlayback(parent=self)
        self.sound = QtSound(context, self.document, self.roll, self.transport, self.playback, self.show_message,
                             self._track, self)
        self.results = QtMelodyList(self._drag_folder)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Music messages")
        self.track_row = QtTrackRow()
        self._import_as_b = False

        self.file_bar = QtMusicFileBar(self.document, self._drag_folder, self)
        f = self.file_bar
        for button, slot in ((f.import_button, self._on_import_button_clicked), (f.keep_button, self.keep),
                             (f.export_midi_button, self._on_export_midi_button_clicked),
                             (f.export_wav_button, self._on_export_wav_button_clicked), (f.again_button, self.generate_again),
                             (f.zoom_out_button, self.roll.zoom_out), (f.zoom_in_button, self.roll.zoom_in),
                             (f.fit_button, self._on_fit_button_clicked)):
            button.clicked.connect(lambda _checked=False, s=slot: s())

        results_bar = QHBoxLayout()
        results_bar.addWidget(QLabel(self.tr("Results:")))
        results_bar.addWidget(self.results, 1)
        self.join_button = tool_button(self.tr("Join all"), results_bar)
        self.join_button.clicked.connect(self._on_join_button_clicked)
        self.join_button.setToolTip(self.tr("Put all results one after another into the piano roll."))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.file_bar, self.transport, self.track_row, self.message):
            right_layout.addWidget(widget)
        right_layout.addWidget(self.roll, 1)
        right_layout.addLayout(results_bar)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        space.activated.connect(self.sound.toggle)
        self._connect()
        self.refresh_models()

    def _connect(self) -> None:
        c = self.controls
        for button, slot in ((c.generate_button, self.generate), (c.continue_button, self.continue_melody),
                             (c.vary_button, self.vary), (c.interpolate_button, self.interpolate)):
            button.clicked.connect(lambda _checked=False, s=slot: s())
        c.b_from_roll_button.clicked.connect(self._on_b_from_roll_button_clicked)
        c.b_import_button.clicked.connect(self._on_b_import_button_clicked)
        c.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        c.finetune_button.clicked.connect(self._on_finetune_button_clicked)
        self.finetune.busy_changed.connect(self._update_actions)
        c.lstm_combo.currentIndexChanged.connect(self._update_actions)
        c.vae_combo.currentIndexChanged.connect(self._update_actions)
        self.results.itemActivated.connect(self._on_results_item_clicked)
        self.results.itemClicked.connect(self._on_results_item_clicked)
        self.results.use_as_b_requested.connect(self._on_results_use_as_b_requested)
        self.track_row.track_chosen.connect(self.import_midi)
        self.context.models_changed.connect(self.refresh_models)

    # messages and state ------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: palette(bright-text);" if error else "")
        self.message.setText(text)
        if text:
            self.context.status_message.emit(text.splitlines()[0][:120])

    def refresh_models(self) -> None:
        discovery = self.context.discover("music")
        self.session.set_cards(discovery.cards)
        self.controls.show_models()
        for problem in discovery.problems:
            log.warning("music model skipped: %s", problem)
        self._update_actions()

    def _update_actions(self, *_args) -> None:
        self.controls.update_enabled(self.finetune.busy)

    def _drag_folder(self) -> Path:
        return self.context.paths.cache / "music-drag"

    # generation --------------------------------------------------------------------------------
    def _request(self, build: Callable[[], Any]) -> Any:
        """The session's request, or None after saying in words why it cannot start."""
        try:
            return build()
        except SessionProblem as problem:
            words = {NO_LSTM: self.controls.model_note.text(), NO_VAE: self.controls.model_note.text(),
                     NO_PRIMER: self.tr("Continue needs a primer: import a MIDI file or draw a few notes in the piano roll."),
                     NO_A: self.tr("Morph to B goes from the piano roll's melody (A) to melody B: A has no notes."),
                     NO_B: self.tr("Choose melody B first: 'B = piano roll' keeps the current melody as B, or import B."),
                     NO_MELODY: self.tr("Variations need a melody in the piano roll.")}
            self.show_message(words[problem.code], error=True)
            return None

    def start_job(self, request: Any, title: str, replay: int | None = None) -> JobHandle:
        """Run a generation-family request's job; a job still running is cancelled (its results will be ignored).

        Its results are kept in the gallery, unless ``replay`` names the one result "Generate again" shows.
        """
        if self.job is not None and not self.job.is_finished:
            self.job.cancel()
        handle = self.context.runner.submit(request.job, request, title)
        self.job = handle
        self._replays[handle] = replay
        # bound slots of this (UI-thread) object: the worker's signals arrive queued on the UI thread
        wire(handle, progress=self._on_job_progress, returned=self._on_job_returned, errored=self._on_job_errored,
             aborted=self._on_job_aborted, finished=self._on_job_finished)
        self._track(handle)
        self.controls.set_busy(True, title + "…")
        handle.start()
        return handle

    def _track(self, handle: JobHandle) -> None:
        """Emit ``job_finished`` for ``handle`` once its own slots (connected before this) have run."""
        handle.finished.connect(lambda h=handle: self.job_finished.emit(h.title, h.outcome))

    def _start_from_roll(self, build, title: str) -> JobHandle | None:
        """Build a request from the piano roll's melody (``build``: a session method) and start it, if it builds."""
        request = self._request(lambda: build(self.document.melody))
        return self.start_job(request, title) if request else None

    def generate(self) -> JobHandle | None:
        return self._start_from_roll(self.session.generate_request, self.tr("Generate melodies"))

    def continue_melody(self) -> JobHandle | None:
        return self._start_from_roll(self.session.continue_request, self.tr("Continue the melody"))

    def interpolate(self) -> JobHandle | None:
        return self._start_from_roll(self.session.interpolate_request, self.tr("Morph melodies"))

    def vary(self) -> JobHandle | None:
        return self._start_from_roll(self.session.vary_request, self.tr("Vary the melody"))

    def _on_cancel_button_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.controls.job_label.setText(self.tr("Cancelling…"))

    def _on_job_progress(self, progress: Progress) -> None:
        if self.sender() is self.job:
            self.controls.show_progress(progress.fraction, progress_text(progress.message))

    def _on_job_returned(self, melodies: list[Melody]) -> None:
        handle = self.sender()
        if handle is not self.job:  # a stale job that finished before it saw its cancel: ignored
            return
        replay = self._replays.get(handle)
        if replay is None:
            self.session.record = None  # "Generate again" belongs to the opened melody, which these replace
            self.file_bar.again_button.setEnabled(False)
            self.set_results(melodies, handle.title)
            self.keeper.add(melodies)
        elif 0 <= replay < len(melodies):
            self.results.set_melodies(melodies)
            self.results.setCurrentRow(replay)
            self.load_melody(melodies[replay], handle.title)
            self.show_message(self.tr("Made again from its recorded settings."))
            self.regenerated.emit(melodies[replay])
        else:
            self.show_message(self.tr("The recorded result {0} is not among the {1} made again.").format(
                replay + 1, len(melodies)), error=True)

    def _on_job_errored(self, message: str, details: str) -> None:
        log.info("music job failed: %s\n%s", message, details)
        handle = self.sender()
        if handle is self.job:
            self.show_message(message, error=True)

    def _on_job_aborted(self) -> None:
        handle = self.sender()
        if handle is self.job:
            self.show_message(self.tr("{0} was cancelled; your melody is unchanged.").format(handle.title))

    def _on_job_finished(self) -> None:
        self._replays.pop(self.sender(), None)
        if self.sender() is self.job:
            self.controls.set_busy(False, self.controls.job_label.text() if self.job.cancel_requested else "")

    def set_results(self, melodies: list[Melody], what: str) -> None:
        """Show ``melodies`` in the results strip and load the first into the piano roll (undoable)."""
        self.results.set_melodies(melodies)
        if not melodies:
            self.show_message(self.tr("{0} gave no melodies.").format(what), error=True)
            return
        self.results.setCurrentRow(0)
        self.load_melody(melodies[0], what)
        self._safe_melody = self.document.melody
        warnings = [w for m in melodies[:1] for w in m.metadata.get("warnings", [])]
        empty = sum(1 for m in melodies if not m.notes)
        if empty:
            warnings.append(self.tr("{0} of the results are silent; move Surprise towards Wilder.").format(empty))
        self.show_message(" ".join([self.tr("{0}: %n result(s).", "", len(melodies)).format(what), *warnings]))

    def load_melody(self, melody: Melody, what: str) -> None:
        self.document.set_melody(melody, what)
        self.roll.show_notes()
        self.roll.zoom_to_fit()

    def _on_results_item_clicked(self, item) -> None:
        row = self.results.row(item)
        if 0 <= row < len(self.results.melodies) and self.results.melodies[row] is not self.document.melody:
            melody = self.results.melodies[row]
            self.document.set_melody(melody, self.tr("Choose {0}").format(melody.metadata.get("title", "result")))
            self._safe_melody = self.document.melody

    def _on_results_use_as_b_requested(self, row: int) -> None:
        self.set_melody_b(self.results.melodies[row])

    def _on_join_button_clicked(self) -> None:
        if self.results.melodies:
            self.load_melody(concatenate(self.results.melodies), self.tr("Join results"))

    def _on_b_from_roll_button_clicked(self) -> None:
        if not self.document.notes:
            self.show_message(self.tr("The piano roll is empty; generate, import or draw a melody first."), error=True)
            return
        self.set_melody_b(self.document.melody)

    def set_melody_b(self, melody: Melody) -> None:
        self.session.melody_b = melody
        title = melody.metadata.get("title") or Path(str(melody.metadata.get("source_file", "melody"))).name
        self.controls.b_label.setText(self.tr("B: {0} ({1} notes)").format(title, len(melody.notes)))

    # files -------------------------------------------------------------------------------------
    def import_midi(self, path: Path, track: int | None = None, as_b: bool = False) -> JobHandle | None:
        """Read ``path`` on the worker; the result replaces the piano roll's melody (after the discard guard;
        None when the artist keeps the melody) or becomes melody B."""
        if not as_b and not may_discard(self):
            return None
        request = ImportRequest(Path(path), track)
        handle = self.context.runner.submit(request.job, request, self.tr("Import MIDI"))
        self.import_job = handle
        self._import_as_b = as_b
        wire(handle, returned=self._on_import_returned, errored=self._on_file_job_errored)
        self._track(handle)
        self.show_message(self.tr("Reading {0}…").format(Path(path).name))
        handle.start()
        return handle

    def _on_import_returned(self, result: ImportResult) -> None:
        if self.sender() is self.import_job:
            self._show_import(result, self._import_as_b)

    def _show_import(self, result: ImportResult, as_b: bool) -> None:
        melody = result.melody
        name = Path(str(melody.metadata.get("source_file", "file"))).name
        warnings = list(melody.metadata.get("import_warnings", []))
        if as_b:
            self.set_melody_b(melody)
            self.show_message(" ".join([self.tr("Melody B: {0}.").format(name), *warnings]))
            return
        self.track_row.show_tracks(result)
        self.sound.sync_transport()
        self.load_melody(melody, self.tr("Import {0}").format(name))
        self._safe_melody = self.document.melody
        warnings += self.arm_record(melody.metadata.get("provenance"), name)
        self.show_message(" ".join([self.tr("Imported {0}: {1} notes.").format(name, len(melody.notes)), *warnings]))

    def open_file(self, path: Path) -> JobHandle | None:
        """Open a .mid file (from the command line or the Gallery): import it into the piano roll."""
        if Path(path).suffix.lower() not in (".mid", ".midi"):
            self.show_message(self.tr("The Music panel opens .mid files; {0} is not one.").format(Path(path).name), error=True)
            return None
        return self.import_midi(Path(path))

    def unsaved_work(self) -> str:
        """The discard guard's question: "" unless the piano roll holds notes not generated, imported, exported or kept."""
        if not self.document.notes or self.document.melody is self._safe_melody:
            return ""
        return self.tr("The melody in the piano roll has changes that are not saved.")

    def save_work(self) -> bool:
        """The discard guard's Save: export the melody as MIDI to a file the artist chooses."""
        path = self.exports.ask_midi_path()
        return path is not None and self.export_midi(path)

    def arm_record(self, record: Any, name: str) -> list[str]:
        """Restore an opened melody's settings and arm "Generate again"; notes on what is missing or changed."""
        restored = self.session.restore(record, name)
        self.controls.show_models()
        self.file_bar.again_button.setEnabled(restored.again)
        if not restored.again:
            return restored.notes + ([self.tr("The settings that made it were restored.")] if restored.settings_only else [])
        if restored.edited:
            return restored.notes + [self.tr("The settings that made it were restored; it was edited afterwards, so "
                                             "\"Generate again\" makes the melody as it was before the edits.")]
        return restored.notes + [self.tr("The settings that made it were restored: \"Generate again\" makes it again.")]

    def generate_again(self) -> JobHandle | None:
        """Run the opened melody's recorded request; ``regenerated`` gets the result it names (not kept twice)."""
        again = self.session.again_request()
        return None if again is None else self.start_job(again[0], self.tr("Generate again"), replay=again[1])

    def close_panel(self) -> None:
        """Called by the main window on close: results still on their way to the gallery are kept."""
        self.keeper.flush()

    def keep(self) -> bool:
        """Keep the piano roll's melody (drawn, imported or edited) in the Gallery; True when it was kept now."""
        kept = self.keeper.keep(self.document.melody)
        if kept:
            self._safe_melody = self.document.melody
        return kept

    def _on_file_job_errored(self, message: str, details: str) -> None:
        log.info("music file job failed: %s", details)
        self.show_message(message + " " + self.tr("Your melody is unchanged."), error=True)

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a MIDI file"), "", self.tr("MIDI files (*.mid *.midi);;All files (*)"))
        if path:
            self.import_midi(Path(path))

    def _on_b_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import melody B"), "", self.tr("MIDI files (*.mid *.midi);;All files (*)"))
        if path:
            self.import_midi(Path(path), as_b=True)

    def export_midi(self, path: Path) -> bool:
        """Save the piano roll's melody as a .mid file (with its provenance); False with a message on failure."""
        saved = self.exports.export_midi(self.document.melody, path)
        if saved:
            self._safe_melody = self.document.melody
        return saved

    def export_wav(self, path: Path) -> JobHandle | None:
        """Render the melody with the chosen instrument on the worker and save it as a WAV file."""
        return self.exports.export_wav(self.document.melody, path, self.sound.current_instrument())

    def _on_export_midi_button_clicked(self) -> None:
        path = self.exports.ask_midi_path()
        if path is not None:
            self.export_midi(path)

    def _on_export_wav_button_clicked(self) -> None:
        path = self.exports.ask_wav_path()
        if path is not None:
            self.export_wav(path)

    # fine-tune ---------------------------------------------------------------------------------
    def start_finetune(self, request) -> JobHandle:
        """Fine-tune on the training worker (never blocks generation); progress and Stop in the side column."""
        return self.finetune.start(request)

    def _on_finetune_button_clicked(self) -> None:
        from artdesk.ui.music.finetune_dialog import FinetuneDialog

        card = self.session.lstm
        if card is None:
            return
        dialog = FinetuneDialog(card.path, card.path.name, self)
        if dialog.exec():
            self.start_finetune(dialog.request())

    # playback ----------------------------------------------------------------------------------
    def play(self, start_step: float | None = None) -> bool:
        return self.sound.play(start_step)

    def stop(self) -> None:
        self.sound.stop()

    def _on_fit_button_clicked(self) -> None:
        self.roll.zoom_to_fit()
        self.roll.show_notes()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.stop()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        for handle in (self.job, self.import_job):
            if handle is not None:
                handle.cancel()
        self.playback.shutdown()
        super().closeEvent(event)
