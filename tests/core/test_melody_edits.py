"""Pure note edits of a melody (no Qt): every edit keeps the line monophonic."""
from artdesk.core.melody import Melody, Note
from artdesk.core.melody_edits import add_note, concatenate, make_monophonic, move_notes, resize_notes


def test_make_monophonic_trims_the_earlier_note_and_keeps_winners():
    a, b = Note(60, 0, 8), Note(62, 4, 4)
    assert make_monophonic([a, b]) == (Note(60, 0, 4), b)
    assert make_monophonic([a, b], winners=[a]) == (a,)  # b starts inside the edited note: it goes
    assert make_monophonic([Note(60, 0, 2), Note(64, 0, 2)], winners=[Note(60, 0, 2)]) == (Note(60, 0, 2),)


def test_add_clamps_into_range():
    notes, added = add_note((), Note(200, -3, 0, 500))
    assert added == Note(127, 0, 1, 127) and notes == (added,)


def test_move_keeps_the_block_inside_the_grid():
    notes = (Note(60, 2, 2), Note(125, 4, 2))
    moved_notes, moved = move_notes(notes, set(notes), -10, 5)
    assert moved == (Note(62, 0, 2), Note(127, 2, 2))  # clamped as a block: shape kept
    assert moved_notes == moved


def test_resize_never_below_one_step_and_trims_the_next():
    notes = (Note(60, 0, 4), Note(62, 4, 4))
    resized, _ = resize_notes(notes, {notes[0]}, -10)
    assert resized[0].duration == 1
    resized, _ = resize_notes(notes, {notes[0]}, 2)
    assert resized == (Note(60, 0, 6),)  # the lengthened note wins over the one it now covers


def test_concatenate_puts_melodies_on_bar_lines():
    one = Melody((Note(60, 0, 3),), 90.0, (3, 4))
    joined = concatenate([one, one])
    assert joined.notes == (Note(60, 0, 3), Note(60, 12, 3)) and joined.time_signature == (3, 4)
