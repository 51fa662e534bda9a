"""File > Open Recent: the last files opened or saved, kept in QSettings, newest first.

A file that has been moved or deleted is left out of the menu and dropped from the list, and the
status bar names it, so a click never leads to "file not found".
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QMenu

KEY = "recent/files"
LIMIT = 10


class QtRecentFiles(QObject):
    open_requested = Signal(str)  # a recent file the artist chose (it existed when the menu opened)
    message = Signal(str)  # a sentence for the status bar (files dropped from the list)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self._on_menu_about_to_show)

    def paths(self) -> list[str]:
        value = self.settings.value(KEY, [])
        if isinstance(value, str):  # QSettings returns one string for a one-item list in INI files
            value = [value]
        return [str(v) for v in value or []]

    def _store(self, paths: list[str]) -> None:
        self.settings.setValue(KEY, paths[:LIMIT])
        self.settings.sync()

    def add(self, path: Path | str) -> None:
        resolved = str(Path(path).resolve())
        self._store([resolved, *[p for p in self.paths() if p != resolved]])

    def clear(self) -> None:
        self._store([])

    def prune(self) -> list[str]:
        """Drop files that no longer exist; returns their paths (and says so in the status bar)."""
        paths = self.paths()
        gone = [p for p in paths if not Path(p).is_file()]
        if gone:
            self._store([p for p in paths if p not in gone])
            names = ", ".join(Path(p).name for p in gone)
            self.message.emit(self.tr("No longer found, so removed from Open Recent (moved or deleted): {0}").format(names))
        return gone

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("Open &Recent"))

    def _on_menu_about_to_show(self) -> None:
        self.prune()
        self.menu.clear()
        for number, path in enumerate(self.paths(), start=1):
            action = self.menu.addAction(f"&{number % 10} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda checked=False, p=path: self.choose(p))
        if not self.paths():
            self.menu.addAction(self.tr("No recent files")).setEnabled(False)
        self.menu.addSeparator()
        clear = self.menu.addAction(self.tr("Clear the list"))
        clear.setEnabled(bool(self.paths()))
        clear.triggered.connect(self.clear)

    def choose(self, path: str) -> bool:
        """Open ``path`` if it is still there; otherwise drop it and say so. True when asked to open."""
        if not Path(path).is_file():
            self.prune()
            return False
        self.open_requested.emit(path)
        return True
