"""The evaluation board: a batch's novelty, diversity, technique check and rating, sortable and filterable."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.board import METRICS, BoardRow, filter_rows, sort_rows
from artdesk.core.errors import ArtdeskError
from artdesk.core.originality import LABELS

COLUMNS = ("title", "panel", "label", "novelty", "diversity", "technique", "rating")


def sharper_share(row: BoardRow, rows: list[BoardRow]) -> float:
    """Share of the other pictures on the board that ``row`` is at least as sharp as (0 to 1)."""
    others = [r.technique for r in rows if r.panel == "canvas" and r.technique is not None and r is not row]
    return sum(value <= row.technique for value in others) / len(others) if others else 1.0


class QtBoardModel(QAbstractTableModel):
    """Rows of the board; the rating column is editable (0-5) and saved through ``rate(item_id, rating)``."""

    def __init__(self, rate: Callable[[str, int], None], parent=None) -> None:
        super().__init__(parent)
        self.rate = rate
        self.rows: list[BoardRow] = []

    def headers(self) -> list[str]:
        return [self.tr("Work"), self.tr("Panel"), self.tr("Label"), self.tr("Novelty"), self.tr("Diversity"),
                self.tr("Craft"), self.tr("Rating")]

    def technique_text(self, row: BoardRow) -> str:
        """The craft check in words, the same kind of phrase for every panel (the number is in the tooltip)."""
        if row.technique is None:
            return ""
        if row.panel == "music":
            return self.tr("{0:.0%} of notes in key").format(row.technique)
        if row.panel == "poem":
            broken = round(row.technique)
            return self.tr("keeps the form's rules") if broken == 0 else self.tr("breaks %n rule(s)", "", broken)
        return self.tr("sharper than {0:.0%} of these pictures").format(sharper_share(row, self.rows))

    def technique_details(self, row: BoardRow) -> str:
        """The measured number behind the craft phrase, with what it is."""
        if row.technique is None:
            return ""
        return {"canvas": self.tr("Details: sharpness {0:.0f} (variance of the Laplacian; higher is crisper)"),
                "music": self.tr("Details: in-key rate {0:.2f} (share of notes in the best-fitting key)"),
                "poem": self.tr("Details: %n rule violation(s) of the form (fewer is better)", "", round(row.technique))}.get(
            row.panel, "{0}").format(row.technique)

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt naming)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if COLUMNS[index.column()] == "rating" else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.EditRole and column == "rating":
            return row.rating
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.problem:
                return row.problem
            return self.technique_details(row) if column == "technique" else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column in ("title", "panel", "label"):
            return getattr(row, column) or (self.tr("not measured") if column == "label" else "")
        if column == "rating":
            return "★" * row.rating
        if column == "technique":
            return self.technique_text(row)
        value = getattr(row, column)
        return "" if value is None else f"{value:.2f}"

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 (Qt naming)
        if role != Qt.ItemDataRole.EditRole or COLUMNS[index.column()] != "rating":
            return False
        row = self.rows[index.row()]
        try:
            self.rate(row.item_id, int(value))
        except (ArtdeskError, ValueError, TypeError):
            return False
        row.rating = int(value)
        self.dataChanged.emit(index, index)
        return True

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        name = COLUMNS[column]
        descending = order == Qt.SortOrder.DescendingOrder
        self.layoutAboutToBeChanged.emit()
        if name in METRICS:
            self.rows = sort_rows(self.rows, name, descending)
        elif name == "label":
            rank = {label: i for i, label in enumerate(LABELS)}
            self.rows.sort(key=lambda r: rank.get(r.label, len(LABELS)), reverse=descending)
        else:
            self.rows.sort(key=lambda r: getattr(r, name), reverse=descending)
        self.layoutChanged.emit()


class BoardDialog(QDialog):
    """Shows a finished board; filtering happens here, sorting by clicking a column's header."""

    rated = Signal(str, int)  # (item id, new rating), after the gallery saved it
    select_requested = Signal(list)  # item ids of the rows picked here, to select them in the gallery

    def __init__(self, rows: list[BoardRow], rate: Callable[[str, int], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evaluation board"))
        self.all_rows = rows
        self._rate = rate
        self.model = QtBoardModel(self._save_rating, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(self.tr("Board of works"))
        self.metric_filter = QComboBox()
        self.metric_filter.addItems([self.tr("No filter"), self.tr("Novelty"), self.tr("Diversity"), self.tr("Craft"),
                              self.tr("Rating")])
        self.direction = QComboBox()
        self.direction.addItems([self.tr("at least"), self.tr("at most")])
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 1e6)
        self.threshold.setDecimals(2)
        self.label_filter = QComboBox()
        self.label_filter.addItems([self.tr("Any label"), self.tr("original"), self.tr("familiar"), self.tr("close"),
                                    self.tr("close copy")])
        for widget in (self.metric_filter, self.direction, self.label_filter):
            widget.currentIndexChanged.connect(self.refilter)
        self.threshold.valueChanged.connect(self.refilter)
        self.shown = QLabel()
        self.select_button = QPushButton(self.tr("Select in gallery"))
        self.select_button.setToolTip(self.tr("Select the picked rows in the gallery, to export, open or delete them"))
        self.select_button.clicked.connect(self._on_select_button_clicked)
        controls = QHBoxLayout()
        for widget in (QLabel(self.tr("Show")), self.metric_filter, self.direction, self.threshold, self.label_filter):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        explain = QLabel(self.tr("Novelty: share of unseen works of the same data that sit at least as close to "
                                 "training (0 copies, 1 farther than all). Diversity: unlike the closest other work "
                                 "of the batch (0 duplicate). Craft: how crisp a picture is beside the others, how "
                                 "many notes of a melody are in its key, whether a poem keeps its form's rules. "
                                 "Rating: double-click to set 0-5."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        footer = QHBoxLayout()
        footer.addWidget(self.shown, 1)
        footer.addWidget(self.select_button)
        layout.addLayout(footer)
        self.resize(820, 520)
        self.table.sortByColumn(COLUMNS.index("novelty"), Qt.SortOrder.DescendingOrder)
        self.refilter()

    def filters(self) -> dict:
        metric = METRICS[self.metric_filter.currentIndex() - 1] if self.metric_filter.currentIndex() > 0 else None
        label = LABELS[self.label_filter.currentIndex() - 1] if self.label_filter.currentIndex() > 0 else None
        value = self.threshold.value() if metric else None
        at_most = self.direction.currentIndex() == 1
        return {"metric": metric, "minimum": None if at_most else value, "maximum": value if at_most else None,
                "label": label}

    def refilter(self) -> None:
        rows = filter_rows(self.all_rows, **self.filters())
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        if header.isSortIndicatorShown() and header.sortIndicatorSection() >= 0:
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.shown.setText(self.tr("{0} of {1} works shown").format(len(rows), len(self.all_rows)))

    def picked_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[row].item_id for row in rows]

    def _on_select_button_clicked(self) -> None:
        self.select_requested.emit(self.picked_ids())

    def _save_rating(self, item_id: str, rating: int) -> None:
        self._rate(item_id, rating)
        self.rated.emit(item_id, rating)
