"""pytest-qt drives originality and the evaluation board in the gallery (a tiny melody index as the model's)."""
import json

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from artdesk.core.midi_io import melody_to_bytes
from artdesk.core.paths import app_paths
from artdesk.core.settings import DEFAULTS
from artdesk.ml.music import events as ev
from artdesk.ml.music.originality import build_index
from artdesk.ui.context import AppContext
from artdesk.ui.gallery.board import COLUMNS, BoardDialog
from artdesk.ui.gallery.panel import GalleryPanel
from artdesk.ui.jobs import Runner
from tests.ml.music.test_originality import dataset, random_melody


def install_melody_model(paths, data) -> dict:
    """A user model folder whose card names it and whose index is built from ``data`` (weights are not read)."""
    folder = paths.user_models / "music" / "tiny-melody"
    folder.mkdir(parents=True)
    card = {"format_version": 1, "domain": "music", "model_type": "melody-lstm", "name": "tiny-melody",
            "weights_sha256": "f" * 64}
    (folder / "card.json").write_text(json.dumps(card))
    (folder / "model.safetensors").write_bytes(b"unused")
    (folder / "originality.npz").write_bytes(build_index(data).to_bytes())
    return {"model": "tiny-melody", "model_id": "user:music/tiny-melody", "weights_sha256": "f" * 64, "seed": 1}


@pytest.fixture(scope="module")
def data():
    return dataset()


@pytest.fixture
def panel(qtbot, data):
    runner = Runner()
    paths = app_paths()
    context = AppContext(paths, DEFAULTS, runner, None)
    provenance = install_melody_model(paths, data)
    fresh = random_melody(np.random.default_rng(5))
    for title, events in (("copy", data.events(1)), ("fresh", fresh), ("fresh twin", fresh)):
        context.keep_output("music", melody_to_bytes(ev.events_to_melody(events)), "mid", provenance, title=title)
    context.keep_output("poem", "床前明月光".encode(), "txt", {"model": "gone"}, title="orphan")
    widget = GalleryPanel(context)
    qtbot.addWidget(widget)
    yield widget
    if widget.board is not None:
        widget.board.close()
    context.gallery().close()
    assert runner.shutdown()


def select(panel, *titles):
    selection = panel.view.selectionModel()
    selection.clearSelection()
    for row, item in enumerate(panel.model.items):
        if item.title in titles:
            selection.select(panel.model.index(row), QItemSelectionModel.SelectionFlag.Select)


def test_check_originality_labels_a_training_melody_a_close_copy(panel, qtbot):
    select(panel, "copy")
    panel.originality_button.click()
    handle = panel.originality_job
    qtbot.waitUntil(lambda: panel.originality_job is None, timeout=20000)
    assert handle.is_finished
    assert "close copy" in panel.originality.label.text()
    assert "training melody #0" in panel.originality.passage.text()
    select(panel, "fresh")
    panel.check_originality()
    qtbot.waitUntil(lambda: panel.originality_job is None, timeout=20000)
    assert "close copy" not in panel.originality.label.text()


def test_originality_of_a_work_whose_model_is_gone_says_so(panel, qtbot):
    select(panel, "orphan")
    panel.check_originality()
    qtbot.waitUntil(lambda: panel.originality_job is None, timeout=20000)
    assert "(gone) is not installed" in panel.originality.label.text()


def open_board(panel, qtbot) -> BoardDialog:
    select(panel)  # nothing selected: the newest works shown
    panel.open_board()
    qtbot.waitUntil(lambda: panel.board is not None, timeout=30000)
    qtbot.waitUntil(lambda: panel.board_job is None, timeout=5000)
    return panel.board


def column_texts(board, name):
    model = board.model
    return [model.data(model.index(r, COLUMNS.index(name))) for r in range(model.rowCount())]


def test_board_sorts_by_a_metric_and_filters(panel, qtbot):
    board = open_board(panel, qtbot)
    assert board.model.rowCount() == 4
    board.table.sortByColumn(COLUMNS.index("novelty"), Qt.SortOrder.AscendingOrder)
    assert column_texts(board, "title")[0] == "copy"
    assert column_texts(board, "title")[-1] == "orphan"  # not measured: last either way
    board.table.sortByColumn(COLUMNS.index("novelty"), Qt.SortOrder.DescendingOrder)
    assert column_texts(board, "title")[-2:] == ["copy", "orphan"]
    rows = {r.title: r for r in board.all_rows}
    assert rows["fresh"].diversity == 0.0 and rows["fresh twin"].diversity == 0.0  # duplicates of each other
    board.label_filter.setCurrentIndex(4)  # close copy
    assert column_texts(board, "title") == ["copy"]
    board.label_filter.setCurrentIndex(0)
    board.metric_filter.setCurrentIndex(2)  # diversity
    board.threshold.setValue(0.5)
    assert column_texts(board, "title") == ["copy"]
    assert "1 of 4" in board.shown.text()


def test_rating_on_the_board_is_stored_with_the_item(panel, qtbot):
    board = open_board(panel, qtbot)
    row = [r.title for r in board.model.rows].index("fresh")
    index = board.model.index(row, COLUMNS.index("rating"))
    assert board.model.setData(index, 4)
    assert not board.model.setData(index, 9)  # out of range: refused, nothing stored
    item = next(i for i in panel.gallery.query() if i.title == "fresh")
    assert item.rating == 4 and board.model.data(index) == "★★★★"
    board.metric_filter.setCurrentIndex(4)  # rating
    board.threshold.setValue(4)
    assert column_texts(board, "title") == ["fresh"]


def test_board_picks_are_selected_in_the_gallery(panel, qtbot):
    board = open_board(panel, qtbot)
    assert column_texts(board, "title")[-1] == "orphan"  # most novel first; unmeasured last
    board.table.selectRow(column_texts(board, "title").index("copy"))
    board.select_button.click()
    assert [i.title for i in panel.selected_items()] == ["copy"]
    tooltip = board.model.data(board.model.index(0, COLUMNS.index("technique")), Qt.ItemDataRole.ToolTipRole)
    assert "in-key" in tooltip


def test_a_fine_tune_is_checked_against_its_base_models_data(panel, qtbot, data):
    folder = panel.context.paths.user_models / "music" / "my-tunes"
    folder.mkdir(parents=True)
    card = {"format_version": 1, "domain": "music", "model_type": "melody-lstm", "name": "my-tunes",
            "parent": "tiny-melody", "weights_sha256": "e" * 64}
    (folder / "card.json").write_text(json.dumps(card))
    (folder / "model.safetensors").write_bytes(b"unused")
    provenance = {"model": "my-tunes", "model_id": "user:music/my-tunes", "weights_sha256": "e" * 64, "seed": 2}
    panel.context.keep_output("music", melody_to_bytes(ev.events_to_melody(data.events(2))), "mid", provenance,
                              title="tuned copy")
    select(panel, "tuned copy")
    panel.check_originality()
    qtbot.waitUntil(lambda: panel.originality_job is None, timeout=20000)
    assert "close copy" in panel.originality.label.text()
    assert "fine-tune" in panel.originality.note.text() and "tiny-melody" in panel.originality.note.text()


def test_the_craft_column_speaks_the_same_plain_words_for_every_panel(qtbot):
    from artdesk.core.board import BoardRow

    rows = [BoardRow("a", "canvas", "sun", 0, technique=3700.0), BoardRow("b", "canvas", "moon", 0, technique=18794.0),
            BoardRow("c", "music", "tune", 0, technique=0.92), BoardRow("d", "poem", "ode", 0, technique=0.0),
            BoardRow("e", "poem", "ode 2", 0, technique=2.0)]
    board = BoardDialog(rows, lambda *_: None)
    qtbot.addWidget(board)
    board.model.set_rows(rows)
    column = COLUMNS.index("technique")
    shown = {row.item_id: board.model.data(board.model.index(i, column)) for i, row in enumerate(board.model.rows)}
    assert shown == {"a": "sharper than 0% of these pictures", "b": "sharper than 100% of these pictures",
                     "c": "92% of notes in key", "d": "keeps the form's rules", "e": "breaks 2 rules"}
    tips = {row.item_id: board.model.data(board.model.index(i, column), Qt.ItemDataRole.ToolTipRole)
            for i, row in enumerate(board.model.rows)}
    assert "18794" in tips["b"] and tips["b"].startswith("Details:")
