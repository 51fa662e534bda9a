"""Reading ABC notation (single-voice tunes) into melodies, beside ``midi_io.py``; the music corpus is prepared with it.

It reads what the O'Neill, Ryan, Aird and miscFolk books use: header fields, keys with modes, unit
lengths, metres, accidentals that last to the bar line, ties, broken rhythm, tuplets, chords (top note),
and skips grace notes, decorations, annotations and slurs. Repeats are not expanded. A pickup bar is
aligned so that the first bar line falls on a bar start. It is about 50x faster than music21's parser,
which made preparing the corpus take most of an hour on a shared two-core machine.
"""
from __future__ import annotations

import re
from fractions import Fraction

from artdesk.core.melody import Melody, Note

LETTER_SEMITONE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
SHARP_ORDER = "FCGDAEB"
# semitones from the relative major's tonic up to the mode's tonic
MODE_OFFSETS = {"maj": 0, "ion": 0, "": 0, "m": 9, "min": 9, "aeo": 9, "mix": 7, "dor": 2, "phr": 4, "lyd": 5, "loc": 11}
MAJOR_SHARPS = {"C": 0, "G": 1, "D": 2, "A": 3, "E": 4, "B": 5, "F#": 6, "C#": 7, "F": -1, "Bb": -2, "Eb": -3,
                "Ab": -4, "Db": -5, "Gb": -6, "Cb": -7}
_NOTE = re.compile(r"(\^\^|\^|__|_|=)?([A-Ga-gzxZ])([,']*)(\d*)(/*)(\d*)")
_TUPLET = re.compile(r"\((\d)(?::(\d?))?(?::(\d?))?")


class AbcError(ValueError):
    pass


def key_signature(text: str) -> dict[str, int]:
    """Letter -> semitone alteration for a K: field such as ``G``, ``Gm``, ``Dmix``, ``E dorian``, ``HP``."""
    text = text.strip().split("%")[0].strip()
    if not text or text.lower().startswith("none"):
        return {}
    if text in ("HP", "Hp"):
        return {"F": 1, "C": 1} if text == "Hp" else {}
    match = re.match(r"([A-G])([#b]?)\s*([A-Za-z]*)", text)
    if not match:
        raise AbcError(f"unknown key {text!r}")
    tonic = match.group(1) + match.group(2)
    mode = match.group(3).lower()[:3]
    if mode not in MODE_OFFSETS:
        mode = "m" if match.group(3).lower().startswith("m") else ""
    relative_major = (LETTER_SEMITONE[tonic[0]] + {"#": 1, "b": -1, "": 0}[match.group(2)] - MODE_OFFSETS[mode]) % 12
    names = {0: "C", 7: "G", 2: "D", 9: "A", 4: "E", 11: "B", 6: "F#", 1: "Db", 5: "F", 10: "Bb", 3: "Eb", 8: "Ab"}
    sharps = MAJOR_SHARPS[names[relative_major]]
    if tonic == "C#" and MODE_OFFSETS[mode] == 0:
        sharps = 7
    alter = {}
    if sharps > 0:
        for letter in SHARP_ORDER[:sharps]:
            alter[letter] = 1
    elif sharps < 0:
        for letter in SHARP_ORDER[::-1][:-sharps]:
            alter[letter] = -1
    return alter


def _metre(text: str) -> tuple[int, int]:
    text = text.strip().split("%")[0].strip()
    if text == "C":
        return 4, 4
    if text == "C|":
        return 2, 2
    match = re.match(r"(\d+)\s*/\s*(\d+)", text)
    return (int(match.group(1)), int(match.group(2))) if match else (4, 4)


def split_tunes(text: str) -> list[str]:
    """The tunes of an ABC file, each starting at its ``X:`` line."""
    tunes, current = [], None
    for line in text.splitlines():
        if line.startswith("X:"):
            if current:
                tunes.append("\n".join(current))
            current = [line]
        elif current is not None:
            current.append(line)
    if current:
        tunes.append("\n".join(current))
    return tunes


def parse_tune(text: str) -> Melody:
    """One tune (from its ``X:`` line) as a Melody on the 16th grid; raises AbcError if unreadable."""
    title, metre, unit, key = "", None, None, {}
    body: list[str] = []
    in_body = False
    for raw in text.splitlines():
        line = raw.split("%")[0].rstrip() if not raw.startswith("%%") else ""
        if not line.strip():
            continue
        field = re.match(r"^([A-Za-z]):(.*)$", line)
        if field and not (in_body and field.group(1) in "|"):
            name, value = field.group(1), field.group(2)
            if name == "T" and not title:
                title = value.strip()
            elif name == "M":
                if metre is None or not in_body:
                    metre = _metre(value)
                else:
                    body.append(f"[M:{value}]")
            elif name == "L":
                numerator, _, denominator = value.strip().partition("/")
                unit = Fraction(int(numerator), int(denominator or 1))
            elif name == "K":
                if in_body:
                    body.append(f"[K:{value}]")
                else:
                    key = key_signature(value)
                    in_body = True
            elif name == "V" and in_body:
                raise AbcError("several voices")
            continue
        if in_body:
            body.append(line)
    if not in_body:
        raise AbcError("no K: field")
    metre = metre or (4, 4)
    if unit is None:
        unit = Fraction(1, 16) if Fraction(*metre) < Fraction(3, 4) else Fraction(1, 8)
    notes, first_bar = _parse_body(" ".join(body), key, unit)
    if len(notes) < 2:
        raise AbcError("fewer than 2 notes")
    bar = Fraction(metre[0], metre[1])
    shift = bar - first_bar if first_bar is not None and 0 < first_bar < bar else Fraction(0)
    melody_notes = []
    for pitch, start, end in notes:
        s, e = int(round((start + shift) * 16)), int(round((end + shift) * 16))
        if melody_notes and s <= melody_notes[-1].start:
            continue
        if melody_notes and melody_notes[-1].end > s:
            last = melody_notes[-1]
            melody_notes[-1] = Note(last.pitch, last.start, max(1, s - last.start))
        melody_notes.append(Note(pitch, s, max(1, e - s)))
    return Melody(tuple(melody_notes), 120.0, metre, {"title": title})


def _parse_body(body: str, key: dict[str, int], unit: Fraction):
    """[(pitch, start, end)] in whole notes, and the length of the first bar (for pickups)."""
    notes: list[list] = []
    time = Fraction(0)
    bar_accidentals: dict[tuple[str, int], int] = {}
    first_bar = None
    tie_pending = False
    broken = None  # factor for the next note from > or <
    tuplet_left, tuplet_factor = 0, Fraction(1)
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == '"':
            end = body.find('"', i + 1)
            i = n if end < 0 else end + 1
            continue
        if c in "!+":
            end = body.find(c, i + 1)
            i = i + 1 if end < 0 or end - i > 40 else end + 1
            continue
        if c == "{":
            end = body.find("}", i)
            i = n if end < 0 else end + 1
            continue
        if c == "[" and i + 2 < n and body[i + 1].isalpha() and body[i + 2] == ":":
            end = body.find("]", i)
            field, value = body[i + 1], body[i + 3:end if end >= 0 else n]
            if field == "K":
                key = key_signature(value)
            elif field == "L":
                numerator, _, denominator = value.strip().partition("/")
                unit = Fraction(int(numerator), int(denominator or 1))
            i = n if end < 0 else end + 1
            continue
        if c in "|:" or (c == "[" and i + 1 < n and body[i + 1] in "|123"):
            while i < n and body[i] in "|:[]123456789,." and not (body[i] == "[" and i + 1 < n and body[i + 1].isalpha()):
                if body[i] in "123456789" and i > 0 and body[i - 1] not in "|[:,":
                    break
                i += 1
            if first_bar is None and notes:
                first_bar = time
            bar_accidentals = {}
            continue
        if c == "(":
            match = _TUPLET.match(body, i)
            if match:
                p = int(match.group(1))
                q = int(match.group(2)) if match.group(2) else {2: 3, 3: 2, 4: 3, 6: 2, 8: 3}.get(p, 2)
                tuplet_left = int(match.group(3)) if match.group(3) else p
                tuplet_factor = Fraction(q, p)
                i = match.end()
            else:
                i += 1
            continue
        if c == "-":
            tie_pending = True
            i += 1
            continue
        if c in "><":
            count = 1
            while i + count < n and body[i + count] == c:
                count += 1
            dotted = 2 - Fraction(1, 2 ** count)
            short = Fraction(1, 2 ** count)
            if notes or time > 0:
                previous = notes[-1] if notes else None
                if previous is not None and previous[2] == time:
                    length = previous[2] - previous[1]
                    previous[2] = previous[1] + length * (dotted if c == ">" else short)
                    time = previous[2]
                broken = short if c == ">" else dotted
            i += count
            continue
        chord_top = None
        if c == "[":
            end = body.find("]", i)
            if end < 0:
                break
            pitches = []
            for match in _NOTE.finditer(body[i + 1:end]):
                if match.group(2) not in "zxZ":
                    pitches.append((match, _pitch(match, key, bar_accidentals)))
            i = end + 1
            if not pitches:
                continue
            chord_match, chord_top = max(pitches, key=lambda item: item[1])
            length = _length(chord_match, unit)
            tail = re.match(r"(\d*)(/*)(\d*)", body[i:])
            if tail and tail.group(0):
                length = length * _factor(tail.group(1), tail.group(2), tail.group(3))
                i += tail.end()
            pitch = chord_top
            is_rest = False
        else:
            match = _NOTE.match(body, i)
            if not match:
                i += 1
                continue
            i = match.end()
            is_rest = match.group(2) in "zxZ"
            if match.group(2) == "Z":
                continue  # multi-bar rests: not part of a tune's line
            pitch = None if is_rest else _pitch(match, key, bar_accidentals)
            length = _length(match, unit)
        if broken is not None:
            length *= broken
            broken = None
        if tuplet_left > 0:
            length *= tuplet_factor
            tuplet_left -= 1
        if is_rest:
            tie_pending = False
        elif tie_pending and notes and notes[-1][0] == pitch and notes[-1][2] == time:
            notes[-1][2] = time + length
            tie_pending = False
        else:
            tie_pending = False
            notes.append([pitch, time, time + length])
        time += length
    return [tuple(x) for x in notes], first_bar


def _factor(numerator: str, slashes: str, denominator: str) -> Fraction:
    value = Fraction(int(numerator)) if numerator else Fraction(1)
    if slashes:
        value /= int(denominator) if denominator else 2 ** len(slashes)
    return value


def _length(match: re.Match, unit: Fraction) -> Fraction:
    return unit * _factor(match.group(4), match.group(5), match.group(6))


def _pitch(match: re.Match, key: dict[str, int], bar_accidentals: dict[tuple[str, int], int]) -> int:
    accidental, letter, marks = match.group(1), match.group(2), match.group(3)
    upper = letter.upper()
    octave = 5 if letter.islower() else 4
    octave += marks.count("'") - marks.count(",")
    if accidental:
        alter = {"^": 1, "^^": 2, "_": -1, "__": -2, "=": 0}[accidental]
        bar_accidentals[(upper, octave)] = alter
    else:
        alter = bar_accidentals.get((upper, octave), key.get(upper, 0))
    return 12 * (octave + 1) + LETTER_SEMITONE[upper] + alter


def read_abc_file(text: str) -> list[Melody]:
    """Every readable tune of an ABC file (unreadable ones are skipped)."""
    melodies = []
    for tune in split_tunes(text):
        try:
            melodies.append(parse_tune(tune))
        except (AbcError, ValueError, ZeroDivisionError, KeyError):
            continue
    return melodies
