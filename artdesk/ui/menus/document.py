"""The one contract between the File/Edit menus and the panel in front.

Each panel has a small adapter (``artdesk/ui/<domain>/commands.py``) that speaks for its document:

- ``open_filter``: the file types its Open dialog offers (translated);
- ``can(command) -> bool``: whether ``command`` applies now; commands are
  "new", "save", "save_as", "export", "undo", "redo", "cut", "copy", "paste";
- ``run(command) -> Path | None | bool``: do it. Save and Save As return the path written (for Open
  Recent) or None when nothing was saved; the others return whether anything happened.

Opening goes through the window (``MainWindow.open_paths``), which picks the panel by file type, so a
panel needs no "open" command. A panel without an adapter (one that failed to build) greys the items.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

FILE_COMMANDS = ("new", "save", "save_as", "export")
EDIT_COMMANDS = ("undo", "redo", "cut", "copy", "paste")

# Panel name (as in PANELS, lower case) -> "module:Class" of its adapter, imported when the panel is built.
ADAPTERS = {
    "canvas": "artdesk.ui.canvas.commands:CanvasCommands",
    "music": "artdesk.ui.music.commands:MusicCommands",
    "poem": "artdesk.ui.poem.commands:PoemCommands",
    "gallery": "artdesk.ui.gallery.commands:GalleryCommands",
}


class DocumentCommands(Protocol):
    open_filter: str

    def can(self, command: str) -> bool: ...

    def run(self, command: str) -> Path | bool | None: ...


def commands_for(name: str, panel: QWidget | None) -> DocumentCommands | None:
    """The adapter for a built panel, or None (no adapter, or the panel is a 'could not be opened' label)."""
    reference = ADAPTERS.get(name)
    if reference is None or panel is None:
        return None
    module_name, _, class_name = reference.partition(":")
    adapter_class = getattr(importlib.import_module(module_name), class_name)
    return adapter_class(panel) if adapter_class.serves(panel) else None
