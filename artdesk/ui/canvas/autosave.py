"""Autosave for crash recovery: a few seconds after an unsaved change, the document is written aside.

The pixels are copied on the UI thread (milliseconds); encoding and writing the .ora happen on a
short-lived thread, polled from the UI thread, so painting never waits for the disk.
"""
from __future__ import annotations

import logging
import threading

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, QTimer, Signal

from artdesk.core.document import Document
from artdesk.core.errors import ArtdeskError
from artdesk.core.recovery import RecoveryInfo, RecoveryStore
from artdesk.ui.canvas.editor import QtCanvasEditor

log = logging.getLogger("artdesk.canvas")


def recovery_question(info: RecoveryInfo) -> str:
    """The recovery bar's question, wholly in the interface language (date in the locale's short format)."""
    when = QLocale().toString(QDateTime.fromSecsSinceEpoch(int(info.saved_at)), QLocale.FormatType.ShortFormat)
    if info.source:
        return QCoreApplication.translate("Recovery", "artdesk found unsaved work from {0} ({1}). Restore it?").format(
            when, Path(info.source).name)
    return QCoreApplication.translate("Recovery", "artdesk found unsaved work from {0}. Restore it?").format(when)


class QtAutosave(QObject):
    saved = Signal()  # unsaved work was written to the recovery file
    failed = Signal(str)  # the recovery file could not be written (message for the user)

    def __init__(self, editor: QtCanvasEditor, store: RecoveryStore, delay_ms: int = 4000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.store = store
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._on_timer_timeout)
        self._poll = QTimer(self)
        self._poll.setInterval(50)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._thread: threading.Thread | None = None
        self._error: str | None = None
        editor.undo_stack.indexChanged.connect(self._on_undo_stack_indexChanged)
        editor.undo_stack.cleanChanged.connect(self._on_undo_stack_cleanChanged)
        editor.document_replaced.connect(self._on_editor_document_replaced)

    def schedule(self) -> None:
        """Save in ``delay_ms`` if there is unsaved work and no save is already due."""
        if self.editor.is_modified and not self.timer.isActive():
            self.timer.start()

    def save_now(self, wait: bool = False) -> None:
        """Start writing the recovery file (on a thread); with ``wait``, return when it is written."""
        self.timer.stop()
        self.wait()
        document = self.editor.document
        snapshot = Document(document.width, document.height, [layer.copy() for layer in document.layers],
                            dict(document.provenance))
        source = str(self.editor.path) if self.editor.path else None
        self._thread = threading.Thread(target=self._write, args=(snapshot, source), name="artdesk-autosave")
        self._thread.start()
        if wait:
            self._finish()
        else:
            self._poll.start()

    def _write(self, snapshot: Document, source: str | None) -> None:
        try:
            self.store.save(snapshot, source)
            self._error = None
        except ArtdeskError as error:
            self._error = str(error)

    def wait(self) -> None:
        """Block until a save in progress is written (only on close, or before clearing)."""
        if self._thread is not None:
            self._thread.join()
            self._finish()

    def _finish(self) -> None:
        if self._thread is None:
            return
        self._thread.join()
        self._thread = None
        self._poll.stop()
        if self._error:
            log.warning("autosave failed: %s", self._error)
            self.failed.emit(self._error)
        else:
            self.saved.emit()
        if not self.editor.is_modified:
            self.store.clear()  # saved properly while the recovery copy was being written

    def discard(self) -> None:
        """The work was saved properly: no recovery copy is needed."""
        self.timer.stop()
        self.wait()
        self.store.clear()

    def close(self) -> None:
        """On a clean close: keep unsaved work in the recovery file (offered next start), else remove it."""
        self.timer.stop()
        self.wait()
        if self.editor.is_modified:
            self.save_now(wait=True)
        else:
            self.store.clear()

    # ----- slots -------------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        if self.editor.stroking or self._thread is not None:
            self.timer.start(1000)  # do not copy pixels in the middle of a stroke
            return
        if self.editor.is_modified:
            self.save_now()

    def _on_poll_timeout(self) -> None:
        if self._thread is not None and not self._thread.is_alive():
            self._finish()

    def _on_undo_stack_indexChanged(self, _index: int) -> None:  # noqa: N802 (Qt naming)
        self.schedule()

    def _on_undo_stack_cleanChanged(self, clean: bool) -> None:  # noqa: N802 (Qt naming)
        if clean and not self.editor.is_modified:
            self.discard()

    def _on_editor_document_replaced(self) -> None:
        self.schedule()
