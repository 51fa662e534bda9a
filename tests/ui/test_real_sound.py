"""Real sound: the app's QtMultimedia playback path plays a melody into a PulseAudio (or PipeWire-Pulse)
null sink, and the sink's monitor is recorded with parec. The recording must hold the melody's length
and the pitch of its first note.

``.ci/run`` starts the server (scripts/sound-server.sh) and sets ARTDESK_REQUIRE_AUDIO=1: then a missing
server or tool fails the test instead of skipping it.
"""
import os
import shutil
import subprocess

import numpy as np
import pytest

from artdesk.core.melody import Melody, Note

RATE = 44100
TEMPO = 60.0  # a quarter note (4 steps) lasts one second
MELODY = Melody((Note(69, 0, 4, 100), Note(76, 4, 2, 100)), TEMPO, (4, 4))  # A4 for 1 s, then E5 for 0.5 s
FIRST_HZ = 440.0
LENGTH_S = 1.5


def _sound_server_or_why() -> str:
    for tool in ("pactl", "parec"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: pulseaudio-utils)"
    info = subprocess.run(["pactl", "info"], capture_output=True, text=True, timeout=10)
    if info.returncode != 0:
        return f"no sound server answers pactl: {info.stderr.strip()[:200]}"
    return ""


@pytest.fixture
def sound_server():
    why = _sound_server_or_why()
    if why:
        if os.environ.get("ARTDESK_REQUIRE_AUDIO") == "1":
            pytest.fail(f"CI needs a sound server for this test: {why}. scripts/sound-server.sh starts one.")
        pytest.skip(why)
    sink = subprocess.run(["pactl", "get-default-sink"], capture_output=True, text=True, timeout=10).stdout.strip()
    assert sink, "the sound server has no default sink"
    return sink


def _sounding(samples: np.ndarray, block: int = RATE // 100) -> np.ndarray:
    """Per 10 ms block: True where the recording is clearly louder than silence."""
    blocks = samples[: len(samples) // block * block].reshape(-1, block).astype(np.float64)
    rms = np.sqrt((blocks ** 2).mean(axis=1))
    return rms > max(200.0, 0.05 * rms.max(initial=0.0))


def _pitch(samples: np.ndarray) -> float:
    """The strongest frequency in ``samples`` (Hann window, zero-padded FFT, parabolic peak)."""
    window = samples.astype(np.float64) * np.hanning(len(samples))
    spectrum = np.abs(np.fft.rfft(window, n=1 << 18))
    peak = int(spectrum[20:].argmax()) + 20
    a, b, c = np.log(spectrum[peak - 1: peak + 2] + 1e-12)
    return (peak + 0.5 * (a - c) / (a - 2 * b + c)) * RATE / (1 << 18)


def test_a_melody_plays_through_the_sound_server_with_its_length_and_first_pitch(qtbot, sound_server, tmp_path):
    from artdesk.ui.music.playback import QtPlayback, open_system_audio

    sink, why = open_system_audio(RATE)
    assert sink is not None, f"Qt Multimedia found no output on a running sound server: {why}"
    sink.stop()
    recording = tmp_path / "monitor.raw"
    with open(recording, "wb") as out:
        recorder = subprocess.Popen(["parec", f"--device={sound_server}.monitor", "--format=s16le", f"--rate={RATE}",
                                     "--channels=1", "--raw", "--latency-msec=20"], stdout=out)
        try:
            qtbot.wait(500)  # the recorder is connected before the first sample plays
            playback = QtPlayback()
            with qtbot.waitSignal(playback.playing_changed, timeout=10_000, check_params_cb=lambda on: not on):
                assert playback.play(MELODY, "square"), playback.last_audio_message  # its fundamental is its loudest partial
            qtbot.wait(500)
            playback.shutdown()
        finally:
            recorder.terminate()
            recorder.wait(timeout=10)
    samples = np.frombuffer(recording.read_bytes(), "<i2")
    assert len(samples) > RATE, f"the monitor recorded only {len(samples)} samples"
    sounding = np.flatnonzero(_sounding(samples))
    assert sounding.size, "nothing but silence came out of the sound server"
    start, end = sounding[0] / 100, (sounding[-1] + 1) / 100
    assert abs((end - start) - LENGTH_S) < 0.25, f"sounded for {end - start:.2f} s, the melody lasts {LENGTH_S} s"
    first = samples[int((start + 0.1) * RATE): int((start + 0.8) * RATE)]
    assert abs(_pitch(first) / FIRST_HZ - 1) < 0.01, f"first note at {_pitch(first):.1f} Hz, not A4 ({FIRST_HZ} Hz)"
