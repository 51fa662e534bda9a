"""Garbage collection on the UI thread only.

Python collects cyclic garbage on whichever thread happens to allocate when a generation's count passes its
threshold. In the UI's process that can be a job's worker thread, and the garbage it collects can hold Qt objects
(a closed panel's widgets, their connected lambdas): deleting those off the UI thread crashed the app in a torch
constructor (a segfault seen in the fresh-clone CI run). So the UI process turns automatic collection off and this
collector runs the same collections, by the same thresholds, from a timer on the UI thread.

``ui_thread_collector()`` installs it once per application; ``hold()`` pauses it (start-up), ``resume()`` ends that.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_EVERY_MS = 250  # a check costs microseconds; a collection runs only when a count has passed its threshold
CHECK_SOON_MS = 20  # after a collection: while threads allocate fast, collect often, so each collection stays short


def generation_due(counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int | None:
    """The generation CPython would collect now: the oldest whose count has passed its threshold, or None."""
    if thresholds[0] <= 0 or counts[0] < thresholds[0]:
        return None
    for generation in (2, 1):
        if counts[generation] >= thresholds[generation]:
            return generation
    return 0


class UiThreadCollector(QObject):
    """Runs the garbage collections Python would run, from a timer on the thread the application lives in."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._held = False
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.collect_if_due)
        gc.disable()
        self._timer.start()
        app.destroyed.connect(lambda *_: gc.enable())  # with no event loop left, nothing would collect

    def hold(self) -> None:
        """No collections until ``resume``: the start-up's objects are frozen out of reach first."""
        self._held = True

    def resume(self) -> None:
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def collect_if_due(self) -> None:
        if self._held:
            return
        generation = generation_due(gc.get_count(), gc.get_threshold())
        if generation is not None:
            gc.collect(generation)
        self._timer.setInterval(CHECK_EVERY_MS if generation is None else CHECK_SOON_MS)


_collector: UiThreadCollector | None = None


def ui_thread_collector() -> UiThreadCollector | None:
    """The application's collector, installed on first use; None before a QCoreApplication exists."""
    global _collector
    app = QCoreApplication.instance()
    if app is None:
        return None
    if not _belongs_to(_collector, app):
        _collector = UiThreadCollector(app)
    return _collector


def collect_due_garbage() -> None:
    """Run the collection that is due now, if the collector is installed (for loops that are not Qt's)."""
    if _collector is not None and _belongs_to(_collector, QCoreApplication.instance()):
        _collector.collect_if_due()


def _belongs_to(collector: UiThreadCollector | None, app: QCoreApplication) -> bool:
    try:
        return collector is not None and collector.parent() is app
    except RuntimeError:  # its application was deleted (a test made a new one)
        return False
