"""The Gallery's "Content Credentials" box: a file's signed record in sentences, read on the worker.

It shows the selected work's file, a file dropped on the Gallery or picked with "Check a file…", and the
last file opened in another panel (``context.credentials_read``). A tampered file is named in red.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from artdesk.ui.context import AppContext
from artdesk.ui.jobs import JobHandle

WARNING_STATES = ("tampered", "damaged", "too large")


class QtHowItWasMade(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.job: JobHandle | None = None
        self.title = QLabel(self.tr("<b>Content Credentials</b>"))
        self.title.setWordWrap(True)  # it names the work, whose title may be long
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(self.tr("Content Credentials of the file"))
        self.check_button = QPushButton(self.tr("Check a file…"))
        self.check_button.setToolTip(self.tr("Read the Content Credentials of any picture or sound (or drop it here)"))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.text, self.check_button):
            layout.addWidget(widget)
        context.credentials_read.connect(self.show_credentials)
        if context.last_credentials is not None:
            self.show_credentials(*context.last_credentials)

    def check(self, path: Path, name: str = "") -> JobHandle:
        """Read ``path``'s credentials on the worker (a check still running is cancelled) and show them under
        ``name`` (a gallery work's title; the file's name by default)."""
        from artdesk.core.credentials.jobs import ReadRequest, read_job

        if self.job is not None:
            self.job.cancel()
        name = name or Path(path).name
        self.show_message(self.tr("Checking %s…") % name)
        handle = self.context.runner.submit(read_job, ReadRequest((Path(path),)), self.tr("Check Content Credentials"))
        handle.returned.connect(lambda found, name=name: self.show_credentials(name, found[0]))
        handle.errored.connect(lambda message, _details: self.show_message(message, True))
        handle.finished.connect(lambda h=handle: self._on_job_finished(h))
        self.job = handle
        handle.start()
        return handle

    def show_credentials(self, name: str, credentials) -> None:
        self.title.setText(self.tr("<b>Content Credentials</b>: %s") % name.replace("<", "&lt;"))
        if credentials.state == "none":  # the common case, said in the interface language
            self.show_message(self.tr("None: artdesk signs pictures and sounds when you export them."))
            return
        self.show_message("\n".join(credentials.sentences), credentials.state in WARNING_STATES)

    def show_message(self, text: str, warning: bool = False) -> None:
        self.text.setStyleSheet("color: #b00020;" if warning else "")
        self.text.setText(text)

    def _on_job_finished(self, handle: JobHandle) -> None:
        if self.job is handle:
            self.job = None

    def _on_check_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Check Content Credentials"), "",
                                              self.tr("Pictures and sounds (*.png *.jpg *.jpeg *.webp *.wav);;"
                                                      "All files (*)"))
        if path:
            self.check(Path(path))
