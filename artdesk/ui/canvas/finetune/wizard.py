"""``QtFinetuneWizard``: teach the canvas GAN the user's pictures (issue #6), in four pages:
pictures (audit, crop, preview) -> options (estimate) -> training -> the finished model.

Non-modal: the user keeps working while it trains. ``resume(request)`` opens it straight on the
training page for a run left unfinished (the start-up offer in the Canvas panel uses it).
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from artdesk.ml.canvas.finetune.session import FinetuneSession
from artdesk.ui.canvas.finetune.options_page import QtOptionsPage
from artdesk.ui.canvas.finetune.pictures_page import QtPicturesPage
from artdesk.ui.canvas.finetune.training_page import QtFinishPage, QtTrainingPage
from artdesk.ui.context import AppContext


class QtFinetuneWizard(QWizard):
    """The fine-tune wizard; emits ``model_ready`` with the new model's folder."""

    model_ready = Signal(str)  # the fine-tuned model's folder, once saved (models_changed was emitted first)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Teach it your pictures"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, True)  # opens the manual's "Teach it your pictures"
        self.helpRequested.connect(self._on_help_requested)
        self.resize(900, 680)
        self.resume_request = None
        self.session = FinetuneSession()  # the pages' state: pictures, options, the run
        self.pictures_page = QtPicturesPage(context, self.session)
        self.options_page = QtOptionsPage(context, self.session)
        self.training_page = QtTrainingPage(context, self.session)
        self.finish_page = QtFinishPage(context)
        self.pictures_id = self.addPage(self.pictures_page)
        self.options_id = self.addPage(self.options_page)
        self.training_id = self.addPage(self.training_page)
        self.finish_id = self.addPage(self.finish_page)

    def _on_help_requested(self) -> None:
        from artdesk.ui.help.manual import open_manual

        open_manual(self, "teach")

    def training_size(self) -> int:
        return self.session.training_size()

    def training_request(self):
        """The request to train: a resumed run's own, else the one the options page builds."""
        return self.resume_request if self.resume_request is not None else self.session.request()

    def resume(self, request) -> None:
        """Open on the training page and continue the saved run of ``request``."""
        self.resume_request = request
        self.setStartId(self.training_id)
        self.restart()

    def reject(self) -> None:
        """Closing while training stops it (its progress is kept), after asking."""
        training = self.training_page
        if training.active:
            answer = QMessageBox.question(
                self, self.tr("Stop training?"),
                self.tr("Training is still running. Stop it? The progress is kept and can be resumed later."))
            if answer != QMessageBox.StandardButton.Yes:
                return
            training.stop()
        for slot in (self.pictures_page.audit_jobs, self.pictures_page.preview_jobs, self.pictures_page.item_jobs,
                     self.options_page.estimates, self.finish_page.snapshots.jobs):
            slot.cancel()
        super().reject()
