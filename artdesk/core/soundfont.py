"""SoundFont 2 (.sf2) playback for the built-in synthesizer: numpy only, no native library.

What is honoured: presets and banks, preset and instrument zones (global zones, key and velocity
ranges, all matching zones layered, so stereo pairs mix down to mono), sample start/end/loop offsets,
loop modes, root key, coarse/fine tune, scale tuning, pitch correction, initial attenuation, and the
volume envelope (delay, attack, hold, decay, sustain, release). What is not: modulators, filters,
LFOs, the modulation envelope, chorus/reverb, and compressed SF3 samples (refused with a message).
Sample data is memory-mapped, so opening a large SoundFont is quick.
"""
from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from artdesk.core.errors import ArtdeskError

MAX_RELEASE_SECONDS = 2.0
ZONE_VELOCITY = 100  # zones are chosen for this velocity; the note's velocity scales its loudness

# generator numbers (SoundFont 2.04, section 8.1.2)
START_OFFSET, END_OFFSET, LOOP_START_OFFSET, LOOP_END_OFFSET = 0, 1, 2, 3
START_COARSE, END_COARSE, LOOP_START_COARSE, LOOP_END_COARSE = 4, 12, 45, 50
DELAY, ATTACK, HOLD, DECAY, SUSTAIN, RELEASE = 33, 34, 35, 36, 37, 38
INSTRUMENT, KEY_RANGE, VEL_RANGE, ATTENUATION = 41, 43, 44, 48
COARSE_TUNE, FINE_TUNE, SAMPLE_ID, SAMPLE_MODES, SCALE_TUNING, ROOT_KEY = 51, 52, 53, 54, 56, 58
RANGES = (KEY_RANGE, VEL_RANGE)
UNSIGNED = (INSTRUMENT, SAMPLE_ID, SAMPLE_MODES)
ENVELOPE_TIMES = (DELAY, ATTACK, HOLD, DECAY, RELEASE)
ADDITIVE = (*ENVELOPE_TIMES, SUSTAIN, ATTENUATION, COARSE_TUNE, FINE_TUNE)  # preset values add to instrument values
DEFAULTS = {DELAY: -12000, ATTACK: -12000, HOLD: -12000, DECAY: -12000, SUSTAIN: 0, RELEASE: -12000,
            KEY_RANGE: (0, 127), VEL_RANGE: (0, 127), ATTENUATION: 0, COARSE_TUNE: 0, FINE_TUNE: 0,
            SAMPLE_MODES: 0, SCALE_TUNING: 100, ROOT_KEY: -1, START_OFFSET: 0, END_OFFSET: 0,
            LOOP_START_OFFSET: 0, LOOP_END_OFFSET: 0, START_COARSE: 0, END_COARSE: 0,
            LOOP_START_COARSE: 0, LOOP_END_COARSE: 0}


class SoundFontError(ArtdeskError):
    """A file that is not a usable SoundFont; the message says why."""


@dataclass(frozen=True)
class Sample:
    name: str
    start: int
    end: int
    loop_start: int
    loop_end: int
    rate: int
    root: int
    correction: int
    kind: int


@dataclass
class Zone:
    generators: dict[int, object] = field(default_factory=dict)

    def covers(self, key: int, velocity: int) -> bool:
        low, high = self.generators.get(KEY_RANGE, (0, 127))
        vlow, vhigh = self.generators.get(VEL_RANGE, (0, 127))
        return low <= key <= high and vlow <= velocity <= vhigh


@dataclass(frozen=True)
class Preset:
    name: str
    bank: int
    program: int
    zones: tuple[Zone, ...]
    global_zone: Zone

    @property
    def label(self) -> str:
        return f"{self.bank:03d}:{self.program:03d} {self.name}"


@dataclass(frozen=True)
class Instrument:
    name: str
    zones: tuple[Zone, ...]
    global_zone: Zone


def _chunks(data: memoryview, offset: int, end: int):
    """(id, start, size) of each RIFF sub-chunk in data[offset:end]."""
    while offset + 8 <= end:
        chunk_id = bytes(data[offset:offset + 4])
        (size,) = struct.unpack_from("<I", data, offset + 4)
        start = offset + 8
        if start + size > end:
            raise SoundFontError(f"The SoundFont is truncated (chunk {chunk_id!r} runs past the end of the file).")
        yield chunk_id, start, size
        offset = start + size + (size & 1)


def _zones(bags: list[tuple[int, int]], gens: list[tuple[int, object]], first: int, last: int, terminal: int) -> tuple[list[Zone], Zone]:
    """The zones of bags [first, last); a first zone without the terminal generator is the global zone."""
    zones: list[Zone] = []
    global_zone = Zone()
    for bag in range(first, last):
        if bag + 1 >= len(bags):
            raise SoundFontError("The SoundFont's zone lists are damaged.")
        generators = dict(gens[bags[bag][0]:bags[bag + 1][0]])
        zone = Zone(generators)
        if terminal in generators:
            zones.append(zone)
        elif bag == first:
            global_zone = zone
    return zones, global_zone


class SoundFont:
    """An opened .sf2 file: ``presets`` to choose from and ``render_note`` to play one note."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            raw = np.memmap(self.path, dtype=np.uint8, mode="r")
        except (OSError, ValueError) as error:
            raise SoundFontError(f"Could not open {self.path.name}: {getattr(error, 'strerror', None) or error}.") from error
        data = memoryview(raw)
        if len(data) < 12 or bytes(data[:4]) != b"RIFF" or bytes(data[8:12]) != b"sfbk":
            raise SoundFontError(f"{self.path.name} is not a SoundFont 2 file (no RIFF sfbk header).")
        lists: dict[bytes, tuple[int, int]] = {}
        for chunk_id, start, size in _chunks(data, 12, len(data)):
            if chunk_id == b"LIST" and size >= 4:
                lists[bytes(data[start:start + 4])] = (start + 4, start + size)
        if b"sdta" not in lists or b"pdta" not in lists:
            raise SoundFontError(f"{self.path.name} has no sample data or no preset data; it is damaged.")
        self.samples_pcm = np.zeros(0, dtype="<i2")
        for chunk_id, start, size in _chunks(data, *lists[b"sdta"]):
            if chunk_id == b"smpl":
                self.samples_pcm = np.frombuffer(raw, dtype="<i2", count=size // 2, offset=start)
        pdta = {chunk_id: (start, size) for chunk_id, start, size in _chunks(data, *lists[b"pdta"])}
        try:
            self._parse_pdta(data, pdta)
        except (struct.error, KeyError, IndexError) as error:
            raise SoundFontError(f"The preset data of {self.path.name} is damaged ({error}).") from error
        if not self.presets:
            raise SoundFontError(f"{self.path.name} holds no presets.")
        self._raw = raw

    def _records(self, data, pdta, name: bytes, fmt: str) -> list[tuple]:
        start, size = pdta[name]
        step = struct.calcsize(fmt)
        return [struct.unpack_from(fmt, data, start + i * step) for i in range(size // step)]

    def _generators(self, data, pdta, name: bytes) -> list[tuple[int, object]]:
        out = []
        for operator, low, high in self._records(data, pdta, name, "<HBB"):
            if operator in RANGES:
                value: object = (low, high)
            elif operator in UNSIGNED:
                value = low | high << 8
            else:
                value = struct.unpack("<h", bytes((low, high)))[0]
            out.append((operator, value))
        return out

    def _parse_pdta(self, data, pdta) -> None:
        def text(raw: bytes) -> str:
            return raw.split(b"\0", 1)[0].decode("latin-1").strip()

        headers = self._records(data, pdta, b"phdr", "<20sHHHIII")
        pbag = [(g, m) for g, m in self._records(data, pdta, b"pbag", "<HH")]
        pgen = self._generators(data, pdta, b"pgen")
        inst = self._records(data, pdta, b"inst", "<20sH")
        ibag = [(g, m) for g, m in self._records(data, pdta, b"ibag", "<HH")]
        igen = self._generators(data, pdta, b"igen")
        shdr = self._records(data, pdta, b"shdr", "<20sIIIIIBbHH")
        self.samples = [Sample(text(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[9]) for r in shdr[:-1]]
        if any(s.kind & 0x10 for s in self.samples):
            raise SoundFontError(f"{self.path.name} is a compressed SoundFont (SF3); use an uncompressed .sf2 file.")
        self.instruments = []
        for index in range(len(inst) - 1):
            zones, global_zone = _zones(ibag, igen, inst[index][1], inst[index + 1][1], SAMPLE_ID)
            self.instruments.append(Instrument(text(inst[index][0]), tuple(zones), global_zone))
        self.presets: list[Preset] = []
        for index in range(len(headers) - 1):
            name, program, bank, bag = text(headers[index][0]), headers[index][1], headers[index][2], headers[index][3]
            zones, global_zone = _zones(pbag, pgen, bag, headers[index + 1][3], INSTRUMENT)
            self.presets.append(Preset(name, bank, program, tuple(zones), global_zone))
        self.presets.sort(key=lambda p: (p.bank, p.program))

    def layers(self, preset: Preset, key: int, velocity: int = ZONE_VELOCITY) -> list[tuple[Sample, dict[int, object]]]:
        """Every (sample, generators) sounding for ``key``: instrument values, plus preset values where additive."""
        out = []
        for pzone in preset.zones:
            pgens = {**preset.global_zone.generators, **pzone.generators}
            if not Zone(pgens).covers(key, velocity):
                continue
            index = int(pgens[INSTRUMENT])
            if index >= len(self.instruments):
                continue
            instrument = self.instruments[index]
            for izone in instrument.zones:
                gens = {**DEFAULTS, **instrument.global_zone.generators, **izone.generators}
                if not Zone(gens).covers(key, velocity) or int(gens[SAMPLE_ID]) >= len(self.samples):
                    continue
                for operator in ADDITIVE:
                    if operator in pgens:
                        gens[operator] = int(gens[operator]) + int(pgens[operator])
                out.append((self.samples[int(gens[SAMPLE_ID])], gens))
        return out

    def render_note(self, preset: Preset, key: int, gate: int, sr: int) -> np.ndarray:
        """One note of ``gate`` samples plus its release, at ``sr``; silence if the preset has nothing for ``key``."""
        layers = self.layers(preset, key)
        release = max((_seconds(int(g[RELEASE])) for _, g in layers), default=0.0)
        n = gate + int(min(MAX_RELEASE_SECONDS, release) * sr) + 1
        out = np.zeros(n, dtype=np.float32)
        for sample, gens in layers:
            out += self._render_layer(sample, gens, key, gate, n, sr)
        return out

    def _render_layer(self, sample: Sample, g: dict[int, object], key: int, gate: int, n: int, sr: int) -> np.ndarray:
        start = sample.start + int(g[START_OFFSET]) + 32768 * int(g[START_COARSE])
        end = sample.end + int(g[END_OFFSET]) + 32768 * int(g[END_COARSE])
        loop_start = sample.loop_start + int(g[LOOP_START_OFFSET]) + 32768 * int(g[LOOP_START_COARSE])
        loop_end = sample.loop_end + int(g[LOOP_END_OFFSET]) + 32768 * int(g[LOOP_END_COARSE])
        start, end = max(0, start), min(len(self.samples_pcm) - 1, end)
        if end - start < 2 or sample.rate <= 0:
            return np.zeros(n, dtype=np.float32)
        root = int(g[ROOT_KEY]) if 0 <= int(g[ROOT_KEY]) <= 127 else sample.root
        cents = (key - root) * int(g[SCALE_TUNING]) + 100 * int(g[COARSE_TUNE]) + int(g[FINE_TUNE]) + sample.correction
        ratio = 2.0 ** (cents / 1200.0) * sample.rate / sr  # source samples per output sample
        pcm = self.samples_pcm[start:end + 1].astype(np.float32) / 32768.0
        position = np.arange(n, dtype=np.float64) * ratio
        looping = int(g[SAMPLE_MODES]) & 1 and start <= loop_start < loop_end <= end
        length = len(pcm) - 1
        if looping:
            ls, le = loop_start - start, loop_end - start
            beyond = position >= le
            position[beyond] = ls + np.mod(position[beyond] - ls, le - ls)
        else:
            position = np.minimum(position, length)
        index = position.astype(np.int64)
        np.minimum(index, length - 1, out=index)
        frac = (position - index).astype(np.float32)
        audio = pcm[index] * (1.0 - frac) + pcm[index + 1] * frac
        if not looping:
            audio[np.arange(n) * ratio >= length] = 0.0
        return audio * _envelope(g, gate, n, sr) * np.float32(10.0 ** (-int(g[ATTENUATION]) / 200.0))


def _seconds(timecents: int) -> float:
    return 0.0 if timecents <= -12000 else 2.0 ** (timecents / 1200.0)


def _envelope(g: dict[int, object], gate: int, n: int, sr: int) -> np.ndarray:
    """The SoundFont volume envelope: delay, linear attack, hold, decay and release in decibels."""
    env = np.zeros(n, dtype=np.float32)
    sustain_db = -min(1440, max(0, int(g[SUSTAIN]))) / 10.0
    position = 0
    segments = []
    for name in (DELAY, ATTACK, HOLD, DECAY):
        length = int(_seconds(int(g[name])) * sr)
        segments.append((name, position, position + length))
        position += length
    t = np.arange(n)
    for name, begin, stop in segments:
        span = slice(begin, min(stop, n))
        if begin >= n:
            break
        if name == ATTACK:
            env[span] = (t[span] - begin) / max(1, stop - begin)
        elif name == HOLD:
            env[span] = 1.0
        elif name == DECAY:  # 100 dB over the decay time, stopping at the sustain level
            db = np.maximum(-100.0 * (t[span] - begin) / max(1, stop - begin), sustain_db)
            env[span] = 10.0 ** (db / 20.0)
    if position < n:
        env[position:] = 10.0 ** (sustain_db / 20.0)
    if gate < n:
        level = float(env[gate - 1]) if gate > 0 else 0.0
        release = max(1, int(_seconds(int(g[RELEASE])) * sr))
        start_db = 20 * math.log10(level) if level > 1e-5 else -100.0
        db = start_db - 100.0 * (t[gate:] - gate) / release
        env[gate:] = np.where(db > -100.0, 10.0 ** (db / 20.0), 0.0)
    return env


def soundfont_instrument(soundfont: SoundFont, preset: Preset):
    """A synth ``Instrument`` playing ``preset`` of ``soundfont``."""
    from artdesk.core.synth import Instrument as SynthInstrument

    def render(freq: float, gate: int, sr: int) -> np.ndarray:
        key = int(round(69 + 12 * math.log2(freq / 440.0)))
        return soundfont.render_note(preset, key, gate, sr)

    return SynthInstrument(f"sf2:{soundfont.path.name}:{preset.bank}:{preset.program}",
                           f"{preset.name} ({soundfont.path.name})", render)


def open_soundfont(path: Path, ctx) -> SoundFont:
    """Job body: open a .sf2 file (reads its preset tables; samples stay memory-mapped). Reports once, no cancel point."""
    ctx.report(None, f"Opening {Path(path).name}…")
    return SoundFont(Path(path))
