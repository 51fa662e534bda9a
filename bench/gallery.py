"""Gallery at scale: open time with N items to first paint, search time, thumbnail memory.

Builds a gallery of N items (128 px PNG thumbnails) in a temporary folder, then measures, in one run:
opening the index + building the panel until its list view first paints, a text search, a panel filter,
and the memory held by decoded thumbnails after scrolling through everything. Baseline: a plain
``SELECT *`` over the same index.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gallery.py [N]
"""
from __future__ import annotations

import io
import os
import sqlite3
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def build(root: str, count: int) -> None:
    """Writes item files and sidecars directly (no fsync), then lets ``Gallery.open`` index them."""
    import json
    from dataclasses import asdict
    from pathlib import Path

    from artdesk.core.gallery import Gallery, GalleryItem

    items_dir = Path(root) / "items"
    items_dir.mkdir(parents=True)
    thumbs = []
    for shade in range(16):
        buffer = io.BytesIO()
        Image.new("RGB", (128, 128), (shade * 16, 90, 200 - shade * 10)).save(buffer, "PNG")
        thumbs.append(buffer.getvalue())
    panels = ("canvas", "music", "poem")
    for i in range(count):
        item = GalleryItem(id=f"{i:016x}", panel=panels[i % 3], file=f"{i:016x}.bin", title=f"work {i}",
                           model=f"model-{i % 7}", seed=i, created=1e9 + i, size=200,
                           provenance={"model": f"model-{i % 7}", "seed": i})
        (items_dir / item.file).write_bytes(b"x" * 200)
        (items_dir / f"{item.id}.json").write_text(json.dumps(asdict(item)))
    gallery = Gallery.open(root, budget_bytes=1 << 40)  # indexes the sidecars (the rebuild path)
    with gallery.db:
        gallery.db.executemany("UPDATE items SET thumbnail = ? WHERE id = ?",
                               [(thumbs[i % 16], f"{i:016x}") for i in range(count)])
    gallery.close()


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at = None

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    home = tempfile.mkdtemp(prefix="artdesk-gallery-bench-")
    os.environ["ARTDESK_HOME"] = home
    from artdesk.core.paths import app_paths
    from artdesk.core.settings import DEFAULTS
    from artdesk.ui.context import AppContext
    from artdesk.ui.gallery.panel import GalleryPanel
    from artdesk.ui.jobs import Runner

    root = str(app_paths().data / "gallery")
    start = time.perf_counter()
    build(root, count)
    print(f"built {count} items in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    rows = sqlite3.connect(os.path.join(root, "index.sqlite3")).execute("SELECT record FROM items").fetchall()
    baseline = time.perf_counter() - start
    print(f"baseline: SELECT of {len(rows)} records       {baseline * 1000:7.1f} ms")

    app = QApplication([])
    watch = FirstPaint()
    start = time.perf_counter()
    panel = GalleryPanel(AppContext(app_paths(), DEFAULTS, Runner(), None))
    panel.view.viewport().installEventFilter(watch)
    panel.resize(1200, 800)
    panel.show()
    while watch.at is None:
        app.processEvents()
    open_s = watch.at - start
    print(f"open to first paint ({count} items):   {open_s * 1000:7.1f} ms  ({open_s / baseline:.1f}x the bare SELECT)"
          f"  target < 500 ms: {'met' if open_s < 0.5 else 'NOT met'}")
    for label, action in (("text search 'work 99'", lambda: panel.search.setText("work 99")),
                          ("panel filter Music", lambda: (panel.search.clear(), panel.panel_filter.setCurrentIndex(2)))):
        start = time.perf_counter()
        action()
        app.processEvents()
        print(f"{label:36s} {(time.perf_counter() - start) * 1000:7.1f} ms  -> {panel.model.rowCount()} items")
    panel.panel_filter.setCurrentIndex(0)
    panel.model.fetch_all()
    for row in range(panel.model.rowCount()):
        panel.model.pixmap(panel.model.items[row])
    print(f"thumbnail memory after touching all:  {panel.model.thumbnail_bytes_in_memory() / 1e6:7.1f} MB "
          f"(LRU of {len(panel.model._pixmaps)} pixmaps)")


if __name__ == "__main__":
    main()
