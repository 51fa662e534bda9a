"""Pure edits of a melody's notes (no Qt): every edit keeps the line monophonic.

A melody here is one line: where an edited note overlaps others, the edited note wins; the
others are shortened to end where it starts, or removed if nothing of them is left.
"""
from __future__ import annotations

from artdesk.core.melody import Melody, Note

MIN_PITCH, MAX_PITCH = 0, 127
MAX_STEP = 16 * 4 * 2000  # 2,000 bars of 4/4, as MIDI import allows


def clamp_note(note: Note) -> Note:
    pitch = min(MAX_PITCH, max(MIN_PITCH, note.pitch))
    start = min(MAX_STEP - 1, max(0, note.start))
    duration = min(MAX_STEP - start, max(1, note.duration))
    return Note(pitch, start, duration, min(127, max(1, note.velocity)))


def make_monophonic(notes: tuple[Note, ...] | list[Note], winners: tuple[Note, ...] | list[Note] = ()) -> tuple[Note, ...]:
    """``notes`` merged into one line, sorted by start; ``winners`` (a subset) keep their extent.

    Two notes starting on the same step keep the winner (or the later one in the list);
    an earlier note overlapping a later one is shortened to end where the later one starts;
    a non-winner starting inside a winner is removed.
    """
    winner_set = set(winners)
    by_start: dict[int, Note] = {}
    for note in notes:
        held = by_start.get(note.start)
        if held is None or held not in winner_set or note in winner_set:
            by_start[note.start] = note
    ordered = [by_start[s] for s in sorted(by_start)]
    result: list[Note] = []
    for note in ordered:
        if result and result[-1].end > note.start:
            previous = result[-1]
            if previous in winner_set and note not in winner_set:
                continue  # the edited note covers this one's start: it goes
            result[-1] = Note(previous.pitch, previous.start, note.start - previous.start, previous.velocity)
        result.append(note)
    return tuple(result)


def add_note(notes: tuple[Note, ...], note: Note) -> tuple[tuple[Note, ...], Note]:
    """``notes`` with ``note`` added (clamped into range); returns the new notes and the added note."""
    note = clamp_note(note)
    return make_monophonic((*notes, note), (note,)), note


def delete_notes(notes: tuple[Note, ...], selected: set[Note]) -> tuple[Note, ...]:
    return tuple(n for n in notes if n not in selected)


def move_notes(notes: tuple[Note, ...], selected: set[Note], d_step: int, d_pitch: int) -> tuple[tuple[Note, ...], tuple[Note, ...]]:
    """Move ``selected`` by (``d_step``, ``d_pitch``), kept inside the grid as a block.

    Returns the new notes and the moved notes (the new selection).
    """
    if not selected:
        return notes, ()
    d_step = max(d_step, -min(n.start for n in selected))
    d_pitch = max(MIN_PITCH - min(n.pitch for n in selected), min(MAX_PITCH - max(n.pitch for n in selected), d_pitch))
    moved = tuple(clamp_note(Note(n.pitch + d_pitch, n.start + d_step, n.duration, n.velocity)) for n in selected)
    rest = [n for n in notes if n not in selected]
    merged = make_monophonic((*rest, *moved), moved)
    return merged, tuple(n for n in merged if n in set(moved))


def resize_notes(notes: tuple[Note, ...], selected: set[Note], d_duration: int) -> tuple[tuple[Note, ...], tuple[Note, ...]]:
    """Lengthen (or shorten, never below one step) ``selected`` by ``d_duration`` steps."""
    if not selected:
        return notes, ()
    resized = tuple(clamp_note(Note(n.pitch, n.start, n.duration + d_duration, n.velocity)) for n in selected)
    rest = [n for n in notes if n not in selected]
    merged = make_monophonic((*rest, *resized), resized)
    return merged, tuple(n for n in merged if n in set(resized))


def transpose(melody: Melody, semitones: int) -> Melody:
    notes = tuple(clamp_note(Note(n.pitch + semitones, n.start, n.duration, n.velocity)) for n in melody.notes)
    return Melody(notes, melody.tempo_bpm, melody.time_signature, dict(melody.metadata))


def concatenate(melodies: list[Melody]) -> Melody:
    """One melody playing ``melodies`` one after another, each starting on a bar line."""
    if not melodies:
        return Melody()
    first = melodies[0]
    bar = first.steps_per_bar
    notes: list[Note] = []
    offset = 0
    for melody in melodies:
        notes += [Note(n.pitch, n.start + offset, n.duration, n.velocity) for n in melody.notes]
        offset += max(bar, -(-melody.length_steps // bar) * bar)
    return Melody(make_monophonic(notes), first.tempo_bpm, first.time_signature, dict(first.metadata))
