import numpy as np

from artdesk.core.melody import Melody, Note
from artdesk.ml.music import events as ev


def test_events_round_trip_with_rests_and_octave_folding():
    melody = Melody((Note(60, 0, 2), Note(64, 4, 4), Note(67, 8, 1), Note(110, 9, 3)))
    events = ev.melody_to_events(melody)
    assert list(events[:5]) == [ev.note_on(60), ev.HOLD, ev.OFF, ev.HOLD, ev.note_on(64)]
    notes = ev.events_to_notes(events)
    assert notes[:3] == melody.notes[:3]
    assert notes[3] == Note(110 - 24, 9, 3, 90)  # folded into the model's range


def test_events_cut_and_pad():
    melody = Melody((Note(60, 0, 8), Note(62, 8, 8)))
    assert len(ev.melody_to_events(melody, 4)) == 4
    padded = ev.melody_to_events(melody, 20)
    assert padded[16] == ev.OFF and (padded[17:] == ev.HOLD).all()


def test_key_estimate_and_scale_masks():
    c_major = Melody(tuple(Note(p, i * 2, 2) for i, p in enumerate([60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60])))
    assert ev.estimate_key(c_major) == (0, "major")
    a_minor = Melody(tuple(Note(p, i * 2, 2) for i, p in enumerate([57, 60, 64, 57, 59, 60, 62, 64, 68, 69, 64, 57])))
    assert ev.estimate_key(a_minor) == (9, "minor")
    mask = ev.scale_mask(ev.key_index("D"), "major")
    allowed = {ev.event_pitch(e) % 12 for e in np.flatnonzero(mask) if e >= 2}
    assert allowed == {2, 4, 6, 7, 9, 11, 1} and mask[ev.HOLD] and mask[ev.OFF]


def test_metres():
    assert ev.steps_per_bar((6, 8)) == 12 and ev.steps_per_bar((3, 4)) == 12 and ev.steps_per_bar((4, 4)) == 16
    assert ev.metre_id((6, 8)) != ev.metre_id((3, 4))
