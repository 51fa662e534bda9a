"""The main window: Canvas, Music and Poem tabs built on first show, the job area, menus and help.

On the first start a welcome page opens in a dock beside the panels. Every visible string is set in
``retranslate()``, which runs again when the interface language changes.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabWidget

from artdesk.core.cards import bundled_model_problems
from artdesk.core.errors import ArtdeskError
from artdesk.core.settings import save_settings
from artdesk.ui.context import AppContext
from artdesk.ui.dialogs.welcome import QtWelcomePage
from artdesk.ui.discard import may_discard
from artdesk.ui.menus.document import commands_for
from artdesk.ui.menus.file_edit import QtDocumentMenus
from artdesk.ui.panels import PANELS
from artdesk.ui.panels.lazy import LazyPanel
from artdesk.ui.vertical_scroller import QtVerticalScroller
from artdesk.ui.widgets.job_status import QtJobStatus

log = logging.getLogger("artdesk.ui")

# Which panel opens a document given on the command line (or by the desktop's file association).
OPENED_BY = {".ora": "canvas", ".png": "canvas", ".jpg": "canvas", ".jpeg": "canvas", ".webp": "canvas",
             ".mid": "music", ".midi": "music", ".txt": "poem"}


class MainWindow(QMainWindow):
    preferences_applied = Signal(dict)  # new settings["general"] values from the Preferences dialog

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setObjectName("MainWindow")
        self.resize(1200, 800)
        icon_path = context.paths.resources / "icons" / "artdesk.png"
        if icon_path.exists():
            from PySide6.QtGui import QIcon

            self.setWindowIcon(QIcon(str(icon_path)))
        self.tabs = QTabWidget()
        self.panels: dict[str, LazyPanel] = {}
        for title, reference in PANELS:
            page = LazyPanel(reference, context)
            self.panels[title.lower()] = page
            self.tabs.addTab(page, title)
        self.setCentralWidget(self.tabs)

        self.job_status = QtJobStatus(context.runner)
        self.jobs_dock = QDockWidget(self)
        self.jobs_dock.setObjectName("JobsDock")
        jobs_scroller = QtVerticalScroller(self.job_status)
        jobs_scroller.setMinimumHeight(5 * self.fontMetrics().height())  # two jobs in view; more scroll
        self.jobs_dock.setWidget(jobs_scroller)  # a job starting or ending no longer resizes the panels above
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.jobs_dock)

        self.welcome = QtWelcomePage()
        self.welcome.example_requested.connect(self._on_welcome_example_requested)
        self.welcome.dismissed.connect(self._on_welcome_dismissed)
        self.welcome_dock = QDockWidget(self)
        self.welcome_dock.setObjectName("WelcomeDock")
        self.welcome_dock.setWidget(self.welcome)
        self.welcome_dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.welcome_dock)

        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.model_warning = QLabel()
        self.model_warning.linkActivated.connect(self._on_model_warning_link_activated)
        self.model_warning.hide()
        self.statusBar().addPermanentWidget(self.model_warning)
        context.status_message.connect(self._on_context_status_message)
        context.open_path_requested.connect(self._on_context_open_path_requested)
        self._window_settings = QSettings(str(context.paths.config / "window.ini"), QSettings.Format.IniFormat)
        self._commands: dict[str, object] = {}  # panel name -> its document commands, once built
        self.document_menus = QtDocumentMenus(self, self._window_settings, self.current_commands, self.open_paths)
        self.document_menus.recent.message.connect(context.status_message)
        self._build_actions()
        self.retranslate()
        self._restore_state()
        self.welcome_dock.setVisible(self._first_run())
        self.check_bundled_models()

    # --- actions and menus -------------------------------------------------------------------

    def _action(self, slot, shortcut=None, role=QAction.MenuRole.NoRole) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setMenuRole(role)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        self.quit_action = self._action(self.close, None, QAction.MenuRole.QuitRole)
        self.quit_action.setShortcuts(quit_keys)
        self.preferences_action = self._action(self.open_preferences, "Ctrl+,", QAction.MenuRole.PreferencesRole)
        self.library_action = self._action(self.open_model_library, "Ctrl+L")
        self.panel_actions = [
            self._action(lambda checked=False, i=index: self.tabs.setCurrentIndex(i), f"Ctrl+{index + 1}")
            for index in range(len(PANELS))
        ]
        self.next_panel_action = self._action(self._on_next_panel_action_triggered, "Ctrl+Tab")
        self.full_screen_action = self._action(self._on_full_screen_action_triggered, QKeySequence.StandardKey.FullScreen)
        self.full_screen_action.setCheckable(True)
        self.jobs_action = self.jobs_dock.toggleViewAction()
        self.jobs_action.setShortcut(QKeySequence("Ctrl+J"))
        self.welcome_action = self.welcome_dock.toggleViewAction()
        self.manual_action = self._action(lambda: self.open_manual(), QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = self._action(self.open_shortcuts, "Ctrl+/")
        self.about_action = self._action(self.open_about, None, QAction.MenuRole.AboutRole)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.document_menus.fill_file_menu(self.file_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.preferences_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.document_menus.fill_edit_menu(self.edit_menu)
        self.models_menu = bar.addMenu("")
        self.models_menu.addAction(self.library_action)
        self.view_menu = bar.addMenu("")
        for action in self.panel_actions:
            self.view_menu.addAction(action)
        self.view_menu.addAction(self.next_panel_action)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.jobs_action)
        self.view_menu.addAction(self.full_screen_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.manual_action)
        self.help_menu.addAction(self.welcome_action)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def panel_titles(self) -> dict[str, str]:
        """Each panel's title in the current language (the keys are the panel names in PANELS)."""
        return {"canvas": self.tr("Canvas"), "music": self.tr("Music"), "poem": self.tr("Poem"), "gallery": self.tr("Gallery")}

    def retranslate(self) -> None:
        """Set every string this window owns; runs at start and on each language change."""
        self.setWindowTitle("artdesk")
        titles = self.panel_titles()
        for index, (title, _) in enumerate(PANELS):
            shown = titles.get(title.lower()) or self.tr(title)
            self.tabs.setTabText(index, shown)
            self.panel_actions[index].setText(self.tr("Show the {0} panel").format(shown))
        self.tabs.setAccessibleName(self.tr("Panels"))
        self.jobs_dock.setWindowTitle(self.tr("Jobs"))
        self.jobs_dock.setAccessibleName(self.tr("Running jobs"))
        self.welcome_dock.setWindowTitle(self.tr("Welcome"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.document_menus.retranslate()
        self.manual_action.setText(self.tr("&Manual"))
        self.models_menu.setTitle(self.tr("&Models"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.quit_action.setText(self.tr("&Quit"))
        self.preferences_action.setText(self.tr("&Preferences…"))
        self.library_action.setText(self.tr("Model &library…"))
        self.next_panel_action.setText(self.tr("Next panel"))
        self.full_screen_action.setText(self.tr("&Full screen"))
        self.jobs_action.setText(self.tr("&Jobs"))
        self.welcome_action.setText(self.tr("&Welcome"))
        self.shortcuts_action.setText(self.tr("&Keyboard shortcuts"))
        self.about_action.setText(self.tr("&About artdesk"))
        self.status_label.setAccessibleName(self.tr("Status"))
        self._show_model_problems()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- first run and bundled models --------------------------------------------------------

    def _first_run(self) -> bool:
        """True only the first time: the flag is saved at once (if the settings cannot be written, it shows again)."""
        ui = self.context.settings.setdefault("ui", {})
        if ui.get("welcome_shown"):
            return False
        ui["welcome_shown"] = True
        try:
            save_settings(self.context.paths.settings_file, self.context.settings)
        except ArtdeskError as error:
            log.warning("could not remember that the welcome page was shown: %s", error)
        return True

    def check_bundled_models(self) -> list[str]:
        """Name missing or damaged bundled models in the status bar (the app keeps working without them)."""
        self.model_problems = bundled_model_problems(self.context.paths.bundled_models)
        for problem in self.model_problems:
            log.warning(problem)
        self._show_model_problems()
        return self.model_problems

    def _show_model_problems(self) -> None:
        problems = getattr(self, "model_problems", [])
        self.model_warning.setVisible(bool(problems))
        if problems:
            text = self.tr("%n bundled model(s) could not be read", "", len(problems))
            self.model_warning.setText(f'⚠ {text} (<a href="about">{self.tr("details")}</a>)')
            self.model_warning.setToolTip("\n".join(problems))
            self.model_warning.setAccessibleName(text)

    def _on_model_warning_link_activated(self, _link: str) -> None:
        self.open_about()

    # --- slots and dialogs -------------------------------------------------------------------

    def show_panel(self, name: str) -> LazyPanel:
        page = self.panels[name]
        self.tabs.setCurrentWidget(page)
        page.ensure_built()
        return page

    def _on_welcome_example_requested(self, domain: str) -> None:
        page = self.show_panel(domain)
        show_example = getattr(page.panel, "show_example", None)  # optional panel hook
        if callable(show_example):
            show_example()

    def _on_welcome_dismissed(self) -> None:
        self.welcome_dock.hide()

    def _on_next_panel_action_triggered(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    def _on_full_screen_action_triggered(self, checked: bool) -> None:
        self.showFullScreen() if checked else self.showNormal()

    def _on_context_status_message(self, message: str) -> None:
        self.status_label.setText(message)

    def _on_context_open_path_requested(self, path: str) -> None:
        self.open_paths([path])

    def current_commands(self):
        """The document commands (artdesk/ui/menus/document.py) of the panel in front, or None."""
        name = next((n for n, page in self.panels.items() if page is self.tabs.currentWidget()), None)
        if name is None:
            return None
        if name not in self._commands:
            page = self.panels[name]
            if page.panel is None:  # still importing off the UI thread: its commands come once it is built
                return None
            self._commands[name] = commands_for(name, page.panel)
        return self._commands[name]

    def open_paths(self, paths: list[str]) -> list[str]:
        """Open documents (command line, File > Open, Open Recent) in the panel for their type; those opened."""
        opened = []
        for raw in paths:
            path = Path(raw)
            domain = OPENED_BY.get(path.suffix.lower())
            if domain is None or not path.is_file():
                self.context.status_message.emit(self.tr("artdesk cannot open {0}.").format(path.name))
                continue
            page = self.show_panel(domain)
            opener = getattr(page.panel, "open_file", None)  # optional panel hook: open_file(path)
            if callable(opener):
                if opener(path) not in (False, None):
                    opened.append(str(path))
            else:
                self.context.status_message.emit(self.tr("The {0} panel cannot open files yet.").format(self.panel_titles()[domain]))
        return opened

    def open_model_library(self):
        from artdesk.ui.dialogs.model_library import ModelLibraryDialog

        dialog = ModelLibraryDialog(self.context, self)
        dialog.open()
        return dialog

    def open_preferences(self):
        from artdesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.context, self)
        language_before = str(self.context.settings.get("general", {}).get("language", "system"))
        dialog.applied.connect(self.preferences_applied)
        dialog.applied.connect(lambda values: self._on_preferences_applied(language_before, values))
        dialog.open()
        return dialog

    def open_manual(self, topic: str = ""):
        """Help > Manual (F1), or a "?" button's topic: the offline manual in the interface language."""
        from artdesk.ui.help.manual import open_manual

        return open_manual(self, topic, self.context.paths)

    def _on_preferences_applied(self, language_before: str, values: dict) -> None:
        """A new language reaches the menus at once (retranslate); the panels need a restart: say so, offer it."""
        if str(values.get("language", "system")) != language_before:
            from artdesk.ui.restart import offer_restart

            QTimer.singleShot(0, lambda: offer_restart(self))  # after the Preferences dialog has closed

    def open_shortcuts(self):
        from artdesk.ui.dialogs.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def open_about(self):
        from artdesk.ui.dialogs.about import AboutDialog

        dialog = AboutDialog(self.context, self)
        dialog.open()
        return dialog

    # --- window state ------------------------------------------------------------------------

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

    def may_quit(self) -> bool:
        """The discard guard for each panel with unsaved work, shown first: Save / Discard / Cancel.

        Cancel (or a Save that does not happen) keeps the window open.
        """
        for page in self.panels.values():
            if callable(getattr(page.panel, "unsaved_work", None)) and page.panel.unsaved_work():
                self.tabs.setCurrentWidget(page)
                if not may_discard(page.panel):
                    return False
        return True

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if not self.may_quit():
            event.ignore()
            return
        self.save_state()
        self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Let every built panel let go of its work (``close_panel``), then stop the workers; no question asked."""
        for page in self.panels.values():
            close_panel = getattr(page.panel, "close_panel", None)
            if close_panel is not None:
                close_panel()
        self.context.runner.shutdown()
