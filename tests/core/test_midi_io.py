"""MIDI in and out: round trips, an independent parser, voice choice, and every kind of bad file."""
import json

import mido
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody, Note
from artdesk.core.midi_io import MidiError, list_voices, melody_to_bytes, read_midi, write_midi

TUNE = Melody(
    (Note(62, 0, 2), Note(64, 2, 2), Note(66, 4, 4, 100), Note(67, 8, 1), Note(69, 9, 3), Note(74, 16, 8)),
    tempo_bpm=96.0,
    time_signature=(3, 4),
    metadata={"provenance": {"model": "melody-lstm", "seed": 7, "settings": {"style": "folk"}}},
)


def _save(tmp_path, tracks, name="x.mid", type_=1, ticks_per_beat=480):
    midi = mido.MidiFile(type=type_, ticks_per_beat=ticks_per_beat)
    for messages in tracks:
        track = mido.MidiTrack()
        track.extend(messages)
        midi.tracks.append(track)
    path = tmp_path / name
    midi.save(path)
    return path


def _notes(pitches_starts_ends, channel=0, ticks=120):
    """Messages for (pitch, start_step, end_step) notes; one step = ``ticks`` ticks."""
    events = []
    for pitch, start, end in pitches_starts_ends:
        events.append((start * ticks, 1, pitch))
        events.append((end * ticks, 0, pitch))
    messages, now = [], 0
    for tick, on, pitch in sorted(events, key=lambda e: (e[0], e[1])):
        kind = "note_on" if on else "note_off"
        messages.append(mido.Message(kind, note=pitch, velocity=80 if on else 0, channel=channel, time=tick - now))
        now = tick
    return messages


def test_round_trip_keeps_notes_tempo_metre_and_provenance(tmp_path):
    path = write_midi(TUNE, tmp_path / "tune.mid", settings={"style": "folk", "seed": 7})
    back = read_midi(path)
    assert back.notes == TUNE.notes
    assert back.tempo_bpm == pytest.approx(96.0)
    assert back.time_signature == (3, 4)
    assert back.metadata["provenance"]["seed"] == 7
    assert back.metadata["provenance"]["settings"] == {"style": "folk", "seed": 7}
    assert back.metadata["import_warnings"] == []


def test_exported_file_parses_the_same_in_music21(tmp_path):
    music21 = pytest.importorskip("music21")
    path = write_midi(TUNE, tmp_path / "tune.mid")
    score = music21.converter.parse(str(path))
    notes = [(n.pitch.midi, float(n.offset) * 4, float(n.duration.quarterLength) * 4) for n in score.flatten().notes]
    assert notes == [(n.pitch, n.start, n.duration) for n in TUNE.notes]
    assert score.flatten().getElementsByClass("TimeSignature").first().ratioString == "3/4"


def test_write_is_atomic_and_reports_unwritable_folders(tmp_path):
    target = tmp_path / "out.mid"
    write_midi(TUNE, target)
    assert [p.name for p in tmp_path.iterdir()] == ["out.mid"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ArtdeskError, match="Could not save|No permission"):
        write_midi(TUNE, blocker / "sub" / "out.mid")


def test_provenance_is_a_text_meta_event_with_json(tmp_path):
    midi = mido.MidiFile(file=__import__("io").BytesIO(melody_to_bytes(TUNE)))
    texts = [m.text for m in midi.tracks[0] if m.type == "text"]
    assert len(texts) == 1 and texts[0].startswith("artdesk:")
    assert json.loads(texts[0][len("artdesk:"):])["model"] == "melody-lstm"


def test_picks_the_melody_track_over_a_chordal_bass(tmp_path):
    bass = _notes([(36, 0, 8), (43, 0, 8), (48, 0, 8), (41, 8, 16), (45, 8, 16), (48, 8, 16)], channel=1)
    tune = _notes([(72, 0, 2), (74, 2, 4), (76, 4, 8), (77, 8, 12), (79, 12, 16)], channel=0)
    path = _save(tmp_path, [[mido.MetaMessage("set_tempo", tempo=500000)], bass, tune])
    melody = read_midi(path)
    assert [n.pitch for n in melody.notes] == [72, 74, 76, 77, 79]
    assert "as the melody" in melody.metadata["import_warnings"][0]
    voices = list_voices(path)
    assert voices[0].track == 2 and voices[1].polyphony > 0.5
    chosen = read_midi(path, track=1)
    assert [n.pitch for n in chosen.notes] == [48, 48]  # the top line of the chords
    assert any("Polyphony was reduced" in w for w in chosen.metadata["import_warnings"])


def test_type_0_file_and_quantization_to_sixteenths(tmp_path):
    messages = [mido.Message("note_on", note=60, velocity=90, time=7),  # slightly late
                mido.Message("note_off", note=60, velocity=0, time=233),
                mido.Message("note_on", note=67, velocity=90, time=0),
                mido.Message("note_off", note=67, velocity=0, time=118)]
    melody = read_midi(_save(tmp_path, [messages], type_=0))
    assert melody.notes == (Note(60, 0, 2, 90), Note(67, 2, 1, 90))


def test_leading_empty_bars_are_dropped(tmp_path):
    path = _save(tmp_path, [_notes([(60, 35, 36), (62, 36, 40), (64, 40, 44), (65, 44, 48)])])
    assert read_midi(path).notes[0].start == 3  # 2 empty 4/4 bars dropped; the pickup keeps its place


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"RIFF1234WAVEfmt ", "not a MIDI file"),
    (b"MThd\x00\x00\x00\x06\x00\x01\x00\x02\x01\xe0MTrk\x00\x00\x01\x00\x00\x90", "damaged or truncated"),
])
def test_unreadable_files_say_why(tmp_path, content, message):
    path = tmp_path / "bad.mid"
    path.write_bytes(content)
    with pytest.raises(MidiError, match=message):
        read_midi(path)


def test_truncated_real_file(tmp_path):
    data = melody_to_bytes(TUNE)
    path = tmp_path / "cut.mid"
    path.write_bytes(data[: len(data) - 20])
    with pytest.raises(MidiError, match="damaged or truncated"):
        read_midi(path)


def test_missing_file(tmp_path):
    with pytest.raises(MidiError, match="does not exist"):
        read_midi(tmp_path / "nope.mid")


def test_type_2_is_refused(tmp_path):
    path = _save(tmp_path, [_notes([(60, 0, 4)]), _notes([(62, 0, 4)])], type_=2)
    with pytest.raises(MidiError, match="type 2"):
        read_midi(path)


def test_drums_only(tmp_path):
    path = _save(tmp_path, [_notes([(36, 0, 1), (38, 4, 5), (42, 8, 9)], channel=9)])
    with pytest.raises(MidiError, match="only drums"):
        read_midi(path)


def test_no_notes(tmp_path):
    path = _save(tmp_path, [[mido.MetaMessage("set_tempo", tempo=500000)]])
    with pytest.raises(MidiError, match="no notes"):
        read_midi(path)


@pytest.mark.parametrize("tempo", [1, 16_000_000])
def test_absurd_tempo(tmp_path, tempo):
    path = _save(tmp_path, [[mido.MetaMessage("set_tempo", tempo=tempo)], _notes([(60, 0, 4)])])
    with pytest.raises(MidiError, match="absurd tempo"):
        read_midi(path)


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.mid"
    with open(path, "wb") as handle:
        handle.write(b"MThd")
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(MidiError, match="50.0 MB"):
        read_midi(path)


def test_writing_refuses_impossible_notes_and_tempo(tmp_path):
    with pytest.raises(MidiError, match="pitch 200"):
        write_midi(Melody((Note(200, 0, 1),)), tmp_path / "a.mid")
    with pytest.raises(MidiError, match="tempo"):
        write_midi(Melody((Note(60, 0, 1),), tempo_bpm=0), tmp_path / "b.mid")
    assert not list(tmp_path.iterdir())


def test_two_tempos_at_the_start_keep_the_last_as_players_do(tmp_path):
    music21 = pytest.importorskip("music21")
    conductor = [mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(120)),
                 mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(80))]
    path = _save(tmp_path, [conductor, _notes([(60, 0, 4), (62, 4, 8)])])
    melody = read_midi(path)
    assert melody.tempo_bpm == 80.0 and not any("tempo" in w for w in melody.metadata["import_warnings"])
    marks = music21.converter.parse(str(path)).flatten().getElementsByClass("MetronomeMark")
    assert marks[-1].number == 80  # what music21 plays


def test_a_later_tempo_change_and_metre_changes_are_named(tmp_path):
    conductor = [mido.MetaMessage("time_signature", numerator=4, denominator=4),
                 mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(90)),
                 mido.MetaMessage("time_signature", numerator=12, denominator=8, time=1920),
                 mido.MetaMessage("set_tempo", tempo=1, time=0),  # absurd, but not the starting tempo
                 mido.MetaMessage("time_signature", numerator=13, denominator=8, time=1920)]
    melody = read_midi(_save(tmp_path, [conductor, _notes([(60, 0, 4), (62, 4, 8), (64, 40, 44)])]))
    warnings = " ".join(melody.metadata["import_warnings"])
    assert melody.tempo_bpm == 90.0 and melody.time_signature == (4, 4)
    assert "4/4 → 12/8 → 13/8" in warnings and "starting tempo, 90 BPM" in warnings


def test_a_note_2_28_ticks_long_is_capped_and_the_melody_writes_valid_midi(tmp_path):
    messages = [mido.Message("note_on", note=60, velocity=80, time=0),
                mido.Message("note_off", note=60, velocity=0, time=2**28 - 1),
                mido.Message("note_on", note=64, velocity=80, time=0),
                mido.Message("note_off", note=64, velocity=0, time=120)]
    melody = read_midi(_save(tmp_path, [messages]))
    assert max(note.end for note in melody.notes) < 16 * 4 * 10
    assert any("shortened to 8 bars" in w for w in melody.metadata["import_warnings"])
    pretty_or_mido = mido.MidiFile(file=__import__("io").BytesIO(melody_to_bytes(melody)))
    assert all(0 <= message.time <= 0x0FFFFFFF for track in pretty_or_mido.tracks for message in track)
    with pytest.raises(MidiError, match="bars in"):
        melody_to_bytes(Melody((Note(60, 0, 2**28),)))


def test_fast_notes_are_not_called_chord_notes(tmp_path):
    messages = [mido.Message("note_on", note=60, velocity=80, time=0), mido.Message("note_off", note=60, velocity=0, time=30),
                mido.Message("note_on", note=62, velocity=80, time=0), mido.Message("note_off", note=62, velocity=0, time=30),
                mido.Message("note_on", note=64, velocity=80, time=60), mido.Message("note_off", note=64, velocity=0, time=120)]
    warnings = read_midi(_save(tmp_path, [messages])).metadata["import_warnings"]
    assert any("faster than a 16th" in w for w in warnings) and not any("chord" in w for w in warnings)


def test_damaged_file_messages_never_end_in_empty_brackets(tmp_path):
    path = tmp_path / "cut.mid"
    path.write_bytes(melody_to_bytes(TUNE)[:30])
    with pytest.raises(MidiError) as caught:
        read_midi(path)
    assert "()" not in str(caught.value) and str(caught.value).endswith(".")
