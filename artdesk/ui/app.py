"""Start the GUI: settings, log, window first; torch is imported on the worker after the window shows."""
from __future__ import annotations

import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

import artdesk
from artdesk.core.logs import setup_logging
from artdesk.core.paths import app_paths
from artdesk.core.settings import load_settings
from artdesk.ui.collector import ui_thread_collector
from artdesk.ui.context import AppContext
from artdesk.ui.dialogs.error_dialog import ExceptionReporter
from artdesk.ui.jobs import JobHandle, Runner
from artdesk.ui.main_window import MainWindow
from artdesk.ui.theme import QtThemeManager
from artdesk.ui.translation import QtTranslations

log = logging.getLogger("artdesk")


def translations(app: QApplication, i18n_dir: Path) -> QtTranslations:
    """The application's one translation manager (created on first use)."""
    manager = app.findChild(QtTranslations)
    if manager is None:
        manager = QtTranslations(app, i18n_dir)
    manager.i18n_dir = Path(i18n_dir)  # the folder of the paths in use now
    return manager


def themes(app: QApplication) -> QtThemeManager:
    """The application's one theme manager (created on first use)."""
    manager = app.findChild(QtThemeManager)
    if manager is None:
        manager = QtThemeManager(app)
    return manager


def apply_preferences(app: QApplication, i18n_dir: Path, values: dict) -> None:
    """Switch language and theme now; widgets retranslate on the LanguageChange event."""
    translations(app, i18n_dir).install(str(values.get("language", "system")))
    themes(app).apply(str(values.get("theme", "system")))


def build_window(app: QApplication) -> MainWindow:
    """Create the context and main window (not shown); reports settings problems in the status bar."""
    paths = app_paths()
    log_path = setup_logging(paths.logs)
    loaded = load_settings(paths.settings_file)
    for problem in loaded.problems:
        log.warning(problem)
    context = AppContext(paths, loaded.values, Runner(app), log_path)
    general = context.settings.get("general", {})
    translations(app, paths.resources / "i18n").install(str(general.get("language", "system")))
    themes(app).apply(str(general.get("theme", "system")))
    window = MainWindow(context)
    window.preferences_applied.connect(lambda values: apply_preferences(app, paths.resources / "i18n", values))
    reporter = ExceptionReporter(window, log_path)
    reporter.install()
    window.exception_reporter = reporter
    if loaded.problems:
        context.status_message.emit(loaded.problems[0])
    return window


def ready_text(window: MainWindow, info: dict) -> str:
    """The status line once the models can run: where they run, in words (the device's name in the log)."""
    log.info("models ready on %s with %s threads (torch %s)", info.get("device"), info.get("threads"), info.get("torch"))
    if str(info.get("device", "cpu")).startswith("cpu"):
        return window.tr("Ready. Models run on this computer's processor.")
    return window.tr("Ready. Models run on the graphics card.")


def use_model_process(window: MainWindow, start: bool) -> None:
    """Every model job runs in the model process from now on (it imports torch; the UI's process never does);
    ``start``: start it now, off the UI thread (else the first model job starts it)."""
    from artdesk.ml.warmup import warm_up

    context = window.context
    # The model and training processes inherit it: torch there keeps a core for the UI (ml.device.worker_threads).
    os.environ.setdefault("OMP_NUM_THREADS", str(max(1, (os.cpu_count() or 1) - 1)))
    context.runner.use_model_process((warm_up, context.settings["general"]["device"]), start=start)


def start_warm_up(window: MainWindow) -> JobHandle:
    """Start the model process and report when it is ready."""
    from artdesk.ml.warmup import warm_up

    context = window.context
    use_model_process(window, start=True)
    handle = context.runner.submit(warm_up, context.settings["general"]["device"], window.tr("Loading models"))
    handle.started.connect(lambda: context.status_message.emit(window.tr("Getting the models ready…")))
    handle.returned.connect(lambda info: context.status_message.emit(ready_text(window, info)))
    handle.errored.connect(lambda message, _details: context.status_message.emit(message))
    handle.start()
    return handle


AFTER_FIRST_PANEL_MS = 100  # the panel paints its parts first (ui.panels.lazy reveals its docks one per turn)


def hold_collections_during_start_up() -> None:
    """No garbage collection while the first panel imports and builds: a full collection over the start-up
    objects held the UI thread for 20 ms in the middle of it. ``freeze_start_up_objects`` ends this."""
    ui_thread_collector().hold()


def freeze_start_up_objects() -> None:
    """Put what start-up made (modules, widget wrappers, tables: some 300,000 objects, nearly all kept for the
    session) out of the garbage collector's reach, then let it collect again: its first full collection over them,
    about 10 s after the models were ready, held the UI thread for 23 ms. Later objects are collected as usual."""
    gc.freeze()
    ui_thread_collector().resume()


def start_warm_up_after_first_panel(window: MainWindow, started: Callable[[JobHandle], None] | None = None) -> None:
    """Start the warm-up once the panel shown first is built: on two cores, the model process importing torch
    would otherwise take the CPU from the UI thread while it imports and builds that panel. Model jobs that
    panel starts meanwhile (the look for unfinished fine-tunes) already go to the model process."""
    use_model_process(window, start=False)
    hold_collections_during_start_up()

    def start() -> None:
        freeze_start_up_objects()
        handle = start_warm_up(window)
        if started is not None:
            started(handle)

    page = window.tabs.currentWidget()
    if getattr(page, "panel", True) is None:  # in a turn of its own, after the built panel's first paints
        page.built.connect(lambda: QTimer.singleShot(AFTER_FIRST_PANEL_MS, window, start),
                          Qt.ConnectionType.SingleShotConnection)
    else:
        QTimer.singleShot(0, start)


class _ExposeProbe(QObject):
    """``--startup-probe``: print the time the window is first exposed, then quit (bench and build)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            print(f"window exposed {time.time():.6f}", flush=True)
            QApplication.instance().quit()
        return False


def run_gui(argv: list[str]) -> int:
    probe = "--startup-probe" in argv
    argv = [a for a in argv if a != "--startup-probe"]
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("artdesk")
    app.setApplicationVersion(artdesk.__version__)
    app.setDesktopFileName("artdesk")  # matches the .desktop entry packaging/linux installs
    window = build_window(app)
    if probe:
        window.winId()
        window._expose_probe = _ExposeProbe(window)
        window.windowHandle().installEventFilter(window._expose_probe)
        window.show()
        app.exec()
        window.context.runner.shutdown()
        return 0
    window.show()
    start_warm_up_after_first_panel(window)
    documents = [a for a in argv if not a.startswith("-")]
    if documents:
        QTimer.singleShot(0, lambda: window.open_paths(documents))
    return app.exec()
