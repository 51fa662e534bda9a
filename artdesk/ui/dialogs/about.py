"""About artdesk: the version, and where every model and data set came from and under which licence.

Model rows come from the model cards (``context.discover()``: card.json files only, no torch),
so what is shown is what the checkpoints themselves record; damaged cards are named below the table.
"""
from __future__ import annotations

import platform
from typing import Any

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import artdesk
from artdesk.core.cards import ModelCard
from artdesk.licences import third_party
from artdesk.ui.context import AppContext

def describe(value: Any) -> str:
    """A card field as one line of text: strings as they are, lists joined, mappings as key: value."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {describe(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(describe(v) for v in value)
    return str(value)


def card_rows(cards: list[ModelCard]) -> list[tuple[str, str, str, str, str]]:
    """(model, domain, data licence, data source, attribution) for each card."""
    rows = []
    for card in cards:
        data = card.raw.get("data") or {}
        if not isinstance(data, dict):
            data = {"source": data}
        source = describe(data.get("source") or data.get("sources") or data.get("name"))
        attribution = describe(data.get("attribution") or data.get("credit") or data.get("url"))
        rows.append((card.name, card.domain, card.licence, source or "?", attribution))
    return rows


def software_rows(resources) -> list[tuple[str, str, str]]:
    """(component, version, licence) for everything inside the app, Python and Qt with their live versions."""
    live = {"Python": platform.python_version(), "Qt (inside PySide6)": qVersion()}
    return [(e["name"], e["version"] or live.get(e["name"], ""), e["licence"]) for e in third_party(resources)]


class AboutDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("About artdesk"))
        self.resize(820, 520)
        icon = QLabel()
        icon_path = context.paths.resources / "icons" / "artdesk.png"
        if icon_path.exists():
            icon.setPixmap(QIcon(str(icon_path)).pixmap(72, 72))
        title = QLabel(f"<h2>artdesk {artdesk.__version__}</h2>")
        title.setAccessibleName(self.tr("artdesk version {0}").format(artdesk.__version__))
        blurb = QLabel(
            self.tr(
                "An offline studio for pictures, melodies and poems. Every model below was trained for artdesk "
                "on the data its card names, and runs on this computer."
            )
        )
        blurb.setWordWrap(True)
        header_text = QVBoxLayout()
        header_text.addWidget(title)
        header_text.addWidget(blurb)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(header_text, 1)

        discovery = context.discover()
        self.cards = discovery.cards
        self.models_table = self._table(
            [self.tr("Model"), self.tr("Panel"), self.tr("Data licence"), self.tr("Trained on"), self.tr("Attribution")],
            card_rows(self.cards),
        )
        panels = {
            "canvas": self.tr("Canvas"),
            "music": self.tr("Music"),
            "poem": self.tr("Poem"),
            "style": self.tr("Style"),
            "features": self.tr("Features"),
        }
        for row in range(self.models_table.rowCount()):
            item = self.models_table.item(row, 1)
            item.setText(panels.get(item.text(), item.text()))
        self.models_table.setAccessibleName(self.tr("Models and the data they were trained on"))
        for row, card in enumerate(self.cards):
            origin = self.tr("ships with artdesk") if not card.is_user else self.tr("your model")
            self.models_table.item(row, 0).setToolTip(f"{card.description}\n{origin}: {card.path}".strip())
        self.problems = QLabel("\n".join(discovery.problems))
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(discovery.problems))
        self.problems.setAccessibleName(self.tr("Models that could not be read"))
        empty = QLabel(self.tr("No models are installed."))
        empty.setVisible(not self.cards)
        models_page = QWidget()
        models_layout = QVBoxLayout(models_page)
        models_layout.addWidget(self.models_table)
        models_layout.addWidget(empty)
        models_layout.addWidget(self.problems)

        self.software_table = self._table(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")],
            software_rows(context.paths.resources),
        )
        self.software_table.setAccessibleName(self.tr("Software inside artdesk and its licences"))
        lgpl = QLabel(
            self.tr(
                "artdesk itself is MIT-licensed. Qt and FFmpeg are used under the LGPL: their libraries ship as "
                "separate files inside the app folder, which you may replace with your own builds."
            )
        )
        lgpl.setWordWrap(True)
        software_page = QWidget()
        software_layout = QVBoxLayout(software_page)
        software_layout.addWidget(self.software_table)
        software_layout.addWidget(lgpl)

        self.tabs = QTabWidget()
        self.tabs.addTab(models_page, self.tr("Models and data"))
        self.tabs.addTab(software_page, self.tr("Software"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    @staticmethod
    def _table(headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
        table = QTableWidget(len(rows), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(row, column, item)
        return table

    def licences(self) -> list[str]:
        """The data licences shown in the models table, row by row."""
        return [self.models_table.item(row, 2).text() for row in range(self.models_table.rowCount())]
