"""Dragging a melody out of the app hands over a real .mid file."""
from artdesk.core.melody import Melody, Note
from artdesk.core.midi_io import read_midi
from artdesk.ui.music.drag import melody_mime_data, safe_file_stem


def test_mime_data_points_at_a_written_midi_file(qtbot, tmp_path):
    melody = Melody((Note(60, 0, 4), Note(67, 4, 4)), 100.0, metadata={"title": "Folk melody in C/major (1)"})
    mime = melody_mime_data(melody, tmp_path / "drag")
    [url] = mime.urls()
    path = url.toLocalFile()
    assert path.endswith("Folk_melody_in_Cmajor_1.mid")
    assert read_midi(path).notes == melody.notes


def test_file_stems_are_safe():
    assert safe_file_stem("../../etc/passwd") == "etcpasswd"
    assert safe_file_stem("???") == "melody"
    assert len(safe_file_stem("x" * 300)) == 60
