"""The window's File and Edit menus: New, Open…, Open Recent, Save, Save As…, Export…, Undo, Redo, Cut,
Copy, Paste, with the platform's standard keys, acting on the panel in front through its document
commands (artdesk/ui/menus/document.py) or, for Edit, on the text field being typed in.

The actions live on the main window, so their keys work in every panel; panels do not bind these keys
themselves (two bindings of one key would cancel each other out as "ambiguous").
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from artdesk.ui.menus.document import DocumentCommands
from artdesk.ui.menus.recent import QtRecentFiles
from artdesk.ui.menus.text_focus import focused_text_field, text_can, text_run

STD = QKeySequence.StandardKey
KEYS = {
    "new": (STD.New, "Ctrl+N"), "open": (STD.Open, "Ctrl+O"), "save": (STD.Save, "Ctrl+S"),
    "save_as": (STD.SaveAs, "Ctrl+Shift+S"), "export": (None, "Ctrl+E"),
    "undo": (STD.Undo, "Ctrl+Z"), "redo": (STD.Redo, "Ctrl+Shift+Z"), "cut": (STD.Cut, "Ctrl+X"),
    "copy": (STD.Copy, "Ctrl+C"), "paste": (STD.Paste, "Ctrl+V"),
}


def standard_keys(name: str) -> list[QKeySequence]:
    """The platform's keys for a command, or a common fallback where the platform has none (Save As on some)."""
    standard, fallback = KEYS[name]
    keys = QKeySequence.keyBindings(standard) if standard is not None else []
    return keys or [QKeySequence(fallback)]


class QtDocumentMenus(QObject):
    def __init__(self, window: QMainWindow, settings: QSettings, current: Callable[[], DocumentCommands | None],
                 open_paths: Callable[[list[str]], list[str]]) -> None:
        super().__init__(window)
        self.window = window
        self.current = current  # the document commands of the panel in front, or None
        self.open_paths = open_paths  # opens files in the panel for their type; returns those opened
        self.recent = QtRecentFiles(settings, self)
        self.recent.open_requested.connect(self._on_recent_open_requested)
        self.actions: dict[str, QAction] = {}
        for name in KEYS:
            action = QAction(window)
            action.setShortcuts(standard_keys(name))
            action.triggered.connect(lambda checked=False, n=name: self.trigger(n))
            window.addAction(action)
            self.actions[name] = action

    def fill_file_menu(self, menu: QMenu) -> None:
        """New, Open…, Open Recent, Save, Save As…, Export… (the window adds Preferences and Quit)."""
        for name in ("new", "open"):
            menu.addAction(self.actions[name])
        menu.addMenu(self.recent.menu)
        menu.addSeparator()
        for name in ("save", "save_as", "export"):
            menu.addAction(self.actions[name])
        menu.aboutToShow.connect(self.update_enabled)
        menu.aboutToHide.connect(self.enable_keys)

    def fill_edit_menu(self, menu: QMenu) -> None:
        for name in ("undo", "redo"):
            menu.addAction(self.actions[name])
        menu.addSeparator()
        for name in ("cut", "copy", "paste"):
            menu.addAction(self.actions[name])
        menu.aboutToShow.connect(self.update_enabled)
        menu.aboutToHide.connect(self.enable_keys)

    def retranslate(self) -> None:
        texts = {"new": self.tr("&New"), "open": self.tr("&Open…"), "save": self.tr("&Save"),
                 "save_as": self.tr("Save &As…"), "export": self.tr("&Export…"), "undo": self.tr("&Undo"),
                 "redo": self.tr("&Redo"), "cut": self.tr("Cu&t"), "copy": self.tr("&Copy"), "paste": self.tr("&Paste")}
        for name, text in texts.items():
            self.actions[name].setText(text)
        self.recent.retranslate()

    def can(self, name: str) -> bool:
        if name == "open":
            return True
        field = focused_text_field() if name in ("undo", "redo", "cut", "copy", "paste") else None
        if field is not None and self.window.isAncestorOf(field):
            return text_can(field, name)
        commands = self.current()
        return commands is not None and commands.can(name)

    def update_enabled(self) -> None:
        """Grey what does not apply now (called as a menu opens; keys still reach ``trigger``, which checks again)."""
        for name, action in self.actions.items():
            action.setEnabled(self.can(name))

    def enable_keys(self) -> None:
        """Enable every item again once its menu closes: a greyed action takes no key, and what applies changes
        with the panel in front (built off the UI thread, maybe after the menu last opened) and its document."""
        for action in self.actions.values():
            action.setEnabled(True)

    def trigger(self, name: str) -> Path | bool | None:
        """Run a menu command on the text field being typed in (Edit) or on the panel in front."""
        if name == "open":
            return self.open_dialog()
        field = focused_text_field() if name in ("undo", "redo", "cut", "copy", "paste") else None
        if field is not None and self.window.isAncestorOf(field):
            return text_run(field, name)
        commands = self.current()
        if commands is None or not commands.can(name):
            return None
        result = commands.run(name)
        if name in ("save", "save_as") and isinstance(result, Path):
            self.recent.add(result)
        return result

    def open_dialog(self) -> list[str]:
        commands = self.current()
        file_filter = commands.open_filter if commands is not None else self.tr("All files (*)")
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open"), "", file_filter)
        return self.open(path) if path else []

    def open(self, path: str) -> list[str]:
        opened = self.open_paths([path])
        for each in opened:
            self.recent.add(each)
        return opened

    def _on_recent_open_requested(self, path: str) -> None:
        self.open(path)
