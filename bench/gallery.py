"""Gallery at scale: open time with N items to first paint, search time, thumbnail memory.

Builds a gallery of N items (128 px PNG thumbnails) in a temporary folder, then measures, in one run:
opening the index + building the panel until its list view first paints with items in it, both ways
(before: the folder reconciled with the index before the panel builds and the visible thumbnails decoded
inside the first paint, as until now; after: reconciled on the worker once the panel has painted, and
thumbnails decoded in 8 ms slices just after it; both count through the covering index added with it),
alternating, median of ROUNDS each; wall time and the UI thread's CPU time. Then a text search, a
panel filter, and the memory held by decoded thumbnails after scrolling through everything.
Baseline: a plain ``SELECT *`` over the same index.
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gallery.py [N]
"""
from __future__ import annotations

import io
import os
import sqlite3
import statistics
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
    """Notes the wall clock and the UI thread's CPU clock at the first paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.at = None
        self.cpu_at = None

    def eventFilter(self, obj, event):  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at, self.cpu_at = time.perf_counter(), time.thread_time()
        return False


ROUNDS = 3


def open_panel(app, reconcile_first: bool):
    """A fresh context and panel; (wall, UI-thread CPU) seconds from the start until the list view first paints.

    ``reconcile_first`` is the old way: reconcile before building, thumbnails decoded while painting.
    """
    from artdesk.core.paths import app_paths
    from artdesk.core.settings import DEFAULTS
    from artdesk.ui.context import AppContext
    from artdesk.ui.gallery.panel import GalleryPanel
    from artdesk.ui.jobs import Runner

    watch = FirstPaint()
    start, cpu_start = time.perf_counter(), time.thread_time()
    context = AppContext(app_paths(), DEFAULTS, Runner(), None)
    if reconcile_first:
        context.gallery(reconcile=True)
    panel = GalleryPanel(context)
    if reconcile_first:
        panel.model.pixmap = panel.model.thumbnail_now  # decode in the paint, as the model did before
    panel.view.viewport().installEventFilter(watch)
    panel.resize(1200, 800)
    panel.show()
    while watch.at is None:
        app.processEvents()
    return panel, (watch.at - start, watch.cpu_at - cpu_start)


def close_panel(app, panel) -> None:
    """Wait for the panel's reconcile job, then close its gallery and runner."""
    while panel.reconcile_job is None or not panel.reconcile_job.is_finished:
        app.processEvents()
    panel.close()
    panel.gallery.close()
    panel.context.runner.shutdown()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    home = tempfile.mkdtemp(prefix="artdesk-gallery-bench-")
    os.environ["ARTDESK_HOME"] = home
    from artdesk.core.paths import app_paths

    root = str(app_paths().data / "gallery")
    start = time.perf_counter()
    build(root, count)
    print(f"built {count} items in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    rows = sqlite3.connect(os.path.join(root, "index.sqlite3")).execute("SELECT record FROM items").fetchall()
    baseline = time.perf_counter() - start
    print(f"baseline: SELECT of {len(rows)} records       {baseline * 1000:7.1f} ms")

    app = QApplication([])
    figures = {"before": [], "after": []}
    for _ in range(ROUNDS):
        for mode in ("before", "after"):
            panel, seconds = open_panel(app, reconcile_first=mode == "before")
            figures[mode].append(seconds)
            close_panel(app, panel)
    wall = {m: statistics.median(w for w, _ in figures[m]) for m in figures}
    cpu = {m: statistics.median(c for _, c in figures[m]) for m in figures}
    for mode, how in (("before", "reconcile first"), ("after", "reconcile after")):
        runs = ", ".join(f"{w * 1000:.0f}" for w, _ in figures[mode])
        print(f"open to first paint, {how:16s} {wall[mode] * 1000:7.1f} ms wall (runs {runs}), "
              f"{cpu[mode] * 1000:6.1f} ms UI-thread CPU")
    print(f"after vs before: {wall['before'] / wall['after']:.1f}x faster wall, {cpu['before'] / cpu['after']:.1f}x less "
          f"UI CPU; {wall['after'] / baseline:.1f}x the bare SELECT; target < 500 ms: "
          f"{'met' if wall['after'] < 0.5 else 'NOT met'} (wall at load {os.getloadavg()[0]:.1f})")
    panel, _ = open_panel(app, reconcile_first=False)
    while not panel.reconcile_job.is_finished:  # measure the searches alone
        app.processEvents()
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
    panel.model.decode_pending()
    print(f"thumbnail memory after touching all:  {panel.model.thumbnail_bytes_in_memory() / 1e6:7.1f} MB "
          f"(LRU of {len(panel.model._pixmaps)} pixmaps)")
    close_panel(app, panel)


if __name__ == "__main__":
    main()
