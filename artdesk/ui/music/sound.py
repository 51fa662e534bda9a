"""The Music panel's sound: play, loop, cue and audition the piano roll's melody with the built-in synthesizer,
a SoundFont preset or a MIDI port; the transport's tempo and metre edit the melody (undoably)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from artdesk.core.soundfont import open_soundfont, soundfont_instrument
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import JobHandle
from artdesk.ui.music.document import QtMelodyDocument
from artdesk.ui.music.midi_out import output_port_names
from artdesk.ui.music.piano_roll import QtPianoRoll
from artdesk.ui.music.playback import QtPlayback
from artdesk.ui.music.transport import LOAD_SOUNDFONT, SOUNDFONT, QtTransport

log = logging.getLogger("artdesk.music")


class QtSound(QObject):
    """Binds the transport and the playback to the melody document and the piano roll."""

    def __init__(self, context: AppContext, document: QtMelodyDocument, roll: QtPianoRoll, transport: QtTransport,
                 playback: QtPlayback, show_message: Callable[..., None], track: Callable[[JobHandle], None],
                 parent: QWidget) -> None:
        super().__init__(parent)
        self.context, self.document, self.roll = context, document, roll
        self.transport, self.playback = transport, playback
        self.show_message = show_message
        self._track = track  # the panel's job_finished bookkeeping
        self.cue_step = 0.0  # where playback starts (the roll's ruler sets it)
        self.soundfont = None  # an opened artdesk.core.soundfont.SoundFont, when the user chose one
        self._last_position = 0.0
        self._instrument_index = 0
        t = transport
        t.play_button.toggled.connect(self._on_play_button_toggled)
        t.loop_check.toggled.connect(self._on_loop_check_toggled)
        t.tempo_spin.valueChanged.connect(self._on_tempo_spin_valueChanged)
        t.metre_combo.currentIndexChanged.connect(self._on_metre_combo_currentIndexChanged)
        t.instrument_combo.currentIndexChanged.connect(self._on_instrument_combo_currentIndexChanged)
        t.preset_combo.currentIndexChanged.connect(self._on_preset_combo_currentIndexChanged)
        t.midi_combo.currentIndexChanged.connect(self._on_midi_combo_currentIndexChanged)
        t.midi_refresh_button.clicked.connect(self.refresh_midi_ports)
        playback.position_changed.connect(self._on_playback_position_changed)
        playback.playing_changed.connect(transport.set_playing)
        playback.message.connect(show_message)
        roll.seek_requested.connect(self._on_roll_seek_requested)
        roll.note_pressed.connect(self._on_roll_note_pressed)
        document.changed.connect(self._on_document_changed)
        self.refresh_midi_ports()

    def refresh_midi_ports(self) -> None:
        names, why = output_port_names()
        self.transport.set_ports(names, why)

    def play(self, start_step: float | None = None) -> bool:
        started = self.playback.play(self.document.melody, self.current_instrument(), self.transport.loop_check.isChecked(),
                                     self.cue_step if start_step is None else start_step)
        self.transport.set_playing(started)
        return started

    def stop(self) -> None:
        self.playback.stop()

    def toggle(self) -> None:
        self.stop() if self.playback.is_playing else self.play()

    def current_instrument(self):
        """The built-in instrument's name, or the chosen SoundFont preset as a synth Instrument."""
        data = self.transport.instrument_combo.currentData()
        if data == SOUNDFONT and self.soundfont is not None:
            preset = self.soundfont.presets[max(0, self.transport.preset_combo.currentIndex())]
            return soundfont_instrument(self.soundfont, preset)
        return data if data not in (SOUNDFONT, LOAD_SOUNDFONT) else "piano"

    def load_soundfont(self, path: Path) -> JobHandle:
        """Open a .sf2 file on the worker; it then becomes the instrument, with its presets to choose from."""
        handle = self.context.runner.submit(open_soundfont, Path(path), self.tr("Open SoundFont"))
        handle.returned.connect(self._on_soundfont_returned)
        handle.errored.connect(self._on_soundfont_errored)
        self._track(handle)
        handle.start()
        return handle

    def sync_transport(self) -> None:
        """Show the melody's tempo and metre (a metre the list lacks is added)."""
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

    def _restart_if_playing(self) -> None:
        if self.playback.is_playing:
            self.play(self._last_position)

    def _on_play_button_toggled(self, checked: bool) -> None:
        self.play() if checked else self.stop()

    def _on_loop_check_toggled(self, _checked: bool) -> None:
        self._restart_if_playing()

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
            path, _ = QFileDialog.getOpenFileName(self.parent(), self.tr("Choose a SoundFont"), "", self.tr("SoundFont 2 (*.sf2)"))
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

    def _on_document_changed(self) -> None:
        self.sync_transport()
        self._restart_if_playing()

    def _on_tempo_spin_valueChanged(self, value: float) -> None:  # noqa: N802 (Qt naming)
        self.document.set_tempo(float(value))

    def _on_metre_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802 (Qt naming)
        data = self.transport.metre_combo.itemData(index)
        if data:
            self.document.set_time_signature(tuple(data))
