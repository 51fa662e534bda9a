"""A list model over gallery query results; thumbnails are decoded on first paint and kept in a small LRU."""
from __future__ import annotations

from collections import OrderedDict
from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPixmap

from artdesk.core.gallery import Gallery, GalleryItem

THUMB = 128
PANEL_COLOURS = {"canvas": "#5b8def", "music": "#e0884a", "poem": "#53a66f"}
ItemRole = Qt.ItemDataRole.UserRole + 1


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
            return f"{item.panel} · {item.model} · seed {item.seed} · {when}"
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(THUMB + 24, THUMB + 44)
        if role == ItemRole:
            return item
        return None

    def pixmap(self, item: GalleryItem) -> QPixmap:
        cached = self._pixmaps.get(item.id)
        if cached is not None:
            self._pixmaps.move_to_end(item.id)
            return cached
        data = self.gallery.thumbnail(item.id)
        image = QImage.fromData(data) if data else QImage()
        pixmap = QPixmap.fromImage(image) if not image.isNull() else placeholder_pixmap(item)
        self._pixmaps[item.id] = pixmap
        while len(self._pixmaps) > self._cache_size:
            self._pixmaps.popitem(last=False)
        return pixmap

    def thumbnail_bytes_in_memory(self) -> int:
        return sum(p.width() * p.height() * p.depth() // 8 for p in self._pixmaps.values())
