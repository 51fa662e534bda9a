"""Keeping generated works in the gallery one per event-loop turn, so the window never stalls on disk syncs."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal


class QtKeepQueue(QObject):
    """Feeds queued items to ``keep_one`` (which writes one into the gallery and returns the item, or None).

    A None stops the queue (full budget or disk: the context already said why); ``done(kept, offered)``
    comes when the queue empties, so ``kept < offered`` means it stopped early."""

    done = Signal(int, int)

    def __init__(self, keep_one: Callable[[Any], object | None], parent: QObject) -> None:
        super().__init__(parent)
        self._keep_one = keep_one
        self._items: list[Any] = []
        self._kept = self._offered = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def add(self, items: list[Any]) -> None:
        self._items.extend(items)
        self._offered += len(items)
        if self._items:
            self._timer.start()

    def flush(self) -> None:
        """Keep everything still queued now (the panel is closing)."""
        while self._items:
            self._keep_next()

    def _on_timer_timeout(self) -> None:
        if self._items:
            self._keep_next()
        else:
            self._timer.stop()

    def _keep_next(self) -> None:
        if self._keep_one(self._items.pop(0)) is None:
            self._items.clear()
        else:
            self._kept += 1
        if not self._items:
            self._timer.stop()
            kept, offered = self._kept, self._offered
            self._kept = self._offered = 0
            self.done.emit(kept, offered)
