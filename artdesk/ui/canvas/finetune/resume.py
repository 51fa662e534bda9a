"""The start-up offer to resume a fine-tune that a crash, a power cut or a quit left unfinished.

``QtResumeOffer`` asks ``run.unfinished_runs`` in the background (never on the UI thread) and, if it
finds any, shows a bar naming the most recent; Resume emits ``resume_requested`` with its request.
"""
from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from artdesk.ml.canvas.finetune.requests import DiscardRun, UnfinishedRuns
from artdesk.ui.canvas.finetune.job_slot import QtJobSlot
from artdesk.ui.context import AppContext


def describe(run: Any) -> str:
    """"name, step N, saved HH:MM" (or the date when not today)."""
    saved = time.localtime(float(run.saved_at))
    today = time.localtime().tm_yday == saved.tm_yday and time.localtime().tm_year == saved.tm_year
    when = time.strftime("%H:%M" if today else "%Y-%m-%d %H:%M", saved)
    return f"{run.name}, step {run.step}, saved {when}"


class QtResumeOffer(QFrame):
    """A bar that appears only when unfinished fine-tunes exist."""

    resume_requested = Signal(object)  # the FinetuneRequest of the run the user chose to resume

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.runs: list[Any] = []
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame { background: #e8f0fe; color: #1a3768; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Unfinished fine-tune")
        self.resume_button = QPushButton(self.tr("Resume"))
        self.resume_button.clicked.connect(self._on_resume_button_clicked)
        self.discard_button = QPushButton(self.tr("Discard…"))
        self.discard_button.setToolTip(self.tr("Delete the chosen run's saved progress"))
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        later = QPushButton(self.tr("Not now"))
        later.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.choice)
        row.addWidget(self.resume_button)
        row.addWidget(self.discard_button)
        row.addWidget(later)
        self.hide()
        self.lookups = QtJobSlot(context.runner, parent=self)

    def check(self) -> None:
        """Look for unfinished runs in the background; the bar shows itself if there are any."""
        request = UnfinishedRuns(str(self.context.paths.user_models))
        self.lookups.start(request.job, request, "Look for unfinished fine-tunes",
                           returned=self._on_lookup_returned, errored=self._on_lookup_errored)

    def _on_lookup_returned(self, runs: list[Any]) -> None:
        self.runs = sorted(runs, key=lambda run: float(run.saved_at), reverse=True)
        self.choice.clear()
        for run in self.runs:
            self.choice.addItem(describe(run))
        self.choice.setVisible(len(self.runs) > 1)
        if not self.runs:
            self.hide()
            return
        if len(self.runs) == 1:
            self.label.setText(self.tr("A fine-tune was left unfinished ({0}). Resume it?").format(describe(self.runs[0])))
        else:
            self.label.setText(self.tr("{0} fine-tunes were left unfinished. Resume one?").format(len(self.runs)))
        self.show()

    def _on_lookup_errored(self, message: str) -> None:
        self.context.status_message.emit(self.tr("Could not look for unfinished fine-tunes: {0}").format(message))

    def _on_resume_button_clicked(self) -> None:
        index = self.choice.currentIndex()
        if 0 <= index < len(self.runs):
            self.hide()
            self.resume_requested.emit(self.runs[index].request)

    def _on_discard_button_clicked(self) -> None:
        index = self.choice.currentIndex()
        if not 0 <= index < len(self.runs):
            return
        name = self.runs[index].name
        answer = QMessageBox.question(self, self.tr("Discard the fine-tune?"),
                                      self.tr("Delete the saved progress of {0}? This cannot be undone.").format(name))
        if answer == QMessageBox.StandardButton.Yes:
            request = DiscardRun(str(self.context.paths.user_models), name)
            self.lookups.start(request.job, request, "Discard a fine-tune",
                               returned=self._on_lookup_returned, errored=self._on_lookup_errored)
