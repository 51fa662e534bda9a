"""The offline manual: complete in both languages, its pictures present, opened by F1 and by the "?" buttons."""
import re

import pytest
from PySide6.QtCore import QLocale

from artdesk.core.paths import app_paths
from artdesk.ui.app import build_window, translations
from artdesk.ui.help.help_button import QtHelpButton
from artdesk.ui.help.manual import TOPICS, QtManualWindow, fill_paths, manual_file


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_each_manual_has_every_topic_and_every_picture(language):
    path = manual_file(app_paths().resources, language)
    assert path.parent.name == language
    html = path.read_text(encoding="utf-8")
    assert set(re.findall(r'<a name="([^"]+)">', html)) == set(TOPICS)
    assert set(re.findall(r'href="#([^"]+)"', html)) <= set(TOPICS)
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 5
    for picture in pictures:
        assert (path.parent / picture).is_file(), picture
    filled = fill_paths(html, app_paths())
    assert "{{" not in filled and str(app_paths().data / "gallery") in filled


def test_f1_opens_the_manual_and_question_marks_open_it_at_their_topic(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        window.manual_action.trigger()
        manual = window.findChild(QtManualWindow)
        assert manual.isVisible() and "Canvas" in manual.browser.toPlainText()
        assert str(window.context.paths.data / "gallery") in manual.browser.toPlainText()
        assert manual.browser.verticalScrollBar().value() == 0
        canvas = window.show_panel("canvas").panel
        help_button = next(b for b in canvas.model_dock.findChildren(QtHelpButton) if b.topic == "models")
        help_button.click()
        assert window.findChildren(QtManualWindow) == [manual]  # one window, reused
        assert manual.browser.verticalScrollBar().value() > 0
        wizard = canvas.model_dock.open_finetune_wizard()
        wizard.helpRequested.emit()
        wizard_manual = wizard.findChild(QtManualWindow)
        assert wizard_manual.isVisible() and wizard_manual.browser.verticalScrollBar().value() > 0
        wizard.reject()
    finally:
        window.close()


def test_the_manual_follows_the_interface_language(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    try:
        manual = window.open_manual()
        assert "What the originality labels mean" in manual.browser.toPlainText()
        translations(qapp, window.context.paths.resources / "i18n").install("zh_CN")
        assert QLocale().language() == QLocale.Language.Chinese
        window.open_manual("originality")
        assert "原创性标签的含义" in manual.browser.toPlainText()
    finally:
        translations(qapp, window.context.paths.resources / "i18n").install("en")
        window.close()
