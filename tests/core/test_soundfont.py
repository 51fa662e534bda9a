"""SoundFont 2 playback, against small .sf2 files written here to the specification."""
from __future__ import annotations

import struct

import numpy as np
import pytest

from artdesk.core.melody import Melody, Note
from artdesk.core.soundfont import (
    ATTENUATION,
    INSTRUMENT,
    KEY_RANGE,
    RELEASE,
    ROOT_KEY,
    SAMPLE_ID,
    SAMPLE_MODES,
    SoundFont,
    SoundFontError,
    soundfont_instrument,
)
from artdesk.core.synth import render

RATE = 44000  # 100 samples per period of 440 Hz: the loop below is exact


def chunk(name: bytes, payload: bytes) -> bytes:
    return name + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


def riff_list(kind: bytes, *chunks: bytes) -> bytes:
    return chunk(b"LIST", kind + b"".join(chunks))


def gen(operator: int, value) -> bytes:
    if isinstance(value, tuple):
        return struct.pack("<HBB", operator, *value)
    return struct.pack("<Hh", operator, value) if value < 0 else struct.pack("<HH", operator, value)


def write_sf2(path, *, loop=True, sample_kind=1, key_range=(0, 127), release=-1200, extra_zone_gens=b""):
    """One preset -> one instrument -> one 440 Hz sine sample (root key 69), looped over its middle."""
    t = np.arange(4000)
    pcm = (np.sin(2 * np.pi * 440 * t / RATE) * 20000).astype("<i2").tobytes() + b"\0" * 92  # 46 zero samples after
    shdr = struct.pack("<20sIIIIIBbHH", b"sine", 0, 4000, 1000, 3000, RATE, 69, 0, 0, sample_kind)
    shdr += struct.pack("<20sIIIIIBbHH", b"EOS", 0, 0, 0, 0, 0, 0, 0, 0, 0)
    igen = gen(KEY_RANGE, key_range) + gen(RELEASE, release) + extra_zone_gens
    igen += gen(SAMPLE_MODES, 1 if loop else 0) + gen(SAMPLE_ID, 0)
    igen_count = len(igen) // 4
    igen += gen(0, 0)  # terminal
    ibag = struct.pack("<HH", 0, 0) + struct.pack("<HH", igen_count, 0)
    inst = struct.pack("<20sH", b"Sine inst", 0) + struct.pack("<20sH", b"EOI", 1)
    pgen = gen(INSTRUMENT, 0) + gen(0, 0)
    pbag = struct.pack("<HH", 0, 0) + struct.pack("<HH", 1, 0)
    phdr = struct.pack("<20sHHHIII", b"Sine", 5, 0, 0, 0, 0, 0) + struct.pack("<20sHHHIII", b"EOP", 0, 0, 1, 0, 0, 0)
    pmod = imod = b"\0" * 10
    body = b"sfbk" + riff_list(b"INFO", chunk(b"ifil", struct.pack("<HH", 2, 1)), chunk(b"INAM", b"test\0"))
    body += riff_list(b"sdta", chunk(b"smpl", pcm))
    body += riff_list(b"pdta", chunk(b"phdr", phdr), chunk(b"pbag", pbag), chunk(b"pmod", pmod), chunk(b"pgen", pgen),
                      chunk(b"inst", inst), chunk(b"ibag", ibag), chunk(b"imod", imod), chunk(b"igen", igen),
                      chunk(b"shdr", shdr))
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def dominant_hz(audio, rate=44100):
    spectrum = np.abs(np.fft.rfft(audio[:rate // 2] * np.hanning(min(len(audio), rate // 2)), n=1 << 18))
    return float(np.argmax(spectrum) * rate / (1 << 18))


def test_presets_are_listed(tmp_path):
    font = SoundFont(write_sf2(tmp_path / "sine.sf2"))
    assert [(p.bank, p.program, p.name) for p in font.presets] == [(0, 5, "Sine")]
    assert font.presets[0].label == "000:005 Sine"


@pytest.mark.parametrize("key, hz", [(69, 440.0), (81, 880.0), (57, 220.0), (76, 659.26)])
def test_notes_are_pitched_from_the_root_key(tmp_path, key, hz):
    font = SoundFont(write_sf2(tmp_path / "sine.sf2"))
    audio = font.render_note(font.presets[0], key, 44100, 44100)
    assert abs(dominant_hz(audio) / hz - 1) < 0.003


def test_loop_sustains_past_the_sample_and_release_fades(tmp_path):
    font = SoundFont(write_sf2(tmp_path / "sine.sf2", release=-1200))  # 0.5 s release
    audio = font.render_note(font.presets[0], 69, 2 * 44100, 44100)  # 2 s: far past the 4000-sample recording
    assert np.sqrt(np.mean(audio[80000:88000] ** 2)) > 0.3
    assert len(audio) == 2 * 44100 + int(0.5 * 44100) + 1
    tail = audio[2 * 44100:]
    assert np.abs(tail[:2000]).max() > 0.2 and np.abs(tail[-500:]).max() < 0.01


def test_unlooped_sample_stops_at_its_end(tmp_path):
    font = SoundFont(write_sf2(tmp_path / "once.sf2", loop=False))
    audio = font.render_note(font.presets[0], 69, 44100, 44100)
    assert np.abs(audio[5000:]).max() == 0.0 and np.abs(audio[:3000]).max() > 0.3


def test_key_range_root_override_and_attenuation(tmp_path):
    font = SoundFont(write_sf2(tmp_path / "narrow.sf2", key_range=(60, 72)))
    assert np.abs(font.render_note(font.presets[0], 80, 4410, 44100)).max() == 0.0  # no zone: silence
    shifted = SoundFont(write_sf2(tmp_path / "root.sf2", extra_zone_gens=gen(ROOT_KEY, 57) + gen(ATTENUATION, 200)))
    audio = shifted.render_note(shifted.presets[0], 69, 44100, 44100)
    assert abs(dominant_hz(audio) / 880 - 1) < 0.003  # the root is now A3, so A4 sounds an octave higher
    assert 0.05 < np.abs(audio).max() < 0.07  # 20 dB quieter than the 0.61 peak of the sample


def test_a_preset_plays_a_melody_through_the_synthesizer(tmp_path):
    font = SoundFont(write_sf2(tmp_path / "sine.sf2"))
    instrument = soundfont_instrument(font, font.presets[0])
    melody = Melody((Note(69, 0, 8), Note(72, 8, 8)), tempo_bpm=120.0)
    audio = render(melody, instrument)
    assert len(audio) == int(round(16 * 0.125 * 44100)) + int(0.5 * 44100)
    assert abs(dominant_hz(audio[:44100]) / 440 - 1) < 0.003
    assert abs(dominant_hz(audio[44100:]) / 523.25 - 1) < 0.003


def test_bad_files_are_refused_with_a_message(tmp_path):
    good = write_sf2(tmp_path / "sine.sf2").read_bytes()
    cases = {"not.sf2": b"RIFF\x04\x00\x00\x00WAVE", "cut.sf2": good[: len(good) // 2], "empty.sf2": b""}
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(SoundFontError):
            SoundFont(tmp_path / name)
    with pytest.raises(SoundFontError, match="SF3"):
        SoundFont(write_sf2(tmp_path / "compressed.sf2", sample_kind=0x11))
    with pytest.raises(SoundFontError, match="Could not open"):
        SoundFont(tmp_path / "missing.sf2")
