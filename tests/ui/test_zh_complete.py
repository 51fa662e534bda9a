"""In Chinese, nothing visible is English: every panel, dialog and dock is built in zh_CN and every text,
title, tooltip, placeholder, item and header is searched for English words that are not proper names,
units or file types (the short allow-list below)."""
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QDockWidget, QGroupBox, QLabel,
                               QLineEdit, QListWidget, QMenu, QPlainTextEdit, QTableView, QTabWidget, QTextEdit, QTreeView,
                               QTreeWidget, QWidget)

from artdesk.ui.app import build_window, translations

# Proper names, units, file types and key names; model names come from the model cards (also proper names).
ALLOWED = {
    # proper names of programs, formats, standards, licences and methods
    "artdesk", "midi", "soundfont", "openraster", "krita", "gimp", "mypaint", "ffmpeg", "qt", "pyside", "torch",
    "pytorch", "python", "c2pa", "iptc", "noto", "cmu", "pypinyin", "mobilenet", "imagenet", "nsfwjs", "daw",
    "nvidia", "cuda", "apple", "metal", "mps", "cpu", "gpu", "gan", "vae", "lstm", "mit", "apache", "bsd", "gpl", "sha",
    "lgpl", "cc", "by", "freezed", "diffaugment", "ema", "ewc", "imle", "kid", "mmd", "top", "english",  # "English": the language's own name
    # file types and units
    "png", "jpeg", "jpg", "webp", "gif", "bmp", "tiff", "wav", "mid", "ora", "txt", "sf2", "json", "pem", "zip",
    "bpm", "px", "min", "ms", "hz", "kb", "mb", "gb",
    # key names, note names, rhyme schemes
    "ctrl", "shift", "alt", "del", "delete", "esc", "tab", "space", "backspace", "return", "enter", "f1", "ab", "bb",
    "eb", "aabb", "abab",
    # the English examples beside the Chinese ones in input hints (both languages are accepted there)
    "sea", "night", "moon", "jazz", "pop",
}
WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*")


def english_words(text: str, allowed: set[str]) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)  # rich text tags
    text = re.sub(r"&[a-z]+;|\(&\w\)|&(?=\w)", " ", text)  # entities and mnemonics
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths and "kai / song"-free path-like tokens
    text = re.sub(r"\*\.\w+", " ", text)  # file filters
    text = re.sub(r"\b[0-9a-fA-F]{16,}\b", " ", text)  # hashes and fingerprints
    return [w for w in WORD.findall(text) if len(w) > 1 and w.lower() not in allowed]


def visible_texts(widget: QWidget):
    """(what, text) for everything a person can read on ``widget`` (not its children)."""
    yield "toolTip", widget.toolTip()
    if widget.isWindow():
        yield "windowTitle", widget.windowTitle()
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield "text", widget.text()
    if isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QAbstractSpinBox):
        yield "suffix", getattr(widget, "suffix", lambda: "")()
        yield "special", widget.specialValueText()
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QDockWidget):
        yield "title", widget.windowTitle()
    if isinstance(widget, QMenu):
        yield "title", widget.title()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield "item", widget.itemText(i)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield "tab", widget.tabText(i)
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            yield "item", widget.item(i).text()
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for i in range(header.columnCount()):
            yield "header", header.text(i)
    if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
        model = widget.model()
        for section in range(model.columnCount(QModelIndex())):
            yield "header", str(model.headerData(section, Qt.Orientation.Horizontal) or "")
    for action in widget.actions():
        yield "action", action.text()
        yield "action tip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""


def english_on(widgets, allowed: set[str]) -> list[str]:
    found = []
    for widget in widgets:
        for what, text in visible_texts(widget):
            words = english_words(text or "", allowed)
            if words:
                found.append(f"{type(widget).__name__} {widget.objectName()!r} {what}: {text!r} -> {words}")
    return sorted(set(found))


@pytest.fixture
def zh_window(qtbot, qapp, isolated_home):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('version = 1\n[general]\nlanguage = "zh_CN"\n')
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.shut_down()
    window.close()
    translations(qapp, window.context.paths.resources / "i18n").install("en")


def test_the_completeness_check_catches_english(qapp):
    label = QLabel("<b>Newest</b> 画布 (*.png) C:/x/y Ctrl+S MIDI")
    assert english_on([label], ALLOWED) == [
        "QLabel '' text: '<b>Newest</b> 画布 (*.png) C:/x/y Ctrl+S MIDI' -> ['Newest']"]


def test_every_panel_dialog_and_dock_speaks_chinese(qtbot, zh_window):
    window = zh_window
    for name in window.panels:
        window.show_panel(name)
    windows = [window]
    preferences = window.open_preferences()
    qtbot.waitUntil(lambda: preferences.identity_job.is_finished, timeout=60000)  # its sentences are shown too
    windows.append(preferences)
    windows.append(window.open_about())
    windows.append(window.open_model_library())
    windows.append(window.open_shortcuts())
    windows.append(window.open_manual())
    canvas = window.panels["canvas"].panel
    from artdesk.ui.panels.canvas import QtNewCanvasDialog

    windows.append(QtNewCanvasDialog((640, 480), window))
    windows.append(canvas.model_dock.open_finetune_wizard())
    from artdesk.ui.gallery.board import BoardDialog
    from artdesk.core.board import BoardRow

    windows.append(BoardDialog([BoardRow("a", "canvas", "画", 0, technique=3.0)], lambda *_: None, window))
    from artdesk.ui.music.finetune_dialog import FinetuneDialog

    windows.append(FinetuneDialog(Path("melody-lstm"), "melody-lstm", window))
    for menu in (window.file_menu, window.edit_menu, window.models_menu, window.view_menu, window.help_menu):
        menu.aboutToShow.emit()
    window.document_menus.recent.menu.aboutToShow.emit()
    names = [card.name for card in window.context.discover().cards]  # proper names: the models'
    names += re.findall(r"“([^”]*)”", preferences.identity.text())  # and the signing certificate's subject and issuer
    allowed = ALLOWED | {w.lower() for name in names for w in WORD.findall(name)}
    widgets = []
    for top in windows:
        widgets += [top, *top.findChildren(QWidget)]
    found = english_on(widgets, allowed)
    for dialog in windows[1:]:
        dialog.close()
    assert not found, f"{len(found)} English texts in the Chinese interface:\n" + "\n".join(found)


def test_names_and_model_written_titles_are_chinese(qapp):
    """What the issue found still English after a restart: music words, forms, gallery filters, layer names,
    and the titles and captions the models write in English."""
    from artdesk.core.paths import app_paths
    from artdesk.core.recovery import RecoveryInfo
    from artdesk.ui.canvas.autosave import recovery_question
    from artdesk.ui.canvas.names import picture_name
    from artdesk.ui.widgets.originality import QtOriginalityView
    from artdesk.ui.music.names import instrument_label, melody_title, mode_label, music_style_label
    from artdesk.ui.poem.names import form_label

    translations(qapp, app_paths().resources / "i18n").install("zh_CN")
    try:
        shown = [music_style_label("folk"), mode_label("major"), instrument_label("piano", "Piano"),
                 form_label("en-free"), picture_name({"style": "emoji", "job": "generate", "index": 2}),
                 melody_title({"title": "Folk melody in C major (1) continued (2)"}),
                 melody_title({"title": "Interpolation 1/5"}), melody_title({"title": "Variation 3"}),
                 QtOriginalityView().caption_text("training picture #1911 (kai)"),
                 recovery_question(RecoveryInfo(1796630000.0, "/home/画.ora"))]  # it mixed languages before
        assert shown[:5] == ["民谣", "大调", "钢琴", "自由诗", "表情符号，第 3 张"]
        for text in shown:
            assert not english_words(text, ALLOWED), text
    finally:
        translations(qapp, app_paths().resources / "i18n").install("en")
