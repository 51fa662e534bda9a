"""The poem editor: editable text, per-line locks, violation marks (a thin view; no computing)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPlainTextEdit, QSplitter, QTextEdit, QWidget


class QtPoemEditor(QSplitter):
    """A text editor beside a list of its lines, each with a lock check box and the checker's marks."""

    locks_changed = Signal()  # a line was locked or unlocked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.text_edit = QPlainTextEdit(self)
        font = QFont()
        font.setPointSize(15)
        self.text_edit.setFont(font)
        self.text_edit.setPlaceholderText(self.tr("Generate a poem, or type or paste one here to check it."))
        self.lines_list = QListWidget(self)
        self.lines_list.setToolTip(self.tr("Tick a line to lock it: regenerating keeps locked lines."))
        self.addWidget(self.text_edit)
        self.addWidget(self.lines_list)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self._locked: set[int] = set()
        self._marks: dict[int, str] = {}
        self._syncing = False
        self.text_edit.textChanged.connect(self._on_text_edit_text_changed)
        self.lines_list.itemChanged.connect(self._on_lines_list_item_changed)

    # ---- text and locks
    def text(self) -> str:
        return self.text_edit.toPlainText()

    def lines(self) -> list[str]:
        return self.text().split("\n") if self.text() else []

    def set_text(self, text: str, keep_locks: bool = True) -> None:
        if not keep_locks:
            self._locked.clear()
        self.text_edit.setPlainText(text)

    def locked_lines(self) -> set[int]:
        return {i for i in self._locked if i < len(self.lines())}

    def set_locked(self, index: int, locked: bool) -> None:
        (self._locked.add if locked else self._locked.discard)(index)
        self._rebuild_list()
        self.locks_changed.emit()

    def current_line(self) -> int:
        row = self.lines_list.currentRow()
        return row if row >= 0 else self.text_edit.textCursor().blockNumber()

    def set_read_only(self, read_only: bool) -> None:
        self.text_edit.setReadOnly(read_only)
        self.lines_list.setEnabled(not read_only)

    # ---- marks from the checker
    def show_marks(self, line_marks: dict[int, str], spans: list[tuple[int, int, str, str]]) -> None:
        """``spans``: (start, end, message, severity) in text offsets; ``line_marks``: text shown beside each line."""
        self._marks = dict(line_marks)
        selections = []
        length = len(self.text())
        for start, end, message, severity in spans:
            if start >= length:
                continue
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            if severity == "error":
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(QColor("#d0021b"))
                fmt.setBackground(QColor("#fde2e2"))
            else:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor("#888888"))
            fmt.setToolTip(message)
            selection.format = fmt
            cursor = QTextCursor(self.text_edit.document())
            cursor.setPosition(start)
            cursor.setPosition(min(max(end, start + 1), length), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.text_edit.setExtraSelections(selections)
        self._rebuild_list()

    def marked_spans(self) -> list[tuple[int, int]]:
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.text_edit.extraSelections()]

    def clear_marks(self) -> None:
        self._marks.clear()
        self.text_edit.setExtraSelections([])
        self._rebuild_list()

    # ---- slots
    def _on_text_edit_text_changed(self) -> None:
        if self.text_edit.extraSelections():
            self.text_edit.setExtraSelections([])
        self._marks.clear()
        self._rebuild_list()

    def _on_lines_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        index = self.lines_list.row(item)
        self.set_locked(index, item.checkState() == Qt.CheckState.Checked)

    def _rebuild_list(self) -> None:
        self._syncing = True
        current = self.lines_list.currentRow()
        self.lines_list.clear()
        for index, line in enumerate(self.lines()):
            label = f"{index + 1}. {line}"
            if index in self._marks:
                label += f"    {self._marks[index]}"
            item = QListWidgetItem(label)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if index in self._locked else Qt.CheckState.Unchecked)
            self.lines_list.addItem(item)
        if 0 <= current < self.lines_list.count():
            self.lines_list.setCurrentRow(current)
        self._syncing = False
