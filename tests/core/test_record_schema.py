"""The one provenance schema, and every reader that goes through it: forged, huge or deeply nested records
cost only the record (a note says so), never the file, the folder or the gallery."""
import json
import struct

import mido
import pytest
from PIL import Image, PngImagePlugin

from artdesk.core.gallery import Gallery
from artdesk.core.image_io import open_image
from artdesk.core.jobs import RecordingContext
from artdesk.core.midi_io import melody_to_bytes, read_midi
from artdesk.core.record_schema import MAX_DEPTH, RecordError, nesting_depth, parse_json, parse_record, validate_record
from artdesk.core.synth import read_wav_provenance
from artdesk.ml.poem.export import HEADER, read_poem_file

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"app": "artdesk", "settings": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}"


def test_records_keep_unknown_fields_and_check_known_ones():
    record = parse_record('{"app": "artdesk", "seed": 7, "settings": {"x": [1, 2.5, null]}, "future": {"k": "v"}}', "r")
    assert record["future"] == {"k": "v"} and record["settings"]["x"] == [1, 2.5, None]
    for forged, field in (({"seed": [1]}, "seed"), ({"settings": "forged"}, "settings"), ({"model": {"a": 1}}, "model"),
                          ({"seed": True}, "seed"), ({"edited": "yes"}, "edited")):
        with pytest.raises(RecordError, match=f"'{field}'"):
            validate_record(forged, "r")
    with pytest.raises(RecordError, match="not an object"):
        parse_record("[1, 2]", "r")


@pytest.mark.parametrize("text, message", [
    (DEEP, "nested"), (DEEP_OBJECT, "nested"), ('{"seed": Infinity}', "not a real setting"),
    ('{"seed": NaN}', "not a real setting"), ('{"seed": 1e999}', "not a number"),
    ('{"seed": ' + "9" * 5000 + "}", "not a real setting"), ('{"seed": 99999999999999999999}', "too large"),
    ('{"a": "' + "x" * 200_000 + '"}', "characters"), ("{not json", "not valid JSON"),
    (b"\xff\xfe{", "UTF-8"), ("[" + "0," * 200_000 + "0]", "values"),
])
def test_hostile_text_raises_only_the_apps_error_with_a_message(text, message):
    with pytest.raises(RecordError, match=message):
        parse_record(text, "The record")


def test_depth_is_measured_without_counting_brackets_inside_strings():
    assert nesting_depth('{"a": "[[[[[[", "b": [[1]]}') == 3
    assert nesting_depth("[" * MAX_DEPTH + "]" * MAX_DEPTH) == MAX_DEPTH
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH, "r")  # the limit itself is allowed


def _png_with_text(path, text):
    info = PngImagePlugin.PngInfo()
    info.add_itxt("artdesk", text)
    Image.new("RGB", (4, 4)).save(path, pnginfo=info)
    return path


def _midi_with_text(path, text):
    midi = mido.MidiFile(type=0)
    midi.tracks.append(mido.MidiTrack([mido.MetaMessage("text", text="artdesk:" + text),
                                       mido.Message("note_on", note=60, velocity=80, time=0),
                                       mido.Message("note_off", note=60, velocity=0, time=240)]))
    midi.save(path)
    return path


@pytest.mark.parametrize("text", [DEEP, DEEP_OBJECT, '{"seed": Infinity}', '{"seed": "x", "settings": 5}', "[1, 2]"])
def test_every_reader_opens_the_file_and_ignores_a_bad_record(tmp_path, text):
    image = open_image(_png_with_text(tmp_path / "p.png", text))
    assert image.provenance == {} and any("provenance" in note and "ignored" in note for note in image.notes)
    melody = read_midi(_midi_with_text(tmp_path / "m.mid", text))
    assert "provenance" not in melody.metadata and melody.notes
    assert any("ignored" in warning for warning in melody.metadata["import_warnings"])
    melody_to_bytes(melody)  # export after import works whatever the record was
    (tmp_path / "poem.txt").write_text(HEADER + text + "\n\n床前明月光\n", encoding="utf-8")
    assert read_poem_file(tmp_path / "poem.txt") == ("床前明月光", {})
    raw = b"artdesk:" + text.encode() + b"\0"
    info = b"INFO" + b"ICMT" + struct.pack("<I", len(raw)) + raw + b"\0" * (len(raw) % 2)
    (tmp_path / "a.wav").write_bytes(b"RIFF\0\0\0\0WAVE" + b"LIST" + struct.pack("<I", len(info)) + info)
    assert read_wav_provenance(tmp_path / "a.wav") is None


def test_a_bad_sidecar_costs_only_itself_and_keeping_goes_on(tmp_path):
    gallery = Gallery.open(tmp_path, 1 << 20)
    good = gallery.keep("music", b"MThd", "mid", {"model": "m", "seed": 1}, title="good")
    gallery.close()
    (tmp_path / "index.sqlite3").unlink()  # the index is rebuilt from the sidecars
    sidecar = json.loads((tmp_path / "items" / f"{good.id}.json").read_text())
    hostile = {"a" * 16: dict(sidecar, id="a" * 16, tags=5), "b" * 16: DEEP_OBJECT,
               "c" * 16: dict(sidecar, id="c" * 16, seed=10 ** 30), "d" * 16: dict(sidecar, id="d" * 16, file="../x.mid"),
               "e" * 16: dict(sidecar, id="e" * 16, provenance={"seed": [1]})}
    for item_id, value in hostile.items():
        (tmp_path / "items" / f"{item_id}.mid").write_bytes(b"MThd")
        (tmp_path / "items" / f"{item_id}.json").write_text(value if isinstance(value, str) else json.dumps(value))
    newer = dict(sidecar, id="f" * 16, file="f" * 16 + ".mid", title="from a newer artdesk", colour_label="red")
    (tmp_path / "items" / f"{'f' * 16}.mid").write_bytes(b"MThd")
    (tmp_path / "items" / f"{'f' * 16}.json").write_text(json.dumps(newer))
    gallery = Gallery.open(tmp_path, 1 << 20)
    assert sorted(item.title for item in gallery.query()) == ["from a newer artdesk", "good"]
    assert sorted(gallery.skipped_sidecars) == sorted(f"{item_id}.json" for item_id in hostile)
    assert gallery.keep("music", b"MThd", "mid", {"model": "m", "seed": 2}, title="after").title == "after"
    gallery.update("f" * 16, rating=4)  # an unknown field survives a change of the sidecar
    assert json.loads((tmp_path / "items" / f"{'f' * 16}.json").read_text())["colour_label"] == "red"
    gallery.close()


def test_keep_refuses_a_forged_record_with_the_apps_error(tmp_path):
    gallery = Gallery.open(tmp_path, 1 << 20)
    with pytest.raises(RecordError, match="too large"):
        gallery.keep("poem", b"x", "txt", {"seed": 10 ** 40})
    assert gallery.count() == 0
    gallery.close()


def test_folder_reads_skip_a_nested_record_and_go_on(tmp_path):
    from artdesk.ml.canvas.finetune.audit import audit_files
    from artdesk.ml.music.train import read_midi_folder

    pictures = tmp_path / "pictures"
    pictures.mkdir()
    _png_with_text(pictures / "bad.png", DEEP)
    Image.new("RGB", (64, 64), (200, 10, 10)).save(pictures / "good.png")
    audit = audit_files([pictures], RecordingContext())
    assert len(audit.usable) + len(audit.duplicates) == 2 and not audit.skipped
    midis = tmp_path / "midi"
    midis.mkdir()
    for index in range(2):
        midi = mido.MidiFile(type=0)
        notes = [m for pitch in range(60, 72) for m in (mido.Message("note_on", note=pitch, velocity=80, time=0),
                                                         mido.Message("note_off", note=pitch, velocity=0, time=240))]
        text = DEEP if index else '{"app": "x"}'
        midi.tracks.append(mido.MidiTrack([mido.MetaMessage("text", text="artdesk:" + text), *notes]))
        midi.save(midis / f"{index}.mid")
    melodies, problems = read_midi_folder(midis, RecordingContext())
    assert len(melodies) == 2 and not problems
