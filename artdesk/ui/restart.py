"""After a language change: the menus switch at once, the panels only after a restart, so the window
says so and offers to restart now (the same program and arguments, after the usual Save/Discard guard)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtWidgets import QMessageBox, QWidget


def restart_command() -> tuple[str, list[str]]:
    """The program and arguments that started this app (the frozen app's own executable, or Python's)."""
    if getattr(sys, "frozen", False):
        return sys.executable, list(sys.argv[1:])
    return sys.executable, list(getattr(sys, "orig_argv", [sys.executable, *sys.argv])[1:])


def ask(parent: QWidget) -> bool:
    """True when the artist chooses to restart now (tests answer in its place)."""
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("Restart", "Language changed"),
                      QCoreApplication.translate("Restart", "The menus have changed language. The panels change "
                                                            "after artdesk restarts."), QMessageBox.StandardButton.NoButton,
                      parent)
    now = box.addButton(QCoreApplication.translate("Restart", "Restart now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("Restart", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is now


def offer_restart(window: QWidget) -> bool:
    """Ask; on yes, close the window (asking about unsaved work) and start a new instance. True if restarting."""
    if not ask(window) or not window.close():
        return False
    program, arguments = restart_command()
    started = QProcess.startDetached(program, arguments)
    return bool(started[0] if isinstance(started, tuple) else started)
