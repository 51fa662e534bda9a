"""The ABC reader against hand-worked answers."""
import pytest

from artdesk.core.abc_io import key_signature, parse_tune, read_abc_file, split_tunes

TUNE = """X: 1
T: Test Jig
M: 6/8
L: 1/8
K: D
A | d>ed c-c^c | =c2 [DFA]3/2 z/ (3efg |
"Am"{g}f2- f A,B,C ||
"""


def test_notes_key_accidentals_ties_broken_rhythm_tuplets_chords_and_pickup():
    melody = parse_tune(TUNE)
    assert melody.time_signature == (6, 8) and melody.metadata["title"] == "Test Jig"
    got = [(n.pitch, n.start, n.duration) for n in melody.notes]
    # pickup A (one eighth) sits at the end of a 12-step bar: shift 10
    assert got[:4] == [(69, 10, 2), (74, 12, 3), (76, 15, 1), (74, 16, 2)]
    # c-c is a tie (C# from the key), ^c then =c in the same bar, chord keeps its top note
    assert got[4:8] == [(73, 18, 4), (73, 22, 2), (72, 24, 4), (69, 28, 3)]
    # triplet of eighths: three notes in the time of two; then the tied f and the low A, B, C#
    assert [g[0] for g in got[8:]] == [76, 78, 79, 78, 57, 59, 61]
    assert got[11] == (78, 36, 6)


def test_keys_with_modes():
    assert key_signature("G") == {"F": 1}
    assert key_signature("Gm") == {"B": -1, "E": -1}
    assert key_signature("Dmix") == {"F": 1}
    assert key_signature("E dorian") == {"F": 1, "C": 1}
    assert key_signature("Ador") == {"F": 1}
    assert key_signature("none") == {}


def test_file_with_several_tunes_skips_broken_ones():
    text = TUNE + "\nX: 2\nT: No key\nabc\n\n" + TUNE.replace("X: 1", "X: 3")
    assert len(split_tunes(text)) == 3
    assert len(read_abc_file(text)) == 2


def test_several_voices_are_refused():
    with pytest.raises(ValueError):
        parse_tune("X:1\nM:4/4\nL:1/4\nK:C\nV:1\nCDEF|\nV:2\nC,D,E,F,|\n")
