"""The main window: Canvas, Music and Poem tabs built on first show, the job area, the model library."""
from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget

from artdesk.ui.context import AppContext
from artdesk.ui.panels import PANELS
from artdesk.ui.panels.lazy import LazyPanel
from artdesk.ui.widgets.job_status import QtJobStatus


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle("artdesk")
        self.setObjectName("MainWindow")
        self.resize(1200, 800)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Panels"))
        self.panels: dict[str, LazyPanel] = {}
        for title, reference in PANELS:
            page = LazyPanel(reference, context)
            self.panels[title.lower()] = page
            self.tabs.addTab(page, self.tr(title))
        self.setCentralWidget(self.tabs)

        self.job_status = QtJobStatus(context.runner)
        jobs_dock = QDockWidget(self.tr("Jobs"), self)
        jobs_dock.setObjectName("JobsDock")
        jobs_dock.setWidget(self.job_status)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, jobs_dock)

        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        context.status_message.connect(self._on_context_status_message)
        self._build_menus(jobs_dock)
        self._window_settings = QSettings(str(context.paths.config / "window.ini"), QSettings.Format.IniFormat)
        self._restore_state()

    def _build_menus(self, jobs_dock: QDockWidget) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        models_menu = self.menuBar().addMenu(self.tr("&Models"))
        library_action = QAction(self.tr("Model &library…"), self, shortcut=QKeySequence("Ctrl+L"))
        library_action.triggered.connect(self.open_model_library)
        models_menu.addAction(library_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(jobs_dock.toggleViewAction())
        for index, (title, _) in enumerate(PANELS):
            action = QAction(self.tr(title), self, shortcut=QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda checked=False, i=index: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)

    def open_model_library(self):
        from artdesk.ui.dialogs.model_library import ModelLibraryDialog

        dialog = ModelLibraryDialog(self.context, self)
        dialog.open()
        return dialog

    def _on_context_status_message(self, message: str) -> None:
        self.status_label.setText(message)

    def _state_key(self, what: str) -> str:
        return f"{what}/qt-{qVersion()}"  # geometry blobs are not portable across Qt versions

    def _restore_state(self) -> None:
        geometry = self._window_settings.value(self._state_key("geometry"))
        state = self._window_settings.value(self._state_key("state"))
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        index = self._window_settings.value("panel", 0, type=int)
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def save_state(self) -> None:
        self._window_settings.setValue(self._state_key("geometry"), self.saveGeometry())
        self._window_settings.setValue(self._state_key("state"), self.saveState())
        self._window_settings.setValue("panel", self.tabs.currentIndex())
        self._window_settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.save_state()
        for page in self.panels.values():
            close_panel = getattr(page.panel, "close_panel", None)
            if close_panel is not None:
                close_panel()
        self.context.runner.shutdown()
        super().closeEvent(event)
