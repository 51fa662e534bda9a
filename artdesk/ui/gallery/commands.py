"""The Gallery's commands for the File and Edit menus (see artdesk/ui/menus/document.py): it keeps works,
so it has no document to make or save; Undo and Redo bring deleted works back and delete them again."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication


class GalleryCommands:
    def __init__(self, panel) -> None:
        self.panel = panel
        self.open_filter = QCoreApplication.translate(
            "GalleryCommands", "Works artdesk opens (*.ora *.png *.jpg *.jpeg *.webp *.mid *.midi *.txt);;All files (*)")

    @staticmethod
    def serves(panel) -> bool:
        return hasattr(panel, "undo_stack") and hasattr(panel, "gallery")

    def can(self, command: str) -> bool:
        stack = self.panel.undo_stack
        return {"undo": stack.canUndo(), "redo": stack.canRedo()}.get(command, False)

    def run(self, command: str) -> Path | bool | None:
        if not self.can(command):
            return False
        getattr(self.panel.undo_stack, command)()
        return True
