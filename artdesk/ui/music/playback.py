"""Playback: the built-in synthesizer streamed to the system audio output (QtMultimedia), and
notes sent live to a MIDI port, with a playhead position, loop and stop.

The synthesizer is cheap (well over 50x real time, notes cached), so small blocks are rendered
on the UI thread as the audio device asks for them (push mode, one block per timer tick):
no model code runs here. With no audio device, play still drives a chosen MIDI port from a clock;
with neither, ``play`` refuses with a message and export keeps working.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody, Note
from artdesk.core.synth import SAMPLE_RATE, MelodyRenderer
from artdesk.ui.music.midi_out import MidiOut

log = logging.getLogger("artdesk.music")

TICK_MS = 15
BUFFER_SECONDS = 0.15  # audio queued ahead of the device: the delay from Stop to silence
NO_AUDIO_MESSAGE = (
    "No audio output device was found, so artdesk cannot play sound here. "
    "Export to WAV or MIDI still works; choose a MIDI port to play through another program."
)


def open_system_audio(sample_rate: int) -> tuple[Any | None, str]:
    """(QAudioSink, "") or (None, why there is no audio).

    Asks for 16-bit mono at ``sample_rate``, then at the device's preferred rate, then stereo; the sink
    carries the format chosen as ``artdesk_rate`` and ``artdesk_channels`` (playback renders to match).
    """
    try:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices
    except ImportError as error:
        return None, f"Audio playback is unavailable: Qt Multimedia could not be loaded ({error})."
    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        return None, NO_AUDIO_MESSAGE
    preferred = device.preferredFormat().sampleRate() or sample_rate
    for rate, channels in ((sample_rate, 1), (preferred, 1), (sample_rate, 2), (preferred, 2)):
        audio_format = QAudioFormat()
        audio_format.setSampleRate(rate)
        audio_format.setChannelCount(channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if device.isFormatSupported(audio_format):
            sink = QAudioSink(device, audio_format)
            sink.setBufferSize(int(rate * 2 * channels * BUFFER_SECONDS))
            sink.artdesk_rate, sink.artdesk_channels = rate, channels
            return sink, ""
    return None, f"The audio device {device.description()} accepts no 16-bit format artdesk can play. Export to WAV still works."


class QtPlayback(QObject):
    """Plays one melody at a time; ``position_changed`` drives the piano roll's playhead."""

    position_changed = Signal(object)  # float step within the melody (loop-wrapped), or None when stopped
    playing_changed = Signal(bool)  # True when playback starts, False when it stops (end, Stop, or error)
    message = Signal(str)  # something the user should read (no audio device, a MIDI port failed)

    def __init__(self, audio_factory: Callable[[int], tuple[Any | None, str]] = open_system_audio,
                 sample_rate: int = SAMPLE_RATE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sample_rate = sample_rate
        self._audio_factory = audio_factory
        self._sink = None
        self._io = None
        self._renderer: MelodyRenderer | None = None
        self._midi: MidiOut | None = None
        self._midi_events: list[tuple[float, int, int]] = []  # (step, pitch, velocity; 0 = off)
        self._midi_cursor = 0.0  # absolute step up to which MIDI events were sent
        self._start_sample = 0
        self._written = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.last_audio_message = ""
        self._previewing = False  # the sound playing is an audition: no signals about it
        self._rate = sample_rate  # the rate of the audio being played (the device's, when it has its own)
        self._channels = 1

    @property
    def is_playing(self) -> bool:
        """True while a melody plays (an audition of one note does not count)."""
        return self._renderer is not None and not self._previewing

    @property
    def midi_port(self) -> str | None:
        return self._midi.name if self._midi else None

    def set_midi_port(self, name: str | None) -> bool:
        """Send notes to the MIDI port ``name`` from now on (None: no MIDI out); False if it failed."""
        if self._midi is not None:
            self._midi.close()
            self._midi = None
        if not name:
            return True
        try:
            self._midi = MidiOut(name)
        except OSError as error:
            self.message.emit(str(error))
            return False
        return True

    def audition(self, pitch: int, instrument="piano", tempo_bpm: float = 120.0) -> bool:
        """Sound one short note (a click in the piano roll) unless a melody is playing; silent on failure."""
        if self.is_playing:
            return False
        return self.play(Melody((Note(int(pitch), 0, 2, 90),), tempo_bpm), instrument, preview=True)

    def play(self, melody: Melody, instrument="piano", loop: bool = False, start_step: float = 0.0,
             preview: bool = False) -> bool:
        """Start playing ``melody`` from ``start_step``; False (with a ``message``) if it cannot play.

        ``instrument`` is a built-in instrument's name or a ``synth.Instrument``. A ``preview`` (audition)
        emits no signals: the transport and playhead do not react to it.
        """
        self.stop()
        self._previewing = preview
        if preview:
            self.blockSignals(True)
            try:
                return self._start(melody, instrument, loop, start_step, preview)
            finally:
                self.blockSignals(False)
        return self._start(melody, instrument, loop, start_step, preview)

    def _start(self, melody: Melody, instrument, loop: bool, start_step: float, preview: bool) -> bool:
        if not melody.notes:
            self.message.emit("There are no notes to play. Generate, import or draw a melody first.")
            return False
        try:
            MelodyRenderer(melody, instrument, self.sample_rate, loop=loop)  # refuse bad input before opening audio
        except ArtdeskError as error:
            self.message.emit(str(error))
            return False
        sink, why = self._audio_factory(self.sample_rate)
        self.last_audio_message = why
        self._rate = int(getattr(sink, "artdesk_rate", self.sample_rate)) if sink is not None else self.sample_rate
        self._channels = int(getattr(sink, "artdesk_channels", 1)) if sink is not None else 1
        renderer = MelodyRenderer(melody, instrument, self._rate, loop=loop)
        if sink is None and (self._midi is None or preview):
            self.message.emit(why)
            return False
        if sink is None:
            self.message.emit(why.split(".")[0] + ": playing to the MIDI port only.")
        start_step = max(0.0, min(float(start_step), melody.length_steps - 1e-3)) if not loop else max(0.0, float(start_step))
        renderer.seek_step(start_step)
        self._renderer = renderer
        self._start_sample = renderer.position
        self._written = 0
        self._sink = sink
        self._io = sink.start() if sink is not None else None
        if sink is not None and self._io is None:
            self.message.emit("The audio device refused to start.")
            self._renderer, self._sink = None, None
            return False
        self._prepare_midi(Melody() if preview else melody, start_step)  # auditions are not sent to MIDI
        self._clock.start()
        self._timer.start()
        self.playing_changed.emit(True)
        self._on_timer_timeout()
        return True

    def stop(self) -> None:
        """Stop at once (sound already queued to the device ends within ``BUFFER_SECONDS``)."""
        if self._renderer is None:
            return
        previewing, self._previewing = self._previewing, False
        if previewing:
            self.blockSignals(True)
        try:
            self._stop()
        finally:
            if previewing:
                self.blockSignals(False)

    def _stop(self) -> None:
        self._timer.stop()
        if self._sink is not None:
            self._sink.stop()
        if self._midi is not None:
            try:
                self._midi.all_notes_off()
            except Exception as error:  # the port went away mid-play
                self.message.emit(f"The MIDI port stopped working: {error}")
        self._sink = self._io = None
        self._renderer = None
        self.position_changed.emit(None)
        self.playing_changed.emit(False)

    def _prepare_midi(self, melody: Melody, start_step: float) -> None:
        events = []
        for note in melody.notes:
            events.append((float(note.start), note.pitch, max(1, note.velocity)))
            events.append((float(note.end) - 1e-6, note.pitch, 0))  # offs sort before an on at the same step
        self._midi_events = sorted(events)
        self._midi_cursor = start_step

    def _overdue(self, renderer: MelodyRenderer) -> bool:
        """All audio was handed over and the clock says it has had time to play (a device that stops
        counting processed time at an underrun must not leave playback hanging)."""
        if self._sink is None or not renderer.finished:
            return False
        expected_ms = (renderer.length_samples - self._start_sample) * 1000 / self._rate
        return self._clock.elapsed() > expected_ms + 1000 * (BUFFER_SECONDS + 0.5)

    def _played_samples(self) -> int:
        """Samples heard so far since ``play``: from the device if there is one, else from the clock."""
        if self._sink is not None:
            return int(self._sink.processedUSecs() * self._rate / 1_000_000)
        return int(self._clock.elapsed() * self._rate / 1000)

    def _on_timer_timeout(self) -> None:
        renderer = self._renderer
        if renderer is None:
            return
        if self._sink is not None:
            frame = 2 * self._channels
            free = self._sink.bytesFree() // frame
            if free > 0 and not renderer.finished:
                block = (np.clip(renderer.read(free), -1.0, 1.0) * 32767.0).astype("<i2")
                if self._channels > 1:
                    block = np.repeat(block, self._channels)  # the same sound on every channel
                written = self._io.write(block.tobytes())
                self._written += max(0, int(written)) // frame
        else:
            renderer.seek(self._start_sample + self._played_samples())  # the clock is the only output
        played = min(self._played_samples(), self._written) if self._sink is not None else self._played_samples()
        absolute = self._start_sample + played
        absolute_step = absolute / renderer.samples_per_step
        self._send_midi(absolute_step, renderer)
        if renderer.length_samples is not None and (absolute >= renderer.length_samples or self._overdue(renderer)):
            self.stop()
            return
        if renderer.loop:
            absolute = absolute % renderer.loop_samples
        if not self._previewing:
            self.position_changed.emit(absolute / renderer.samples_per_step)

    def _send_midi(self, until_step: float, renderer: MelodyRenderer) -> None:
        if self._midi is None or until_step <= self._midi_cursor:
            return
        loop_steps = renderer.loop_samples / renderer.samples_per_step if renderer.loop else None
        start = self._midi_cursor
        self._midi_cursor = until_step
        try:
            if loop_steps is None:
                for step, pitch, velocity in self._midi_events:
                    if start <= step < until_step:
                        self._midi.send_note(pitch, velocity)
                return
            first_pass = int(start // loop_steps)
            for loop_index in range(first_pass, int(until_step // loop_steps) + 1):
                offset = loop_index * loop_steps
                for step, pitch, velocity in self._midi_events:
                    if step < loop_steps and start <= step + offset < until_step:
                        self._midi.send_note(pitch, velocity)
        except Exception as error:  # a port that vanished mid-play: stop using it, keep the audio
            self.message.emit(f"The MIDI port {self._midi.name} stopped working ({error}); MIDI out is off.")
            self._midi = None

    def shutdown(self) -> None:
        self.stop()
        self.set_midi_port(None)
