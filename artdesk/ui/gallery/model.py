"""A list model over gallery query results; thumbnails are decoded just after they are first asked for
(a plain card in the panel's colour paints meanwhile), a few milliseconds at a time, and kept in a small LRU."""
from __future__ import annotations

import time
from collections import OrderedDict
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap

from artdesk.core.gallery import Gallery, GalleryItem
from artdesk.ui.model_names import shipped_model_name

THUMB = 128
PANEL_COLOURS = {"canvas": "#5b8def", "music": "#e0884a", "poem": "#53a66f"}
ItemRole = Qt.ItemDataRole.UserRole + 1
DECODE_SLICE_S = 0.008  # the longest the UI thread decodes thumbnails before it lets other events run


def placeholder_pixmap(item: GalleryItem) -> QPixmap:
    """A card with the panel's colour and the item's title, for items without a stored thumbnail."""
    pixmap = QPixmap(THUMB, THUMB)
    pixmap.fill(QColor(PANEL_COLOURS.get(item.panel, "#888888")))
    painter = QPainter(pixmap)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPointSize(10)
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(6, 6, -6, -6), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                     item.title or item.panel)
    painter.end()
    return pixmap


class QtGalleryModel(QAbstractListModel):
    """Rows come from ``gallery.query(**filters)`` a page at a time, as the view scrolls (fetchMore)."""

    def __init__(self, gallery: Gallery, page_size: int = 240, cache_size: int = 400) -> None:
        super().__init__()
        self.gallery = gallery
        self.items: list[GalleryItem] = []
        self.filters: dict = {}
        self.page_size = page_size
        self._exhausted = True
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._cache_size = cache_size
        self._pending: OrderedDict[str, GalleryItem] = OrderedDict()  # asked for, not decoded yet
        self._cards: dict[str, QPixmap] = {}  # panel -> plain card shown while decoding
        self._decoder = QTimer(self)
        self._decoder.setSingleShot(True)
        self._decoder.setInterval(0)
        self._decoder.timeout.connect(self._on_decoder_timeout)

    def set_filters(self, **filters) -> None:
        self.beginResetModel()
        self.filters = filters
        self.items = self.gallery.query(**filters, limit=self.page_size)
        self._exhausted = len(self.items) < self.page_size
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 (Qt naming)
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 (Qt naming)
        page = self.gallery.query(**self.filters, limit=self.page_size, offset=len(self.items))
        self._exhausted = len(page) < self.page_size
        if page:
            self.beginInsertRows(QModelIndex(), len(self.items), len(self.items) + len(page) - 1)
            self.items.extend(page)
            self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def refresh_item(self, item: GalleryItem) -> None:
        for row, old in enumerate(self.items):
            if old.id == item.id:
                self.items[row] = item
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            stars = "★" * item.rating
            return f"{item.title or item.panel}\n{stars}" if stars else (item.title or item.panel)
        if role == Qt.ItemDataRole.DecorationRole:
            return self.pixmap(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = datetime.fromtimestamp(item.created).strftime("%Y-%m-%d %H:%M")
            return self._describe(item, when)
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(THUMB + 24, THUMB + 44)
        if role == ItemRole:
            return item
        return None

    def _describe(self, item: GalleryItem, when: str) -> str:
        """A work's tooltip: its panel, model, start number (if any) and when it was made."""
        panels = {"canvas": self.tr("Canvas"), "music": self.tr("Music"), "poem": self.tr("Poem")}
        said = [panels.get(item.panel, item.panel), shipped_model_name(item.model or "")]
        if item.seed is not None:
            said.append(self.tr("start number {0}").format(item.seed))
        return " · ".join([*filter(None, said), when])

    def pixmap(self, item: GalleryItem) -> QPixmap:
        """The item's thumbnail if decoded; else a plain card now, and the thumbnail right after this paint."""
        cached = self._pixmaps.get(item.id)
        if cached is not None:
            self._pixmaps.move_to_end(item.id)
            return cached
        self._pending[item.id] = item
        self._pending.move_to_end(item.id)
        while len(self._pending) > self._cache_size:  # scrolled far past: asked for again when shown again
            self._pending.popitem(last=False)
        self._decoder.start()
        card = self._cards.get(item.panel)
        if card is None:
            card = self._cards[item.panel] = QPixmap(THUMB, THUMB)
            card.fill(QColor(PANEL_COLOURS.get(item.panel, "#888888")))
        return card

    def thumbnail_now(self, item: GalleryItem) -> QPixmap:
        """The item's thumbnail, decoded now if it is not yet (for a single item the user picked)."""
        return self._pixmaps.get(item.id) or self._decode(item)

    def _decode(self, item: GalleryItem) -> QPixmap:
        data = self.gallery.thumbnail(item.id)
        image = QImage.fromData(data) if data else QImage()
        pixmap = QPixmap.fromImage(image) if not image.isNull() else placeholder_pixmap(item)
        self._pixmaps[item.id] = pixmap
        while len(self._pixmaps) > self._cache_size:
            self._pixmaps.popitem(last=False)
        return pixmap

    def _on_decoder_timeout(self) -> None:
        self.decode_pending(DECODE_SLICE_S)

    def decode_pending(self, budget_s: float | None = None) -> None:
        """Decode asked-for thumbnails, newest first, for up to ``budget_s`` (None: all); repaint their rows."""
        deadline = None if budget_s is None else time.perf_counter() + budget_s
        rows = {item.id: row for row, item in enumerate(self.items)} if self._pending else {}
        while self._pending and (deadline is None or time.perf_counter() < deadline):
            item_id, item = self._pending.popitem(last=True)
            self._decode(item)
            row = rows.get(item_id)
            if row is not None:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        if self._pending:
            self._decoder.start()

    def thumbnail_bytes_in_memory(self) -> int:
        return sum(p.width() * p.height() * p.depth() // 8 for p in self._pixmaps.values())
