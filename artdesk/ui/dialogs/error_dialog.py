"""The dialog for unexpected exceptions: what happened, where the log is; the app keeps running."""
from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger("artdesk")


def show_error(parent: QWidget | None, message: str, details: str, log_path: Path | None) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(box.tr("artdesk: something went wrong"))
    where = box.tr("Details were written to {0}.").format(log_path) if log_path else box.tr("The log could not be written.")
    box.setText(f"{message}\n\n{where}\n" + box.tr("Your work is still open; you can keep working."))
    box.setDetailedText(details)
    box.open()


class ExceptionReporter(QObject):
    """Installs sys/threading excepthooks that log and show the error dialog on the UI thread."""

    caught = Signal(str, str)  # (message, traceback), delivered on the UI thread

    def __init__(self, parent_window: QWidget | None, log_path: Path | None) -> None:
        super().__init__()
        self.parent_window = parent_window
        self.log_path = log_path
        self._reporting = False
        self.caught.connect(self._on_self_caught)

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _hook(self, exc_type, exc_value, exc_tb) -> None:
        details = "".join(traceback.format_exception(exc_type, exc_value, exc_tb))
        log.error("unexpected exception:\n%s", details)
        if self._reporting:  # an exception while reporting one (e.g. during interpreter exit): log only
            return
        self._reporting = True
        try:
            self.caught.emit(f"{exc_type.__name__}: {exc_value}", details)
        except RuntimeError:  # this reporter's Qt object is already gone
            pass
        finally:
            self._reporting = False

    def _on_self_caught(self, message: str, details: str) -> None:
        show_error(self.parent_window, message, details, self.log_path)
