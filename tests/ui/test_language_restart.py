"""Switching language: the menus change at once, and the window says the panels need a restart and offers it."""
import sys

from PySide6.QtCore import QProcess

from artdesk.ui.app import build_window, translations
from artdesk.ui.restart import restart_command


def switch_to_chinese(window):
    dialog = window.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.save()
    dialog.close()


def test_a_language_change_offers_a_restart_and_later_keeps_the_window(qtbot, qapp, restart_answers):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        dialog = window.open_preferences()
        dialog.save()  # nothing changed: no question
        dialog.close()
        qapp.processEvents()
        assert restart_answers.asked == 0
        switch_to_chinese(window)
        qtbot.waitUntil(lambda: restart_answers.asked == 1)
        assert window.isVisible() and window.file_menu.title() == "文件(&F)"
    finally:
        translations(qapp, window.context.paths.resources / "i18n").install("en")
        window.close()


def test_restart_now_closes_and_starts_the_same_program_again(qtbot, qapp, restart_answers, monkeypatch):
    started = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, arguments: started.append((program, arguments)) or (True, 1))
    restart_answers.answer = True
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        switch_to_chinese(window)
        qtbot.waitUntil(lambda: bool(started))
        assert not window.isVisible()
        assert started == [restart_command()] and started[0][0] == sys.executable
    finally:
        translations(qapp, window.context.paths.resources / "i18n").install("en")
