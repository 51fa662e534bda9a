"""pytest-qt drives the gallery: filter, rate, open into a panel, delete with undo, export."""
import json

import pytest
from PySide6.QtCore import QItemSelectionModel

from artdesk.core.paths import app_paths
from artdesk.core.settings import DEFAULTS
from artdesk.ui.context import AppContext
from artdesk.ui.gallery.panel import GalleryPanel
from artdesk.ui.jobs import Runner


@pytest.fixture
def panel(qtbot):
    runner = Runner()
    context = AppContext(app_paths(), DEFAULTS, runner, None)
    context.keep_output("canvas", b"\x89PNG fake", "png", {"model": "gan", "seed": 3}, title="bird")
    context.keep_output("music", b"MThd", "mid", {"model": "lstm", "seed": 4}, title="reel")
    context.keep_output("poem", "床前明月光".encode(), "txt", {"model": "zh", "seed": 5}, title="静夜思")
    widget = GalleryPanel(context)
    qtbot.addWidget(widget)
    yield widget
    context.gallery().close()
    assert runner.shutdown()


def select_title(panel, title):
    rows = [r for r, item in enumerate(panel.model.items) if item.title == title]
    panel.view.selectionModel().select(panel.model.index(rows[0]), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def titles(panel):
    return [item.title for item in panel.model.items]


def test_filter_by_panel_and_search(panel):
    assert sorted(titles(panel)) == ["bird", "reel", "静夜思"]
    panel.panel_filter.setCurrentIndex(2)  # Music
    assert titles(panel) == ["reel"]
    panel.panel_filter.setCurrentIndex(0)
    panel.search.setText("静夜")
    assert titles(panel) == ["静夜思"]


def test_rate_and_sort_by_rating(panel):
    select_title(panel, "reel")
    panel.rating.setCurrentIndex(4)
    panel.rating.activated.emit(4)
    panel.sort.setCurrentIndex(2)  # best rated
    assert titles(panel)[0] == "reel"
    panel.min_rating.setCurrentIndex(4)
    assert titles(panel) == ["reel"]
    assert "★★★★" in panel.model.data(panel.model.index(0))


def test_open_requests_the_items_file(panel, qtbot):
    select_title(panel, "静夜思")
    with qtbot.waitSignal(panel.context.open_path_requested, timeout=1000) as blocker:
        panel.open_button.click()
    assert blocker.args[0].endswith(".txt")
    with open(blocker.args[0], encoding="utf-8") as handle:
        assert handle.read() == "床前明月光"


def test_delete_with_undo(panel):
    select_title(panel, "bird")
    panel.delete_button.click()
    assert "bird" not in titles(panel)
    panel.undo_stack.undo()
    assert "bird" in titles(panel)


def test_export_writes_files_and_provenance(panel, tmp_path):
    select_title(panel, "reel")
    written = panel.export_selected(tmp_path / "out")
    assert [p.suffix for p in written] == [".mid", ".json"]
    assert json.loads(written[1].read_text())["seed"] == 4


def test_export_bundle_writes_one_zip_with_provenance(panel, tmp_path, qtbot):
    import zipfile

    select_title(panel, "reel")
    assert panel.bundle_button.isEnabled()
    assert panel.export_bundle(tmp_path / "picks") is not None  # the job signs and writes on the worker
    qtbot.waitUntil(lambda: panel.status.text().startswith("Bundle picks.zip: 1 work"), timeout=20000)
    with zipfile.ZipFile(tmp_path / "picks.zip") as archive:
        names = archive.namelist()
        record = json.loads(archive.read(next(n for n in names if n.endswith(".mid.provenance.json"))))
    assert any(n.endswith(".mid") for n in names)
    assert "C2PA has no established binding for MIDI" in record["content_credentials"]["summary"][0]


def test_placeholder_thumbnails_are_painted(panel, qtbot):
    pixmap = panel.model.pixmap(panel.model.items[0])
    assert not pixmap.isNull() and pixmap.width() == 128
    qtbot.waitUntil(lambda: panel.model.items[0].id in panel.model._pixmaps, timeout=2000)


def test_thumbnails_are_decoded_after_the_first_paint(qtbot):
    import io

    from PIL import Image

    runner = Runner()
    context = AppContext(app_paths(), DEFAULTS, runner, None)
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (200, 10, 10)).save(buffer, "PNG")
    context.keep_output("canvas", b"png", "png", {"model": "gan", "seed": 1}, title="red", thumbnail_png=buffer.getvalue())
    widget = GalleryPanel(context)
    qtbot.addWidget(widget)
    try:
        item = widget.model.items[0]
        assert widget.model.pixmap(item).width() == 128  # a plain card at first paint
        with qtbot.waitSignal(widget.model.dataChanged, timeout=2000) as changed:
            pass
        assert changed.args[0].row() == 0
        assert widget.model.pixmap(item).width() == 32  # the stored thumbnail once decoded
    finally:
        context.gallery().close()
        assert runner.shutdown()


def test_opening_defers_reconcile_to_a_worker_after_first_paint(qtbot):
    runner = Runner()
    context = AppContext(app_paths(), DEFAULTS, runner, None)
    kept = context.keep_output("poem", "春眠不觉晓".encode(), "txt", {"model": "zh", "seed": 1}, title="spring")
    context.gallery().close()
    context._gallery = None
    gallery_dir = app_paths().data / "gallery" / "items"
    (gallery_dir / kept.file).unlink()  # the file vanished while the app was closed
    widget = GalleryPanel(context)
    qtbot.addWidget(widget)
    try:
        assert titles(widget) == ["spring"]  # shown from the index before the folder is listed
        widget.show()
        qtbot.waitUntil(lambda: widget.reconcile_job is not None, timeout=2000)
        qtbot.waitUntil(lambda: titles(widget) == [], timeout=10000)
        assert "1 missing" in widget.status.text()
    finally:
        context.gallery().close()
        assert runner.shutdown()


def test_the_detail_pane_shows_the_work_and_says_how_it_was_made_with_the_record_folded_away(qtbot, tmp_path):
    import numpy as np

    from artdesk.core.image_io import encode_png
    from artdesk.core.melody import Melody, Note
    from artdesk.core.midi_io import melody_to_bytes

    runner = Runner()
    context = AppContext(app_paths(), DEFAULTS, runner, None)
    picture = {"model": "canvas-gan", "seed": 7, "job": "generate", "style": "emoji", "index": 2, "settings": {},
               "created": "2026-12-07T08:00:00+0000"}
    context.keep_output("canvas", encode_png(np.full((64, 64, 4), 120, np.uint8), picture), "png", picture, title="pic")
    tune = {"model": "melody-lstm", "seed": 4, "settings": {"style": "folk", "key": "D", "mode": "minor", "bars": 8}}
    melody = Melody((Note(62, 0, 4), Note(65, 4, 4), Note(69, 8, 8)))
    context.keep_output("music", melody_to_bytes(melody), "mid", tune, title="tune")
    poem = {"model": "poem-en-lstm", "seed": 5, "settings": {"form": "en-free", "keywords": "sea", "heads": "MOON"}}
    context.keep_output("poem", "The sea at night\nholds the moon".encode(), "txt", poem, title="sea")
    panel = GalleryPanel(context)
    qtbot.addWidget(panel)  # not shown: no thumbnails decode after the gallery closes
    try:
        detail = panel.detail
        select_title(panel, "pic")
        assert not detail.preview.isHidden() and detail.preview.pixmap().width() == 256
        assert detail.preview.minimumHeight() >= detail.preview.pixmap().height()  # a short window cannot squeeze it
        from artdesk.ui.vertical_scroller import QtVerticalScroller

        column = panel.findChild(QtVerticalScroller)  # the side column scrolls, at least as wide as it needs
        assert column.widget().isAncestorOf(detail) and column.minimumSizeHint().width() > 300
        assert "“Emoji, pick 3”: a picture the Mixed pictures model drew in the style Emoji." in detail.made.text()
        assert "Start number 7" in detail.made.text() and "2026-12-07" in detail.made.text()
        assert detail.record.isHidden() and "{" not in detail.made.text()
        detail.details_button.click()
        assert not detail.record.isHidden()
        assert json.loads(detail.record.toPlainText())["seed"] == 7
        select_title(panel, "tune")
        assert detail.preview.pixmap().width() == 256  # a piano roll of the melody
        assert "A melody the Melodies model wrote in the folk style, in D minor. 8 bars long." in detail.made.text()
        select_title(panel, "sea")
        assert not detail.poem.isHidden() and detail.poem.text() == "The sea at night\nholds the moon"
        assert detail.preview.isHidden()
        assert "as Free verse" in detail.made.text() and "Its theme: sea." in detail.made.text()
        assert "MOON" not in detail.made.text()  # free verse ignores the acrostic heads a record may hold
    finally:
        context.gallery().close()
        assert runner.shutdown()
