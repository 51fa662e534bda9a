"""Wizard page 3: the run on the training worker (``run.run_finetune``) with progress, ETA, the loss
plot, the sample strip and its scrubber, KID and the closest pairs; pause, resume and stop.

Pause and stop both cancel the job, which saves its state; resume submits the same request again and
the backend continues from that state. Other panels keep generating: inference has its own worker.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QSplitter,
    QVBoxLayout,
    QWizardPage,
)

from artdesk.core.cards import CardError, read_card
from artdesk.core.jobs import Progress
from artdesk.ml.canvas.finetune.session import DONE, FAILED, PAUSED, RUNNING, STOPPED, FinetuneSession
from artdesk.ui.canvas.finetune.job_slot import QtJobSlot
from artdesk.ui.canvas.finetune.page import NOTICE_STYLE, QtFinetunePage
from artdesk.ui.canvas.finetune.result_view import QtResultView
from artdesk.ui.canvas.finetune.snapshot_list import QtSnapshotList
from artdesk.ui.canvas.finetune.views import QtClosestPairs, QtLossPlot, QtSampleStrip
from artdesk.ui.jobs import TRAINING_WORKER
from artdesk.ui.forms import progress_bar, push_button, row, wrapped_label


class QtTrainingPage(QtFinetunePage):
    """Runs the request the wizard gives it; complete once the new model is saved."""

    def __init__(self, context, session: FinetuneSession, parent=None) -> None:
        super().__init__(context, session, parent)
        self.run = session.run
        self.setTitle(self.tr("Training"))
        self.setSubTitle(self.tr("You can keep painting and generating meanwhile. Pause keeps everything; "
                                 "a crash loses at most a few minutes."))
        self.runs = QtJobSlot(context.runner, TRAINING_WORKER, self)
        self.request = None
        self.result: Path | None = None
        self._build()

    def _build(self) -> None:
        self.progress_bar = progress_bar()
        self.status = wrapped_label(self.tr("Starting…"))
        self.notice = wrapped_label(style=NOTICE_STYLE)  # the run's warnings (a full disk, copying), kept until the next
        self.notice.hide()
        self.pause_button = push_button(self.tr("Pause"), self._on_pause_button_clicked)
        self.stop_button = push_button(self.tr("Stop"), self._on_stop_button_clicked,
                                       tip=self.tr("Stop and keep the progress; artdesk offers to resume it later"))
        buttons = row((self.progress_bar, 1), self.pause_button, self.stop_button)
        self.strip = QtSampleStrip()
        self.strip.shown_changed.connect(self._on_strip_shown_changed)
        self.loss_plot = QtLossPlot()
        self.pairs = QtClosestPairs()
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.loss_plot)
        lower.addWidget(self.pairs)
        lower.setStretchFactor(0, 1)  # the plot and the pairs share the width
        lower.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.strip)
        split.addWidget(lower)
        split.setStretchFactor(1, 2)  # the strip needs about one row; the plot and the pairs get the rest
        split.setSizes([1, 10])  # the strip starts at its one-row minimum; dragging shows a second row
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.notice)
        layout.addWidget(split, 1)

    # ----- the run -----------------------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        wizard = self.wizard()
        wizard.options_page.estimates.cancel()  # a still-running estimate must not hold up the run
        self.request = wizard.training_request()
        self.start()

    @property
    def state(self) -> str:
        """Where the run stands (the session's ``TrainingRun``)."""
        return self.run.state

    def start(self) -> None:
        """Start (or resume: the backend continues a saved run of the same name)."""
        self.run.start()
        self.status.setText(self.tr("Starting {0}…").format(self.request.name))
        self.runs.start(self.request.job, self.request, f"Fine-tune {self.request.name}",
                        progress=self._on_run_progress, partial=self._on_run_partial, returned=self._on_run_returned,
                        errored=self._on_run_errored, aborted=self._on_run_aborted)
        self._update_buttons()

    def pause(self) -> None:
        if self.run.pause():
            self.runs.cancel()
            self.status.setText(self.tr("Pausing (saving the progress)…"))
            self._update_buttons()

    def stop(self) -> None:
        if self.run.stop():
            self.runs.cancel()
            self.status.setText(self.tr("Stopping (saving the progress)…"))
        elif self.state == STOPPED:
            self._say_stopped()
        self._update_buttons()

    @property
    def active(self) -> bool:
        return self.run.active

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return self.state == DONE

    def _say_stopped(self) -> None:
        self.status.setText(self.tr("Stopped. The progress is kept: open this wizard with the same name, or "
                                    "accept artdesk's offer at the next start, to go on."))

    def _update_buttons(self) -> None:
        self.pause_button.setText(self.tr("Resume") if self.state in (PAUSED, FAILED) else self.tr("Pause"))
        self.pause_button.setEnabled(self.run.can_pause)
        self.stop_button.setEnabled(self.run.can_stop)
        self.completeChanged.emit()

    # ----- slots -----------------------------------------------------------------------------------
    def _on_pause_button_clicked(self) -> None:
        if self.state == RUNNING:
            self.pause()
        elif self.state in (PAUSED, FAILED):
            self.start()

    def _on_stop_button_clicked(self) -> None:
        self.stop()

    def _on_run_progress(self, progress: Progress) -> None:
        """Steps move the bar; a report without a fraction is a warning from the run, shown until the next."""
        if progress.fraction is None:
            self.notice.setText(progress.message)
            self.notice.setVisible(bool(progress.message))
            return
        self.progress_bar.setValue(int(progress.fraction * 1000))
        if self.state == RUNNING:
            self.status.setText(progress.message)

    def _on_run_partial(self, snapshot: Any) -> None:
        if not hasattr(snapshot, "samples"):
            return
        self.strip.add(snapshot)
        self.loss_plot.set_history(snapshot.loss_history)
        if self.strip.shown == len(self.strip.snapshots) - 1:
            self.pairs.show_snapshot(snapshot)

    def _on_strip_shown_changed(self, index: int) -> None:
        self.pairs.show_snapshot(self.strip.snapshots[index])

    def _on_run_returned(self, folder: Path) -> None:
        self.run.done()
        self.result = Path(folder)
        self.progress_bar.setValue(1000)
        self.status.setText(self.tr("Done: {0} is saved and in the Canvas model picker.").format(self.result.name))
        self.context.models_changed.emit()
        self._update_buttons()
        self.wizard().model_ready.emit(str(self.result))

    def _on_run_errored(self, message: str) -> None:
        self.run.failed()
        self.status.setText(self.tr("{0}\nThe progress saved so far is kept; Resume tries again.").format(message))
        self._update_buttons()

    def _on_run_aborted(self) -> None:
        self.run.aborted()
        if self.state == PAUSED:
            self.status.setText(self.tr("Paused. The progress is saved; Resume goes on from here."))
        else:
            self._say_stopped()
        self._update_buttons()


class QtFinishPage(QWizardPage):
    """The result: where the model is, its measures in words (``QtResultView``), the closest pairs and its
    snapshots (use, export, delete)."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your model is ready"))
        self.summary = wrapped_label(selectable=True)
        self.result_view = QtResultView()
        self.pairs = QtClosestPairs()
        self.pairs.metrics.hide()  # one value per run: the card's, above; the pairs keep their distances
        self.snapshots = QtSnapshotList(context)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.pairs)
        split.addWidget(self.snapshots)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.result_view)
        layout.addWidget(split, 1)

    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        training = self.wizard().training_page
        lines = [self.tr("{0} is selected in the Canvas model picker: press Generate to draw with it.\n"
                         "Saved in {1}").format(training.result.name, training.result)]
        metrics = self.metrics(training.result)
        if metrics.get("stopped_early"):
            lines.append(self.tr("Training stopped early: later snapshots were no better, so the best one is kept."))
        self.summary.setText("\n".join(lines))
        self.result_view.show_metrics(metrics)
        if training.strip.snapshots:  # the pairs of the snapshot the model kept
            kept = [s for s in training.strip.snapshots if s.step == metrics.get("model_step")]
            self.pairs.show_snapshot((kept or training.strip.snapshots)[-1])
        self.pairs.setVisible(bool(training.strip.snapshots))
        self.snapshots.show_model(training.result)

    def metrics(self, model_dir: Path) -> dict:
        """The card's final measures (empty if the card cannot be read)."""
        try:
            card = read_card(model_dir)
        except CardError:
            return {}
        training = card.raw.get("training", {})
        return {**card.metrics, "stopped_early": training.get("stopped_early", False),
                "model_step": training.get("model_step")}
