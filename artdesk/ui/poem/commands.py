"""The Poem panel's document commands for the File and Edit menus (see artdesk/ui/menus/document.py).

Save writes the poem as .txt with its provenance header (to the file last saved, or asks); a poem has
no separate export. New empties the editor (after the discard guard); the Edit commands act on the
poem's text.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from artdesk.ui.discard import may_discard
from artdesk.ui.menus.text_focus import text_can, text_run


class PoemCommands:
    def __init__(self, panel) -> None:
        self.panel = panel
        self.path: Path | None = None  # the file last saved from the menu
        self.open_filter = QCoreApplication.translate("PoemCommands", "Poems (*.txt);;All files (*)")

    @staticmethod
    def serves(panel) -> bool:
        return hasattr(panel, "editor") and hasattr(panel, "export_to")

    def can(self, command: str) -> bool:
        has_text = bool(self.panel.editor.text().strip())
        if command in ("new", "save", "save_as"):
            return has_text
        if command == "export":
            return False
        return text_can(self.panel.editor.text_edit, command)

    def run(self, command: str) -> Path | bool | None:
        panel = self.panel
        if not self.can(command):
            return None if command in ("save", "save_as") else False
        if command in ("save", "save_as"):
            path = self.path if command == "save" else None
            if path is None:
                chosen, _ = QFileDialog.getSaveFileName(panel, QCoreApplication.translate("PoemCommands", "Save poem"),
                                                        str(self.path or "poem.txt"),
                                                        QCoreApplication.translate("PoemCommands", "Text (*.txt)"))
                if not chosen:
                    return None
                path = Path(chosen if chosen.lower().endswith(".txt") else chosen + ".txt")
            written = panel.export_to(path)
            self.path = written
            return written
        if command == "new":
            if not may_discard(panel):
                return False
            panel.editor.set_text("", keep_locks=False)
            panel.result_text = ""
            self.path = None
            return True
        return text_run(panel.editor.text_edit, command)
