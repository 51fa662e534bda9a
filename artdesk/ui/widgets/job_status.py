"""The job status area: each running job with its progress and a cancel button."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from artdesk.core.jobs import Progress
from artdesk.ui.job_titles import job_title, progress_text
from artdesk.ui.jobs import JobHandle, Runner


class QtJobRow(QWidget):
    def __init__(self, handle: JobHandle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handle = handle
        self.title = QLabel(job_title(handle.title))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName(f"Progress of {handle.title}")
        self.message = QLabel(self.tr("Waiting…"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(f"Cancel {handle.title}")
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.title)
        row.addWidget(self.bar, 1)
        row.addWidget(self.message, 1)
        row.addWidget(self.cancel_button)
        handle.progress.connect(self._on_handle_progress)

    def _on_handle_progress(self, progress: Progress) -> None:
        if progress.fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(progress.fraction * 1000))
        self.message.setText(progress_text(progress.message))

    def _on_cancel_button_clicked(self) -> None:
        self.handle.cancel()
        self.cancel_button.setEnabled(False)
        self.message.setText(self.tr("Cancelling…"))


class QtJobStatus(QWidget):
    """Lists the runner's jobs while they run; a row disappears when its job finishes."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[JobHandle, QtJobRow] = {}
        self._layout = QVBoxLayout(self)
        self._empty = QLabel(self.tr("No jobs running."))
        self._layout.addWidget(self._empty)
        self._layout.addStretch(1)
        runner.job_submitted.connect(self._on_runner_job_submitted)

    def _on_runner_job_submitted(self, handle: JobHandle) -> None:
        row = QtJobRow(handle)
        self.rows[handle] = row
        self._layout.insertWidget(self._layout.count() - 1, row)
        self._empty.hide()
        handle.finished.connect(lambda h=handle: self._on_handle_finished(h))

    def _on_handle_finished(self, handle: JobHandle) -> None:
        row = self.rows.pop(handle, None)
        if row is not None:
            row.deleteLater()
        self._empty.setVisible(not self.rows)
