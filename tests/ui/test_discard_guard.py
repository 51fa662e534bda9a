"""The one "may I discard?" guard, per panel: every path that replaces a document, and Quit, asks first;
Cancel keeps the work, Discard replaces it, Save saves first. Nothing unsaved: nothing is asked."""
import numpy as np
import pytest
from PIL import Image

from artdesk.core.document import Document
from artdesk.core.melody import Melody, Note
from artdesk.core.midi_io import write_midi
from artdesk.core.ora import save_ora
from artdesk.ui.app import build_window


@pytest.fixture
def window(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def _painted(window):
    canvas = window.show_panel("canvas").panel
    canvas.editor.add_layer_from_array(np.full((20, 20, 4), 200, np.uint8), "mine", {})
    assert canvas.unsaved_work()
    return canvas


def test_canvas_command_line_gallery_drop_and_recovery_all_ask(window, tmp_path, discard_answers):
    Image.new("RGB", (30, 30), (0, 0, 255)).save(tmp_path / "other.png")
    save_ora(tmp_path / "other.ora", Document.new(40, 40))
    canvas = _painted(window)
    layers = len(canvas.editor.document.layers)
    cancel = discard_answers.buttons.Cancel
    discard_answers.answers = [cancel] * 4
    window.open_paths([str(tmp_path / "other.png")])  # a file on the command line
    window.context.open_path_requested.emit(str(tmp_path / "other.png"))  # Gallery "Open in its panel"
    canvas.drop_paths([tmp_path / "other.ora"])
    canvas.store.save(canvas.editor.document)  # a recovery copy, then "Restore" while the canvas has new work
    canvas.restore_recovered()
    assert len(discard_answers.asked) == 4 and all("canvas" in text for text in discard_answers.asked)
    assert len(canvas.editor.document.layers) == layers and canvas.editor.is_modified
    window.open_paths([str(tmp_path / "other.png")])  # Discard (the default answer) replaces it
    assert canvas.editor.document.size == (30, 30) and len(discard_answers.asked) == 5
    window.open_paths([str(tmp_path / "other.ora")])  # nothing unsaved now: nothing asked
    assert len(discard_answers.asked) == 5 and canvas.editor.document.size == (40, 40)


def test_canvas_save_answer_saves_before_opening(window, tmp_path, discard_answers):
    canvas = window.show_panel("canvas").panel
    save_ora(tmp_path / "mine.ora", Document.new(50, 50))
    assert canvas.open_path(tmp_path / "mine.ora")
    canvas.editor.add_layer_from_array(np.full((10, 10, 4), 90, np.uint8), "stroke", {})
    Image.new("RGB", (30, 30)).save(tmp_path / "other.png")
    discard_answers.answers = [discard_answers.buttons.Save]
    assert canvas.open_file(tmp_path / "other.png")
    from artdesk.core.ora import open_ora

    assert [layer.name for layer in open_ora(tmp_path / "mine.ora").document.layers][-1] == "stroke"


def test_poem_open_drop_and_gallery_ask_and_an_empty_file_changes_nothing(window, tmp_path, discard_answers):
    poem = window.show_panel("poem").panel
    poem.editor.set_text("my own line\nand another")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "other.txt").write_text("someone else's poem\n", encoding="utf-8")
    assert not poem.open_file(tmp_path / "empty.txt")
    assert poem.editor.text() == "my own line\nand another" and not discard_answers.asked
    assert "empty" in poem.message.text()
    discard_answers.answers = [discard_answers.buttons.Cancel]
    window.context.open_path_requested.emit(str(tmp_path / "other.txt"))
    assert poem.editor.text() == "my own line\nand another" and len(discard_answers.asked) == 1
    assert poem.open_file(tmp_path / "other.txt")  # Discard
    assert poem.editor.text() == "someone else's poem" and not poem.unsaved_work()
    poem.export_to(tmp_path / "saved.txt")
    assert not poem.unsaved_work()


def test_music_open_asks_when_the_roll_has_unsaved_edits(window, tmp_path, discard_answers, qtbot):
    music = window.show_panel("music").panel
    write_midi(Melody((Note(60, 0, 4), Note(64, 4, 4)), 100.0, (4, 4), {}), tmp_path / "tune.mid")
    music.document.set_notes((Note(72, 0, 2),), "draw a note")
    assert music.unsaved_work()
    discard_answers.answers = [discard_answers.buttons.Cancel]
    assert music.open_file(tmp_path / "tune.mid") is None
    assert music.document.notes == (Note(72, 0, 2),)
    assert music.export_midi(tmp_path / "mine.mid") and not music.unsaved_work()
    with qtbot.waitSignal(music.job_finished, timeout=60_000):
        assert music.open_file(tmp_path / "tune.mid") is not None
    assert len(music.document.notes) == 2 and len(discard_answers.asked) == 1


@pytest.mark.parametrize("which", ["canvas", "poem", "music"])
def test_quit_asks_per_panel_and_cancel_keeps_the_window(window, discard_answers, which):
    if which == "canvas":
        _painted(window)
    elif which == "poem":
        window.show_panel("poem").panel.editor.set_text("typed, never saved")
    else:
        window.show_panel("music").panel.document.set_notes((Note(60, 0, 4),), "draw")
    window.show_panel("canvas" if which != "canvas" else "poem")
    discard_answers.answers = [discard_answers.buttons.Cancel]
    assert not window.close()
    assert window.isVisible() and len(discard_answers.asked) == 1
    assert window.tabs.currentWidget() is window.panels[which]  # the panel asked about is shown
    assert window.close() and not window.isVisible() and len(discard_answers.asked) == 2
