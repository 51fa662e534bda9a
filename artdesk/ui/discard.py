"""The one "may I discard?" guard. Every path that replaces a panel's document (Open, drop, Gallery
"Open in its panel", a file on the command line, restoring a recovery copy) and Quit asks through it.

A panel takes part by having two methods:

- ``unsaved_work() -> str``: "" when replacing the document loses nothing, else one sentence for the
  artist saying what would be lost;
- ``save_work() -> bool``: save it (asking where, if it has no file yet); True once it is saved.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def may_discard(panel: QWidget) -> bool:
    """True when the panel's document may be replaced: nothing unsaved, saved now, or discarded by the artist.

    Asks Save / Discard / Cancel; Save that fails or is cancelled keeps the document (False).
    """
    unsaved = panel.unsaved_work()
    if not unsaved:
        return True
    answer = ask(panel, unsaved)
    if answer == QMessageBox.StandardButton.Save:
        return panel.save_work()
    return answer == QMessageBox.StandardButton.Discard


def ask(panel: QWidget, unsaved: str) -> QMessageBox.StandardButton:
    """The question itself (tests answer it in its place)."""
    buttons = QMessageBox.StandardButton
    title = QCoreApplication.translate("Discard", "Unsaved work")
    question = QCoreApplication.translate("Discard", "Save it first?")
    return QMessageBox.question(panel, title, f"{unsaved} {question}", buttons.Save | buttons.Discard | buttons.Cancel,
                                buttons.Save)
