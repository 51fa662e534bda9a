"""The Poem panel: poems by theme and form from the poem models, streamed as they are written;
lock and regenerate lines, edit by hand, check tones/rhyme/syllables and originality, export, fine-tune.

A view over ``ml.poem.session.PoemSession``: the controls are bound to its settings, it builds every request,
and a generation's candidates come back from the worker with their check, copy check and record.
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QSplitter, QVBoxLayout, QWidget

from artdesk.core.errors import ArtdeskError
from artdesk.ml.poem.export import export_poem, poem_file_text, read_poem_file
from artdesk.ml.poem.session import BAD_NAME, NO_FORM, NO_HEADS, NO_MODEL, NO_TEXT, PoemSession, SessionProblem
from artdesk.ui.context import AppContext
from artdesk.ui.discard import may_discard
from artdesk.ui.jobs import TRAINING_WORKER, JobHandle
from artdesk.ui.keep_queue import QtKeepQueue
from artdesk.ui.poem.candidates import QtPoemCandidates
from artdesk.ui.poem.check_view import QtPoemCheck
from artdesk.ui.poem.controls import QtPoemControls
from artdesk.ui.poem.editor import QtPoemEditor
from artdesk.ui.poem.notes import note_text
from artdesk.ui.widgets.drops import QtFileDrops


class PoemPanel(QWidget):
    job_finished = Signal(str, str)  # (job kind: generate/check/finetune, outcome: returned/errored/aborted), after the panel's slots
    streamed = Signal(str)  # the text shown while a poem streams in
    kept = Signal(int, int)  # (kept, offered): a generation's candidates went to the gallery; kept < offered: it stopped
    regenerated = Signal(str)  # "Generate again" wrote the opened poem's candidate again: its text

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = PoemSession()
        self.session.set_cards(context.discover("poem").cards)
        self.handles: dict[str, JobHandle] = {}
        self._pending: tuple[Any, int | None] | None = None  # (model, candidate to show on a replay)
        self._text_before = ""  # the editor's text when a generation started (a cancel or error puts it back)
        self._checked_text = ""  # the text the running check looks at
        self._copy_note = ""  # a fine-tune is checked against its base model's index: says so
        self._keeper = QtKeepQueue(self._keep_poem, self)  # (poem file, record, title) on their way to the gallery
        self._keeper.done.connect(self.kept)
        self.controls = QtPoemControls(self.session)
        self.editor = QtPoemEditor()
        self.check_view = QtPoemCheck(self.editor)
        self.check_label, self.copy_view = self.check_view.label, self.check_view.copy_view
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.candidates_list = QtPoemCandidates()
        self._lay_out()
        self._connect()
        if not self.session.cards:
            self.show_message(self.tr("No poem models found. Train one with: artdesk train poem"), error=True)

    def _lay_out(self) -> None:
        center = QSplitter(Qt.Orientation.Vertical, self)
        center.addWidget(self.editor)
        bottom = QWidget(center)
        column = QVBoxLayout(bottom)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.message, self.check_view, QLabel(self.tr("Candidates")), self.candidates_list):
            column.addWidget(widget)
        center.addWidget(bottom)
        center.setStretchFactor(0, 3)
        center.setStretchFactor(1, 2)
        outer = QHBoxLayout(self)
        outer.addWidget(self.controls)
        outer.addWidget(center, 1)

    def _connect(self) -> None:
        c = self.controls
        for button, slot in ((c.dice_button, self._on_dice_button_clicked), (c.generate_button, self.generate),
                             (c.again_button, self.generate_again), (c.regenerate_button, self.regenerate_unlocked),
                             (c.regenerate_line_button, self.regenerate_line), (c.cancel_button, self._on_cancel_button_clicked),
                             (c.check_button, self.check), (c.export_button, self.save_work),
                             (c.open_button, self._on_open_button_clicked), (c.copy_button, self._on_copy_button_clicked),
                             (c.finetune_button, self._on_finetune_button_clicked)):
            button.clicked.connect(lambda _checked=False, s=slot: s())
        c.model_combo.currentIndexChanged.connect(self._update_actions)
        self.session.settings.connect(self._update_actions)
        self.candidates_list.currentRowChanged.connect(self._on_candidates_list_current_row_changed)
        self.context.models_changed.connect(self.refresh_models)
        self.editor.text_edit.textChanged.connect(self._update_actions)
        self.drops = QtFileDrops(self.open_file, self)  # a dropped file opens; dropped text still lands
        self.drops.watch(self, self.editor.text_edit.viewport())
        self._update_actions()

    # ---------------------------------------------------------------- state
    def refresh_models(self) -> None:
        self.session.set_cards(self.context.discover("poem").cards)
        self.controls.fill_models()
        self._update_actions()
        if not self.session.cards:
            self.show_message(self.tr("No poem models found. Train one with: artdesk train poem"), error=True)

    def select_model(self, name: str) -> None:
        self.controls.model_combo.setCurrentIndex(self.session.cards.index(self.session.find(name)))

    def select_form(self, key: str) -> None:
        self.controls.form_combo.setCurrentIndex(self.controls.form_combo.findData(key))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
        if text:
            self.context.status_message.emit(text)

    def _busy(self, kind: str) -> bool:
        handle = self.handles.get(kind)
        return handle is not None and not handle.is_finished

    def _update_actions(self, *_args) -> None:
        self.controls.update_enabled(self.editor.text(), self._busy("generate"), self._busy("finetune"))

    def _problem(self, code: str) -> str:
        return {NO_MODEL: self.tr("Pick a poem model first."), NO_FORM: self.tr("Pick a form first."),
                NO_HEADS: self.tr("An acrostic needs its head characters: type them in the Acrostic field."),
                NO_TEXT: self.tr("There is nothing to check: type, paste or generate a poem."),
                BAD_NAME: self.tr("Give the new model a plain name (letters, digits, dashes).")}[code]

    # ---------------------------------------------------------------- jobs
    def generate(self, locked: set[int] | None = None) -> JobHandle | None:
        """Start a generation (cancelling a running one); ``locked`` lines of the editor are kept."""
        judge, self._copy_note = self.session.copy_judge(self.context.discover("poem").cards)
        try:
            request = self.session.generate_request(self.editor.lines(), locked, str(judge.path) if judge else None)
        except SessionProblem as problem:
            self.show_message(self._problem(problem.code), error=True)
            return None
        if not request.poem.keywords.strip():
            self.show_message(self.tr("No theme given: the model picks its own."))
        return self._start_generate(request, None)

    def generate_again(self) -> JobHandle | None:
        """Run the opened poem's recorded request; ``regenerated`` gets the candidate it names (not kept twice)."""
        judge, self._copy_note = self.session.copy_judge(self.context.discover("poem").cards)
        try:
            again = self.session.again_request(str(judge.path) if judge else None)
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return None
        return None if again is None else self._start_generate(*again)

    def _start_generate(self, request, replay: int | None) -> JobHandle:
        """Cancel a running generation and start ``request``; ``replay``: the candidate to show, nothing kept."""
        self._pending = (self.session.card, replay)
        old = self.handles.get("generate")
        if old is not None and not old.is_finished:
            old.cancel()
        self._text_before = self.editor.text()
        handle = self.start_job("generate", request, self.tr("Writing a poem"))
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
        return self.generate(set(range(len(self.editor.lines()))) - {index})

    def check(self) -> JobHandle | None:
        """Check the editor's poem (form, rhyme, tones, and copying against the model's index)."""
        judge, self._copy_note = self.session.copy_judge(self.context.discover("poem").cards)
        try:
            request = self.session.check_request(self.editor.text(), judge)
        except SessionProblem as problem:
            self.show_message(self._problem(problem.code), error=True)
            return None
        self._checked_text = request.text
        handle = self.start_job("check", request, self.tr("Checking the poem"))
        handle.returned.connect(self._on_check_returned)
        handle.start()
        return handle

    def finetune_from(self, text_path: Path, name: str, minutes: float = 5.0) -> JobHandle | None:
        try:
            request = self.session.finetune_request(text_path, name, self.context.paths.user_models, minutes)
        except SessionProblem as problem:
            self.show_message(self._problem(problem.code), error=True)
            return None
        title = self.tr("Fine-tuning {0}").format(Path(request.out_dir).name)
        handle = self.start_job("finetune", request, title, TRAINING_WORKER)
        handle.returned.connect(self._on_finetune_returned)
        handle.start()
        self._update_actions()
        return handle

    def start_job(self, kind: str, request: Any, title: str, worker: str = "model") -> JobHandle:
        handle = self.context.runner.submit(request.job, request, title, worker)
        self.handles[kind] = handle
        handle.progress.connect(self.controls.show_progress)
        handle.errored.connect(lambda message, details, k=kind: self._on_job_errored(k, message, details))
        handle.finished.connect(lambda k=kind, h=handle: self._on_job_finished(k, h))
        handle.finished.connect(lambda k=kind, h=handle: self.job_finished.emit(k, h.outcome))
        return handle

    # ---------------------------------------------------------------- files, gallery, clipboard
    def provenance(self, candidate: int | None = None) -> dict:
        """The record of the shown candidate (or ``candidate``); a poem typed or opened says it was edited."""
        return self.session.provenance(self.editor.text(), candidate)

    def keep_candidates(self) -> None:
        """Queue every candidate of the last result for the gallery as a poem file; ``kept`` says how many went in.

        A full budget or disk stops keeping (the context says why in the status bar); nothing kept is lost.
        """
        poems = []
        for number, candidate in enumerate(self.session.result.candidates):
            record = self.provenance(number)
            title = candidate.lines[0] if candidate.lines else self.tr("Poem")
            poems.append((poem_file_text(candidate.text, record).encode("utf-8"), record, title))
        self._keeper.add(poems)

    def flush_kept(self) -> None:
        """Keep every queued poem now (the window is closing)."""
        self._keeper.flush()

    def close_panel(self) -> None:
        """Called by the main window on close: poems still on their way to the gallery are kept."""
        self.flush_kept()

    def _keep_poem(self, poem):
        data, record, title = poem
        return self.context.keep_output("poem", data, "txt", record, title=title)

    def export_to(self, path: Path) -> Path | None:
        try:
            written = export_poem(Path(path), self.editor.text(), self.provenance())
        except ArtdeskError as error:
            self.show_message(str(error), error=True)
            return None
        self.session.saved_text = self.editor.text()
        self.show_message(self.tr("Exported to {0}").format(written))
        return written

    def unsaved_work(self) -> str:
        """The discard guard's question: "" unless the editor holds typed text not exported, opened or kept."""
        return self.tr("The poem has changes that are not saved.") if self.session.unsaved(self.editor.text()) else ""

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
        self.session.opened(text, provenance)
        self.editor.set_text(text, keep_locks=False)
        notes = self.restore_settings(provenance, Path(path).name)
        self.show_message(" ".join([self.tr("Opened {0}.").format(Path(path).name), *notes]))
        return True

    def restore_settings(self, record: dict, name: str) -> list[str]:
        """Set the controls from a poem's provenance; notes on what is missing (nothing is raised)."""
        restored = self.session.restore(record, name)  # the controls follow the session's model and settings
        notes = list(restored.notes)
        if restored.again:
            notes.append(self.tr("Its settings are restored: \"Generate again\" writes it again."))
        self._update_actions()
        return notes

    # ---------------------------------------------------------------- slots
    def _on_dice_button_clicked(self) -> None:
        self.controls.seed_spin.setValue(random.randrange(1_000_000))

    def _on_cancel_button_clicked(self) -> None:
        for kind in ("generate", "finetune", "check"):
            if self._busy(kind):
                self.handles[kind].cancel()

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
        text = self.session.show(row)
        if text is not None:
            self.editor.set_text(text)
            self._show_candidate_check(row)

    def _show_candidate_check(self, row: int) -> None:
        candidate = self.session.result.candidates[row]
        if candidate.report is not None:
            self.check_view.show_check(candidate.report, candidate.copy, candidate.copy_problem, self._copy_note)

    def _on_generate_partial(self, partial: dict) -> None:
        if partial.get("candidate") == 0:
            self.editor.set_text(partial["text"])
            self.streamed.emit(partial["text"])

    def _on_generate_returned(self, result) -> None:
        card, replay = self._pending or (self.session.card, None)
        row = self.session.take_result(result, card, replay)
        self.candidates_list.show_result(result, row)
        self.editor.set_read_only(False)
        self.editor.set_text(self.session.result_text)
        notes = " ".join(note_text(note) for note in result.notes)
        self.show_message(self.tr("%n candidate(s) in {0:.2f} s. {1}", "", len(result.candidates)).format(result.seconds, notes))
        self._show_candidate_check(row)
        if replay is None:
            self.keep_candidates()
        else:  # made again from an opened file: shown, not kept twice
            self.regenerated.emit(self.session.result_text)

    def _on_generate_aborted(self) -> None:
        self.editor.set_read_only(False)
        self.editor.set_text(self._text_before)
        self.show_message(self.tr("Cancelled; your poem is as it was."))

    def _on_check_returned(self, result) -> None:
        if self.editor.text() == self._checked_text:  # else the text changed while checking: the marks would land wrong
            self.check_view.show_check(result.report, result.copy, result.copy_problem, self._copy_note)

    def _on_finetune_returned(self, path: str) -> None:
        self.context.models_changed.emit()
        self.select_model(Path(path).name)
        self.show_message(self.tr("Your model {0} is ready and selected.").format(Path(path).name))

    def _on_job_errored(self, kind: str, message: str, _details: str) -> None:
        if kind == "generate":
            self.editor.set_read_only(False)
            self.editor.set_text(self._text_before)
        self.show_message(message, error=True)

    def _on_job_finished(self, kind: str, handle: JobHandle) -> None:
        if self.handles.get(kind) is handle and kind == "generate":
            self.editor.set_read_only(False)
        if not (self._busy("generate") or self._busy("finetune")):
            self.controls.end_progress()
        self._update_actions()
