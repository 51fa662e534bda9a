"""Fine-tuning from the Music panel: one run at a time on the training worker, shown in the side column."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, Signal

from artdesk.core.jobs import Progress
from artdesk.ui.context import AppContext
from artdesk.ui.job_titles import progress_text
from artdesk.ui.job_wiring import wire
from artdesk.ui.jobs import TRAINING_WORKER, JobHandle
from artdesk.ui.music.controls import QtMusicControls

log = logging.getLogger("artdesk.music")


class QtFinetuneRunner(QObject):
    """Starts, stops and reports a fine-tune; inference never waits behind it (its own worker)."""

    busy_changed = Signal(bool)  # a fine-tune started (True) or ended (False)

    def __init__(self, context: AppContext, controls: QtMusicControls, track: Callable[[JobHandle], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.controls = controls
        self._track = track  # the panel's job_finished bookkeeping, connected after our slots
        self.handle: JobHandle | None = None
        controls.finetune_cancel_button.clicked.connect(self._on_finetune_cancel_button_clicked)

    @property
    def busy(self) -> bool:
        return self.handle is not None

    def start(self, request) -> JobHandle:
        handle = self.context.runner.submit(request.job, request, self.tr("Fine-tune {0}").format(request.out_name),
                                            worker=TRAINING_WORKER)
        self.handle = handle
        wire(handle, progress=self._on_handle_progress, returned=self._on_handle_returned,
             errored=self._on_handle_errored, aborted=self._on_handle_aborted, finished=self._on_handle_finished)
        self._track(handle)
        c = self.controls
        c.finetune_cancel_button.setEnabled(True)
        c.finetune_progress.setRange(0, 0)
        c.finetune_label.setText(self.tr("Starting…"))
        self.busy_changed.emit(True)
        handle.start()
        return handle

    def _on_finetune_cancel_button_clicked(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.controls.finetune_label.setText(self.tr("Stopping (progress is kept; start again with Resume to go on)…"))

    def _on_handle_progress(self, progress: Progress) -> None:
        bar = self.controls.finetune_progress
        if progress.fraction is None:
            bar.setRange(0, 0)
        else:
            bar.setRange(0, 1000)
            bar.setValue(int(progress.fraction * 1000))
        self.controls.finetune_label.setText(progress_text(progress.message))

    def _on_handle_returned(self, folder) -> None:
        self.controls.finetune_label.setText(self.tr("Done: the new model {0} is in the Melody picker.").format(Path(folder).name))
        self.context.models_changed.emit()
        index = self.controls.lstm_combo.findData(f"user:music/{Path(folder).name}")
        if index >= 0:
            self.controls.lstm_combo.setCurrentIndex(index)

    def _on_handle_errored(self, message: str, details: str) -> None:
        log.info("fine-tune failed: %s", details)
        self.controls.finetune_label.setText(message)

    def _on_handle_aborted(self) -> None:
        self.controls.finetune_label.setText(self.tr("Stopped. Start again with Resume to go on from where it stopped."))

    def _on_handle_finished(self) -> None:
        self.handle = None
        self.controls.finetune_cancel_button.setEnabled(False)
        self.controls.finetune_progress.setRange(0, 1000)
        self.busy_changed.emit(False)
