"""The offline manual: ``resources/manual/<language>/manual.html`` (with its pictures) in a help window.

Topics are the manual's anchors (``canvas``, ``models``, ``teach``, ``originality``, ``files``... in TOPICS);
Help > Manual opens it at the top, a "?" button at its topic. One window is reused. The language is
the interface's (Simplified Chinese when it is in effect, else English).
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QLocale, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from artdesk.core.paths import AppPaths, app_paths

TOPICS = ("panels", "canvas", "music", "poem", "gallery", "models", "teach", "originality", "files", "privacy")


def manual_language() -> str:
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"


def fill_paths(html: str, paths: AppPaths) -> str:
    """The manual's "Where your files are kept" names this computer's folders ({{GALLERY}} and the like)."""
    folders = {"GALLERY": paths.data / "gallery", "USER_MODELS": paths.user_models, "RECOVERY": paths.data / "recovery",
               "CONFIG": paths.config, "LOGS": paths.logs}
    for token, folder in folders.items():
        html = html.replace("{{" + token + "}}", escape(str(folder)))
    return html


def manual_file(resources: Path, language: str | None = None) -> Path:
    """The manual's HTML for ``language`` (the interface's by default); English if that one is missing."""
    folder = Path(resources) / "manual"
    chosen = folder / (language or manual_language()) / "manual.html"
    return chosen if chosen.is_file() else folder / "en" / "manual.html"


class QtManualWindow(QDialog):
    """A non-modal window with the manual; ``show_topic`` scrolls to an anchor."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ManualWindow")
        self.paths = paths
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Manual"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        self.contents_button = buttons.addButton(self.tr("Contents"), QDialogButtonBox.ButtonRole.ActionRole)
        self.contents_button.clicked.connect(lambda: self.show_topic(""))
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(860, 720)
        self.language = ""

    def show_topic(self, topic: str = "") -> None:
        """Show the manual in the interface language (loaded again if the language changed) at ``topic``."""
        self.setWindowTitle(self.tr("artdesk manual"))
        language = manual_language()
        if language != self.language:
            path = manual_file(self.paths.resources, language)
            self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
            self.browser.setHtml(fill_paths(path.read_text(encoding="utf-8"), self.paths))
            self.language = language
        if topic:
            self.browser.scrollToAnchor(topic)
        else:
            self.browser.verticalScrollBar().setValue(0)


def open_manual(parent: QWidget, topic: str = "", paths: AppPaths | None = None) -> QtManualWindow:
    """Show the one manual window (made on first use) at ``topic``; returns it."""
    window = parent.window()
    manual = window.findChild(QtManualWindow)
    if manual is None:
        manual = QtManualWindow(paths or app_paths(), window)
    manual.show_topic(topic)
    manual.show()
    manual.raise_()
    manual.activateWindow()
    return manual
