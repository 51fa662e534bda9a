"""The built-in synthesizer: pitch, length, loudness, streaming, loops and WAV export."""
import os
import wave

import numpy as np
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody, Note
from artdesk.core.synth import (
    INSTRUMENTS,
    SAMPLE_RATE,
    TAIL_SECONDS,
    MelodyRenderer,
    SynthError,
    duration_seconds,
    render,
    render_wav,
)


def scale_melody(tempo=120.0):
    pitches = [60, 62, 64, 65, 67, 69, 71, 72]
    return Melody(tuple(Note(p, 2 * i, 2, 80 + i) for i, p in enumerate(pitches)), tempo_bpm=tempo)


def dominant_hz(audio: np.ndarray, sample_rate: int = SAMPLE_RATE) -> float:
    window = audio[: sample_rate // 2] * np.hanning(min(len(audio), sample_rate // 2))
    spectrum = np.abs(np.fft.rfft(window, n=1 << 18))
    return float(np.argmax(spectrum) * sample_rate / (1 << 18))


@pytest.mark.parametrize("instrument", list(INSTRUMENTS))
@pytest.mark.parametrize("pitch", [45, 69, 93])
def test_note_sounds_at_its_pitch(instrument, pitch):
    audio = render(Melody((Note(pitch, 0, 8),), tempo_bpm=120.0), instrument)
    expected = 440.0 * 2 ** ((pitch - 69) / 12)
    found = dominant_hz(audio)
    # the loudest partial is the fundamental, or (organ) its sub-octave: within 0.5% either way
    candidates = [expected, expected / 2] if instrument == "organ" else [expected]
    assert min(abs(found / c - 1) for c in candidates) < 0.005, (instrument, pitch, found, expected)


@pytest.mark.parametrize("instrument", list(INSTRUMENTS))
def test_render_has_the_right_length_and_is_audible(instrument):
    melody = scale_melody(tempo=90.0)
    audio = render(melody, instrument)
    assert audio.dtype == np.float32
    expected = (16 * 60 / 90 / 4 + TAIL_SECONDS) * SAMPLE_RATE
    assert abs(len(audio) - expected) <= 1
    assert abs(len(audio) / SAMPLE_RATE - duration_seconds(melody)) < 1e-4
    assert np.max(np.abs(audio)) <= 1.0
    rms = float(np.sqrt(np.mean(audio**2)))
    assert rms > 0.02, rms
    # every note is heard: each eighth-note slot carries energy
    slot = int(60 / 90 / 2 * SAMPLE_RATE)
    for i in range(8):
        assert np.sqrt(np.mean(audio[i * slot : (i + 1) * slot] ** 2)) > 0.01


def test_render_is_deterministic_and_instruments_differ():
    melody = scale_melody()
    assert np.array_equal(render(melody, "plucked"), render(melody, "plucked"))
    piano, organ = render(melody, "piano"), render(melody, "organ")
    assert not np.allclose(piano, organ, atol=0.05)


def test_louder_velocity_is_louder():
    soft = render(Melody((Note(60, 0, 4, 30),)), "piano")
    loud = render(Melody((Note(60, 0, 4, 120),)), "piano")
    assert np.abs(loud).max() > 1.5 * np.abs(soft).max()


def test_streaming_in_blocks_equals_one_render():
    melody = scale_melody()
    whole = render(melody, "piano")
    renderer = MelodyRenderer(melody, "piano")
    blocks = []
    while not renderer.finished:
        blocks.append(renderer.read(1234))
    assert np.array_equal(np.concatenate(blocks), whole)
    assert len(renderer.read(100)) == 0


def test_loop_repeats_seamlessly():
    # one bar of 4/4 with silence at its end, so the second pass equals the first
    melody = Melody((Note(64, 0, 2), Note(67, 4, 2)), tempo_bpm=120.0)
    renderer = MelodyRenderer(melody, "organ", loop=True)
    assert renderer.loop_samples == 16 * SAMPLE_RATE // 8
    first = renderer.read(renderer.loop_samples)
    second = renderer.read(renderer.loop_samples)
    assert np.allclose(first, second, atol=1e-6)
    assert renderer.position_step() == pytest.approx(0.0)
    # a note that rings over the seam carries into the next pass instead of being cut
    seam = Melody((Note(60, 12, 4),), tempo_bpm=120.0)
    looping = MelodyRenderer(seam, "piano", loop=True)
    looping.read(looping.loop_samples)
    after_seam = looping.read(200)
    assert np.abs(after_seam).max() > 0.01


def test_wav_export_round_trip(tmp_path):
    melody = scale_melody()
    path = render_wav(melody, tmp_path / "out.wav", "square")
    with wave.open(str(path), "rb") as handle:
        assert handle.getframerate() == SAMPLE_RATE
        assert handle.getnchannels() == 1 and handle.getsampwidth() == 2
        frames = handle.getnframes()
        data = np.frombuffer(handle.readframes(frames), dtype="<i2")
    assert abs(frames / SAMPLE_RATE - duration_seconds(melody)) < 1e-3
    assert np.abs(data).max() > 3000
    assert [p.name for p in tmp_path.iterdir()] == ["out.wav"]  # no temporary file left behind


def test_bad_input_gives_clear_errors(tmp_path):
    with pytest.raises(SynthError, match="tempo"):
        render(Melody((Note(60, 0, 4),), tempo_bpm=5000.0))
    with pytest.raises(SynthError, match="tempo"):
        render(Melody((Note(60, 0, 4),), tempo_bpm=0.0))
    with pytest.raises(SynthError, match="minutes"):
        render(Melody((Note(60, 0, 10_000_000),)))
    with pytest.raises(SynthError, match="no notes"):
        render_wav(Melody(), tmp_path / "empty.wav")
    with pytest.raises(SynthError, match="instrument"):
        render(scale_melody(), "theremin")
    assert len(render(Melody())) == int(TAIL_SECONDS * SAMPLE_RATE)  # silence, no crash


def test_unwritable_folder_says_so(tmp_path, monkeypatch):
    import errno

    def refuse(*_args, **_kwargs):  # what a read-only folder does (root ignores chmod, so simulate it)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ArtdeskError, match="permission"):
        render_wav(scale_melody(), tmp_path / "x.wav")
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_wav_carries_provenance_that_players_ignore(tmp_path):
    from artdesk.core.synth import read_wav_provenance

    melody = Melody((Note(60, 0, 4),), metadata={"provenance": {"model": "m", "seed": 7}})
    path = render_wav(melody, tmp_path / "p.wav", "organ")
    assert read_wav_provenance(path) == {"model": "m", "seed": 7, "audio": {"synth": "organ", "tempo_bpm": 120.0}}
    with wave.open(str(path), "rb") as handle:  # the standard reader still reads the audio
        assert handle.getnframes() == len(render(melody, "organ"))
    plain = render_wav(Melody((Note(60, 0, 4),)), tmp_path / "plain.wav")
    assert read_wav_provenance(plain) == {"audio": {"synth": "piano", "tempo_bpm": 120.0}}
