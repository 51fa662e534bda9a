"""The Music panel's tool row: import, export, drag out, keep, generate again, undo and redo, zoom."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from artdesk.ui.music.document import QtMelodyDocument
from artdesk.ui.music.drag import QtMelodyDragButton


def tool_button(text: str, row: QHBoxLayout) -> QToolButton:
    """A text tool button added to ``row``."""
    button = QToolButton()
    button.setText(text)
    row.addWidget(button)
    return button


class QtMusicFileBar(QWidget):
    """Buttons only: the panel connects them. Undo and Redo act on ``document`` wherever the focus is in ``owner``."""

    def __init__(self, document: QtMelodyDocument, drag_folder: Callable, owner: QWidget) -> None:
        super().__init__(owner)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.import_button = tool_button(self.tr("Import MIDI…"), row)
        self.export_midi_button = tool_button(self.tr("Export MIDI…"), row)
        self.export_wav_button = tool_button(self.tr("Export WAV…"), row)
        self.drag_button = QtMelodyDragButton(lambda: document.melody, drag_folder)
        row.addWidget(self.drag_button)
        self.keep_button = tool_button(self.tr("Keep"), row)
        self.keep_button.setToolTip(self.tr("Every result is kept in the Gallery; Keep adds the piano roll's melody "
                                            "as it is now (drawn, imported or edited)."))
        self.again_button = tool_button(self.tr("Generate again"), row)
        self.again_button.setToolTip(self.tr("Make the opened melody again from its recorded settings."))
        self.again_button.setEnabled(False)
        row.addSpacing(12)
        stack = document.undo_stack
        self.undo_action = QAction(self.tr("Undo"), owner, enabled=False)  # Ctrl+Z: the window's Edit menu
        self.undo_action.triggered.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.undoTextChanged.connect(lambda text: self.undo_action.setToolTip(self.tr("Undo {0}").format(text)))
        self.redo_action = QAction(self.tr("Redo"), owner, enabled=False)
        self.redo_action.triggered.connect(stack.redo)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.redoTextChanged.connect(lambda text: self.redo_action.setToolTip(self.tr("Redo {0}").format(text)))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            owner.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            row.addWidget(button)
        row.addSpacing(12)
        self.zoom_out_button = tool_button(self.tr("Zoom −"), row)
        self.zoom_in_button = tool_button(self.tr("Zoom +"), row)
        self.fit_button = tool_button(self.tr("Fit"), row)
        row.addStretch(1)
