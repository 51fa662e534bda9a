"""The Poem panel: poems by theme and form from the poem models, streamed as they are written;
lock and regenerate lines, edit by hand, check tones/rhyme/syllables and originality, export, fine-tune."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QProgressBar, QPushButton,
                               QSpinBox, QSplitter, QVBoxLayout, QWidget)

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Progress
from artdesk.core.provenance import describe_missing, find_card
from artdesk.ml.poem.export import export_poem, poem_file_text, read_poem_file, request_from_record
from artdesk.ml.poem.forms import Form, forms_for, get_form
from artdesk.ml.poem.requests import CheckJob, FinetuneRequest, GenerateJob, PoemRequest
from artdesk.ui.context import AppContext
from artdesk.ui.discard import may_discard
from artdesk.ui.gallery.originality import QtOriginalityView
from artdesk.ui.keep_queue import QtKeepQueue
from artdesk.ui.jobs import TRAINING_WORKER, JobHandle
from artdesk.ui.poem.names import form_label
from artdesk.ui.poem.editor import QtPoemEditor

MAX_EDITOR_CHARS = 200_000


def _generate_job(request, ctx):
    """Runs ``artdesk.ml.poem.jobs.generate_job`` (imported on the worker, so torch never loads on the UI thread)."""
    from artdesk.ml.poem.jobs import generate_job

    return generate_job(request, ctx)


def _check_job(request, ctx):
    """Runs ``artdesk.ml.poem.jobs.check_job`` on the worker."""
    from artdesk.ml.poem.jobs import check_job

    return check_job(request, ctx)


def _finetune_job(request, ctx):
    """Runs ``artdesk.ml.poem.finetune.finetune_job`` on the training worker."""
    from artdesk.ml.poem.finetune import finetune_job

    return finetune_job(request, ctx)


class PoemPanel(QWidget):
    job_finished = Signal(str, str)  # (job kind: generate/check/finetune, outcome: returned/errored/aborted), after the panel's slots
    streamed = Signal(str)  # the text shown while a poem streams in
    kept = Signal(int, int)  # (kept, offered): a generation's candidates went to the gallery; kept < offered: it stopped
    regenerated = Signal(str)  # "Generate again" wrote the opened poem's candidate again: its text

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cards: list[ModelCard] = []
        self.result = None  # the last PoemResult
        self.result_text = ""  # the candidate text as generated (to tell hand edits apart)
        self._saved_text = ""  # the text last exported (the discard guard asks about anything else typed)
        self._copy_note = ""  # a fine-tune is checked against its base model's index: says so
        self.result_card: ModelCard | None = None  # the model that wrote self.result
        self.record: dict | None = None  # the provenance of an opened poem whose model is here ("Generate again")
        self.opened_record: dict = {}  # the provenance of the opened poem, whatever it holds (kept on export)
        self._pending: tuple[ModelCard, int | None] | None = None  # (model, candidate to show on a replay)
        self._keeper = QtKeepQueue(self._keep_poem, self)  # (poem file, record, title) on their way to the gallery
        self._keeper.done.connect(self.kept)
        self.handles: dict[str, JobHandle] = {}
        self._text_before = ""
        self._build()
        self._connect()
        self.refresh_models()

    # ---------------------------------------------------------------- building
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        controls = QWidget(self)
        form = QFormLayout(controls)
        self.model_combo = QComboBox()
        self.form_combo = QComboBox()
        self.theme_edit = QLineEdit()
        self.theme_edit.setPlaceholderText(self.tr("e.g. 春山 明月 / sea night"))
        self.heads_edit = QLineEdit()
        self.heads_edit.setPlaceholderText(self.tr("acrostic: 春夏秋冬 / MOON"))
        self.theme_pull_spin = QDoubleSpinBox()
        self.theme_pull_spin.setRange(0.0, 4.0)
        self.theme_pull_spin.setSingleStep(0.5)
        self.theme_pull_spin.setValue(PoemRequest.theme_bias)
        self.theme_pull_spin.setSpecialValueText(self.tr("off"))
        self.theme_pull_spin.setToolTip(self.tr("How hard sampling leans toward theme words the poem has not used yet"))
        self.lines_spin = QSpinBox()
        self.lines_spin.setRange(0, 16)
        self.lines_spin.setSpecialValueText(self.tr("model decides"))
        self.temperature_spin = QDoubleSpinBox()
        self.temperature_spin.setRange(0.1, 2.0)
        self.temperature_spin.setSingleStep(0.05)
        self.temperature_spin.setValue(0.8)
        self.top_k_spin = QSpinBox()
        self.top_k_spin.setRange(0, 500)
        self.top_k_spin.setSpecialValueText(self.tr("off"))
        self.top_p_spin = QDoubleSpinBox()
        self.top_p_spin.setRange(0.05, 1.0)
        self.top_p_spin.setSingleStep(0.05)
        self.top_p_spin.setValue(0.9)
        seed_row = QHBoxLayout()
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.dice_button = QPushButton(self.tr("New seed"))
        seed_row.addWidget(self.seed_spin)
        seed_row.addWidget(self.dice_button)
        self.candidates_spin = QSpinBox()
        self.candidates_spin.setRange(1, 20)
        self.candidates_spin.setValue(3)
        self.rhyme_check = QCheckBox(self.tr("Rhyme"))
        self.rhyme_check.setChecked(True)
        self.tones_check = QCheckBox(self.tr("Level/oblique pattern (中华新韵)"))
        form.addRow(self.tr("Model"), self.model_combo)
        form.addRow(self.tr("Form"), self.form_combo)
        form.addRow(self.tr("Theme"), self.theme_edit)
        form.addRow(self.tr("Theme pull"), self.theme_pull_spin)
        form.addRow(self.tr("Acrostic"), self.heads_edit)
        form.addRow(self.tr("Lines"), self.lines_spin)
        form.addRow(self.tr("Temperature"), self.temperature_spin)
        form.addRow(self.tr("Likeliest choices"), self.top_k_spin)  # top-k: the term is in the tooltip
        form.addRow(self.tr("Likeliest share"), self.top_p_spin)  # top-p (nucleus sampling)
        self.top_k_spin.setToolTip(self.tr("Each character is chosen among only this many of the likeliest (top-k); "
                                           "off: among all"))
        self.top_p_spin.setToolTip(self.tr("Each character is chosen among the likeliest ones that together make up "
                                           "this share of the chances (top-p); 1: among all"))
        form.addRow(self.tr("Seed"), seed_row)
        form.addRow(self.tr("Candidates"), self.candidates_spin)
        form.addRow(self.rhyme_check)
        form.addRow(self.tones_check)
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
        self.finetune_button = QPushButton(self.tr("Fine-tune on my poems…"))
        for button in (self.generate_button, self.again_button, self.regenerate_button, self.regenerate_line_button,
                       self.cancel_button, self.check_button):
            form.addRow(button)
        file_row = QHBoxLayout()
        for button in (self.export_button, self.open_button, self.copy_button):
            file_row.addWidget(button)
        form.addRow(file_row)
        form.addRow(self.finetune_button)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        form.addRow(self.progress_bar)
        controls.setMaximumWidth(380)

        center = QSplitter(Qt.Orientation.Vertical, self)
        self.editor = QtPoemEditor(center)
        bottom = QWidget(center)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        self.check_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_view = QtOriginalityView()  # the Gallery's view of the Gallery's answer
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.candidates_list = QListWidget()
        self.candidates_list.setToolTip(self.tr("The best drafts, best first, each with why it ranks there. Click to show."))
        bottom_layout.addWidget(self.message)
        bottom_layout.addWidget(self.check_label)
        bottom_layout.addWidget(self.copy_view)
        bottom_layout.addWidget(QLabel(self.tr("Candidates")))
        bottom_layout.addWidget(self.candidates_list)
        center.addWidget(self.editor)
        center.addWidget(bottom)
        center.setStretchFactor(0, 3)
        center.setStretchFactor(1, 2)
        outer.addWidget(controls)
        outer.addWidget(center, 1)

    def _connect(self) -> None:
        self.model_combo.currentIndexChanged.connect(self._on_model_combo_current_index_changed)
        self.form_combo.currentIndexChanged.connect(self._on_form_combo_current_index_changed)
        self.dice_button.clicked.connect(self._on_dice_button_clicked)
        self.generate_button.clicked.connect(self._on_generate_button_clicked)
        self.again_button.clicked.connect(self._on_again_button_clicked)
        self.regenerate_button.clicked.connect(self._on_regenerate_button_clicked)
        self.regenerate_line_button.clicked.connect(self._on_regenerate_line_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.finetune_button.clicked.connect(self._on_finetune_button_clicked)
        self.candidates_list.currentRowChanged.connect(self._on_candidates_list_current_row_changed)
        self.context.models_changed.connect(self.refresh_models)
        self.editor.text_edit.textChanged.connect(self._update_actions)
        self.setAcceptDrops(True)
        self.editor.text_edit.viewport().installEventFilter(self)  # a dropped file opens; dropped text still lands
        self._update_actions()

    # ---------------------------------------------------------------- state
    def refresh_models(self) -> None:
        current = self.model_combo.currentData()
        self.cards = [c for c in self.context.discover("poem").cards if c.model_type == "poem-rnn"]
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for card in self.cards:
            language = card.raw.get("config", {}).get("language", "?")
            what = self.tr("Chinese") if language == "zh" else self.tr("English")
            label = "{0} ({1}{2})".format(card.name, what, self.tr(", yours") if card.is_user else "")
            self.model_combo.addItem(label, card.id)
        index = self.model_combo.findData(current)
        self.model_combo.setCurrentIndex(max(0, index))
        self.model_combo.blockSignals(False)
        self._on_model_combo_current_index_changed()
        if not self.cards:
            self.show_message(self.tr("No poem models found. Train one with: artdesk train poem"), error=True)

    def current_card(self) -> ModelCard | None:
        index = self.model_combo.currentIndex()
        return self.cards[index] if 0 <= index < len(self.cards) else None

    def language(self) -> str:
        card = self.current_card()
        return card.raw.get("config", {}).get("language", "zh") if card else "zh"

    def current_form(self) -> Form | None:
        key = self.form_combo.currentData()
        return get_form(key) if key else None

    def select_model(self, name: str) -> None:
        for index, card in enumerate(self.cards):
            if name in (card.name, card.path.name):
                self.model_combo.setCurrentIndex(index)
                return
        raise ValueError(f"no poem model {name!r}")

    def select_form(self, key: str) -> None:
        self.form_combo.setCurrentIndex(self.form_combo.findData(key))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        if text:
            self.context.status_message.emit(text)

    def _busy(self, kind: str) -> bool:
        handle = self.handles.get(kind)
        return handle is not None and not handle.is_finished

    def _update_actions(self, *_args) -> None:
        has_model = self.current_card() is not None
        generating = self._busy("generate")
        form = self.current_form()
        self.generate_button.setEnabled(has_model)
        self.again_button.setEnabled(self.record is not None and not generating)
        self.regenerate_button.setEnabled(has_model and not generating and bool(self.editor.text().strip()))
        self.regenerate_line_button.setEnabled(has_model and not generating and bool(self.editor.text().strip()))
        self.cancel_button.setEnabled(generating or self._busy("finetune"))
        self.heads_edit.setEnabled(bool(form and form.acrostic))
        self.lines_spin.setEnabled(bool(form and form.lines is None and not form.acrostic))
        tones_apply = self.language() == "zh" and bool(form and form.tones)  # a rule of Chinese regulated verse
        self.tones_check.setVisible(tones_apply)  # hidden, not greyed and ticked, where it does not apply
        self.tones_check.setEnabled(tones_apply)
        self.finetune_button.setEnabled(has_model and not self._busy("finetune"))

    # ---------------------------------------------------------------- requests
    def poem_request(self, locked: set[int] | None = None):

        lines = self.editor.lines()
        return PoemRequest(
            form=self.form_combo.currentData(), keywords=self.theme_edit.text(),
            heads=self.acrostic_heads(),
            temperature=self.temperature_spin.value(), top_k=self.top_k_spin.value(), top_p=self.top_p_spin.value(),
            seed=self.seed_spin.value(), candidates=self.candidates_spin.value(), lines=self.lines_spin.value(),
            locked=tuple((i, lines[i]) for i in sorted(locked or ()) if i < len(lines)),
            rhyme=self.rhyme_check.isChecked(), tones=self.tones_check.isChecked() and self.tones_check.isEnabled(),
            theme_bias=self.theme_pull_spin.value())

    def acrostic_heads(self) -> str:
        """The Acrostic field's text when the form is an acrostic, else "" (the field keeps it for later)."""
        form = self.current_form()
        return self.heads_edit.text() if form is not None and form.acrostic else ""

    def generate(self, locked: set[int] | None = None) -> JobHandle | None:
        """Start a generation (cancelling a running one); ``locked`` lines of the editor are kept."""
        card = self.current_card()
        if card is None:
            self.show_message(self.tr("Pick a poem model first."), error=True)
            return None
        form = self.current_form()
        if form is None:
            self.show_message(self.tr("Pick a form first."), error=True)
            return None
        if form.acrostic and not self.heads_edit.text().strip():
            self.show_message(self.tr("An acrostic needs its head characters: type them in the Acrostic field."), error=True)
            return None
        if not self.theme_edit.text().strip():
            self.show_message(self.tr("No theme given: the model picks its own."))
        return self._start_generate(card, self.poem_request(locked))

    def generate_again(self) -> JobHandle | None:
        """Run the opened poem's recorded request; ``regenerated`` gets the candidate it names (not kept twice)."""
        card, _note = find_card(self.record or {}, self.cards)
        if self.record is None or card is None:
            return None
        try:
            request = request_from_record(self.record)
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return None
        candidate = self.record.get("candidate", 0)
        return self._start_generate(card, request, candidate if isinstance(candidate, int) else 0)

    def _start_generate(self, card: ModelCard, poem_request: PoemRequest, replay: int | None = None) -> JobHandle:
        """Cancel a running generation and start ``poem_request``; ``replay``: the candidate to show, nothing kept."""
        request = GenerateJob(str(card.path), card.source, poem_request)
        self._pending = (card, replay)
        old = self.handles.get("generate")
        if old is not None and not old.is_finished:
            old.cancel()
        self._text_before = self.editor.text()
        self._stream_candidate = 0
        handle = self.start_job("generate", _generate_job, request, self.tr("Writing a poem"))
        handle.partial.connect(self._on_generate_partial)
        handle.returned.connect(self._on_generate_returned)
        handle.aborted.connect(self._on_generate_aborted)
        self.editor.set_read_only(True)
        self.candidates_list.clear()
        handle.start()
        self._update_actions()
        return handle

    def regenerate_unlocked(self) -> JobHandle | None:
        return self.generate(self.editor.locked_lines())

    def regenerate_line(self, index: int | None = None) -> JobHandle | None:
        index = self.editor.current_line() if index is None else index
        keep = set(range(len(self.editor.lines()))) - {index}
        return self.generate(keep)

    def check(self) -> JobHandle | None:
        text = self.editor.text()
        if not text.strip():
            self.show_message(self.tr("There is nothing to check: type, paste or generate a poem."), error=True)
            return None
        form = self.current_form()
        card = self.current_card()
        self._copy_note = ""
        if card is not None:  # the card whose index judges this model's poems, as in the Gallery
            from artdesk.ml.originality import index_cards

            judges, self._copy_note = index_cards(card, self.context.discover("poem").cards)
            card = judges[0]  # poem fine-tunes index nothing of their own: the base model's index
        request = CheckJob(text, None, form.key if form else None, self.acrostic_heads(),
                           str(card.path) if card else None, card.source if card else "bundled")
        self._checked_text = text
        handle = self.start_job("check", _check_job, request, self.tr("Checking the poem"))
        handle.returned.connect(self._on_check_returned)
        handle.start()
        return handle

    def start_job(self, kind: str, fn: Callable[[Any, Any], Any], request: Any, title: str, worker: str = "model") -> JobHandle:
        handle = self.context.runner.submit(fn, request, title, worker)
        self.handles[kind] = handle
        handle.progress.connect(self._on_job_progress)
        handle.errored.connect(lambda message, details, k=kind: self._on_job_errored(k, message, details))
        handle.finished.connect(lambda k=kind, h=handle: self._on_job_finished(k, h))
        outcome = {"value": "returned"}
        handle.errored.connect(lambda *_a, o=outcome: o.update(value="errored"))
        handle.aborted.connect(lambda o=outcome: o.update(value="aborted"))
        handle.finished.connect(lambda k=kind, o=outcome: self.job_finished.emit(k, o["value"]))
        return handle

    # ---------------------------------------------------------------- export, clipboard, fine-tune
    def provenance(self, candidate: int | None = None) -> dict:
        """The record of the shown candidate (or ``candidate``); a poem typed or opened says it was edited."""
        from artdesk.ml.poem.commands import provenance

        if self.result is None or self.result_card is None:
            if self.opened_record:
                return dict(self.opened_record, edited=self.editor.text() != self.result_text)
            return {"app": "artdesk", "model": self.current_card().name if self.current_card() else "", "edited": True}
        row = max(0, self.candidates_list.currentRow()) if candidate is None else candidate
        data = provenance(self.result, self.result_card, row)
        data["edited"] = candidate is None and self.editor.text() != self.result_text
        return data

    def keep_candidates(self) -> None:
        """Queue every candidate of the last result for the gallery as a poem file; ``kept`` says how many went in.

        A full budget or disk stops keeping (the context says why in the status bar); nothing kept is lost.
        """
        poems = []
        for number, candidate in enumerate(self.result.candidates):
            record = self.provenance(number)
            title = candidate.lines[0] if candidate.lines else self.tr("Poem")
            poems.append((poem_file_text(candidate.text, record).encode("utf-8"), record, title))
        self._keeper.add(poems)

    def flush_kept(self) -> None:
        """Keep every queued poem now (the window is closing)."""
        self._keeper.flush()

    def _keep_poem(self, poem):
        data, record, title = poem
        return self.context.keep_output("poem", data, "txt", record, title=title)

    def export_to(self, path: Path) -> Path | None:
        try:
            written = export_poem(Path(path), self.editor.text(), self.provenance())
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return None
        self._saved_text = self.editor.text()
        self.show_message(self.tr("Exported to {0}").format(written))
        return written

    def unsaved_work(self) -> str:
        """The discard guard's question: "" unless the editor holds typed text not exported, opened or kept."""
        text = self.editor.text()
        if not text.strip() or text in (self.result_text, self._saved_text):
            return ""
        return self.tr("The poem has changes that are not saved.")

    def save_work(self) -> bool:
        """The discard guard's Save: export the poem to a file the artist chooses."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export poem"), "poem.txt", self.tr("Text (*.txt)"))
        return bool(path) and self.export_to(Path(path)) is not None

    def open_file(self, path: Path) -> bool:
        """Load a poem file (Open, drop, Gallery, command line) after the discard guard; its provenance (if any)
        restores the settings that made it and arms "Generate again". An empty file changes nothing."""
        try:
            text, provenance = read_poem_file(Path(path))
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return False
        if not text.strip():
            self.show_message(self.tr("{0} holds no poem (it is empty); your poem is unchanged.").format(Path(path).name),
                              error=True)
            return False
        if not may_discard(self):
            return False
        self.result = None
        self.result_card = None
        self.opened_record = provenance
        self.editor.set_text(text, keep_locks=False)
        self.result_text = text
        notes = self.restore_settings(provenance, Path(path).name)
        self.show_message(" ".join([self.tr("Opened {0}.").format(Path(path).name), *notes]))
        return True

    def restore_settings(self, record: dict, name: str) -> list[str]:
        """Set the controls from a poem's provenance; notes on what is missing (nothing is raised)."""
        self.record = None
        missing = describe_missing(record, name)
        notes = [missing] if missing else []
        try:
            request = request_from_record(record)
        except ArtdeskError as error:
            self._update_actions()
            return notes or [str(error)]
        if "settings" not in record:
            notes = []  # a file from before records held "settings": its flat fields are the whole request
        card, note = find_card(record, self.cards)
        notes += [note] if note else []
        if card is not None:
            self.model_combo.setCurrentIndex(self.cards.index(card))
            self.record = record
        if self.form_combo.findData(request.form) >= 0:
            self.select_form(request.form)
        self.theme_edit.setText(request.keywords)
        self.heads_edit.setText(request.heads)
        for spin, value in ((self.lines_spin, request.lines), (self.seed_spin, request.seed),
                            (self.temperature_spin, request.temperature), (self.top_k_spin, request.top_k),
                            (self.top_p_spin, request.top_p), (self.candidates_spin, request.candidates),
                            (self.theme_pull_spin, request.theme_bias)):
            spin.setValue(min(max(value, spin.minimum()), spin.maximum()))  # a forged value cannot overflow Qt
        self.rhyme_check.setChecked(request.rhyme)
        self.tones_check.setChecked(request.tones)
        if self.record is not None:
            notes.append(self.tr("Its settings are restored: \"Generate again\" writes it again."))
        self._update_actions()
        return notes

    def finetune_from(self, text_path: Path, name: str, minutes: float = 5.0) -> JobHandle | None:
        card = self.current_card()
        name = name.strip()
        if card is None or not name or any(ch in name for ch in '/\\:*?"<>|') or name.startswith("."):
            self.show_message(self.tr("Give the new model a plain name (letters, digits, dashes)."), error=True)
            return None
        out = self.context.paths.user_models / "poem" / name
        request = FinetuneRequest(str(card.path), card.source, str(text_path), str(out), minutes)
        handle = self.start_job("finetune", _finetune_job, request, self.tr("Fine-tuning {0}").format(name), TRAINING_WORKER)
        handle.returned.connect(self._on_finetune_returned)
        handle.start()
        self._update_actions()
        return handle

    # ---------------------------------------------------------------- slots
    def _on_model_combo_current_index_changed(self, *_args) -> None:
        language = self.language()
        current = self.form_combo.currentData()
        self.form_combo.blockSignals(True)
        self.form_combo.clear()
        for form in forms_for(language):
            self.form_combo.addItem(form_label(form.key), form.key)
        index = self.form_combo.findData(current)
        self.form_combo.setCurrentIndex(max(0, index))
        self.form_combo.blockSignals(False)
        self._update_actions()

    def _on_form_combo_current_index_changed(self, *_args) -> None:
        self._update_actions()

    def _on_dice_button_clicked(self) -> None:
        self.seed_spin.setValue(random.randrange(1_000_000))

    def _on_generate_button_clicked(self) -> None:
        self.generate()

    def _on_again_button_clicked(self) -> None:
        self.generate_again()

    def _on_regenerate_button_clicked(self) -> None:
        self.regenerate_unlocked()

    def _on_regenerate_line_button_clicked(self) -> None:
        self.regenerate_line()

    def _on_cancel_button_clicked(self) -> None:
        for kind in ("generate", "finetune", "check"):
            handle = self.handles.get(kind)
            if handle is not None and not handle.is_finished:
                handle.cancel()

    def _on_check_button_clicked(self) -> None:
        self.check()

    def _on_export_button_clicked(self) -> None:
        self.save_work()

    def _on_open_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open poem"), "", self.tr("Text (*.txt)"))
        if path:
            self.open_file(Path(path))

    def _on_copy_button_clicked(self) -> None:
        QApplication.clipboard().setText(self.editor.text())
        self.show_message(self.tr("Copied the poem to the clipboard."))

    def _on_finetune_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Your poems (blank line between poems)"), "", self.tr("Text (*.txt)"))
        if not path:
            return
        name, ok = QInputDialog.getText(self, self.tr("New model"), self.tr("Name of the fine-tuned model:"),
                                        text=f"{Path(path).stem}-poems")
        if ok:
            self.finetune_from(Path(path), name)

    def _on_candidates_list_current_row_changed(self, row: int) -> None:
        if self.result is not None and 0 <= row < len(self.result.candidates):
            self.result_text = self.result.candidates[row].text
            self.editor.set_text(self.result_text)

    def _reason_text(self, standings, place: int) -> str:
        """Why candidate ``place`` ranks where it does, in plain words (from its ``rank.Standing``)."""
        from artdesk.ml.poem.rank import below_because

        s = standings[place]
        parts = [self.tr("keeps every rule") if not s.violations else self.tr("breaks %n rule(s)", "", s.violations),
                 self.tr("stays on the theme") if s.uses_theme else self.tr("drifts from the theme")]
        if s.planned:
            parts.append(self.tr("uses {0} of {1} planned words").format(s.planned_used, s.planned))
        if place == 0:
            return self.tr("Best: {0}.").format(", ".join(parts))
        because = {"rules": self.tr("it breaks more rules"), "theme": self.tr("it drifts from the theme"),
                   "plan": self.tr("it uses fewer planned words"),
                   "score": self.tr("it reads less naturally")}[below_because(s, standings[place - 1])]
        return self.tr("{0}; below {1} because {2}.").format(", ".join(parts), place, because)

    def _on_generate_partial(self, partial: dict) -> None:
        if partial.get("candidate") == 0:
            self.editor.set_text(partial["text"])
            self.streamed.emit(partial["text"])

    def _on_generate_returned(self, result) -> None:
        card, replay = self._pending or (self.current_card(), None)
        self.result = result
        self.result_card = card
        self.candidates_list.blockSignals(True)
        self.candidates_list.clear()
        standings = [candidate.standing for candidate in result.candidates]
        for number, candidate in enumerate(result.candidates):
            first = candidate.lines[0] if candidate.lines else ""
            item = QListWidgetItem(f"{number + 1}. {first} …  {self._reason_text(standings, number)}")
            item.setToolTip(self.tr("Details: {0} rule(s) of the form broken; the model's score {1:.2f} (how "
                                    "natural it finds each character on average: nearer 0 is more natural); "
                                    "planned words per line: {2}").format(candidate.violations, candidate.mean_logprob,
                                                                      " / ".join(k or "–" for k in candidate.plan)))
            self.candidates_list.addItem(item)
        row = replay if replay is not None and 0 <= replay < len(result.candidates) else 0
        self.candidates_list.setCurrentRow(row)
        self.candidates_list.blockSignals(False)
        self.result_text = result.candidates[row].text
        self.editor.set_read_only(False)
        self.editor.set_text(self.result_text)
        notes = " ".join(result.notes)
        self.show_message(self.tr("{0} candidate(s) in {1:.2f} s. {2}").format(len(result.candidates), result.seconds, notes))
        if replay is None:
            self.record = None
            self.keep_candidates()
        else:  # made again from an opened file: shown, not kept twice
            self.regenerated.emit(self.result_text)
        self.check()

    def _on_generate_aborted(self) -> None:
        self.editor.set_read_only(False)
        self.editor.set_text(self._text_before)
        self.show_message(self.tr("Cancelled; your poem is as it was."))

    # ---------------------------------------------------------------- dropped files
    @staticmethod
    def _dropped_files(event) -> list[Path]:
        mime = event.mimeData()
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if self._dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """A dropped poem file opens as if chosen with "Open .txt…" (its settings restored)."""
        paths = self._dropped_files(event)
        if paths:
            event.acceptProposedAction()
            self.open_file(paths[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self._dropped_files(event):
            event.acceptProposedAction()
            return True
        if event.type() == QEvent.Type.Drop and self._dropped_files(event):
            self.dropEvent(event)
            return True
        return super().eventFilter(watched, event)

    def close_panel(self) -> None:
        """Called by the main window on close: poems still on their way to the gallery are kept."""
        self.flush_kept()

    def _on_check_returned(self, result) -> None:
        if self.editor.text() != getattr(self, "_checked_text", None):
            return  # the text changed while checking: these marks would land in the wrong places
        report = result.report
        marks = {i: f"{line.mark} {line.rhyme}".strip() for i, line in enumerate(report.lines)}
        spans = [(issue.start, issue.end, issue.message, issue.severity) for issue in report.issues if issue.line >= 0]
        self.editor.show_marks(marks, spans)
        self.check_label.setText(report.summary())
        self.check_label.setStyleSheet("" if report.ok else "color: #b00020;")
        if result.copy is not None:
            self.copy_view.show_answer(result.copy)
            self.copy_view.note.setText(" ".join(p for p in (self._copy_note, result.copy.note) if p))
        else:
            self.copy_view.show_message(result.copy_problem)

    def _on_finetune_returned(self, path: str) -> None:
        self.context.models_changed.emit()
        self.select_model(Path(path).name)
        self.show_message(self.tr("Your model {0} is ready and selected.").format(Path(path).name))

    def _on_job_progress(self, progress: Progress) -> None:
        if progress.fraction is not None:
            self.progress_bar.setValue(int(progress.fraction * 1000))
        if progress.message:
            self.progress_bar.setFormat(progress.message[:60])

    def _on_job_errored(self, kind: str, message: str, _details: str) -> None:
        if kind == "generate":
            self.editor.set_read_only(False)
            self.editor.set_text(self._text_before)
        self.show_message(message, error=True)

    def _on_job_finished(self, kind: str, handle: JobHandle) -> None:
        if self.handles.get(kind) is handle and kind == "generate":
            self.editor.set_read_only(False)
        self._update_actions()
