"""A small built-in synthesizer: renders a Melody to float32 mono audio with numpy alone.

Timbres (``INSTRUMENTS``): ``piano`` (decaying, slightly inharmonic partials), ``plucked``
(Karplus-Strong string), ``organ`` (drawbar sines), ``square`` (soft band-limited square).
``MelodyRenderer`` streams audio block by block (playback pulls small blocks, loops seamlessly);
``render`` returns a whole melody; ``write_wav`` / ``render_wav`` save 16-bit PCM atomically.
Rendering is deterministic: the same melody and instrument give the same samples.
"""
from __future__ import annotations

import functools
import io
import json
import math
import struct
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import STEPS_PER_QUARTER, Melody, Note
from artdesk.core.record_schema import RecordError, parse_record

SAMPLE_RATE = 44100
TAIL_SECONDS = 0.5  # silence-to-be after the last note, for its release to ring out
MIN_TEMPO, MAX_TEMPO = 20.0, 400.0
MAX_SECONDS = 30 * 60  # refuse to render more than half an hour
MASTER_GAIN = 0.6


class SynthError(ArtdeskError):
    """The melody cannot be rendered (absurd tempo, far too long); the message says what to change."""


def midi_to_hz(pitch: float) -> float:
    return 440.0 * 2.0 ** ((pitch - 69.0) / 12.0)


def step_seconds(tempo_bpm: float) -> float:
    """Length of one 16th-note grid step in seconds."""
    return 60.0 / float(tempo_bpm) / STEPS_PER_QUARTER


def _release_envelope(n: int, release: int, curve: float = 5.0) -> np.ndarray:
    """1 for ``n - release`` samples, then an exponential fade to 0 over ``release`` samples."""
    env = np.ones(n, dtype=np.float32)
    if release > 0:
        env[n - release :] = np.exp(np.linspace(0.0, -curve, release, dtype=np.float32))
        env[-1] = 0.0
    return env


def _attack(env: np.ndarray, samples: int) -> None:
    samples = min(samples, len(env))
    if samples > 0:
        env[:samples] *= np.linspace(0.0, 1.0, samples, dtype=np.float32)


def _piano(freq: float, gate: int, sr: int) -> np.ndarray:
    """Struck string: partials with stretch (inharmonicity), higher partials dying faster.

    float32 throughout; each partial is computed only until it has decayed by 80 dB, and the
    per-partial decays come from one running product (``exp(-t/tau_k)`` = base * step^(k-1)).
    """
    release = int(0.12 * sr)
    n = gate + release
    t = np.arange(n, dtype=np.float32) / np.float32(sr)
    out = np.zeros(n, dtype=np.float32)
    scratch = np.empty(n, dtype=np.float32)
    tau0 = float(np.clip(1.6 * math.sqrt(261.6 / freq), 0.25, 3.0))
    spread = 0.6  # tau_k = tau0 / (1 + spread * (k - 1))
    decay = np.exp(t * np.float32(-1.0 / tau0))
    step = np.exp(t * np.float32(-spread / tau0))
    inharmonicity = 0.0004
    for k in range(1, 13):
        fk = freq * k * math.sqrt(1.0 + inharmonicity * k * k)
        if fk >= sr / 2.2:
            break
        tau = tau0 / (1.0 + spread * (k - 1))
        m = min(n, int(tau * 9.21 * sr) + 1)  # e^-9.21 = -80 dB
        buf = scratch[:m]
        np.multiply(t[:m], np.float32(2 * math.pi * fk), out=buf)
        buf += np.float32(0.3 * k)
        np.sin(buf, out=buf)
        buf *= decay[:m]
        buf *= np.float32(1.0 / k**1.3)
        out[:m] += buf
        if k < 12:
            decay[:m] *= step[:m]
    env = _release_envelope(n, release)
    _attack(env, int(0.003 * sr))
    return out * env


def _plucked(freq: float, gate: int, sr: int) -> np.ndarray:
    """Karplus-Strong: a plucked shape in a delay line of one period, averaged each pass.

    The initial shape is a triangle (a string pulled aside at one point) plus a little noise.
    The string is computed at a rate of exactly ``(period + 0.5) * freq`` (the two-point average
    adds half a sample of delay), so the pitch is exact, and resampled to ``sr``.
    """
    release = int(0.08 * sr)
    n = gate + release
    period = max(2, int(math.ceil(sr / freq)))
    internal_rate = (period + 0.5) * freq
    n_internal = int(math.ceil(n * internal_rate / sr)) + period + 2
    blocks = n_internal // period + 2
    rng = np.random.default_rng(int(round(freq * 1000)))  # deterministic per pitch
    y = np.empty(blocks * period)
    phase = np.arange(period) / period
    pluck_point = 0.27
    triangle = np.where(phase < pluck_point, phase / pluck_point, (1.0 - phase) / (1.0 - pluck_point))
    burst = triangle + 0.25 * rng.uniform(-1.0, 1.0, period)
    burst -= burst.mean()
    y[:period] = burst
    decay = 0.996 ** (440.0 / max(freq, 40.0)) ** 0.25  # longer sustain for low strings
    prev_last = 0.0
    for b in range(1, blocks):
        block = y[(b - 1) * period : b * period]
        shifted = np.empty(period)
        shifted[0] = prev_last
        shifted[1:] = block[:-1]
        prev_last = block[-1]
        y[b * period : (b + 1) * period] = decay * 0.5 * (block + shifted)
    src_t = np.arange(len(y)) / internal_rate
    out = np.interp(np.arange(n) / sr, src_t, y)
    env = _release_envelope(n, release)
    _attack(env, int(0.001 * sr))
    return out * env


WAVETABLE_SIZE = 1 << 14
_PHASE_SHIFT = 32 - 14  # a 32-bit phase accumulator; its top 14 bits index the table


@functools.lru_cache(maxsize=64)
def _wavetable(harmonics: tuple[tuple[int, float], ...]) -> np.ndarray:
    """One period of a sum of sines: (harmonic number, amplitude) pairs; cached (read-only, shared)."""
    phase = np.arange(WAVETABLE_SIZE) * (2 * math.pi / WAVETABLE_SIZE)
    table = np.zeros(WAVETABLE_SIZE)
    for number, amplitude in harmonics:
        table += amplitude * np.sin(number * phase)
    table = table.astype(np.float32)
    table.flags.writeable = False
    return table


def _oscillator(table: np.ndarray, freq: float, n: int, sr: int) -> np.ndarray:
    """``n`` samples of ``table`` played at ``freq`` by a 32-bit phase accumulator that wraps by itself.

    The increment is rounded to 1 part in 2**32 of a period: the pitch error is below 1e-6.
    """
    increment = np.uint32(int(round(freq / sr * (1 << 32))) & 0xFFFFFFFF)
    phase = np.arange(n, dtype=np.uint32)
    phase *= increment  # wraps modulo 2**32: one full period
    phase >>= np.uint32(_PHASE_SHIFT)
    return table[phase]


_DRAWBARS = ((1, 0.55), (2, 1.0), (3, 0.45), (4, 0.5), (6, 0.3), (8, 0.25), (12, 0.12))  # of the sub-octave


def _organ(freq: float, gate: int, sr: int) -> np.ndarray:
    """Drawbar organ: steady sines at sub-octave, fundamental and harmonics, gentle tremolo."""
    release = int(0.04 * sr)
    n = gate + release
    sub = freq / 2
    table = _wavetable(tuple((k, a) for k, a in _DRAWBARS if sub * k < sr / 2.2))
    out = _oscillator(table, sub, n, sr)
    t = np.arange(n, dtype=np.float32) / np.float32(sr)
    out *= 1.0 + 0.08 * np.sin(np.float32(2 * math.pi * 5.8) * t)
    env = _release_envelope(n, release)
    _attack(env, int(0.012 * sr))
    return out * env


def _square(freq: float, gate: int, sr: int) -> np.ndarray:
    """Soft square: odd harmonics (1/k, rolled off further), with an attack-decay-sustain envelope."""
    release = int(0.06 * sr)
    n = gate + release
    harmonics = tuple((k, math.exp(-k / 9.0) / k) for k in range(1, 32, 2) if freq * k < sr / 2.2)
    out = _oscillator(_wavetable(harmonics), freq, n, sr)
    t = np.arange(n, dtype=np.float32) / np.float32(sr)
    env = _release_envelope(n, release)
    env *= 0.7 + 0.3 * np.exp(t * np.float32(-1 / 0.12))
    _attack(env, int(0.008 * sr))
    return out * env


@dataclass(frozen=True)
class Instrument:
    name: str
    label: str
    render_note: Callable[[float, int, int], np.ndarray]  # (frequency Hz, gate samples, sample rate) -> audio


INSTRUMENTS: dict[str, Instrument] = {
    inst.name: inst
    for inst in (
        Instrument("piano", "Piano", _piano),
        Instrument("plucked", "Plucked string", _plucked),
        Instrument("organ", "Organ", _organ),
        Instrument("square", "Soft square", _square),
    )
}


def check_melody(melody: Melody) -> None:
    """Raise SynthError with a user message if ``melody`` cannot be rendered."""
    if not MIN_TEMPO <= float(melody.tempo_bpm) <= MAX_TEMPO:
        raise SynthError(
            f"The tempo {melody.tempo_bpm:g} BPM is outside {MIN_TEMPO:g}-{MAX_TEMPO:g} BPM; set a tempo in that range."
        )
    seconds = melody.length_steps * step_seconds(melody.tempo_bpm)
    if seconds > MAX_SECONDS:
        raise SynthError(f"The melody lasts {seconds / 60:.0f} minutes; the synthesizer renders at most {MAX_SECONDS // 60}.")


class MelodyRenderer:
    """Streams a melody as float32 audio: ``read(n)`` returns the next ``n`` samples.

    Without ``loop`` the stream ends ``TAIL_SECONDS`` after the last note (``read`` then returns
    fewer samples, finally none). With ``loop`` the melody repeats every ``loop_steps`` steps
    (default: its length rounded up to whole bars) forever, release tails carried across the seam.
    Rendered notes are cached, so repeated notes cost nothing.
    """

    def __init__(
        self,
        melody: Melody,
        instrument: "str | Instrument" = "piano",
        sample_rate: int = SAMPLE_RATE,
        loop: bool = False,
        loop_steps: int | None = None,
        tail_seconds: float = TAIL_SECONDS,
    ) -> None:
        check_melody(melody)
        if isinstance(instrument, Instrument):
            self.instrument = instrument  # e.g. a SoundFont preset (artdesk.core.soundfont)
        elif instrument in INSTRUMENTS:
            self.instrument = INSTRUMENTS[instrument]
        else:
            raise SynthError(f"Unknown instrument {instrument!r}; choose one of: {', '.join(INSTRUMENTS)}.")
        self.melody = melody
        self.sample_rate = int(sample_rate)
        self.loop = loop
        self.samples_per_step = step_seconds(melody.tempo_bpm) * self.sample_rate
        bar = melody.steps_per_bar
        steps = loop_steps if loop_steps is not None else max(bar, -(-melody.length_steps // bar) * bar)
        self.loop_samples = max(1, int(round(steps * self.samples_per_step)))
        self._notes = sorted(melody.notes, key=lambda note: note.start)
        self._starts = np.array([self._sample(n.start) for n in self._notes], dtype=np.int64)
        self._cache: dict[tuple[int, int], np.ndarray] = {}
        longest_gate = max((self._sample(n.end) - self._sample(n.start) for n in self._notes), default=0)
        self._ring_bound = longest_gate + self.sample_rate  # no note sounds longer than its gate + 1 s of release
        last_end = max((self._sample(n.end) for n in self._notes), default=0)
        self.length_samples = None if loop else last_end + int(round(tail_seconds * self.sample_rate))
        self.position = 0  # next sample to be read, counted from the start (grows past loop seams)

    def _sample(self, step: int) -> int:
        return int(round(step * self.samples_per_step))

    def _note_audio(self, note: Note) -> np.ndarray:
        gate = max(1, self._sample(note.end) - self._sample(note.start))
        key = (note.pitch, gate)
        audio = self._cache.get(key)
        if audio is None:
            raw = self.instrument.render_note(midi_to_hz(note.pitch), gate, self.sample_rate)
            peak = float(np.max(np.abs(raw))) or 1.0
            audio = (raw / peak).astype(np.float32)
            self._cache[key] = audio
        return audio

    def seek(self, sample: int) -> None:
        self.position = max(0, int(sample))

    def seek_step(self, step: float) -> None:
        self.seek(int(round(step * self.samples_per_step)))

    def position_step(self) -> float:
        """The read position in grid steps, within the loop when looping."""
        position = self.position % self.loop_samples if self.loop else self.position
        return position / self.samples_per_step

    @property
    def finished(self) -> bool:
        return self.length_samples is not None and self.position >= self.length_samples

    def read(self, count: int) -> np.ndarray:
        start = self.position
        stop = start + max(0, int(count))
        if self.length_samples is not None:
            stop = min(stop, self.length_samples)
        if stop <= start:
            return np.zeros(0, dtype=np.float32)
        out = np.zeros(stop - start, dtype=np.float32)
        if self.loop:
            period = self.loop_samples
            first = max(0, (start - self._ring_bound) // period)
            for iteration in range(first, stop // period + 1):
                self._mix(out, start, stop, iteration * period, limit=period)
        else:
            self._mix(out, start, stop, 0, limit=None)
        self.position = stop
        np.clip(out, -1.0, 1.0, out=out)
        return out

    def _mix(self, out: np.ndarray, start: int, stop: int, offset: int, limit: int | None) -> None:
        """Add the notes of one pass (shifted by ``offset``) that sound within [start, stop)."""
        # notes are sorted by start: only those starting in [start - longest sound, stop) can sound here
        first = int(np.searchsorted(self._starts, start - offset - self._ring_bound, side="left"))
        last = int(np.searchsorted(self._starts, stop - offset, side="left"))
        if limit is not None:
            last = min(last, int(np.searchsorted(self._starts, limit, side="left")))
        for index in range(first, last):
            note = self._notes[index]
            audio = self._note_audio(note)
            begin = int(self._starts[index]) + offset
            end = begin + len(audio)
            if end <= start:
                continue
            lo, hi = max(begin, start), min(end, stop)
            gain = MASTER_GAIN * (0.35 + 0.65 * note.velocity / 127.0)
            out[lo - start : hi - start] += gain * audio[lo - begin : hi - begin]


def render(melody: Melody, instrument: "str | Instrument" = "piano", sample_rate: int = SAMPLE_RATE, tail_seconds: float = TAIL_SECONDS) -> np.ndarray:
    """The whole melody as float32 mono samples in [-1, 1], ending ``tail_seconds`` after its last note."""
    renderer = MelodyRenderer(melody, instrument, sample_rate, tail_seconds=tail_seconds)
    return renderer.read(renderer.length_samples or 0)


def duration_seconds(melody: Melody, tail_seconds: float = TAIL_SECONDS) -> float:
    """How long ``render`` output lasts, in seconds."""
    return melody.length_steps * step_seconds(melody.tempo_bpm) + tail_seconds


PROVENANCE_PREFIX = "artdesk:"


def wav_bytes(audio: np.ndarray, sample_rate: int = SAMPLE_RATE, provenance: dict | None = None) -> bytes:
    """16-bit mono PCM WAV file contents for float samples in [-1, 1].

    ``provenance`` goes in a ``LIST/INFO`` chunk after the audio (``ICMT`` = "artdesk:" + JSON,
    ``ISFT`` = artdesk), which players ignore and ``read_wav_provenance`` reads back.
    """
    pcm = (np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0) * 32767.0).round().astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(int(sample_rate))
        handle.writeframes(pcm.tobytes())
    data = buffer.getvalue()
    if not provenance:
        return data
    info = b"INFO"
    for key, text in ((b"ISFT", "artdesk"), (b"ICMT", PROVENANCE_PREFIX + json.dumps(provenance, sort_keys=True, default=str))):
        raw = text.encode("utf-8") + b"\0"
        info += key + struct.pack("<I", len(raw)) + raw + (b"\0" if len(raw) % 2 else b"")
    data += b"LIST" + struct.pack("<I", len(info)) + info
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def read_wav_provenance(path: Path) -> dict | None:
    """The provenance ``wav_bytes`` stored in a WAV file, or None."""
    data = Path(path).read_bytes()
    offset = 12
    while offset + 8 <= len(data):
        chunk, size = data[offset:offset + 4], struct.unpack_from("<I", data, offset + 4)[0]
        body = data[offset + 8:offset + 8 + size]
        if chunk == b"LIST" and body[:4] == b"INFO":
            inner = 4
            while inner + 8 <= len(body):
                key, length = body[inner:inner + 4], struct.unpack_from("<I", body, inner + 4)[0]
                text = body[inner + 8:inner + 8 + length].rstrip(b"\0").decode("utf-8", "replace")
                if key == b"ICMT" and text.startswith(PROVENANCE_PREFIX):
                    try:
                        return parse_record(text[len(PROVENANCE_PREFIX):], f"{Path(path).name}'s provenance")
                    except RecordError:
                        return None
                inner += 8 + length + (length & 1)
        offset += 8 + size + (size & 1)
    return None


def write_wav(path: Path, audio: np.ndarray, sample_rate: int = SAMPLE_RATE, provenance: dict | None = None) -> Path:
    """Save ``audio`` as a WAV file atomically (a failed write leaves any old file intact)."""
    atomic_write_bytes(Path(path), wav_bytes(audio, sample_rate, provenance))
    return Path(path)


def render_wav(melody: Melody, path: Path, instrument: "str | Instrument" = "piano", sample_rate: int = SAMPLE_RATE) -> Path:
    """Render ``melody`` and save it as a WAV file atomically."""
    if not melody.notes:
        raise SynthError("The melody has no notes; there is nothing to export.")
    return write_wav(path, render(melody, instrument, sample_rate), sample_rate, wav_provenance(melody, instrument))


def wav_provenance(melody: Melody, instrument) -> dict:
    """The melody's provenance plus how the audio was made."""
    name = instrument.name if isinstance(instrument, Instrument) else str(instrument)
    return {**dict(melody.metadata.get("provenance", {})), "audio": {"synth": name, "tempo_bpm": melody.tempo_bpm}}
