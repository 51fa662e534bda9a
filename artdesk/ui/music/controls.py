"""The Music panel's side column: model pickers, generation settings, actions, job progress, fine-tune.

A view of ``ml.music.session.MusicSession``: the settings are bound both ways, the pickers follow the
session's models; the panel connects the buttons and runs jobs.
"""
from __future__ import annotations

import random

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.cards import ModelCard
from artdesk.ml.music.requests import KEYS, MAX_BARS, MAX_COUNT, MAX_STEPS, MODES
from artdesk.ml.music.session import MusicSession
from artdesk.ui.binding import bind
from artdesk.ui.help.help_button import QtHelpButton
from artdesk.ui.model_names import model_name, model_tip
from artdesk.ui.music.names import mode_label, music_style_label
from artdesk.ui.forms import float_spin, int_spin, progress_bar, push_button, refill, row, wrapped_label
from artdesk.ui.plain_slider import QtPlainSlider, between_words

NON_COMMERCIAL_HINTS = ("non-commercial", "noncommercial", "nc")


def card_label(card: ModelCard) -> str:
    """The picker's text for a model: its name, whose it is, and a non-commercial warning if any."""
    text = model_name(card) + (QCoreApplication.translate("MusicModels", "  (yours)") if card.is_user else "")
    labels = [label.lower() for label in card.labels]
    licence = card.licence.lower()
    if any(h in labels for h in NON_COMMERCIAL_HINTS) or "non-commercial" in licence or "-nc" in licence:
        text += QCoreApplication.translate("MusicModels", "  — non-commercial use only")
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
        self.vae_combo.setToolTip(self.tr("The morph model (a melody VAE) used by Morph to B and Variations."))
        models_form.addRow(self.tr("Melody:"), row((self.lstm_combo, 1), QtHelpButton("models")))  # what models can do
        models_form.addRow(self.tr("Morph:"), self.vae_combo)
        self.model_note = wrapped_label()
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
        self.key_lock_check = QCheckBox(self.tr("Key lock (only notes of the scale)"))
        self.key_lock_check.setChecked(True)
        self.bars_spin = int_spin(1, MAX_BARS, 8, name="Bars")
        self.surprise_slider = QtPlainSlider(0.1, 2.0, 1.0, 0.05, name="Surprise", tip=self.tr(
            "Left: safer, more repetitive melodies; right: wilder ones. Technical name: temperature, now {0}."))
        self.seed_spin = int_spin(0, 2_147_483_647, name="Start number", tip=self.tr(
            "The same start number with the same settings makes the same melody again (technical name: seed)."))
        self.dice_button = QToolButton()
        self.dice_button.setText(self.tr("Shuffle"))
        self.dice_button.setToolTip(self.tr("Pick a new start number at random"))
        self.dice_button.clicked.connect(self._on_dice_button_clicked)
        self.count_spin = int_spin(1, MAX_COUNT, 4, name="Number of variations")
        form.addRow(self.tr("Style:"), self.style_combo)
        form.addRow(self.tr("Key:"), row(self.key_combo, self.mode_combo))
        form.addRow(self.key_lock_check)
        form.addRow(self.tr("Bars:"), self.bars_spin)
        form.addRow(self.tr("Surprise:"), between_words(self.surprise_slider, self.tr("Safer"), self.tr("Wilder")))
        form.addRow(self.tr("Start number:"), row((self.seed_spin, 1), self.dice_button))
        form.addRow(self.tr("Variations:"), self.count_spin)
        column.addWidget(settings)

        actions = QGroupBox(self.tr("Make"))
        grid = QGridLayout(actions)
        self.generate_button = push_button(self.tr("Generate"),
                                           tip=self.tr("New melodies from nothing, with the settings above."))
        self.continue_button = push_button(
            self.tr("Continue"), tip=self.tr("Continue the melody in the piano roll by the number of bars above."))
        self.vary_button = push_button(self.tr("Variations"),
                                       tip=self.tr("Variations around the first 4 bars of the piano roll's melody."))
        self.amount_spin = float_spin(0.05, 2.0, 0.5, 0.05, name="Variation amount", prefix=self.tr("amount "))
        self.interpolate_button = push_button(
            self.tr("Morph to B"), tip=self.tr("Melodies morphing from the piano roll's melody (A) to melody B."))
        self.steps_spin = int_spin(1, MAX_STEPS, 5, name="Melodies between A and B", prefix=self.tr("in between "),
                                   tip=self.tr("How many melodies lie between A and B"))
        self.b_label = wrapped_label(self.tr("B: none yet"))
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
        self.progress = progress_bar()
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Generation progress")
        self.cancel_button = push_button(self.tr("Cancel"), enabled=False)
        self.job_label = wrapped_label()
        grid.addWidget(self.progress, 5, 0)
        grid.addWidget(self.cancel_button, 5, 1)
        grid.addWidget(self.job_label, 6, 0, 1, 2)
        column.addWidget(actions)

        tune = QGroupBox(self.tr("Your own style"))
        tune_layout = QGridLayout(tune)
        self.finetune_button = push_button(
            self.tr("Teach it your MIDI files…"),
            tip=self.tr("Teach the melody model your style (jazz, pop, ...) from a folder of your MIDI files "
                        "(fine-tuning)."))
        self.finetune_progress = progress_bar()
        self.finetune_progress.setTextVisible(False)
        self.finetune_cancel_button = push_button(self.tr("Stop"), enabled=False)
        self.finetune_label = wrapped_label()
        tune_layout.addWidget(self.finetune_button, 0, 0, 1, 2)
        tune_layout.addWidget(self.finetune_progress, 1, 0)
        tune_layout.addWidget(self.finetune_cancel_button, 1, 1)
        tune_layout.addWidget(self.finetune_label, 2, 0, 1, 2)
        column.addWidget(tune)
        column.addStretch(1)
        self._fill_styles()
        bind(session.settings, {"style": self.style_combo, "key": self.key_combo, "mode": self.mode_combo,
                                "key_lock": self.key_lock_check, "bars": self.bars_spin, "temperature": self.surprise_slider,
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
            items = [(card_label(card), card.id, model_tip(card)) for card in found]
            refill(combo, items or [(self.tr("(no model found)"), None)], chosen.id if chosen else None)
        self._fill_styles()
        missing = []
        if not session.lstm_cards:
            missing.append(self.tr("melody model (Generate, Continue)"))
        if not session.vae_cards:
            missing.append(self.tr("morph model (Morph to B, Variations)"))
        self.model_note.setText(
            self.tr("No {0} was found. Train one with 'artdesk train music' or add one in Models ▸ Model library.").format(
                self.tr(" or ").join(missing)) if missing else "")
        self.model_note.setVisible(bool(missing))

    def _fill_styles(self) -> None:
        """Offer the chosen melody model's styles (shown in the interface language, the model's name as data),
        keeping the chosen style (else folk) where it is offered."""
        current = self.session.settings.value.style
        styles = self.session.styles()
        chosen = current if current in styles else "folk" if "folk" in styles else styles[0]
        refill(self.style_combo, [(music_style_label(style), style) for style in styles], chosen)
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
