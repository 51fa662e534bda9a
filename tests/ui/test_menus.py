"""File and Edit menus: standard keys, one binding per key, commands reach the panel in front, Open Recent."""
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFileDialog

from artdesk.ui.app import build_window

STD = QKeySequence.StandardKey


@pytest.fixture
def window(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    window.close()


def menu_texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_file_and_edit_menus_hold_the_standard_commands_with_standard_keys(window):
    assert menu_texts(window.file_menu) == ["&New", "&Open…", "Open &Recent", "&Save", "Save &As…", "&Export…",
                                            "&Preferences…", "&Quit"]
    assert menu_texts(window.edit_menu) == ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste"]
    actions = window.document_menus.actions
    for name, key in (("new", STD.New), ("open", STD.Open), ("save", STD.Save), ("undo", STD.Undo),
                      ("redo", STD.Redo), ("cut", STD.Cut), ("copy", STD.Copy), ("paste", STD.Paste)):
        assert actions[name].shortcuts() == QKeySequence.keyBindings(key), name
    assert actions["save_as"].shortcuts()  # the platform's Save As, or Ctrl+Shift+S where it has none
    assert window.quit_action.shortcuts() == (QKeySequence.keyBindings(STD.Quit) or [QKeySequence("Ctrl+Q")])


def test_no_key_is_bound_twice_in_a_panel(window):
    """A key bound by the window and by a panel would be 'ambiguous' to Qt: neither would fire."""
    for name in window.panels:
        window.show_panel(name)
    menu_keys = {k.toString() for a in window.document_menus.actions.values() for k in a.shortcuts()}
    for page in window.panels.values():
        panel_keys = [k.toString() for a in page.panel.findChildren(QAction) for k in a.shortcuts()]
        panel_keys += [s.key().toString() for s in page.panel.findChildren(QShortcut)]
        assert not menu_keys & set(panel_keys), (page.reference, menu_keys & set(panel_keys))


def test_ctrl_s_saves_the_canvas_and_it_becomes_recent(qtbot, window, tmp_path, monkeypatch):
    saved = tmp_path / "mine.ora"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    canvas = window.show_panel("canvas").panel
    canvas.editor.new_layer("stroke")
    canvas.view.setFocus()
    qtbot.keyClick(canvas.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.is_file()
    assert window.document_menus.recent.paths()[0] == str(saved.resolve())


def undo_a_new_layer_with_the_key(qtbot, window):
    """Add a layer in the Canvas panel, press Ctrl+Z on its view; the panel and its layer count before."""
    canvas = window.show_panel("canvas").panel
    layers = len(canvas.editor.document.layers)
    canvas.editor.new_layer("extra")
    canvas.view.setFocus()
    qtbot.keyClick(canvas.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    return canvas, layers


def test_undo_and_redo_keys_reach_the_panel_in_front(qtbot, window):
    canvas, layers = undo_a_new_layer_with_the_key(qtbot, window)
    assert len(canvas.editor.document.layers) == layers
    window.document_menus.trigger("redo")
    assert len(canvas.editor.document.layers) == layers + 1
    window.show_panel("music")
    window.document_menus.update_enabled()
    assert not window.document_menus.actions["undo"].isEnabled()  # the music panel has nothing to undo


def test_a_key_greyed_while_the_menu_was_open_works_again_once_it_closes(qtbot, window):
    window.show_panel("music")
    window.edit_menu.aboutToShow.emit()
    assert not window.document_menus.actions["undo"].isEnabled()  # nothing to undo in the music panel
    window.edit_menu.aboutToHide.emit()
    canvas, layers = undo_a_new_layer_with_the_key(qtbot, window)
    assert len(canvas.editor.document.layers) == layers


def test_edit_commands_act_on_the_text_being_typed(qtbot, window):
    poem = window.show_panel("poem").panel
    field = poem.controls.theme_edit
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.setText("sea night")
    field.selectAll()
    window.document_menus.update_enabled()
    assert window.document_menus.actions["copy"].isEnabled()
    window.document_menus.trigger("copy")
    assert QApplication.clipboard().text() == "sea night"
    window.document_menus.trigger("cut")
    assert field.text() == ""
    window.document_menus.trigger("paste")
    assert field.text() == "sea night"


def test_the_gallery_greys_what_it_cannot_do(window):
    window.show_panel("gallery")
    window.document_menus.update_enabled()
    actions = window.document_menus.actions
    assert actions["open"].isEnabled()
    assert not any(actions[n].isEnabled() for n in ("new", "save", "save_as", "export"))


def test_open_recent_opens_in_the_right_panel_and_drops_missing_files(qtbot, window, tmp_path):
    picture = tmp_path / "red.png"
    Image.fromarray(np.full((8, 8, 3), (200, 0, 0), np.uint8)).save(picture)
    poem = tmp_path / "gone.txt"
    poem.write_text("moon\n", encoding="utf-8")
    recent = window.document_menus.recent
    recent.add(poem)
    recent.add(picture)
    poem.unlink()
    messages = []
    window.context.status_message.connect(messages.append)
    recent.menu.aboutToShow.emit()
    names = [a.text() for a in recent.menu.actions() if not a.isSeparator()]
    assert names[0].endswith("red.png") and not any("gone.txt" in n for n in names)
    assert recent.paths() == [str(picture.resolve())]
    assert any("gone.txt" in m and "Open Recent" in m for m in messages)
    recent.menu.actions()[0].trigger()
    assert window.tabs.currentWidget() is window.panels["canvas"]
    assert window.panels["canvas"].panel.editor.document.size == (8, 8)
    picture.unlink()
    assert not recent.choose(str(picture.resolve()))  # gone since the menu opened: dropped, said, not opened
    assert recent.paths() == []


def test_recent_files_persist_across_starts(qtbot, qapp, tmp_path):
    picture = tmp_path / "keep.png"
    Image.fromarray(np.zeros((4, 4, 3), np.uint8)).save(picture)
    first = build_window(qapp)
    qtbot.addWidget(first)
    first.document_menus.open(str(picture))
    first.close()
    second = build_window(qapp)
    qtbot.addWidget(second)
    assert second.document_menus.recent.paths() == [str(picture.resolve())]
    second.close()


def test_music_new_empties_the_roll_and_undo_brings_it_back(qtbot, window):
    from artdesk.core.melody import Melody, Note

    music = window.show_panel("music").panel
    music.document.set_melody(Melody((Note(60, 0, 4), Note(62, 4, 4))))
    window.document_menus.trigger("new")
    assert music.document.notes == ()
    window.document_menus.trigger("undo")
    assert len(music.document.notes) == 2
