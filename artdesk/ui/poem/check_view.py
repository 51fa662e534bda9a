"""A poem's check in words (form, rhyme, tones), marks in the editor, and the copy check as the Gallery shows it."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from artdesk.ui.poem.check_words import check_summary, copy_problem_text, issue_text
from artdesk.ui.poem.editor import QtPoemEditor
from artdesk.ui.forms import wrapped_label
from artdesk.ui.widgets.originality import QtOriginalityView


class QtPoemCheck(QWidget):
    """``label``: the check's summary; ``copy_view``: the Gallery's view of the copy check's answer."""

    def __init__(self, editor: QtPoemEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.label = wrapped_label(selectable=True)
        self.copy_view = QtOriginalityView()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.label)
        column.addWidget(self.copy_view)

    def show_check(self, report, copy, copy_problem: str, note: str = "") -> None:
        """Mark the editor and show a check (a candidate's or a check job's); ``note`` says whose index judged."""
        marks = {i: f"{line.mark} {line.rhyme}".strip() for i, line in enumerate(report.lines)}
        spans = [(issue.start, issue.end, issue_text(issue.message), issue.severity) for issue in report.issues if issue.line >= 0]
        self.editor.show_marks(marks, spans)
        self.label.setText(check_summary(report))
        self.label.setStyleSheet("" if report.ok else "color: #b00020;")
        if copy is not None:
            self.copy_view.show_answer(copy)
            self.copy_view.note.setText(" ".join(p for p in (note, self.copy_view.note_text(copy.note)) if p))
        else:
            self.copy_view.show_message(copy_problem_text(copy_problem))
