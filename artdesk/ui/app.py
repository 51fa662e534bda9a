"""Start the GUI: settings, log, window first; torch is imported on the worker after the window shows."""
from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import artdesk
from artdesk.core.logs import setup_logging
from artdesk.core.paths import app_paths
from artdesk.core.settings import load_settings
from artdesk.ui.context import AppContext
from artdesk.ui.dialogs.error_dialog import ExceptionReporter
from artdesk.ui.jobs import Runner
from artdesk.ui.main_window import MainWindow

log = logging.getLogger("artdesk")


def build_window(app: QApplication) -> MainWindow:
    """Create the context and main window (not shown); reports settings problems in the status bar."""
    paths = app_paths()
    log_path = setup_logging(paths.logs)
    loaded = load_settings(paths.settings_file)
    for problem in loaded.problems:
        log.warning(problem)
    context = AppContext(paths, loaded.values, Runner(app), log_path)
    window = MainWindow(context)
    reporter = ExceptionReporter(window, log_path)
    reporter.install()
    window.exception_reporter = reporter
    if loaded.problems:
        context.status_message.emit(loaded.problems[0])
    return window


def start_warm_up(window: MainWindow) -> None:
    from artdesk.ml.warmup import warm_up

    context = window.context
    handle = context.runner.submit(warm_up, context.settings["general"]["device"], window.tr("Loading models"))
    handle.progress.connect(lambda p: context.status_message.emit(p.message))
    handle.returned.connect(lambda info: context.status_message.emit(window.tr("Ready ({0}, {1} threads)").format(info["device"], info["threads"])))
    handle.errored.connect(lambda message, _details: context.status_message.emit(message))
    handle.start()


def run_gui(argv: list[str]) -> int:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("artdesk")
    app.setApplicationVersion(artdesk.__version__)
    window = build_window(app)
    window.show()
    QTimer.singleShot(0, lambda: start_warm_up(window))
    return app.exec()
