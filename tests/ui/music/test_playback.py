"""Playback: the controller feeds the synthesizer's audio to a sink and moves the playhead.

The machine running tests has no audio device, so a recording sink stands in for QAudioSink:
it takes the same push-mode calls and reports the audio it consumed.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QIODevice

from artdesk.core.melody import Melody, Note
from artdesk.core.synth import render
from artdesk.ui.music.playback import NO_AUDIO_MESSAGE, QtPlayback, open_system_audio

RATE = 8000


class RecordingSink:
    """QAudioSink's push-mode surface: takes up to ``chunk`` bytes per tick, 'plays' what it took."""

    def __init__(self, chunk: int = 1600) -> None:
        self.chunk = chunk
        self.buffer = QBuffer()
        self.stopped = False

    def start(self):
        self.buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        return self.buffer

    def bytesFree(self) -> int:  # noqa: N802 (Qt naming)
        return self.chunk

    def processedUSecs(self) -> int:  # noqa: N802 (Qt naming)
        rate, channels = getattr(self, "artdesk_rate", RATE), getattr(self, "artdesk_channels", 1)
        return int(self.buffer.size() / 2 / channels / rate * 1_000_000)

    def stop(self) -> None:
        self.stopped = True

    def samples(self) -> np.ndarray:
        return np.frombuffer(bytes(self.buffer.data()), dtype="<i2").astype(np.float32) / 32767.0


def melody() -> Melody:
    return Melody((Note(60, 0, 2), Note(64, 2, 2), Note(67, 4, 4)), tempo_bpm=240.0)


def test_plays_the_whole_melody_then_stops(qtbot):
    sink = RecordingSink()
    playback = QtPlayback(lambda rate: (sink, ""), sample_rate=RATE)
    positions = []
    playback.position_changed.connect(positions.append)
    with qtbot.waitSignal(playback.playing_changed, check_params_cb=lambda playing: not playing, timeout=20_000):
        assert playback.play(melody(), "organ")
    assert sink.stopped and not playback.is_playing
    expected = render(melody(), "organ", RATE)
    heard = sink.samples()
    assert len(heard) == len(expected)
    assert np.allclose(heard, expected, atol=2 / 32767)
    steps = [p for p in positions if p is not None]
    assert steps == sorted(steps) and steps[-1] > 7
    assert positions[-1] is None  # the playhead hides at the end


def test_start_from_a_cue_point_and_stop(qtbot):
    sink = RecordingSink(chunk=400)
    playback = QtPlayback(lambda rate: (sink, ""), sample_rate=RATE)
    positions = []
    playback.position_changed.connect(positions.append)
    with qtbot.waitSignal(playback.position_changed, check_params_cb=lambda step: step is not None and step > 5):
        playback.play(melody(), "piano", start_step=4.0)
    assert positions[0] >= 4.0
    with qtbot.waitSignal(playback.playing_changed):
        playback.stop()
    assert sink.stopped


def test_loop_wraps_the_playhead(qtbot):
    sink = RecordingSink(chunk=4000)
    playback = QtPlayback(lambda rate: (sink, ""), sample_rate=RATE)
    positions = []
    playback.position_changed.connect(positions.append)
    # one 4/4 bar at 240 BPM is 1 s = 8000 samples; wait until more than one pass was played
    assert playback.play(melody(), "square", loop=True)
    qtbot.waitUntil(lambda: len(sink.samples()) > 2 * RATE, timeout=20_000)
    assert playback.is_playing
    steps = [p for p in positions if p is not None]
    assert max(steps) < 16 and any(b < a for a, b in zip(steps, steps[1:]))  # wrapped at the bar line
    playback.stop()


def test_without_audio_or_midi_play_refuses_with_a_message(qtbot):
    playback = QtPlayback(lambda rate: (None, NO_AUDIO_MESSAGE), sample_rate=RATE)
    with qtbot.waitSignal(playback.message) as blocker:
        assert not playback.play(melody())
    assert "No audio output device" in blocker.args[0] and "Export" in blocker.args[0]
    with qtbot.waitSignal(playback.message) as blocker:
        assert not playback.play(Melody())
    assert "no notes" in blocker.args[0]
    with qtbot.waitSignal(playback.message) as blocker:
        assert not playback.play(Melody((Note(60, 0, 4),), tempo_bpm=9000))
    assert "tempo" in blocker.args[0]


def test_midi_port_that_cannot_open_says_so(qtbot):
    playback = QtPlayback(lambda rate: (None, NO_AUDIO_MESSAGE), sample_rate=RATE)
    with qtbot.waitSignal(playback.message) as blocker:
        assert not playback.set_midi_port("no such port")
    assert "no such port" in blocker.args[0]
    assert playback.midi_port is None


def test_system_audio_probe_answers_without_crashing(qtbot):
    sink, why = open_system_audio(44100)
    assert (sink is None) == bool(why)
    if sink is None:
        pytest.skip(f"no audio device here: {why}")


class RecordingMidiOut:
    name = "recorder"

    def __init__(self) -> None:
        self.sent: list[tuple[int, int]] = []

    def send_note(self, pitch: int, velocity: int) -> None:
        self.sent.append((pitch, velocity))

    def all_notes_off(self) -> None:
        self.sent.append(("all off", 0))

    def close(self) -> None:
        pass


def test_midi_out_without_audio_plays_every_note_in_order_from_a_clock(qtbot):
    playback = QtPlayback(lambda rate: (None, NO_AUDIO_MESSAGE), sample_rate=RATE)
    port = RecordingMidiOut()
    playback._midi = port
    fast = Melody((Note(60, 0, 2, 80), Note(64, 2, 2, 90), Note(67, 4, 4, 100)), tempo_bpm=400.0)
    messages = []
    playback.message.connect(messages.append)
    with qtbot.waitSignal(playback.playing_changed, check_params_cb=lambda playing: not playing, timeout=20_000):
        assert playback.play(fast)
    assert "MIDI port only" in messages[0]
    assert port.sent == [(60, 80), (60, 0), (64, 90), (64, 0), (67, 100), (67, 0), ("all off", 0)]


def test_audition_sounds_one_note_without_moving_the_transport(qtbot):
    sink = RecordingSink(chunk=40000)
    playback = QtPlayback(lambda rate: (sink, ""), sample_rate=RATE)
    signals = []
    playback.playing_changed.connect(signals.append)
    playback.position_changed.connect(signals.append)
    assert playback.audition(69, "organ")
    assert not playback.is_playing  # an audition is not playback
    qtbot.waitUntil(lambda: playback._renderer is None, timeout=20_000)
    assert signals == []
    heard = sink.samples()
    assert len(heard) == len(render(Melody((Note(69, 0, 2, 90),)), "organ", RATE))
    # a real play takes over at once and is signalled
    sink.chunk = 400
    with qtbot.waitSignal(playback.playing_changed):
        assert playback.audition(60) and playback.play(melody())
    assert playback.is_playing and not playback.audition(72)
    playback.stop()


def test_plays_in_the_device_format_when_it_differs(qtbot):
    sink = RecordingSink(chunk=4000)
    sink.artdesk_rate, sink.artdesk_channels = 16000, 2
    playback = QtPlayback(lambda rate: (sink, ""), sample_rate=RATE)
    with qtbot.waitSignal(playback.playing_changed, check_params_cb=lambda playing: not playing, timeout=20_000):
        assert playback.play(melody(), "organ")
    expected = render(melody(), "organ", 16000)
    stereo = sink.samples()
    assert len(stereo) == 2 * len(expected)
    assert np.allclose(stereo[0::2], expected, atol=2 / 32767)
    assert np.array_equal(stereo[0::2], stereo[1::2])


class StalledSink(RecordingSink):
    """A device that takes the audio but stops counting played time (as some do after an underrun)."""

    def processedUSecs(self) -> int:  # noqa: N802 (Qt naming)
        return 0


def test_a_device_that_stops_counting_does_not_hang_playback(qtbot):
    sink = StalledSink(chunk=40000)
    playback = QtPlayback(lambda rate: (sink, ""), sample_rate=RATE)
    with qtbot.waitSignal(playback.playing_changed, check_params_cb=lambda playing: not playing, timeout=20_000):
        assert playback.play(melody(), "organ")
    assert sink.stopped
