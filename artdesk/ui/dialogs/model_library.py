"""The model library: bundled and user checkpoints from their cards; import and delete user models."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.cards import CardError, ModelCard, delete_user_model, import_model_folder
from artdesk.core.errors import ArtdeskError
from artdesk.ui.context import AppContext
from artdesk.ui.forms import push_button, row, wrapped_label

COLUMNS = ("Name", "Domain", "Source", "Size", "Data licence", "Metrics", "Created", "Parent")


def format_size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def format_metrics(metrics: dict) -> str:
    return ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in metrics.items())


class ModelLibraryDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cards: list[ModelCard] = []
        self.setWindowTitle(self.tr("Model library"))
        self.resize(900, 420)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([  # literal tr() calls in the order of COLUMNS, so lupdate finds them
            self.tr("Name"), self.tr("Domain"), self.tr("Source"), self.tr("Size"), self.tr("Data licence"),
            self.tr("Metrics"), self.tr("Created"), self.tr("Parent")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(self.tr("Installed models"))
        self.problems = wrapped_label()
        self.import_button = push_button(self.tr("Import model folder…"), self._on_import_button_clicked)
        self.delete_button = push_button(self.tr("Delete user model"), self._on_delete_button_clicked)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        buttons = row(self.import_button, self.delete_button, None, push_button(self.tr("Close"), self.accept))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        context.models_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        discovery = self.context.discover()
        self.cards = discovery.cards
        self.table.setRowCount(len(self.cards))
        for line, card in enumerate(self.cards):
            values = (
                card.name,
                self.domain_label(card.domain),
                self.tr("bundled") if not card.is_user else self.tr("yours"),
                format_size(card.size_bytes),
                card.licence,
                format_metrics(card.metrics),
                card.created,
                card.parent,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(card.description if column == 0 else value)
                self.table.setItem(line, column, item)
        self.problems.setText("\n".join(discovery.problems))
        self.problems.setVisible(bool(discovery.problems))
        self._on_table_selection_changed()

    def domain_label(self, domain: str) -> str:
        return {"canvas": self.tr("Canvas"), "music": self.tr("Music"), "poem": self.tr("Poem"),
                "features": self.tr("Picture features"), "style": self.tr("Painting style")}.get(domain, domain)

    def selected_card(self) -> ModelCard | None:
        rows = self.table.selectionModel().selectedRows()
        return self.cards[rows[0].row()] if rows else None

    def _on_table_selection_changed(self) -> None:
        card = self.selected_card()
        self.delete_button.setEnabled(card is not None and card.is_user)

    def _on_import_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a model folder (with card.json)"))
        if folder:
            self.import_folder(folder)

    def import_folder(self, folder: str) -> ModelCard | None:
        try:
            card = import_model_folder(folder, self.context.paths.user_models)
        except ArtdeskError as error:
            QMessageBox.warning(self, self.tr("Cannot import model"), str(error))
            return None
        self.context.models_changed.emit()
        self.context.status_message.emit(self.tr("Imported model {0}").format(card.name))
        return card

    def _on_delete_button_clicked(self) -> None:
        card = self.selected_card()
        if card is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete model"), self.tr("Delete your model {0}? This cannot be undone.").format(card.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(card)

    def delete(self, card: ModelCard) -> bool:
        try:
            delete_user_model(card)
        except CardError as error:
            QMessageBox.warning(self, self.tr("Cannot delete model"), str(error))
            return False
        self.context.models_changed.emit()
        return True
