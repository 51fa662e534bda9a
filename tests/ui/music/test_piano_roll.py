"""The piano roll: add, select, move, resize, delete notes with the mouse and keys; zoom; undo."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from artdesk.core.melody import Melody, Note
from artdesk.ui.music.document import QtMelodyDocument
from artdesk.ui.music.piano_roll import QtPianoRoll


@pytest.fixture
def roll(qtbot):
    document = QtMelodyDocument(Melody((Note(60, 0, 4), Note(64, 4, 4), Note(67, 8, 4))))
    widget = QtPianoRoll(document)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    widget.set_zoom(20)
    widget.horizontalScrollBar().setValue(0)
    widget.verticalScrollBar().setValue(widget._pitch_y_content(80))
    return widget


def at(roll, step: float, pitch: int) -> QPoint:
    return QPoint(int(roll.step_to_x(step)), int(roll.pitch_to_y(pitch) + 5))


def drag(qtbot, roll, start: QPoint, end: QPoint) -> None:
    viewport = roll.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_click_adds_a_note_and_undo_removes_it(qtbot, roll):
    qtbot.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=at(roll, 12.5, 72))
    assert Note(72, 12, 2, 90) in roll.document.notes
    assert roll.document.selection == {Note(72, 12, 2, 90)}
    roll.document.undo_stack.undo()
    assert roll.document.notes == (Note(60, 0, 4), Note(64, 4, 4), Note(67, 8, 4))


def test_adding_over_a_note_keeps_the_line_monophonic(qtbot, roll):
    qtbot.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=at(roll, 6.5, 70))
    assert roll.document.notes == (Note(60, 0, 4), Note(64, 4, 2), Note(70, 6, 2, 90), Note(67, 8, 4))


def test_drag_moves_a_note_in_time_and_pitch(qtbot, roll):
    drag(qtbot, roll, at(roll, 9.5, 67), at(roll, 13.5, 69))
    assert roll.document.notes == (Note(60, 0, 4), Note(64, 4, 4), Note(69, 12, 4))
    assert roll.document.undo_stack.undoText() == "Move notes"
    roll.document.undo_stack.undo()
    assert Note(67, 8, 4) in roll.document.notes


def test_drag_right_edge_resizes_and_sets_the_default_length(qtbot, roll):
    edge = QPoint(int(roll.step_to_x(12)) - 2, int(roll.pitch_to_y(67) + 5))
    drag(qtbot, roll, edge, edge + QPoint(int(4 * roll.zoom), 0))
    assert roll.document.notes[-1] == Note(67, 8, 8)
    assert roll.default_duration == 8


def test_rubber_band_selects_and_delete_removes(qtbot, roll):
    drag(qtbot, roll, at(roll, 3, 75), at(roll, 13, 62))
    assert roll.document.selection == {Note(64, 4, 4), Note(67, 8, 4)}
    qtbot.keyClick(roll, Qt.Key.Key_Delete)
    assert roll.document.notes == (Note(60, 0, 4),)
    roll.document.undo_stack.undo()
    assert len(roll.document.notes) == 3


def test_right_click_deletes_and_keys_move_the_selection(qtbot, roll):
    qtbot.mouseClick(roll.viewport(), Qt.MouseButton.RightButton, pos=at(roll, 1, 60))
    assert Note(60, 0, 4) not in roll.document.notes
    qtbot.keyClick(roll, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(roll, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)  # an octave up
    qtbot.keyClick(roll, Qt.Key.Key_Left)
    assert roll.document.notes == (Note(76, 3, 4), Note(79, 7, 4))
    qtbot.keyClick(roll, Qt.Key.Key_Escape)
    assert roll.document.selection == frozenset()


def test_zoom_and_ruler_seek(qtbot, roll):
    before = roll.zoom
    qtbot.keyClick(roll, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert roll.zoom == pytest.approx(before * 1.25)
    roll.zoom_out()
    roll.zoom_to_fit()
    assert roll.step_to_x(16) <= roll.viewport().width()
    roll.set_zoom(1000)
    assert roll.zoom == 64.0
    roll.set_zoom(20)
    with qtbot.waitSignal(roll.seek_requested) as blocker:
        qtbot.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(roll.step_to_x(8)), 5))
    assert blocker.args[0] == pytest.approx(8, abs=0.1)


def test_playhead_pages_along(qtbot, roll):
    roll.set_playhead(2.0)
    assert roll.horizontalScrollBar().value() == 0
    roll.set_playhead(300.0)
    assert roll.step_to_x(300.0) < roll.viewport().width()
    roll.set_playhead(None)
    assert roll.playhead is None


def note_pixels(roll) -> int:
    """Pixels in the grid painted in a note colour (bluish: blue well above red)."""
    image = roll.viewport().grab().toImage()
    count = 0
    for x in range(50, image.width(), 3):
        for y in range(25, image.height(), 3):
            colour = image.pixelColor(x, y)
            count += colour.blue() - colour.red() > 40
    return count


def test_paints_many_notes_and_the_playhead_over_the_cached_picture(qtbot, roll):
    roll.document.set_melody(Melody())
    assert note_pixels(roll) == 0
    notes = tuple(Note(60 + (i * 7) % 24, i, 1, 60 + i % 60) for i in range(2000))
    roll.document.set_melody(Melody(notes))
    roll.zoom_to_fit()
    roll.verticalScrollBar().setValue(roll._pitch_y_content(86))
    assert roll.step_to_x(2000) <= roll.viewport().width()  # every note is in view
    assert note_pixels(roll) > 200
    roll.set_playhead(100.0)
    image = roll.viewport().grab().toImage()
    x = round(roll.step_to_x(100.0))
    assert image.pixelColor(x, 200).red() > 200 and image.pixelColor(x, 200).green() < 80  # the red playhead
    roll.set_playhead(None)
    image = roll.viewport().grab().toImage()
    assert not (image.pixelColor(x, 200).red() > 200 and image.pixelColor(x, 200).green() < 80)


def test_copy_and_paste_at_the_cue_point(qtbot, roll):
    roll.document.set_selection(roll.document.notes[:2])
    qtbot.keyClick(roll, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    roll.paste_step = 10
    qtbot.keyClick(roll, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert roll.document.notes == (Note(60, 0, 4), Note(64, 4, 4), Note(67, 8, 2), Note(60, 10, 4), Note(64, 14, 4))
    assert roll.document.selection == {Note(60, 10, 4), Note(64, 14, 4)}
    roll.document.undo_stack.undo()
    assert len(roll.document.notes) == 3
