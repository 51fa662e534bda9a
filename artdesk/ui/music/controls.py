"""The Music panel's side column: model pickers, generation settings, actions, job progress, fine-tune.

A view of ``ml.music.session.MusicSession``: the settings are bound both ways, the pickers follow the
session's models; the panel connects the buttons and runs jobs.
"""
from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.cards import ModelCard
from artdesk.ml.music.requests import KEYS, MAX_BARS, MAX_COUNT, MAX_STEPS, MODES
from artdesk.ml.music.session import MusicSession
from artdesk.ui.binding import bind
from artdesk.ui.help.help_button import QtHelpButton
from artdesk.ui.music.names import mode_label, music_style_label

NON_COMMERCIAL_HINTS = ("non-commercial", "noncommercial", "nc")


def card_label(card: ModelCard) -> str:
    """The picker's text for a model: its name, whose it is, and a non-commercial warning if any."""
    text = card.name + ("  (yours)" if card.is_user else "")
    labels = [label.lower() for label in card.labels]
    licence = card.licence.lower()
    if any(h in labels for h in NON_COMMERCIAL_HINTS) or "non-commercial" in licence or "-nc" in licence:
        text += "  — non-commercial use only"
    return text


class QtMusicControls(QWidget):
    def __init__(self, session: MusicSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 4, 4, 4)

        models = QGroupBox(self.tr("Models"))
        models_form = QFormLayout(models)
        self.lstm_combo = QComboBox()
        self.lstm_combo.setAccessibleName("Melody model")
        self.lstm_combo.setToolTip(self.tr("The melody model used by Generate and Continue."))
        self.vae_combo = QComboBox()
        self.vae_combo.setAccessibleName("Morph model")
        self.vae_combo.setToolTip(self.tr("The melody VAE used by Interpolate and Variations."))
        melody_row = QHBoxLayout()
        melody_row.addWidget(self.lstm_combo, 1)
        melody_row.addWidget(QtHelpButton("models"))  # what the models can and cannot do
        models_form.addRow(self.tr("Melody:"), melody_row)
        models_form.addRow(self.tr("Morph:"), self.vae_combo)
        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        models_form.addRow(self.model_note)
        column.addWidget(models)

        settings = QGroupBox(self.tr("Settings"))
        form = QFormLayout(settings)
        self.style_combo = QComboBox()
        self.style_combo.setAccessibleName("Style")
        self.key_combo = QComboBox()
        for key in KEYS:
            self.key_combo.addItem(key, key)
        self.key_combo.setAccessibleName("Key")
        self.mode_combo = QComboBox()
        for mode in MODES:
            self.mode_combo.addItem(mode_label(mode), mode)
        self.mode_combo.setAccessibleName("Mode")
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_combo)
        key_row.addWidget(self.mode_combo)
        self.key_lock_check = QCheckBox(self.tr("Key lock (only notes of the scale)"))
        self.key_lock_check.setChecked(True)
        self.bars_spin = QSpinBox()
        self.bars_spin.setRange(1, MAX_BARS)
        self.bars_spin.setValue(8)
        self.bars_spin.setAccessibleName("Bars")
        self.temperature_spin = QDoubleSpinBox()
        self.temperature_spin.setRange(0.1, 2.0)
        self.temperature_spin.setSingleStep(0.05)
        self.temperature_spin.setValue(1.0)
        self.temperature_spin.setToolTip(self.tr("Lower is safer and more repetitive; higher is wilder."))
        self.temperature_spin.setAccessibleName("Temperature")
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2_147_483_647)
        self.seed_spin.setAccessibleName("Seed")
        self.seed_spin.setToolTip(self.tr("The same seed and settings give the same melody."))
        self.dice_button = QToolButton()
        self.dice_button.setText(self.tr("New seed"))
        self.dice_button.clicked.connect(self._on_dice_button_clicked)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin, 1)
        seed_row.addWidget(self.dice_button)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(1, MAX_COUNT)
        self.count_spin.setValue(4)
        self.count_spin.setAccessibleName("Number of variations")
        form.addRow(self.tr("Style:"), self.style_combo)
        form.addRow(self.tr("Key:"), key_row)
        form.addRow(self.key_lock_check)
        form.addRow(self.tr("Bars:"), self.bars_spin)
        form.addRow(self.tr("Temperature:"), self.temperature_spin)
        form.addRow(self.tr("Seed:"), seed_row)
        form.addRow(self.tr("Variations:"), self.count_spin)
        column.addWidget(settings)

        actions = QGroupBox(self.tr("Make"))
        grid = QGridLayout(actions)
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setToolTip(self.tr("New melodies from nothing, with the settings above."))
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setToolTip(self.tr("Continue the melody in the piano roll by the number of bars above."))
        self.vary_button = QPushButton(self.tr("Variations"))
        self.vary_button.setToolTip(self.tr("Variations around the first 4 bars of the piano roll's melody."))
        self.amount_spin = QDoubleSpinBox()
        self.amount_spin.setRange(0.05, 2.0)
        self.amount_spin.setSingleStep(0.05)
        self.amount_spin.setValue(0.5)
        self.amount_spin.setPrefix(self.tr("amount "))
        self.amount_spin.setAccessibleName("Variation amount")
        self.interpolate_button = QPushButton(self.tr("Interpolate to B"))
        self.interpolate_button.setToolTip(self.tr("Melodies morphing from the piano roll's melody (A) to melody B."))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, MAX_STEPS)
        self.steps_spin.setValue(5)
        self.steps_spin.setPrefix(self.tr("steps "))
        self.steps_spin.setAccessibleName("Interpolation steps")
        self.b_label = QLabel(self.tr("B: none yet"))
        self.b_label.setWordWrap(True)
        self.b_from_roll_button = QPushButton(self.tr("B = piano roll"))
        self.b_import_button = QPushButton(self.tr("Import B…"))
        grid.addWidget(self.generate_button, 0, 0)
        grid.addWidget(self.continue_button, 0, 1)
        grid.addWidget(self.vary_button, 1, 0)
        grid.addWidget(self.amount_spin, 1, 1)
        grid.addWidget(self.b_label, 2, 0, 1, 2)
        grid.addWidget(self.b_from_roll_button, 3, 0)
        grid.addWidget(self.b_import_button, 3, 1)
        grid.addWidget(self.interpolate_button, 4, 0)
        grid.addWidget(self.steps_spin, 4, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Generation progress")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.job_label = QLabel()
        self.job_label.setWordWrap(True)
        grid.addWidget(self.progress, 5, 0)
        grid.addWidget(self.cancel_button, 5, 1)
        grid.addWidget(self.job_label, 6, 0, 1, 2)
        column.addWidget(actions)

        tune = QGroupBox(self.tr("Your own style"))
        tune_layout = QGridLayout(tune)
        self.finetune_button = QPushButton(self.tr("Fine-tune on a MIDI folder…"))
        self.finetune_button.setToolTip(self.tr("Teach the melody model your style (jazz, pop, ...) from your MIDI files."))
        self.finetune_progress = QProgressBar()
        self.finetune_progress.setRange(0, 1000)
        self.finetune_progress.setTextVisible(False)
        self.finetune_cancel_button = QPushButton(self.tr("Stop"))
        self.finetune_cancel_button.setEnabled(False)
        self.finetune_label = QLabel()
        self.finetune_label.setWordWrap(True)
        tune_layout.addWidget(self.finetune_button, 0, 0, 1, 2)
        tune_layout.addWidget(self.finetune_progress, 1, 0)
        tune_layout.addWidget(self.finetune_cancel_button, 1, 1)
        tune_layout.addWidget(self.finetune_label, 2, 0, 1, 2)
        column.addWidget(tune)
        column.addStretch(1)
        self._fill_styles()
        bind(session.settings, {"style": self.style_combo, "key": self.key_combo, "mode": self.mode_combo,
                                "key_lock": self.key_lock_check, "bars": self.bars_spin, "temperature": self.temperature_spin,
                                "seed": self.seed_spin, "count": self.count_spin, "amount": self.amount_spin,
                                "steps": self.steps_spin})
        self.lstm_combo.currentIndexChanged.connect(self._on_lstm_combo_currentIndexChanged)
        self.vae_combo.currentIndexChanged.connect(self._on_vae_combo_currentIndexChanged)

    # models -------------------------------------------------------------------------------------
    def show_models(self) -> None:
        """Fill the pickers from the session's models, its choices current; say which kind is missing."""
        session = self.session
        for combo, found, chosen in ((self.lstm_combo, session.lstm_cards, session.lstm),
                                     (self.vae_combo, session.vae_cards, session.vae)):
            combo.blockSignals(True)
            combo.clear()
            for card in found:
                combo.addItem(card_label(card), card.id)
                combo.setItemData(combo.count() - 1, card.description, Qt.ItemDataRole.ToolTipRole)
            if not found:
                combo.addItem(self.tr("(no model found)"))
            combo.setCurrentIndex(max(0, combo.findData(chosen.id if chosen else None)))
            combo.blockSignals(False)
        self._fill_styles()
        missing = []
        if not session.lstm_cards:
            missing.append(self.tr("melody model (Generate, Continue)"))
        if not session.vae_cards:
            missing.append(self.tr("morph model (Interpolate, Variations)"))
        self.model_note.setText(
            self.tr("No {0} was found. Train one with 'artdesk train music' or add one in Models ▸ Model library.").format(
                self.tr(" or ").join(missing)) if missing else "")
        self.model_note.setVisible(bool(missing))

    def _fill_styles(self) -> None:
        """Offer the chosen melody model's styles (shown in the interface language, the model's name as data),
        keeping the chosen style (else folk) where it is offered."""
        current = self.session.settings.value.style
        styles = self.session.styles()
        self.style_combo.blockSignals(True)
        self.style_combo.clear()
        for style in styles:
            self.style_combo.addItem(music_style_label(style), style)
        chosen = current if current in styles else "folk" if "folk" in styles else styles[0]
        self.style_combo.setCurrentIndex(max(0, self.style_combo.findData(chosen)))
        self.style_combo.blockSignals(False)
        self.session.settings.set(style=str(self.style_combo.currentData()))

    def _on_lstm_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802 (Qt naming)
        cards = self.session.lstm_cards
        self.session.lstm = cards[index] if 0 <= index < len(cards) else None
        self._fill_styles()

    def _on_vae_combo_currentIndexChanged(self, index: int) -> None:  # noqa: N802 (Qt naming)
        cards = self.session.vae_cards
        self.session.vae = cards[index] if 0 <= index < len(cards) else None

    def _on_dice_button_clicked(self) -> None:
        self.seed_spin.setValue(random.randrange(0, 2_147_483_647))

    def update_enabled(self, finetuning: bool) -> None:
        """Enable what the installed models can do."""
        has_lstm, has_vae = self.session.lstm is not None, self.session.vae is not None
        for button in (self.generate_button, self.continue_button):
            button.setEnabled(has_lstm)
        self.finetune_button.setEnabled(has_lstm and not finetuning)
        for button in (self.vary_button, self.interpolate_button):
            button.setEnabled(has_vae)

    # jobs ---------------------------------------------------------------------------------------
    def set_busy(self, busy: bool, message: str = "") -> None:
        self.cancel_button.setEnabled(busy)
        if busy:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(0)
        self.job_label.setText(message)

    def show_progress(self, fraction: float | None, message: str) -> None:
        if fraction is None:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(fraction * 1000))
        if message:
            self.job_label.setText(message)
