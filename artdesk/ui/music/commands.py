"""The Music panel's document commands for the File and Edit menus (see artdesk/ui/menus/document.py).

Save writes MIDI (to the file last saved, or asks); Export renders WAV; New empties the piano roll
(undoable, keeping tempo and metre); Cut, Copy and Paste act on the piano roll's selected notes.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from artdesk.core.melody import Melody
from artdesk.core.melody_edits import delete_notes


class MusicCommands:
    def __init__(self, panel) -> None:
        self.panel = panel
        self.path: Path | None = None  # the MIDI file last saved from the menu
        self.open_filter = QCoreApplication.translate("MusicCommands", "MIDI files (*.mid *.midi);;All files (*)")

    @staticmethod
    def serves(panel) -> bool:
        return hasattr(panel, "document") and hasattr(panel, "export_midi")

    def can(self, command: str) -> bool:
        document, roll = self.panel.document, self.panel.roll
        has_notes, selected = bool(document.notes), bool(document.selection)
        return {"new": has_notes, "save": has_notes, "save_as": has_notes, "export": has_notes,
                "undo": document.undo_stack.canUndo(), "redo": document.undo_stack.canRedo(), "cut": selected,
                "copy": selected, "paste": bool(getattr(roll, "_clipboard", ()))}.get(command, False)

    def run(self, command: str) -> Path | bool | None:
        panel, document, roll = self.panel, self.panel.document, self.panel.roll
        if not self.can(command):
            return None if command in ("save", "save_as") else False
        if command in ("save", "save_as"):
            path = self.path if command == "save" and self.path is not None else panel.exports.ask_midi_path()
            if path is None or not panel.export_midi(path):
                return None
            self.path = path
            return path
        if command == "new":
            melody = document.melody
            document.set_melody(Melody(tempo_bpm=melody.tempo_bpm, time_signature=melody.time_signature),
                                QCoreApplication.translate("MusicCommands", "New melody"))
            self.path = None
            panel.show_message(QCoreApplication.translate(
                "MusicCommands", "The piano roll is empty: draw notes or generate. Undo brings the melody back."))
        elif command == "export":
            panel._on_export_wav_button_clicked()
        elif command in ("undo", "redo"):
            getattr(document.undo_stack, command)()
        elif command in ("cut", "copy"):
            roll.copy_selection()
            if command == "cut":
                selection = set(document.selection)
                document.set_notes(delete_notes(document.notes, selection), f"Cut {len(selection)} notes")
        elif command == "paste":
            roll.paste(int(roll.paste_step))
        return True
