"""The Canvas panel's document commands for the File and Edit menus (see artdesk/ui/menus/document.py)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication


class CanvasCommands:
    def __init__(self, panel) -> None:
        self.panel = panel
        self.open_filter = QCoreApplication.translate(
            "CanvasCommands", "Pictures and documents (*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff *.ora);;"
            "All files (*)")

    @staticmethod
    def serves(panel) -> bool:
        return hasattr(panel, "editor") and hasattr(panel, "copy_to_clipboard")

    def can(self, command: str) -> bool:
        stack = self.panel.editor.undo_stack
        selected = self.panel.editor.selection is not None
        return {"new": True, "save": True, "save_as": True, "export": True, "undo": stack.canUndo(),
                "redo": stack.canRedo(), "cut": selected, "copy": True, "paste": True}.get(command, False)

    def run(self, command: str) -> Path | bool | None:
        panel, editor = self.panel, self.panel.editor
        if not self.can(command):
            return False
        if command in ("save", "save_as"):
            saved = panel.save_work() if command == "save" else panel._on_save_as_action_triggered()
            return editor.path if saved else None
        if command == "new":
            panel._on_new_action_triggered()
        elif command == "export":
            panel._on_export_action_triggered()
        elif command == "undo":
            editor.undo_stack.undo()
        elif command == "redo":
            editor.undo_stack.redo()
        elif command == "cut":
            panel.copy_to_clipboard()
            editor.clear_selection()
        elif command == "copy":
            panel.copy_to_clipboard()
        elif command == "paste":
            return panel.paste_from_clipboard()
        return True
