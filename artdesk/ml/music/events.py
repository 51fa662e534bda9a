"""Melodies as 16th-note event sequences, keys and scales (numpy only, no torch).

One event per 16th step: ``HOLD`` (nothing new: the note sounds on, or the rest goes on),
``OFF`` (the sounding note stops), or ``note_on(pitch)`` for a pitch in [MIN_PITCH, MAX_PITCH).
"""
from __future__ import annotations

import numpy as np

from artdesk.core.melody import Melody, Note

HOLD = 0
OFF = 1
MIN_PITCH = 36  # C2
MAX_PITCH = 96  # C7, exclusive
NUM_PITCHES = MAX_PITCH - MIN_PITCH
VOCAB = 2 + NUM_PITCHES
PAD = VOCAB  # "before the start" / padding, an input-only token

KEY_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
MODES = ("major", "minor")
MAJOR_SCALE = (0, 2, 4, 5, 7, 9, 11)
MINOR_SCALE = (0, 2, 3, 5, 7, 8, 10, 11)  # natural minor plus the raised leading note (harmonic minor)

# Krumhansl-Kessler key profiles
_MAJOR_PROFILE = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
_MINOR_PROFILE = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])


def note_on(pitch: int) -> int:
    return 2 + pitch - MIN_PITCH


def event_pitch(event: int) -> int | None:
    return event - 2 + MIN_PITCH if 2 <= event < VOCAB else None


def fit_pitch(pitch: int) -> int:
    """Move ``pitch`` by octaves into the model's range."""
    while pitch < MIN_PITCH:
        pitch += 12
    while pitch >= MAX_PITCH:
        pitch -= 12
    return pitch


def melody_to_events(melody: Melody, length: int | None = None) -> np.ndarray:
    """The event sequence of ``melody`` (uint8), cut or padded with rests to ``length`` steps."""
    total = melody.length_steps if length is None else length
    events = np.full(total, HOLD, dtype=np.uint8)
    notes = sorted(melody.notes, key=lambda n: n.start)
    for index, note in enumerate(notes):
        if note.start >= total:
            break
        events[note.start] = note_on(fit_pitch(note.pitch))
        end = note.end
        next_start = notes[index + 1].start if index + 1 < len(notes) else None
        if end < total and (next_start is None or end < next_start):
            events[end] = OFF
    return events


def events_to_notes(events, velocity: int = 90) -> tuple[Note, ...]:
    notes: list[Note] = []
    pitch, start = None, 0
    for step, event in enumerate(list(int(e) for e in events) + [OFF]):
        if event == HOLD:
            continue
        if pitch is not None:
            notes.append(Note(pitch, start, step - start, velocity))
            pitch = None
        if event >= 2:
            pitch, start = event_pitch(event), step
    return tuple(notes)


def events_to_melody(events, tempo_bpm: float = 120.0, time_signature=(4, 4), metadata=None) -> Melody:
    return Melody(events_to_notes(events), float(tempo_bpm), tuple(time_signature), dict(metadata or {}))


def pitch_class_weights(melody: Melody) -> np.ndarray:
    weights = np.zeros(12)
    for note in melody.notes:
        weights[note.pitch % 12] += note.duration
    return weights


def estimate_key(melody: Melody) -> tuple[int, str]:
    """(tonic pitch class, "major"|"minor") by correlating duration-weighted pitch classes with key profiles."""
    weights = pitch_class_weights(melody)
    if weights.sum() == 0:
        return 0, "major"
    best = (-2.0, 0, "major")
    for tonic in range(12):
        for mode, profile in (("major", _MAJOR_PROFILE), ("minor", _MINOR_PROFILE)):
            score = float(np.corrcoef(weights, np.roll(profile, tonic))[0, 1])
            if np.isfinite(score) and score > best[0]:
                best = (score, tonic, mode)
    return best[1], best[2]


def scale_pitch_classes(tonic: int, mode: str) -> set[int]:
    scale = MAJOR_SCALE if mode == "major" else MINOR_SCALE
    return {(tonic + degree) % 12 for degree in scale}


def scale_mask(tonic: int, mode: str) -> np.ndarray:
    """Boolean mask over events: True where allowed (HOLD, OFF and in-scale note-ons)."""
    allowed = scale_pitch_classes(tonic, mode)
    mask = np.ones(VOCAB, dtype=bool)
    for pitch in range(MIN_PITCH, MAX_PITCH):
        mask[note_on(pitch)] = pitch % 12 in allowed
    return mask


def key_index(name: str) -> int:
    aliases = {"Db": "C#", "D#": "Eb", "Gb": "F#", "G#": "Ab", "A#": "Bb"}
    name = aliases.get(name, name)
    if name not in KEY_NAMES:
        raise ValueError(f"unknown key {name!r}; choose one of {', '.join(KEY_NAMES)}")
    return KEY_NAMES.index(name)


def metre_id(time_signature: tuple[int, int]) -> int:
    """0: 4/4 or 2/2, 1: 3/4, 2: 6/8, 3: 2/4, 4: other (9/8, 12/8, ...)."""
    return {(4, 4): 0, (2, 2): 0, (3, 4): 1, (6, 8): 2, (2, 4): 3}.get(tuple(time_signature), 4)


def steps_per_bar(time_signature: tuple[int, int]) -> int:
    numerator, denominator = time_signature
    return max(1, numerator * 16 // denominator)
