"""Wizard page 2: base model, name, resolution, three choices in an artist's words (how long, how closely,
how much variety), technical knobs behind Advanced (each with a one-line explanation), the pictures'
source and licence (training cannot start until the user says the pictures are theirs or that they do not
know the licence), and a time estimate measured on this machine (``trainer.estimate``)."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWizard,
)

from artdesk.core.jobs import Progress
from artdesk.ml.canvas.finetune import plan
from artdesk.ml.canvas.finetune.requests import ESTIMATE_JOB
from artdesk.ml.canvas.finetune.session import BAD_NAME, NAME_TAKEN, NO_BASE, FinetuneSession
from artdesk.ui.binding import bind, none_at_minimum
from artdesk.ui.canvas.finetune.job_slot import QtJobSlot
from artdesk.ui.canvas.finetune.page import QtFinetunePage
from artdesk.ui.forms import choice_combo, disclosure_button, float_spin, int_spin, push_button, row, wrapped_label
from artdesk.ui.jobs import TRAINING_WORKER

def automatic(spin: QAbstractSpinBox) -> QAbstractSpinBox:
    """A knob whose lowest value reads "auto" and means None in the request (the plan chooses)."""
    spin.setSpecialValueText(QCoreApplication.translate("QtOptionsPage", "auto"))
    return none_at_minimum(spin)


def auto_spin(maximum: int, tip: str) -> QSpinBox:
    return automatic(int_spin(-1, maximum, tip=tip))


def auto_float(maximum: float, decimals: int, tip: str) -> QDoubleSpinBox:
    return automatic(float_spin(0.0, maximum, 0.0, 10 ** -decimals * 10, decimals, tip))


ESTIMATE_FREE = {"crop", "source_note", "licence"}  # choices that leave the time estimate as it is


class QtOptionsPage(QtFinetunePage):
    """The options, bound to the session's settings; committing them (Start training) leads to the training page."""

    def __init__(self, context, session: FinetuneSession, parent=None) -> None:
        super().__init__(context, session, parent)
        self.setTitle(self.tr("How to train"))
        self.setSubTitle(self.tr("The defaults suit most folders. Press Estimate to measure how long it takes "
                                 "on this computer."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Start training"))
        self.estimates = QtJobSlot(context.runner, TRAINING_WORKER, self)
        self.estimate = None  # the last plan.Estimate, while the options are unchanged
        self._build()
        bind(session.settings, {
            "base": self.base_combo, "name": self.name_edit, "preset": self.preset_combo, "follow": self.follow_combo,
            "keep_variety": self.variety_combo, "source_note": self.source_edit, "licence": self.licence_edit,
            "consent": self.consent_check, "unknown_licence": self.unknown_check, "steps": self.steps_spin,
            "batch": self.batch_spin, "lr": self.lr_spin, "freeze_d_blocks": self.freeze_spin,
            "freeze_g_blocks": self.freeze_g_spin, "variety": self.correspondence_spin, "ewc": self.ewc_spin,
            "base_mix": self.base_mix_spin, "reconstruct": self.match_spin,
            "resemble": self.resemble_spin, "norm_only": self.norm_combo,
            "ema_decay": self.ema_spin, "snapshot_every": self.snapshot_spin,
            "checkpoint_every_s": self.checkpoint_spin, "heldout_fraction": self.heldout_spin, "seed": self.seed_spin,
            "device": self.device_combo, "stop_early": self.copying_check})
        session.settings.connect(self._on_settings_changed)
        self.reload_bases()

    # ----- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.base_combo = QComboBox()
        self.base_combo.setAccessibleName("Base model")
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("New model name")
        self.size_combo = QComboBox()
        self.size_combo.setToolTip(self.tr("The base model's resolution; the fine-tune keeps it"))
        self.preset_combo = choice_combo(((self.tr("Quick: a first look in a minute or two"), "quick"),
                                          (self.tr("Standard: a good result in a few minutes"), "standard"),
                                          (self.tr("Long: the most this computer can do, for an evening"), "long")), 1)
        self.follow_combo = choice_combo(((self.tr("Loosely: a gentle nudge toward your pictures"), "loosely"),
                                          (self.tr("Balanced"), "balanced"),
                                          (self.tr("Closely: learn your pictures faster (may lose variety)"), "closely")), 1)
        self.variety_combo = choice_combo(((self.tr("A little: your pictures matter most"), "a little"),
                                           (self.tr("Some: varied pictures in your look"), "some"),
                                           (self.tr("Strongly: as varied as the original model"), "strongly")), 1)
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText(self.tr("e.g. my sketchbook 2019-2024, scanned"))
        self.licence_edit = QLineEdit()
        self.licence_edit.setPlaceholderText(self.tr("e.g. my own work, all rights reserved; or CC BY 4.0"))
        self.consent_check = QCheckBox(self.tr("I made these pictures, or I have permission to train on them"))
        self.unknown_check = QCheckBox(self.tr("I don't know the licence (the model's card will say so)"))
        self.problem = wrapped_label(style="QLabel { color: #a02020; }")

        self.advanced_button = disclosure_button(self.tr("Advanced"), self._on_advanced_button_toggled)
        self.advanced = QGroupBox()
        self.steps_spin = auto_spin(1_000_000, self.tr("Training steps (auto: from the preset and the folder size)"))
        self.batch_spin = auto_spin(256, self.tr("Pictures per step"))
        self.lr_spin = auto_float(0.01, 5, self.tr("Learning rate"))
        self.freeze_spin = auto_spin(8, self.tr("Critic blocks kept as the base model learned them"))
        self.freeze_g_spin = auto_spin(4, self.tr("Generator blocks kept frozen, coarse first"))
        self.correspondence_spin = auto_float(1e5, 0, self.tr("Cross-domain correspondence weight"))
        self.ewc_spin = auto_float(1e6, 3, self.tr("Elastic weight consolidation weight"))
        self.base_mix_spin = auto_float(0.9, 2, self.tr("Share of the base model's pictures among yours"))
        self.match_spin = auto_float(1000.0, 2, self.tr("Weight of matching each of your pictures (IMLE)"))
        self.resemble_spin = auto_float(1000.0, 2, self.tr("Weight of resembling your pictures as a whole (MMD)"))
        self.norm_combo = choice_combo(((self.tr("auto"), None), (self.tr("yes"), True), (self.tr("no"), False)))
        self.ema_spin = auto_float(0.9999, 4, self.tr("How much of the past the saved model averages"))
        self.snapshot_spin = auto_spin(100_000, self.tr("Steps between sample strips"))
        self.checkpoint_spin = int_spin(10, 3600, 120, self.tr("A crash loses at most this much training"), suffix=" s")
        self.heldout_spin = float_spin(
            0.2, 0.5, 0.2, 0.05, tip=self.tr("Share of your pictures kept aside to measure the result (at least 2)"))
        self.seed_spin = int_spin(0, 2**31 - 1)
        self.copying_check = QCheckBox(self.tr("Stop early when it stops getting better or starts copying my "
                                               "pictures (the best snapshot is kept)"))
        self.copying_check.setChecked(True)
        self.device_combo = choice_combo(((self.tr("Automatic"), "auto"), (self.tr("Processor (CPU)"), "cpu"),
                                          (self.tr("NVIDIA graphics card (CUDA)"), "cuda"),
                                          (self.tr("Apple graphics (Metal)"), "mps")))
        form = QFormLayout(self.advanced)
        rows = (
            (self.tr("Steps"), self.steps_spin, self.setting_explanation("steps")),
            (self.tr("Batch"), self.batch_spin, self.setting_explanation("batch")),
            (self.tr("Learning rate"), self.lr_spin, self.setting_explanation("lr")),
            (self.tr("Frozen critic blocks"), self.freeze_spin, self.setting_explanation("freeze_d_blocks")),
            (self.tr("Frozen generator blocks"), self.freeze_g_spin, self.setting_explanation("freeze_g_blocks")),
            (self.tr("Correspondence weight"), self.correspondence_spin, self.setting_explanation("variety")),
            (self.tr("Weight anchoring"), self.ewc_spin, self.setting_explanation("ewc")),
            (self.tr("Match each picture"), self.match_spin, self.setting_explanation("reconstruct")),
            (self.tr("Base pictures mixed in"), self.base_mix_spin, self.setting_explanation("base_mix")),
            (self.tr("Resemble your pictures"), self.resemble_spin, self.setting_explanation("resemble")),
            (self.tr("Only colour and contrast learn"), self.norm_combo, self.setting_explanation("norm_only")),
            (self.tr("Weight averaging"), self.ema_spin, self.setting_explanation("ema_decay")),
            (self.tr("Samples every"), self.snapshot_spin, self.tr("Steps between measured sample strips.")),
            (self.tr("Save progress every"), self.checkpoint_spin, self.tr("A crash loses at most this much.")),
            (self.tr("Held out"), self.heldout_spin,
             self.tr("Share of your pictures kept aside to measure the result (at least 2).")),
            (self.tr("Seed"), self.seed_spin, self.tr("The same seed and pictures repeat the same training.")),
            (self.tr("Device"), self.device_combo, self.tr("Where training runs; auto picks a graphics card if any.")),
        )
        for label, widget, explanation in rows:
            form.addRow(label, widget)
            form.addRow("", self.explanation(explanation))
        form.addRow(self.tr("Augmentation"), self.explanation(self.setting_explanation("augment")))
        form.addRow(self.copying_check)
        self.advanced.hide()

        self.estimate_button = push_button(self.tr("Estimate"), self._on_estimate_button_clicked)
        self.estimate_label = wrapped_label(self.tr("Not measured yet."))
        self.settings_label = wrapped_label()
        estimate_row = row(self.estimate_button, (self.estimate_label, 1))

        top = QFormLayout()
        top.addRow(self.tr("Start from"), self.base_combo)
        top.addRow(self.tr("New model name"), self.name_edit)
        top.addRow(self.tr("Resolution"), self.size_combo)
        top.addRow(self.tr("How long to train"), self.preset_combo)
        top.addRow(self.tr("How closely to follow your pictures"), self.follow_combo)
        top.addRow(self.tr("Keep the variety of the original model"), self.variety_combo)
        top.addRow(self.tr("Where the pictures come from"), self.source_edit)
        top.addRow(self.tr("Licence"), self.licence_edit)
        top.addRow(self.consent_check)
        top.addRow(self.unknown_check)
        form.addRow(self.settings_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.advanced_button)
        self.advanced_area = QScrollArea()  # a dozen settings, each with its explanation: they scroll, not squash
        self.advanced_area.setWidget(self.advanced)
        self.advanced_area.setWidgetResizable(True)
        self.advanced_area.setMinimumHeight(260)
        self.advanced_area.hide()
        layout.addWidget(self.advanced_area, 1)
        layout.addLayout(estimate_row)
        layout.addWidget(self.problem)
        layout.addStretch(1)

    @staticmethod
    def explanation(text: str) -> QLabel:
        return wrapped_label(text, "QLabel { color: palette(mid); }")

    def reload_bases(self) -> None:
        """The canvas GANs (bundled and the user's) that a fine-tune can start from."""
        self.session.set_cards(self.context.discover("canvas").cards)
        self.base_combo.clear()
        for base in self.session.bases:
            self.base_combo.addItem(f"{base.name} ({self.tr('yours') if base.is_user else self.tr('bundled')})",
                                    base.path)

    # ----- the request ----------------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802 (Qt naming)
        if not self.name_edit.text():
            self.name_edit.setText(self.session.default_name())
        if self.estimate is None and self.validate() == "":
            self.start_estimate()

    def validate(self) -> str:
        """"" when a run can start, else what to fix."""
        problem = self.session.problem()
        if problem == NO_BASE:
            return self.tr("There is no image model (GAN) to start from. Reinstall artdesk, or train one with: "
                           "artdesk train canvas")
        if problem == BAD_NAME:
            return self.tr("Name the model with letters, digits, - or _ (up to 64).")
        if problem == NAME_TAKEN:
            return self.tr("You already have a model named {0}; choose another name.").format(
                self.session.settings.value.name.strip())
        return ""

    def consent_problem(self) -> str:
        """"" once the user said the pictures are theirs or that they don't know the licence."""
        if not self.session.consent_problem():
            return ""
        return self.tr("Before training: tick that you made these pictures (or may train on them), or that you "
                       "don't know their licence.")

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        """Training can start: the options are valid and the pictures' licence is answered."""
        return self.validate() == "" and self.consent_problem() == ""

    def validatePage(self) -> bool:  # noqa: N802 (Qt naming)
        """Last check before training starts, including the backend's own (``plan.check_request``)."""
        problem = self.validate() or self.consent_problem() or self.session.plan_problem()
        self.problem.setText(problem)
        return not problem

    def licence_note(self) -> str:
        return self.session.licence_note()

    def request_fields(self) -> dict[str, Any]:
        """The fields of ``plan.FinetuneRequest`` chosen on the first two pages."""
        return self.session.request_fields()

    def request(self) -> plan.FinetuneRequest:
        return self.session.request()

    # ----- estimate -------------------------------------------------------------------------------
    def start_estimate(self) -> None:
        self.estimate = None
        self.estimate_button.setEnabled(False)
        self.estimate_label.setText(self.tr("Measuring a few steps on this computer…"))
        self.estimates.start(ESTIMATE_JOB, self.request(), "Estimate fine-tune time",
                             returned=self._on_estimate_returned, progress=self._on_estimate_progress,
                             errored=self._on_estimate_errored, finished=self._on_estimate_finished)

    @staticmethod
    def duration(seconds: float) -> str:
        minutes = seconds / 60
        if minutes < 1.5:
            return f"{seconds:.0f} s"
        if minutes < 90:
            return f"{minutes:.0f} min"
        return f"{minutes / 60:.1f} h"

    # ----- slots --------------------------------------------------------------------------------------
    def _on_settings_changed(self, names: set[str]) -> None:
        if "base" in names:
            self.size_combo.clear()
            base = self.session.base()
            if base is not None:
                self.size_combo.addItem(f"{base.size} x {base.size} px", base.size)
        if names - ESTIMATE_FREE:
            self._on_option_changed()

    def _on_advanced_button_toggled(self, shown: bool) -> None:
        self.advanced_area.setVisible(shown)
        self.advanced.setVisible(shown)

    def _on_option_changed(self, *_args) -> None:
        if self.estimate is not None or self.estimates.busy:
            self.estimates.cancel()
            self.estimate = None
            self.estimate_button.setEnabled(True)
            self.estimate_label.setText(self.tr("The options changed: press Estimate again."))
        self.problem.setText(self.validate() or self.consent_problem())
        self.completeChanged.emit()

    def _on_estimate_button_clicked(self) -> None:
        problem = self.validate()
        self.problem.setText(problem)
        if not problem:
            self.start_estimate()

    def _on_estimate_progress(self, progress: Progress) -> None:
        self.estimate_label.setText(progress.message)

    def _on_estimate_returned(self, result) -> None:
        settings, estimate = result
        self.estimate = estimate
        self.estimate_label.setText(self.tr("About {0} on this computer ({1} steps at {2:.2f} s each).").format(
            self.duration(estimate.total_seconds), estimate.steps, estimate.seconds_per_step))
        self.settings_label.setText("<br>".join(f"<b>{html.escape(self.setting_name(key))}</b> "
                                                f"{html.escape(self.setting_value(value))}: "
                                                f"{html.escape(self.setting_explanation(key))}"
                                                for key, (value, _reason) in settings.items()))

    def setting_name(self, key: str) -> str:
        """A chosen setting's name in words, as the Advanced knobs call it (the backend's key if unknown)."""
        names = {"heldout": self.tr("Held out"), "train": self.tr("Learns from"), "steps": self.tr("Steps"),
                 "augment": self.tr("Augmentation"), "norm_only": self.tr("Only colour and contrast learn"),
                 "freeze_d_blocks": self.tr("Frozen critic blocks"), "batch": self.tr("Batch"),
                 "lr": self.tr("Learning rate"), "ema_decay": self.tr("Weight averaging"), "snapshot_every": self.tr("Samples every"),
                 "variety": self.tr("Correspondence weight"), "freeze_g_blocks": self.tr("Frozen generator blocks"),
                 "ewc": self.tr("Weight anchoring"), "base_mix": self.tr("Base pictures mixed in"),
                 "reconstruct": self.tr("Match each picture"), "resemble": self.tr("Resemble your pictures")}
        return names.get(key, key)

    def setting_explanation(self, key: str) -> str:
        """One line saying what a setting does, with the technical term it is known by in brackets."""
        lines = {
            "heldout": self.tr("Your pictures kept aside to measure the result, never learned from."),
            "train": self.tr("The pictures the model learns from."),
            "steps": self.tr("How many updates; auto follows How long to train."),
            "batch": self.tr("Pictures looked at in each update."),
            "lr": self.tr("How big each update is; auto follows How closely."),
            "augment": self.tr("Always on: the critic sees your pictures and the model's shifted, recoloured and "
                               "cut, so it cannot just memorise a few pictures (DiffAugment)."),
            "norm_only": self.tr("Only the colour and contrast controls of each layer learn; best with very few "
                                 "pictures (norm and modulation layers only)."),
            "freeze_d_blocks": self.tr("The critic's first layers stay as the base model learned them; more protects "
                                       "small folders (FreezeD)."),
            "freeze_g_blocks": self.tr("The generator's coarse layers (overall shapes) stay as they were."),
            "variety": self.tr("Keeps how different the base model's pictures are from one another; auto follows "
                               "Keep the variety (cross-domain correspondence)."),
            "ewc": self.tr("Holds back the weights that mattered most to the base model; higher changes the model "
                           "less (elastic weight consolidation, EWC)."),
            "reconstruct": self.tr("Each of your pictures pulls the model's nearest picture toward it, so none of "
                                   "yours is forgotten; higher follows them more closely (IMLE)."),
            "resemble": self.tr("Pulls the model's pictures, as a group, toward what an image network sees in yours "
                                "while pushing them apart from one another; 0 turns it off (MMD in ImageNet "
                                "features)."),
            "base_mix": self.tr("This share of the pictures the critic counts as real are the base model's, so its "
                                "kinds of picture stay allowed."),
            "ema_decay": self.tr("The saved model averages its recent weights, which smooths out jitter between "
                                 "updates; nearer 1 averages over more steps (EMA decay)."),
            "snapshot_every": self.tr("Steps between measured sample strips."),
        }
        return lines.get(key, "")

    def setting_value(self, value: Any) -> str:
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if value == "colour, translation, cutout":
            return self.tr("colour, shift, cut-out")
        return str(value)

    def _on_estimate_errored(self, message: str) -> None:
        self.estimate_label.setText(message)

    def _on_estimate_finished(self) -> None:
        self.estimate_button.setEnabled(True)
