"""MIDI in and out for melodies (mido; no torch, no Qt).

``read_midi(path)`` picks the most melodic voice of a type 0 or 1 file (or the track you name),
reduces polyphony to its top line and quantizes it to the 16th-note grid of ``Melody``.
What was changed on the way in (polyphony reduced, notes clipped) is listed in
``melody.metadata["import_warnings"]`` so the UI can say so.
``write_midi(melody, path, settings)`` saves a type 1 file atomically, with a text meta event
``artdesk:{json}`` holding provenance and settings; ``read_midi`` restores it into
``melody.metadata["provenance"]``.
Every failure a file can cause raises ``MidiError`` (an ArtdeskError) with a message for the user.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.credentials.manifest import mark_unsigned, unmark
from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import STEPS_PER_QUARTER, Melody, Note
from artdesk.core.record_schema import read_record

MAX_FILE_BYTES = 512 * 1024  # a melody file is kilobytes; 512 KB is ~130,000 events, which mido reads in ~2 s
MIN_TEMPO_BPM = 10.0
MAX_TEMPO_BPM = 1000.0
MAX_STEPS = 16 * 4 * 2000  # 2,000 bars of 4/4
MAX_NOTE_STEPS = 16 * 8  # 8 bars of 4/4 (16 steps a bar): a longer note is a stuck or damaged one
MAX_TICK = 0x0FFFFFFF  # the largest delta time a MIDI file can hold (4 bytes of 7 bits)
PROVENANCE_PREFIX = "artdesk:"
DRUM_CHANNEL = 9
WRITE_TICKS_PER_BEAT = 480


class MidiError(ArtdeskError):
    """A MIDI file that cannot be read as a melody or cannot be written."""


@dataclass(frozen=True)
class Voice:
    """One candidate melody source in a file: a (track, channel) pair with notes."""

    track: int
    channel: int
    name: str
    note_count: int
    polyphony: float  # share of note onsets that overlap another note of the same voice
    mean_pitch: float

    @property
    def label(self) -> str:
        name = f" {self.name}" if self.name else ""
        return f"Track {self.track + 1}{name} (channel {self.channel + 1}, {self.note_count} notes)"


@dataclass
class _RawNote:
    pitch: int
    start: int  # ticks
    end: int
    velocity: int
    track: int
    channel: int


@dataclass
class _Parsed:
    notes: list[_RawNote]
    ticks_per_beat: int
    tempo_bpm: float
    time_signature: tuple[int, int] | None
    track_names: dict[int, str]
    provenance: dict[str, Any]  # {} when the file has none, or none that could be read (then a note says why)
    drum_notes: int
    notes_for_user: list[str]


def _load_file(path: Path):
    import mido

    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as error:
        raise MidiError(f"{path} does not exist.") from error
    except OSError as error:
        raise MidiError(f"Could not open {path}: {error.strerror or error}.") from error
    if size > MAX_FILE_BYTES:
        raise MidiError(
            f"{path.name} is {size / 2**20:.1f} MB; a melody file is at most {MAX_FILE_BYTES // 1024} KB. "
            "Choose a smaller MIDI file."
        )
    if size == 0:
        raise MidiError(f"{path.name} is empty (0 bytes); it is not a MIDI file.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MidiError(f"Could not read {path}: {error.strerror or error}.") from error
    if not data.startswith(b"MThd"):
        raise MidiError(f"{path.name} is not a MIDI file (it does not start with a MIDI header).")
    try:
        return mido.MidiFile(file=io.BytesIO(data), clip=True)
    except Exception as error:  # noqa: BLE001 (mido raises its own kinds on hostile bytes, e.g. KeySignatureError)
        detail = f" ({error})" if str(error).strip() else ""
        raise MidiError(f"{path.name} is damaged or truncated and cannot be read{detail}.") from error


def _parse(path: Path) -> _Parsed:
    midi = _load_file(path)
    name = Path(path).name
    if midi.type == 2:
        raise MidiError(
            f"{name} is a type 2 MIDI file (independent patterns), which artdesk cannot import. "
            "Export it from your sequencer as type 0 or 1."
        )
    if midi.ticks_per_beat <= 0:
        raise MidiError(f"{name} uses SMPTE time or has no ticks per beat; export it with a musical (PPQ) time base.")
    tempos: list[tuple[int, int]] = []  # (tick, microseconds per beat) from every track
    metres: list[tuple[int, tuple[int, int]]] = []
    track_names: dict[int, str] = {}
    provenance: dict[str, Any] = {}
    notes_for_user: list[str] = []
    notes: list[_RawNote] = []
    drum_notes = 0
    for track_index, track in enumerate(midi.tracks):
        tick = 0
        open_notes: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for message in track:
            tick += message.time
            kind = message.type
            if kind == "set_tempo":
                tempos.append((tick, message.tempo))
            elif kind == "time_signature":
                metres.append((tick, (message.numerator, message.denominator)))
            elif kind == "track_name":
                track_names.setdefault(track_index, message.name.strip())
            elif kind == "text" and message.text.startswith(PROVENANCE_PREFIX):
                provenance = read_record(message.text[len(PROVENANCE_PREFIX):], f"{name}'s provenance", notes_for_user)
            elif kind == "note_on" and message.velocity > 0:
                if message.channel == DRUM_CHANNEL:
                    drum_notes += 1
                    continue
                open_notes.setdefault((message.channel, message.note), []).append((tick, message.velocity))
            elif kind == "note_off" or (kind == "note_on" and message.velocity == 0):
                stack = open_notes.get((message.channel, message.note))
                if stack:
                    start, velocity = stack.pop(0)
                    notes.append(_RawNote(message.note, start, tick, velocity, track_index, message.channel))
        for (channel, pitch), stack in open_notes.items():  # notes never released end with their track
            for start, velocity in stack:
                if tick > start:
                    notes.append(_RawNote(pitch, start, tick, velocity, track_index, channel))
    if not notes:
        if drum_notes:
            raise MidiError(f"{name} holds only drums (channel 10); there is no melody to import.")
        raise MidiError(f"{name} holds no notes.")
    tempo_bpm = _starting_tempo(tempos, name, notes_for_user)
    time_signature = _starting_metre(metres, notes_for_user)
    return _Parsed(notes, midi.ticks_per_beat, tempo_bpm, time_signature, track_names, provenance, drum_notes,
                   notes_for_user)


def _at_start(events: list[tuple[int, Any]]) -> Any:
    """The value in effect at the first event's tick: the last one there, as players (pretty_midi, music21) do."""
    first = min(tick for tick, _ in events)
    return [value for tick, value in events if tick == first][-1]


def _starting_tempo(tempos: list[tuple[int, int]], name: str, notes: list[str]) -> float:
    if not tempos:
        return 120.0
    tempo = _at_start(tempos)
    if tempo <= 0:
        raise MidiError(f"{name} sets an impossible tempo (0 microseconds per beat).")
    bpm = 60_000_000 / tempo
    if not MIN_TEMPO_BPM <= bpm <= MAX_TEMPO_BPM:
        raise MidiError(
            f"{name} sets an absurd tempo of {bpm:.4g} BPM (artdesk accepts {MIN_TEMPO_BPM:.0f}-"
            f"{MAX_TEMPO_BPM:.0f}). The file is probably damaged; fix its tempo in your sequencer."
        )
    first = min(tick for tick, _ in tempos)
    if any(tick > first and value != tempo for tick, value in tempos):
        notes.append(f"The tempo changes during the piece; artdesk plays a melody at one tempo, "
                     f"so it uses the starting tempo, {bpm:.4g} BPM.")
    return bpm


def _starting_metre(metres: list[tuple[int, tuple[int, int]]], notes: list[str]) -> tuple[int, int] | None:
    if not metres:
        return None
    metre = _at_start(metres)
    changes = [value for _, value in sorted(metres, key=lambda event: event[0])]
    path = [value for index, value in enumerate(changes) if index == 0 or value != changes[index - 1]]
    if len(path) > 1:
        shown = " → ".join(f"{n}/{d}" for n, d in path[:6]) + (" …" if len(path) > 6 else "")
        notes.append(f"The metre changes during the piece ({shown}); a melody here has one metre, "
                     f"so artdesk uses {metre[0]}/{metre[1]} throughout.")
    return metre


def _voices(parsed: _Parsed) -> list[Voice]:
    groups: dict[tuple[int, int], list[_RawNote]] = {}
    for note in parsed.notes:
        groups.setdefault((note.track, note.channel), []).append(note)
    voices = []
    for (track, channel), group in sorted(groups.items()):
        group.sort(key=lambda n: (n.start, -n.pitch))
        overlapping = sum(1 for a, b in zip(group, group[1:]) if b.start < a.end - parsed.ticks_per_beat // 16)
        voices.append(Voice(track, channel, parsed.track_names.get(track, ""), len(group),
                            overlapping / max(1, len(group) - 1), sum(n.pitch for n in group) / len(group)))
    return voices


def _melodic_score(voice: Voice) -> float:
    """Higher for voices that look like a tune: many notes, little polyphony, mid-high register."""
    register = 1.0 - min(1.0, abs(voice.mean_pitch - 72) / 36)
    return min(voice.note_count, 400) / 400 + 2.0 * (1.0 - voice.polyphony) + register


def list_voices(path: Path) -> list[Voice]:
    """The candidate voices of a MIDI file, most melodic first (for a 'choose a track' list)."""
    return sorted(_voices(_parse(path)), key=_melodic_score, reverse=True)


def read_midi(path: Path, track: int | None = None) -> Melody:
    """Read the most melodic voice of ``path`` (or all notes of ``track``) as a quantized Melody.

    Raises MidiError for missing, huge, truncated, corrupt, type 2, drums-only, empty or absurd-tempo files.
    """
    parsed = _parse(Path(path))
    name = Path(path).name
    warnings: list[str] = list(parsed.notes_for_user)
    voices = _voices(parsed)
    if track is not None:
        chosen = [v for v in voices if v.track == track]
        if not chosen:
            raise MidiError(f"Track {track + 1} of {name} has no melodic notes; choose another track.")
        keys = {(v.track, v.channel) for v in chosen}
    else:
        best = max(voices, key=_melodic_score)
        keys = {(best.track, best.channel)}
        if len(voices) > 1:
            warnings.append(f"Used {best.label} as the melody; the file has {len(voices)} voices.")
    raw = [n for n in parsed.notes if (n.track, n.channel) in keys]
    ticks_per_step = parsed.ticks_per_beat / STEPS_PER_QUARTER
    by_start: dict[int, _RawNote] = {}
    chord_notes = fast_notes = 0
    for note in sorted(raw, key=lambda n: (n.start, -n.pitch)):
        step = int(round(note.start / ticks_per_step))
        if step in by_start:  # keep the top note of a chord; a note faster than a 16th gives way to the first
            if note.start < by_start[step].end:
                chord_notes += 1
            else:
                fast_notes += 1
            continue
        by_start[step] = note
    starts = sorted(by_start)
    notes: list[Note] = []
    clipped = capped = 0
    for index, step in enumerate(starts):
        note = by_start[step]
        if step >= MAX_STEPS:
            warnings.append(f"The melody was cut after {MAX_STEPS // 16} bars.")
            break
        end = max(step + 1, int(round(note.end / ticks_per_step)))
        if end - step > MAX_NOTE_STEPS:
            end = step + MAX_NOTE_STEPS
            capped += 1
        if index + 1 < len(starts) and end > starts[index + 1]:
            end = starts[index + 1]
            clipped += 1
        notes.append(Note(note.pitch, step, end - step, max(1, min(127, note.velocity))))
    if chord_notes or clipped:
        warnings.append(f"Polyphony was reduced to a single melody line ({chord_notes} chord notes dropped, "
                        f"{clipped} notes shortened).")
    if fast_notes:
        warnings.append(f"{fast_notes} notes faster than a 16th were left out (artdesk's grid is the 16th note).")
    if capped:
        warnings.append(f"{capped} notes longer than {MAX_NOTE_STEPS // 16} bars were shortened to "
                        f"{MAX_NOTE_STEPS // 16} bars (a stuck or damaged note).")
    if parsed.drum_notes:
        warnings.append(f"Ignored {parsed.drum_notes} drum notes.")
    numerator, denominator = parsed.time_signature or (4, 4)
    if denominator not in (1, 2, 4, 8, 16, 32) or not 1 <= numerator <= 32:
        warnings.append(f"Unusual time signature {numerator}/{denominator}; using 4/4.")
        numerator, denominator = 4, 4
    first = notes[0].start if notes else 0
    bar = (numerator * STEPS_PER_QUARTER * 4) // denominator or 16
    shift = (first // bar) * bar  # drop leading empty bars, keep the position within the bar
    notes = [Note(n.pitch, n.start - shift, n.duration, n.velocity) for n in notes]
    metadata: dict[str, Any] = {"source_file": str(path), "import_warnings": warnings}
    if parsed.provenance:
        metadata["provenance"] = unmark(parsed.provenance)
    return Melody(tuple(notes), round(parsed.tempo_bpm, 3), (numerator, denominator), metadata)


def melody_to_bytes(melody: Melody, settings: dict[str, Any] | None = None) -> bytes:
    """The type 1 MIDI file for ``melody``: a conductor track (tempo, metre, provenance) and one note track."""
    import mido

    if not 1 <= melody.tempo_bpm <= MAX_TEMPO_BPM:
        raise MidiError(f"Cannot save a tempo of {melody.tempo_bpm} BPM; choose one between 1 and {MAX_TEMPO_BPM:.0f}.")
    ticks_per_step = WRITE_TICKS_PER_BEAT // STEPS_PER_QUARTER
    midi = mido.MidiFile(type=1, ticks_per_beat=WRITE_TICKS_PER_BEAT)
    conductor = mido.MidiTrack()
    conductor.append(mido.MetaMessage("track_name", name=str(melody.metadata.get("title", "artdesk melody")), time=0))
    conductor.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(melody.tempo_bpm), time=0))
    numerator, denominator = melody.time_signature
    conductor.append(mido.MetaMessage("time_signature", numerator=numerator, denominator=denominator, time=0))
    record = melody.metadata.get("provenance")
    provenance = dict(record) if isinstance(record, dict) else {}
    if settings:
        provenance["settings"] = settings
    if provenance:
        text = PROVENANCE_PREFIX + json.dumps(mark_unsigned(provenance), sort_keys=True, ensure_ascii=True, default=str)
        conductor.append(mido.MetaMessage("text", text=text, time=0))
    midi.tracks.append(conductor)
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("track_name", name="Melody", time=0))
    events: list[tuple[int, int, int, int]] = []  # (tick, order, pitch, velocity); offs sort before ons
    for note in melody.notes:
        if not 0 <= note.pitch <= 127 or note.duration < 1 or note.start < 0:
            raise MidiError(f"Cannot save a note with pitch {note.pitch}, start {note.start}, duration {note.duration}.")
        if note.end * ticks_per_step > MAX_TICK:
            raise MidiError(f"Cannot save a note that ends {note.end // 16:,} bars in; a MIDI file reaches "
                            f"{MAX_TICK // ticks_per_step // 16:,} bars at most.")
        events.append((note.start * ticks_per_step, 1, note.pitch, max(1, min(127, note.velocity))))
        events.append((note.end * ticks_per_step, 0, note.pitch, 0))
    now = 0
    for tick, order, pitch, velocity in sorted(events):
        kind = "note_on" if order else "note_off"
        track.append(mido.Message(kind, note=pitch, velocity=velocity, channel=0, time=tick - now))
        now = tick
    midi.tracks.append(track)
    buffer = io.BytesIO()
    midi.save(file=buffer)
    return buffer.getvalue()


def write_midi(melody: Melody, path: Path, settings: dict[str, Any] | None = None) -> Path:
    """Save ``melody`` to ``path`` atomically; its ``metadata["provenance"]`` goes in a text meta event.

    ``settings``, when given, replaces the provenance's ``"settings"`` (what ``open`` restores).
    """
    atomic_write_bytes(Path(path), melody_to_bytes(melody, settings))
    return Path(path)
