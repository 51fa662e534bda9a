"""Edit commands for the text field that has the keyboard focus (a poem, a search box, a tag field).

The Edit menu asks here first, so Undo, Cut, Copy and Paste act where the artist is typing, as in any
desktop app; only when no text field has the focus do they go to the panel's document.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def focused_text_field() -> QWidget | None:
    widget = QApplication.focusWidget()
    return widget if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) else None


def text_can(field: QWidget, command: str) -> bool:
    """Whether ``command`` (undo, redo, cut, copy, paste) does something in ``field`` now."""
    read_only = field.isReadOnly()
    if isinstance(field, QLineEdit):
        selected = field.hasSelectedText()
        undo, redo = field.isUndoAvailable(), field.isRedoAvailable()
    else:
        selected = field.textCursor().hasSelection()
        undo, redo = field.document().isUndoAvailable(), field.document().isRedoAvailable()
    return {"undo": undo and not read_only, "redo": redo and not read_only, "cut": selected and not read_only,
            "copy": selected, "paste": not read_only and bool(QApplication.clipboard().text())}.get(command, False)


def text_run(field: QWidget, command: str) -> bool:
    if not text_can(field, command):
        return False
    getattr(field, command)()
    return True
