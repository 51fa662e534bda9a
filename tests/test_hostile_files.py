"""Property tests: whatever bytes a reader is given, only the app's own error escapes (ArtdeskError, with a
message), and bomb-type inputs are refused in bounded memory (measured in a child process with a limit).

Each reader gets a few hundred generated inputs: random bytes, and valid files with bytes flipped, cut
or inserted, so the parsers are driven past their headers.
"""
import io
import json
import string
import zipfile

import mido
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from artdesk.core.document import Document, Layer
from artdesk.core.errors import ArtdeskError
from artdesk.core.gallery import item_from_record
from artdesk.core.image_io import decode_image, encode_png
from artdesk.core.melody import Melody, Note
from artdesk.core.midi_io import melody_to_bytes, read_midi
from artdesk.core.ora import encode_ora, open_ora
from artdesk.core.record_schema import RecordError, parse_json, parse_record, validate_record
from artdesk.core.text_io import decode_text
from tests.bombs import deep_json, ora_with_bomb_layer, read_in_child

EXAMPLES = 200
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _png() -> bytes:
    pixels = np.random.default_rng(0).integers(0, 255, (12, 9, 4), dtype=np.uint8)
    return encode_png(pixels, {"app": "artdesk", "seed": 3, "settings": {"style": "emoji"}})


def _midi() -> bytes:
    notes = tuple(Note(60 + i % 12, 2 * i, 2, 90) for i in range(12))
    return melody_to_bytes(Melody(notes, 100.0, (3, 4), {"provenance": {"app": "artdesk", "seed": 1, "settings": {}}}))


def _ora() -> bytes:
    layer = Layer("one", np.full((16, 16, 4), 120, np.uint8), provenance={"seed": 2})
    return encode_ora(Document(16, 16, [Layer.blank("bg", 16, 16), layer], {"app": "artdesk"}))


def damaged(valid: bytes):
    """``valid`` with a few bytes flipped, a cut, or random bytes inserted, or plain random bytes."""
    flips = st.lists(st.tuples(st.integers(0, len(valid) - 1), st.integers(1, 255)), min_size=1, max_size=8)

    def flip(changes):
        data = bytearray(valid)
        for index, xor in changes:
            data[index] ^= xor
        return bytes(data)

    cut = st.integers(0, len(valid)).map(lambda n: valid[:n])
    inserted = st.tuples(st.integers(0, len(valid)), st.binary(min_size=1, max_size=64)).map(
        lambda t: valid[:t[0]] + t[1] + valid[t[0]:])
    return st.one_of(flips.map(flip), cut, inserted, st.binary(max_size=512))


def only_app_errors(read, *args):
    try:
        read(*args)
    except ArtdeskError as error:
        assert str(error).strip(), "an error with no message"


@FUZZ
@given(damaged(_png()))
def test_image_reader(data):
    only_app_errors(decode_image, data, "p.png")


@FUZZ
@given(damaged(_ora()))
def test_ora_reader(tmp_path, data):
    (tmp_path / "f.ora").write_bytes(data)
    only_app_errors(open_ora, tmp_path / "f.ora")


def test_ora_member_whose_local_header_claims_a_utf8_name_it_does_not_hold(tmp_path):
    """Found by the fuzzer above: zipfile decodes the local header's name on open and raised UnicodeDecodeError."""
    path = tmp_path / "u.ora"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "image/openraster")
        archive.writestr("stack.xml", '<image w="4" h="4"><stack><layer src="data/a.png"/></stack></image>')
        archive.writestr("data/a.png", _png())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo("stack.xml").header_offset
    data = bytearray(path.read_bytes())
    data[offset + 7] |= 0x08  # the UTF-8 name flag (bit 11) of the local header
    data[offset + 30] = 0xF3  # the name's first byte: not UTF-8
    path.write_bytes(bytes(data))
    with pytest.raises(ArtdeskError, match="damaged"):
        open_ora(path)


@FUZZ
@given(st.text(alphabet=string.printable + "<>/=\"'", max_size=300))
def test_ora_reader_with_any_stack_xml(tmp_path, xml):
    with zipfile.ZipFile(tmp_path / "s.ora", "w") as archive:
        archive.writestr("mimetype", "image/openraster")
        archive.writestr("stack.xml", xml)
        archive.writestr("data/a.png", _png())
    only_app_errors(open_ora, tmp_path / "s.ora")


@FUZZ
@given(damaged(_midi()))
def test_midi_reader_and_writing_back(tmp_path, data):
    (tmp_path / "m.mid").write_bytes(data)
    try:
        melody = read_midi(tmp_path / "m.mid")
    except ArtdeskError as error:
        assert str(error).strip()
        return
    written = melody_to_bytes(melody)  # whatever was read can be written as valid MIDI
    mido.MidiFile(file=io.BytesIO(written))


MIDI_EVENTS = st.lists(st.tuples(st.sampled_from(["note_on", "note_off", "set_tempo", "time_signature"]),
                                 st.integers(0, 127), st.integers(0, 0x0FFFFFFF)), min_size=1, max_size=30)


@FUZZ
@given(MIDI_EVENTS, st.integers(1, 960))
def test_midi_reader_with_any_events_and_times(tmp_path, events, ticks_per_beat):
    track = mido.MidiTrack()
    for kind, value, delta in events:
        if kind == "set_tempo":
            track.append(mido.MetaMessage(kind, tempo=max(1, value * 100_000), time=delta))
        elif kind == "time_signature":
            track.append(mido.MetaMessage(kind, numerator=max(1, value % 40), denominator=2 ** (value % 6), time=delta))
        else:
            track.append(mido.Message(kind, note=value, velocity=64, time=delta))
    midi = mido.MidiFile(type=0, ticks_per_beat=ticks_per_beat)
    midi.tracks.append(track)
    midi.save(tmp_path / "e.mid")
    try:
        melody = read_midi(tmp_path / "e.mid")
    except ArtdeskError:
        return
    assert all(note.duration <= 16 * 8 for note in melody.notes)
    mido.MidiFile(file=io.BytesIO(melody_to_bytes(melody)))


@FUZZ
@given(st.binary(max_size=600) | st.text(max_size=200).map(lambda t: t.encode("utf-16")))
def test_text_reader(data):
    only_app_errors(decode_text, data, "t.txt")


@FUZZ
@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_poem_file_reader(tmp_path, data):
    from artdesk.ml.poem.export import HEADER, read_poem_file

    (tmp_path / "p.txt").write_bytes(HEADER.encode() + data)
    only_app_errors(read_poem_file, tmp_path / "p.txt")


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
                    max_leaves=40)
RECORD_FIELDS = st.sampled_from(["app", "seed", "settings", "model", "tags", "panel", "file", "id", "rating", "layers"])
RECORDS = st.dictionaries(RECORD_FIELDS | st.text(max_size=8), JSON, max_size=8)


@FUZZ
@given(st.text(alphabet='{}[]",:0123456789.eE+-truefalsnIiyN \\', max_size=300) | RECORDS.map(json.dumps))
def test_provenance_text(text):
    try:
        record = parse_record(text, "r")
    except RecordError as error:
        assert str(error).strip()
        return
    assert parse_record(json.dumps(record), "r") == record


@FUZZ
@given(RECORDS | JSON)
def test_provenance_values_in_memory(value):
    try:
        validate_record(value, "r")
    except RecordError as error:
        assert str(error).strip()


@FUZZ
@given(RECORDS, st.sampled_from(["music", "canvas", "poem", "x"]))
def test_gallery_sidecar(record, panel):
    sidecar = dict({"id": "a" * 16, "panel": panel, "file": "a" * 16 + ".mid"}, **record)
    try:
        text = json.dumps(sidecar)
    except ValueError:
        return
    try:
        item = item_from_record(parse_json(text, "s"), "s")
    except RecordError as error:
        assert str(error).strip()
        return
    assert json.loads(item.sidecar())["id"] == item.id


@pytest.mark.parametrize("reader, make", [
    ("artdesk.core.ora:open_ora", "ora_bomb"),
    ("artdesk.core.image_io:open_image", "png_bomb"),
    ("artdesk.ml.poem.export:read_poem_file", "deep_poem"),
    ("artdesk.core.midi_io:read_midi", "midi_flood"),
])
def test_bomb_inputs_stay_within_memory(tmp_path, reader, make):
    """Each reader on its worst input, in a child process limited to 1 GiB of address space."""
    path = tmp_path / make
    if make == "ora_bomb":
        ora_with_bomb_layer(path, 900)
    elif make == "png_bomb":  # 30000 x 30000 declared, 1 row of data
        Image.new("L", (30000, 1)).save(path, "PNG")
        data = bytearray(path.read_bytes())
        data[20:24] = (30000).to_bytes(4, "big")
        path.write_bytes(bytes(data))
    elif make == "deep_poem":
        path.write_text("# artdesk-poem: " + deep_json(500_000) + "\n\npoem\n", encoding="utf-8")
    else:  # just under the 512 KB limit: one note switched on and off 63,000 times
        track = mido.MidiTrack([mido.Message("note_on" if i % 2 == 0 else "note_off", note=60, velocity=64, time=1)
                                for i in range(126_000)])
        midi = mido.MidiFile(type=0)
        midi.tracks.append(track)
        midi.save(path)
    result = read_in_child(reader, path, 1 << 30)
    assert result["cpu_seconds"] < 5.0 and result["max_rss_mb"] < 1024, result


def test_a_midi_file_with_an_impossible_key_signature_is_named_damaged(tmp_path):
    """Found by the fuzzer: a key signature of 3 flats in mode 2 made mido raise its own KeySignatureError."""
    track = b"\x00\xff\x59\x02\xfd\x02\x00\xff\x2f\x00"
    data = b"MThd" + (6).to_bytes(4, "big") + b"\x00\x00\x00\x01\x01\xe0" + b"MTrk" + len(track).to_bytes(4, "big") + track
    (tmp_path / "k.mid").write_bytes(data)
    with pytest.raises(ArtdeskError, match="damaged"):
        read_midi(tmp_path / "k.mid")
