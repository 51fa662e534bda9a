"""The Music panel: generate, continue, interpolate and vary melodies; edit them in a piano roll;
hear them with the built-in synthesizer or a MIDI port; import and export MIDI and WAV; fine-tune.

Every model call and every file job runs through ``context.runner``; starting a new generation
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
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Progress
from artdesk.core.melody import Melody
from artdesk.core.midi_io import write_midi
from artdesk.core.music_files import ImportRequest, ImportResult, WavRequest, export_wav, import_midi
from artdesk.core.provenance import describe_missing, find_card
from artdesk.core.synth import wav_provenance
from artdesk.ml.music.requests import ContinueRequest, GenerateRequest, InterpolateRequest, VariationRequest
from artdesk.ui.context import AppContext
from artdesk.ui.credentials import QtCredentials
from artdesk.ui.discard import may_discard
from artdesk.ui.keep_queue import QtKeepQueue
from artdesk.ui.jobs import JobHandle
from artdesk.ui.music.controls import QtMusicControls
from artdesk.ui.music.document import QtMelodyDocument
from artdesk.ui.music.drag import QtMelodyDragButton, QtMelodyList
from artdesk.ui.music.edits import concatenate
from artdesk.ui.music.finetune import QtFinetuneRunner
from artdesk.ui.music.midi_out import output_port_names
from artdesk.ui.music.names import melody_title
from artdesk.ui.music.piano_roll import QtPianoRoll
from artdesk.ui.music.playback import QtPlayback
from artdesk.ui.music.replay import record_extra, request_from_record
from artdesk.ui.music.transport import LOAD_SOUNDFONT, SOUNDFONT, QtTransport

log = logging.getLogger("artdesk.music")


def _generate_job(request: GenerateRequest, ctx) -> list[Melody]:
    """See ``generate.generate_melodies``: reports and checks cancel at every 16th step."""
    from artdesk.ml.music import generate

    return generate.generate_melodies(request, ctx)


def _continue_job(request: ContinueRequest, ctx) -> list[Melody]:
    """See ``generate.continue_melody``: reports and checks cancel at every 16th step."""
    from artdesk.ml.music import generate

    return generate.continue_melody(request, ctx)


def _interpolate_job(request: InterpolateRequest, ctx) -> list[Melody]:
    """See ``generate.interpolate_melodies``: reports and checks cancel at every decoded step."""
    from artdesk.ml.music import generate

    return generate.interpolate_melodies(request, ctx)


def _vary_job(request: VariationRequest, ctx) -> list[Melody]:
    """See ``generate.vary_melody``: reports and checks cancel at every decoded step."""
    from artdesk.ml.music import generate

    return generate.vary_melody(request, ctx)


class MusicPanel(QWidget):
    job_finished = Signal(str, str)  # (job title, "returned" | "errored" | "aborted"), after the panel has shown it
    kept = Signal(int, int)  # (kept, offered): a job's results went to the gallery; kept < offered: it stopped
    regenerated = Signal(object)  # the Melody "Generate again" made from an opened file's record (not kept twice)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.document = QtMelodyDocument(parent=self)
        self._safe_melody = self.document.melody  # generated (kept), imported, exported or kept: nothing to lose
        self.melody_b: Melody | None = None
        self.cue_step = 0.0
        self.job: JobHandle | None = None  # the current generation-family job (one at a time)
        self.import_job: JobHandle | None = None  # the latest MIDI import; an older one's result is ignored
        self._last_position = 0.0
        self.soundfont = None  # an opened artdesk.core.soundfont.SoundFont, when the user chose one
        self._instrument_index = 0
        self._outcomes: dict[JobHandle, str] = {}  # how each running job ended, until its finished signal
        self._requests: dict[JobHandle, tuple[Any, int | None]] = {}  # (request, result to replay or None)
        self.record: dict | None = None  # the opened melody's record, when "Generate again" can remake it
        self._keeper = QtKeepQueue(self._keep_result, self)  # results on their way to the gallery
        self._keeper.done.connect(self._on_keeper_done)

        self.controls = QtMusicControls()
        self.finetune = QtFinetuneRunner(context, self.controls, self._track, parent=self)
        self.credentials = QtCredentials(context, self.show_message, self)
        side = QScrollArea()
        side.setWidget(self.controls)
        side.setWidgetResizable(True)
        side.setMinimumWidth(300)
        self.roll = QtPianoRoll(self.document)
        self.transport = QtTransport()
        self.playback = QtPlayback(parent=self)
        self.results = QtMelodyList(self._drag_folder)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Music messages")
        self.track_combo = QComboBox()
        self.track_combo.setAccessibleName("Imported track")
        self.track_row = QWidget()
        track_layout = QHBoxLayout(self.track_row)
        track_layout.setContentsMargins(0, 0, 0, 0)
        track_layout.addWidget(QLabel(self.tr("Track used as the melody:")))
        track_layout.addWidget(self.track_combo, 1)
        self.track_row.hide()
        self._import_path: Path | None = None
        self._import_as_b = False

        file_bar = QHBoxLayout()
        self.import_button = self._tool(self.tr("Import MIDI…"), self._on_import_button_clicked, file_bar)
        self.export_midi_button = self._tool(self.tr("Export MIDI…"), self._on_export_midi_button_clicked, file_bar)
        self.export_wav_button = self._tool(self.tr("Export WAV…"), self._on_export_wav_button_clicked, file_bar)
        self.drag_button = QtMelodyDragButton(lambda: self.document.melody, self._drag_folder)
        file_bar.addWidget(self.drag_button)
        self.keep_button = self._tool(self.tr("Keep"), self._on_keep_button_clicked, file_bar)
        self.keep_button.setToolTip(self.tr("Every result is kept in the Gallery; Keep adds the piano roll's melody "
                                            "as it is now (drawn, imported or edited)."))
        self.again_button = self._tool(self.tr("Generate again"), self._on_again_button_clicked, file_bar)
        self.again_button.setToolTip(self.tr("Make the opened melody again from its recorded settings."))
        self.again_button.setEnabled(False)
        file_bar.addSpacing(12)
        stack = self.document.undo_stack
        self.undo_action = QAction(self.tr("Undo"), self, enabled=False)  # Ctrl+Z: the window's Edit menu
        self.undo_action.triggered.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setToolTip(self.tr("Undo {0}").format(text)))
        self.redo_action = QAction(self.tr("Redo"), self, enabled=False)
        self.redo_action.triggered.connect(stack.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.redoTextChanged.connect(lambda text: self.redo_action.setToolTip(self.tr("Redo {0}").format(text)))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            file_bar.addWidget(button)
        file_bar.addSpacing(12)
        self._tool(self.tr("Zoom −"), self.roll.zoom_out, file_bar)
        self._tool(self.tr("Zoom +"), self.roll.zoom_in, file_bar)
        self._tool(self.tr("Fit"), self._on_fit_button_clicked, file_bar)
        file_bar.addStretch(1)

        results_bar = QHBoxLayout()
        results_bar.addWidget(QLabel(self.tr("Results:")))
        results_bar.addWidget(self.results, 1)
        self.join_button = self._tool(self.tr("Join all"), self._on_join_button_clicked, results_bar)
        self.join_button.setToolTip(self.tr("Put all results one after another into the piano roll."))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(file_bar)
        right_layout.addWidget(self.transport)
        right_layout.addWidget(self.track_row)
        right_layout.addWidget(self.message)
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
        space.activated.connect(self._on_space_activated)
        self._connect()
        self.refresh_models()
        self.refresh_midi_ports()
        self._update_actions()

    def _tool(self, text: str, slot: Callable[[], None], row: QHBoxLayout) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _connect(self) -> None:
        c = self.controls
        c.generate_button.clicked.connect(self._on_generate_button_clicked)
        c.continue_button.clicked.connect(self._on_continue_button_clicked)
        c.vary_button.clicked.connect(self._on_vary_button_clicked)
        c.interpolate_button.clicked.connect(self._on_interpolate_button_clicked)
        c.b_from_roll_button.clicked.connect(self._on_b_from_roll_button_clicked)
        c.b_import_button.clicked.connect(self._on_b_import_button_clicked)
        c.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        c.finetune_button.clicked.connect(self._on_finetune_button_clicked)
        self.finetune.busy_changed.connect(self._update_actions)
        c.lstm_combo.currentIndexChanged.connect(self._update_actions)
        c.vae_combo.currentIndexChanged.connect(self._update_actions)
        t = self.transport
        t.play_button.toggled.connect(self._on_play_button_toggled)
        t.loop_check.toggled.connect(self._on_loop_check_toggled)
        t.tempo_spin.valueChanged.connect(self._on_tempo_spin_valueChanged)
        t.metre_combo.currentIndexChanged.connect(self._on_metre_combo_currentIndexChanged)
        t.instrument_combo.currentIndexChanged.connect(self._on_instrument_combo_currentIndexChanged)
        t.preset_combo.currentIndexChanged.connect(self._on_preset_combo_currentIndexChanged)
        t.midi_combo.currentIndexChanged.connect(self._on_midi_combo_currentIndexChanged)
        t.midi_refresh_button.clicked.connect(self.refresh_midi_ports)
        self.playback.position_changed.connect(self._on_playback_position_changed)
        self.playback.playing_changed.connect(self._on_playback_playing_changed)
        self.playback.message.connect(self.show_message)
        self.roll.seek_requested.connect(self._on_roll_seek_requested)
        self.roll.note_pressed.connect(self._on_roll_note_pressed)
        self.document.changed.connect(self._on_document_changed)
        self.results.itemActivated.connect(self._on_results_item_clicked)
        self.results.itemClicked.connect(self._on_results_item_clicked)
        self.results.use_as_b_requested.connect(self._on_results_use_as_b_requested)
        self.track_combo.activated.connect(self._on_track_combo_activated)
        self.context.models_changed.connect(self.refresh_models)

    # messages and state ------------------------------------------------------------------------
    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: palette(bright-text);" if error else "")
        self.message.setText(text)
        if text:
            self.context.status_message.emit(text.splitlines()[0][:120])

    def refresh_models(self) -> None:
        discovery = self.context.discover("music")
        self.controls.set_cards(discovery.cards)
        for problem in discovery.problems:
            log.warning("music model skipped: %s", problem)
        self._update_actions()

    def refresh_midi_ports(self) -> None:
        names, why = output_port_names()
        self.transport.set_ports(names, why)

    def _update_actions(self, *_args) -> None:
        has_lstm = self.controls.lstm_card() is not None
        has_vae = self.controls.vae_card() is not None
        c = self.controls
        c.generate_button.setEnabled(has_lstm)
        c.continue_button.setEnabled(has_lstm)
        c.finetune_button.setEnabled(has_lstm and not self.finetune.busy)
        c.vary_button.setEnabled(has_vae)
        c.interpolate_button.setEnabled(has_vae)

    def _drag_folder(self) -> Path:
        return self.context.paths.cache / "music-drag"

    # generation --------------------------------------------------------------------------------
    def generate_request(self) -> GenerateRequest | None:
        card = self.controls.lstm_card()
        if card is None:
            self.show_message(self.controls.model_note.text(), error=True)
            return None
        c = self.controls
        melody = self.document.melody
        return GenerateRequest(
            model_path=card.path, style=c.style(), key=c.key_combo.currentText(),
            mode=c.mode(), key_lock=c.key_lock_check.isChecked(), tempo_bpm=melody.tempo_bpm,
            time_signature=melody.time_signature, bars=c.bars_spin.value(), temperature=c.temperature_spin.value(),
            seed=c.seed_spin.value(), count=c.count_spin.value())

    def continue_request(self) -> ContinueRequest | None:
        card = self.controls.lstm_card()
        if card is None:
            self.show_message(self.controls.model_note.text(), error=True)
            return None
        if not self.document.notes:
            self.show_message(self.tr("Continue needs a primer: import a MIDI file or draw a few notes in the piano roll."), error=True)
            return None
        c = self.controls
        lock = c.key_lock_check.isChecked()
        return ContinueRequest(
            model_path=card.path, primer=self.document.melody, bars=c.bars_spin.value(),
            temperature=c.temperature_spin.value(), seed=c.seed_spin.value(), count=c.count_spin.value(),
            style=c.style(), key=c.key_combo.currentText() if lock else None,
            mode=c.mode() if lock else None, key_lock=lock)

    def interpolate_request(self) -> InterpolateRequest | None:
        card = self.controls.vae_card()
        if card is None:
            self.show_message(self.controls.model_note.text(), error=True)
            return None
        if not self.document.notes:
            self.show_message(self.tr("Interpolate goes from the piano roll's melody (A) to melody B: A has no notes."), error=True)
            return None
        if self.melody_b is None or not self.melody_b.notes:
            self.show_message(self.tr("Choose melody B first: 'B = piano roll' keeps the current melody as B, or import B."), error=True)
            return None
        segments = 2 if max(self.document.melody.length_steps, self.melody_b.length_steps) > 32 else 1
        return InterpolateRequest(model_path=card.path, a=self.document.melody, b=self.melody_b,
                                  steps=self.controls.steps_spin.value(), seed=self.controls.seed_spin.value(),
                                  segments=segments)

    def vary_request(self) -> VariationRequest | None:
        card = self.controls.vae_card()
        if card is None:
            self.show_message(self.controls.model_note.text(), error=True)
            return None
        if not self.document.notes:
            self.show_message(self.tr("Variations need a melody in the piano roll."), error=True)
            return None
        c = self.controls
        return VariationRequest(model_path=card.path, melody=self.document.melody, count=c.count_spin.value(),
                                amount=c.amount_spin.value(), seed=c.seed_spin.value(),
                                key_lock=c.key_lock_check.isChecked())

    def start_job(self, fn: Callable[[Any, Any], Any], request: Any, title: str, replay: int | None = None) -> JobHandle:
        """Run a generation-family job; a job still running is cancelled (its results will be ignored).

        Its results are kept in the gallery, unless ``replay`` names the one result "Generate again" shows.
        """
        if self.job is not None and not self.job.is_finished:
            self.job.cancel()
        handle = self.context.runner.submit(fn, request, title)
        self.job = handle
        self._requests[handle] = (request, replay)
        # bound slots of this (UI-thread) object: the worker's signals arrive queued on the UI thread
        handle.progress.connect(self._on_job_progress)
        handle.returned.connect(self._on_job_returned)
        handle.errored.connect(self._on_job_errored)
        handle.aborted.connect(self._on_job_aborted)
        handle.finished.connect(self._on_job_finished)
        self._track(handle)
        self.controls.set_busy(True, title + "…")
        handle.start()
        return handle

    def _track(self, handle: JobHandle) -> None:
        """Emit ``job_finished`` for ``handle`` once its own slots (connected before this) have run."""
        self._outcomes[handle] = "aborted"
        handle.returned.connect(self._on_tracked_returned)
        handle.errored.connect(self._on_tracked_errored)
        handle.finished.connect(self._on_tracked_finished)

    def _on_tracked_returned(self, _result) -> None:
        self._outcomes[self.sender()] = "returned"

    def _on_tracked_errored(self, _message: str, _details: str) -> None:
        self._outcomes[self.sender()] = "errored"

    def _on_tracked_finished(self) -> None:
        handle = self.sender()
        self.job_finished.emit(handle.title, self._outcomes.pop(handle, "aborted"))

    def generate(self) -> JobHandle | None:
        request = self.generate_request()
        return self.start_job(_generate_job, request, self.tr("Generate melodies")) if request else None

    def continue_melody(self) -> JobHandle | None:
        request = self.continue_request()
        return self.start_job(_continue_job, request, self.tr("Continue the melody")) if request else None

    def interpolate(self) -> JobHandle | None:
        request = self.interpolate_request()
        return self.start_job(_interpolate_job, request, self.tr("Interpolate melodies")) if request else None

    def vary(self) -> JobHandle | None:
        request = self.vary_request()
        return self.start_job(_vary_job, request, self.tr("Vary the melody")) if request else None

    def _on_generate_button_clicked(self) -> None:
        self.generate()

    def _on_continue_button_clicked(self) -> None:
        self.continue_melody()

    def _on_interpolate_button_clicked(self) -> None:
        self.interpolate()

    def _on_vary_button_clicked(self) -> None:
        self.vary()

    def _on_cancel_button_clicked(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.controls.job_label.setText(self.tr("Cancelling…"))

    def _on_job_progress(self, progress: Progress) -> None:
        if self.sender() is self.job:
            self.controls.show_progress(progress.fraction, progress.message)

    def _on_job_returned(self, melodies: list[Melody]) -> None:
        handle = self.sender()
        if handle is not self.job:  # a stale job that finished before it saw its cancel: ignored
            return
        request, replay = self._requests.get(handle, (None, None))
        if request is not None:
            extra = record_extra(request)
            for melody in melodies:
                if isinstance(melody.metadata.get("provenance"), dict):
                    melody.metadata["provenance"].update(extra)
        if replay is None:
            self.record = None  # "Generate again" belongs to the opened melody, which these replace
            self.again_button.setEnabled(False)
            self.set_results(melodies, handle.title)
            self.keep_results(melodies)
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
        self._requests.pop(self.sender(), None)
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
            warnings.append(self.tr("{0} of the results are silent; try a higher temperature.").format(empty))
        self.show_message(" ".join([self.tr("{0}: {1} result(s).").format(what, len(melodies)), *warnings]))

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
        self.melody_b = melody
        title = melody.metadata.get("title") or Path(str(melody.metadata.get("source_file", "melody"))).name
        self.controls.b_label.setText(self.tr("B: {0} ({1} notes)").format(title, len(melody.notes)))

    # files -------------------------------------------------------------------------------------
    def import_midi(self, path: Path, track: int | None = None, as_b: bool = False) -> JobHandle | None:
        """Read ``path`` on the worker; the result replaces the piano roll's melody (after the discard guard;
        None when the artist keeps the melody) or becomes melody B."""
        if not as_b and not may_discard(self):
            return None
        handle = self.context.runner.submit(import_midi, ImportRequest(Path(path), track), self.tr("Import MIDI"))
        self.import_job = handle
        self._import_as_b = as_b
        handle.returned.connect(self._on_import_returned)
        handle.errored.connect(self._on_file_job_errored)
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
        self._import_path = Path(str(melody.metadata.get("source_file", "")))
        self.track_combo.clear()
        tracks = sorted({v.track for v in result.voices})
        for voice in result.voices:
            if self.track_combo.findData(voice.track) < 0:
                self.track_combo.addItem(voice.label, voice.track)
        self.track_combo.insertItem(0, self.tr("Most melodic voice (automatic)"), None)
        index = self.track_combo.findData(result.track) if result.track is not None else 0
        self.track_combo.setCurrentIndex(max(0, index))
        self.track_row.setVisible(len(tracks) > 1)
        self._sync_transport()
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
        path = self._ask_midi_path()
        return path is not None and self.export_midi(path)

    def restore_settings(self, provenance: dict) -> bool:
        """Set the controls from a melody's provenance; True if any setting was restored."""
        return self.controls.restore(provenance)

    def arm_record(self, record: Any, name: str) -> list[str]:
        """Restore an opened melody's settings and arm "Generate again"; notes on what is missing or changed."""
        self.record = None
        self.again_button.setEnabled(False)
        record = record if isinstance(record, dict) else {}
        restored = self.restore_settings(record)
        missing = describe_missing(record, name)
        notes = [missing] if missing else []
        if missing or "job" not in record:  # a drawn melody, or one from before records named their job
            return notes + ([self.tr("The settings that made it were restored.")] if restored else [])
        card, note = find_card(record, self.controls.lstm_cards + self.controls.vae_cards)
        notes += [note] if note else []
        if card is None:
            return notes
        try:
            request_from_record(record, card.path)
        except ArtdeskError as error:
            return notes + [str(error)]
        self.record = dict(record, model_path=str(card.path))
        self.again_button.setEnabled(True)
        if record.get("edited"):
            return notes + [self.tr("The settings that made it were restored; it was edited afterwards, so "
                                    "\"Generate again\" makes the melody as it was before the edits.")]
        return notes + [self.tr("The settings that made it were restored: \"Generate again\" makes it again.")]

    def generate_again(self) -> JobHandle | None:
        """Run the opened melody's recorded request; ``regenerated`` gets the result it names (not kept twice)."""
        if self.record is None:
            return None
        request = request_from_record(self.record, Path(self.record["model_path"]))  # checked by arm_record
        jobs = {"generate": _generate_job, "continue": _continue_job, "interpolate": _interpolate_job,
                "vary": _vary_job}
        index = self.record.get("index", 0)
        return self.start_job(jobs[self.record["job"]], request, self.tr("Generate again"),
                              replay=index if isinstance(index, int) and not isinstance(index, bool) else 0)

    def _on_again_button_clicked(self) -> None:
        self.generate_again()

    def keep_results(self, melodies: list[Melody]) -> None:
        """Queue a job's results for the gallery; ``kept`` says how many went in.

        A full budget or disk stops keeping (the context says why in the status bar); nothing kept is lost.
        """
        # a silent result has nothing to keep (and no MIDI notes to write)
        self._keeper.add([melody for melody in melodies if melody.notes])

    def flush_kept(self) -> None:
        """Keep every queued result now (the window is closing)."""
        self._keeper.flush()

    def close_panel(self) -> None:
        """Called by the main window on close: results still on their way to the gallery are kept."""
        self.flush_kept()

    def _keep_result(self, melody: Melody):
        # None: full budget or disk (the context said so in the status bar), or unwritable
        return self._keep_melody(melody, dict(melody.metadata.get("provenance", {})))

    def _on_keeper_done(self, kept: int, offered: int) -> None:
        if kept < offered:
            self.show_message(self.tr("{0} of {1} results were kept in the Gallery; the rest were not.").format(
                kept, offered), error=True)
        self.kept.emit(kept, offered)

    def _keep_melody(self, melody: Melody, record: dict):
        """Write ``melody`` into the gallery as MIDI with its record and a thumbnail; the item, or None."""
        from artdesk.core.midi_io import melody_to_bytes
        from artdesk.ui.music.thumbnail import melody_thumbnail_png

        try:
            data = melody_to_bytes(melody)
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return None
        return self.context.keep_output("music", data, "mid", record, title=melody_title(melody.metadata),
                                        thumbnail_png=melody_thumbnail_png(melody))

    def keep(self) -> bool:
        """Keep the piano roll's melody (drawn, imported or edited) in the Gallery; True when it was kept now.

        An unedited result is already there (every result is kept), so it is not kept twice.
        """
        melody = self.document.melody
        if not melody.notes:
            self.show_message(self.tr("There are no notes to keep."), error=True)
            return False
        provenance = dict(melody.metadata.get("provenance", {})) or {"app": "artdesk", "made": "drawn or imported"}
        title = melody_title(melody.metadata)
        if provenance.get("job") and not provenance.get("edited"):
            self.show_message(self.tr("{0} is already in the Gallery: every result is kept.").format(title))
            return False
        item = self._keep_melody(melody, provenance)
        if item is not None:
            self._safe_melody = melody
            self.show_message(self.tr("Kept {0} in the Gallery.").format(title))
        return item is not None

    def _on_keep_button_clicked(self) -> None:
        self.keep()

    def _on_track_combo_activated(self, index: int) -> None:
        if self._import_path is not None:
            self.import_midi(self._import_path, self.track_combo.itemData(index))

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
        melody = self.document.melody
        if not melody.notes:
            self.show_message(self.tr("There are no notes to export."), error=True)
            return False
        try:
            write_midi(melody, Path(path))
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return False
        self._safe_melody = melody
        self.show_message(self.tr("Saved {0}.").format(path))
        return True

    def export_wav(self, path: Path) -> JobHandle | None:
        """Render the melody with the chosen instrument on the worker and save it as a WAV file."""
        melody = self.document.melody
        if not melody.notes:
            self.show_message(self.tr("There are no notes to export."), error=True)
            return None
        request = WavRequest(melody, Path(path), self.current_instrument())
        handle = self.context.runner.submit(export_wav, request, self.tr("Export WAV"))
        handle.returned.connect(self._on_wav_returned)
        record = wav_provenance(melody, request.instrument)  # what export_wav writes into the file
        handle.returned.connect(lambda saved, record=record: self.credentials.sign(saved, record))
        handle.errored.connect(self._on_file_job_errored)
        self._track(handle)
        self.show_message(self.tr("Rendering {0}…").format(Path(path).name))
        handle.start()
        return handle

    def _on_wav_returned(self, saved: Path) -> None:
        self.show_message(self.tr("Saved {0}.").format(saved))

    def _ask_midi_path(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export MIDI"), "melody.mid", self.tr("MIDI files (*.mid)"))
        if not path:
            return None
        return Path(path) if path.lower().endswith((".mid", ".midi")) else Path(path + ".mid")

    def _on_export_midi_button_clicked(self) -> None:
        path = self._ask_midi_path()
        if path is not None:
            self.export_midi(path)

    def _on_export_wav_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export WAV"), "melody.wav", self.tr("WAV audio (*.wav)"))
        if path:
            self.export_wav(Path(path) if path.lower().endswith(".wav") else Path(path + ".wav"))

    # fine-tune ---------------------------------------------------------------------------------
    def start_finetune(self, request) -> JobHandle:
        """Fine-tune on the training worker (never blocks generation); progress and Stop in the side column."""
        return self.finetune.start(request)

    def _on_finetune_button_clicked(self) -> None:
        from artdesk.ui.music.finetune_dialog import FinetuneDialog

        card = self.controls.lstm_card()
        if card is None:
            return
        dialog = FinetuneDialog(card.path, card.path.name, self)
        if dialog.exec():
            self.start_finetune(dialog.request())

    # playback ----------------------------------------------------------------------------------
    def play(self, start_step: float | None = None) -> bool:
        started = self.playback.play(self.document.melody, self.current_instrument(),
                                     self.transport.loop_check.isChecked(),
                                     self.cue_step if start_step is None else start_step)
        self.transport.set_playing(started)
        return started

    def stop(self) -> None:
        self.playback.stop()

    def _on_play_button_toggled(self, checked: bool) -> None:
        self.play() if checked else self.stop()

    def _on_space_activated(self) -> None:
        self.stop() if self.playback.is_playing else self.play()

    def _restart_if_playing(self) -> None:
        if self.playback.is_playing:
            self.play(self._last_position)

    def _on_loop_check_toggled(self, _checked: bool) -> None:
        self._restart_if_playing()

    def current_instrument(self):
        """The built-in instrument's name, or the chosen SoundFont preset as a synth Instrument."""
        data = self.transport.instrument_combo.currentData()
        if data == SOUNDFONT and self.soundfont is not None:
            from artdesk.core.soundfont import soundfont_instrument

            preset = self.soundfont.presets[max(0, self.transport.preset_combo.currentIndex())]
            return soundfont_instrument(self.soundfont, preset)
        return data if data not in (SOUNDFONT, LOAD_SOUNDFONT) else "piano"

    def load_soundfont(self, path: Path) -> JobHandle:
        """Open a .sf2 file on the worker; it then becomes the instrument, with its presets to choose from."""
        from artdesk.core.soundfont import open_soundfont

        handle = self.context.runner.submit(open_soundfont, Path(path), self.tr("Open SoundFont"))
        handle.returned.connect(self._on_soundfont_returned)
        handle.errored.connect(self._on_soundfont_errored)
        self._track(handle)
        handle.start()
        return handle

    def _on_soundfont_returned(self, soundfont) -> None:
        self.soundfont = soundfont
        labels = [preset.label for preset in soundfont.presets]
        self.transport.set_soundfont(soundfont.path.name, labels)
        self.show_message(self.tr("SoundFont {0}: {1} presets. Choose one beside the instrument.").format(
            soundfont.path.name, len(labels)))

    def _on_soundfont_errored(self, message: str, details: str) -> None:
        log.info("SoundFont failed: %s", details)
        self.show_message(message + " " + self.tr("The built-in sound stays in use."), error=True)

    def _on_instrument_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802 (Qt naming)
        combo = self.transport.instrument_combo
        if combo.itemData(index) == LOAD_SOUNDFONT:
            combo.blockSignals(True)
            combo.setCurrentIndex(self._instrument_index)  # stays as it was unless a SoundFont loads
            combo.blockSignals(False)
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a SoundFont"), "", self.tr("SoundFont 2 (*.sf2)"))
            if path:
                self.load_soundfont(Path(path))
            return
        self._instrument_index = index
        self.transport.preset_combo.setVisible(combo.itemData(index) == SOUNDFONT)
        self._restart_if_playing()

    def _on_preset_combo_currentIndexChanged(self, _index: int) -> None:  # noqa: N802 (Qt naming)
        self._restart_if_playing()

    def _on_midi_combo_currentIndexChanged(self, _index: int) -> None:  # noqa: N802 (Qt naming)
        self.playback.set_midi_port(self.transport.midi_combo.currentData())

    def _on_playback_position_changed(self, step) -> None:
        if step is not None:
            self._last_position = step
        self.roll.set_playhead(step if step is not None else (self.cue_step or None))

    def _on_playback_playing_changed(self, playing: bool) -> None:
        self.transport.set_playing(playing)

    def _on_roll_note_pressed(self, pitch: int) -> None:
        if not self.playback.is_playing:
            self.playback.audition(pitch, self.current_instrument(), self.document.melody.tempo_bpm)

    def _on_roll_seek_requested(self, step: float) -> None:
        self.cue_step = step
        self.roll.paste_step = step
        if self.playback.is_playing:
            self.play(step)
        else:
            self.roll.set_playhead(step)

    # document <-> transport --------------------------------------------------------------------
    def _on_document_changed(self) -> None:
        self._sync_transport()
        self._restart_if_playing()

    def _sync_transport(self) -> None:
        melody = self.document.melody
        t = self.transport
        t.tempo_spin.blockSignals(True)
        t.tempo_spin.setValue(melody.tempo_bpm)
        t.tempo_spin.blockSignals(False)
        index = t.metre_combo.findData(tuple(melody.time_signature))
        t.metre_combo.blockSignals(True)
        if index < 0:
            t.metre_combo.addItem(f"{melody.time_signature[0]}/{melody.time_signature[1]}", tuple(melody.time_signature))
            index = t.metre_combo.count() - 1
        t.metre_combo.setCurrentIndex(index)
        t.metre_combo.blockSignals(False)

    def _on_tempo_spin_valueChanged(self, value: float) -> None:  # noqa: N802 (Qt naming)
        self.document.set_tempo(float(value))

    def _on_metre_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802 (Qt naming)
        data = self.transport.metre_combo.itemData(index)
        if data:
            self.document.set_time_signature(tuple(data))

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
