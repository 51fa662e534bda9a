"""The Poem panel's side column: model, form, theme and sampling controls bound to the session, and the buttons.
The sampling terms (top-k, top-p) wait behind Advanced; the surface speaks in plain words."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from artdesk.core.jobs import Progress
from artdesk.ml.poem.requests import PoemRequest
from artdesk.ml.poem.session import PoemSession
from artdesk.ui.binding import bind
from artdesk.ui.poem.names import form_label
from artdesk.ui.forms import disclosure_button, float_spin, int_spin, progress_bar, refill
from artdesk.ui.job_titles import progress_text
from artdesk.ui.model_names import model_name, model_tip


class QtPoemControls(QWidget):
    """Every setting is bound to ``session.settings`` both ways; the model picker follows ``session.cards``."""

    def __init__(self, session: PoemSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model_combo = QComboBox()
        self.form_combo = QComboBox()
        self.theme_edit = QLineEdit()
        self.theme_edit.setPlaceholderText(self.tr("e.g. 春山 明月 / sea night"))
        self.heads_edit = QLineEdit()
        self.heads_edit.setPlaceholderText(self.tr("acrostic: 春夏秋冬 / MOON"))
        self.theme_pull_spin = float_spin(0.0, 4.0, PoemRequest.theme_bias, 0.5)
        self.theme_pull_spin.setSpecialValueText(self.tr("off"))
        self.theme_pull_spin.setToolTip(self.tr("How hard sampling leans toward theme words the poem has not used yet"))
        self.lines_spin = int_spin(0, 16)
        self.lines_spin.setSpecialValueText(self.tr("model decides"))
        self.temperature_spin = float_spin(0.1, 2.0, 0.8, 0.05)
        self.temperature_spin.setToolTip(self.tr("Low: safe, common words; high: bolder, stranger ones (the sampling "
                                                 "temperature)"))
        self.top_k_spin = int_spin(0, 500)
        self.top_k_spin.setSpecialValueText(self.tr("off"))
        self.top_p_spin = float_spin(0.05, 1.0, 0.9, 0.05)
        self.top_k_spin.setToolTip(self.tr("Each character is chosen among only this many of the likeliest (top-k); "
                                           "off: among all"))
        self.top_p_spin.setToolTip(self.tr("Each character is chosen among the likeliest ones that together make up "
                                           "this share of the chances (top-p); 1: among all"))
        self.seed_spin = int_spin(0, 2**31 - 1)
        self.dice_button = QPushButton(self.tr("Shuffle"))
        self.candidates_spin = int_spin(1, 20, 3)
        self.rhyme_check = QCheckBox(self.tr("Rhyme"))
        self.rhyme_check.setChecked(True)
        self.tones_check = QCheckBox(self.tr("Level/oblique pattern (中华新韵)"))
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setDefault(True)
        self.regenerate_button = QPushButton(self.tr("Regenerate unlocked lines"))
        self.regenerate_line_button = QPushButton(self.tr("Regenerate this line"))
        self.again_button = QPushButton(self.tr("Generate again"))
        self.again_button.setToolTip(self.tr("Write the opened poem again, from the settings in its provenance"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.check_button = QPushButton(self.tr("Check poem"))
        self.export_button = QPushButton(self.tr("Export .txt…"))
        self.open_button = QPushButton(self.tr("Open .txt…"))
        self.copy_button = QPushButton(self.tr("Copy"))
        self.finetune_button = QPushButton(self.tr("Teach it your poems…"))
        self.progress_bar = progress_bar()
        self.advanced = QWidget()
        self.advanced_button = disclosure_button(self.tr("Advanced"), self.advanced.setVisible)
        self._lay_out()
        self.setMaximumWidth(380)
        self.fill_models()
        bind(session.settings, {
            "form": self.form_combo, "keywords": self.theme_edit, "heads": self.heads_edit, "theme_bias": self.theme_pull_spin,
            "lines": self.lines_spin, "temperature": self.temperature_spin, "top_k": self.top_k_spin, "top_p": self.top_p_spin,
            "seed": self.seed_spin, "candidates": self.candidates_spin, "rhyme": self.rhyme_check, "tones": self.tones_check})
        self.model_combo.currentIndexChanged.connect(self._on_model_combo_current_index_changed)
        session.connect_card(self._on_session_card)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin)
        seed_row.addWidget(self.dice_button)
        for label, widget in ((self.tr("Model"), self.model_combo), (self.tr("Form"), self.form_combo),
                              (self.tr("Theme"), self.theme_edit), (self.tr("Stay on theme"), self.theme_pull_spin),
                              (self.tr("Acrostic"), self.heads_edit), (self.tr("Lines"), self.lines_spin),
                              (self.tr("Surprise"), self.temperature_spin),  # the temperature: the term is in the tooltip
                              (self.tr("Start number"), seed_row),
                              (self.tr("Candidates"), self.candidates_spin)):
            form.addRow(label, widget)
        form.addRow(self.advanced_button)
        advanced = QFormLayout(self.advanced)
        advanced.setContentsMargins(0, 0, 0, 0)
        advanced.addRow(self.tr("Likeliest choices"), self.top_k_spin)  # top-k: the term is in the tooltip
        advanced.addRow(self.tr("Likeliest share"), self.top_p_spin)  # top-p (nucleus sampling)
        self.advanced.hide()
        form.addRow(self.advanced)
        form.addRow(self.rhyme_check)
        form.addRow(self.tones_check)
        for button in (self.generate_button, self.again_button, self.regenerate_button, self.regenerate_line_button,
                       self.cancel_button, self.check_button):
            form.addRow(button)
        file_row = QHBoxLayout()
        for button in (self.export_button, self.open_button, self.copy_button):
            file_row.addWidget(button)
        form.addRow(file_row)
        form.addRow(self.finetune_button)
        form.addRow(self.progress_bar)

    def fill_models(self) -> None:
        """List ``session.cards``, the session's choice current, then the forms its language has."""
        refill(self.model_combo, [(self._model_label(card), card.id, model_tip(card)) for card in self.session.cards],
               self.session.card.id if self.session.card else None)
        self.fill_forms()

    def _model_label(self, card) -> str:
        """A shipped model by what it writes ("English poems"); your own by its name, language and "yours"."""
        if not card.is_user:
            return model_name(card)
        what = self.tr("Chinese") if card.raw.get("config", {}).get("language", "?") == "zh" else self.tr("English")
        return "{0} ({1}{2})".format(card.name, what, self.tr(", yours"))

    def fill_forms(self) -> None:
        """Offer the forms of the chosen model's language, keeping the chosen form where it is still offered."""
        current = self.session.settings.value.form
        refill(self.form_combo, [(form_label(form.key), form.key) for form in self.session.forms()], current)
        self.session.settings.set(form=self.form_combo.currentData())

    def update_enabled(self, text: str, generating: bool, finetuning: bool) -> None:
        """Enable what can run now (``text``: the editor's poem)."""
        has_model = self.session.card is not None
        form = self.session.form()
        self.generate_button.setEnabled(has_model)
        self.again_button.setEnabled(self.session.record is not None and not generating)
        self.regenerate_button.setEnabled(has_model and not generating and bool(text.strip()))
        self.regenerate_line_button.setEnabled(has_model and not generating and bool(text.strip()))
        self.cancel_button.setEnabled(generating or finetuning)
        self.heads_edit.setEnabled(bool(form and form.acrostic))
        self.lines_spin.setEnabled(bool(form and form.lines is None and not form.acrostic))
        tones_apply = self.session.language() == "zh" and bool(form and form.tones)  # a rule of Chinese regulated verse
        self.tones_check.setVisible(tones_apply)  # hidden, not greyed and ticked, where it does not apply
        self.tones_check.setEnabled(tones_apply)
        self.finetune_button.setEnabled(has_model and not finetuning)

    def show_progress(self, progress: Progress) -> None:
        if progress.fraction is not None:
            self.progress_bar.setValue(int(progress.fraction * 1000))
        if progress.message:
            self.progress_bar.setFormat(progress_text(progress.message)[:60])

    def end_progress(self) -> None:
        """No job runs: an empty bar, not the last job's "Writing draft 6 of 6"."""
        self.progress_bar.reset()

    def _on_session_card(self, _card) -> None:
        """The session chose a model (a restored record): show it, and its language's forms."""
        self.fill_models()

    def _on_model_combo_current_index_changed(self, index: int) -> None:
        self.session.choose(self.session.cards[index] if 0 <= index < len(self.session.cards) else None)
        self.fill_forms()
