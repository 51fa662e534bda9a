"""The Canvas panel as a user drives it: the model dock is hosted, files open and save, bad files say so."""
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt

from artdesk.core.image_io import open_image
from artdesk.core.paths import app_paths
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from artdesk.ui.panels.canvas import CanvasPanel


@pytest.fixture
def panel(qtbot):
    runner = Runner()
    widget = CanvasPanel(AppContext(app_paths(), {}, runner, None))
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close_panel()
    assert runner.shutdown()


def test_the_panel_hosts_the_model_dock_and_paints_with_the_mouse(qtbot, panel):
    from artdesk.ui.canvas.model_dock import CanvasModelDock

    assert isinstance(panel.model_dock, CanvasModelDock) and panel.model_dock.canvas is panel.editor
    view = panel.view
    start = view.to_widget(view.to_canvas(view.rect().center())).toPoint()
    before = panel.editor.document.layers[-1].pixels.copy()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(80, 30))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 30))
    assert not np.array_equal(panel.editor.document.layers[-1].pixels, before)
    assert panel.actions_by_name["undo"].isEnabled()
    panel.actions_by_name["undo"].trigger()
    assert np.array_equal(panel.editor.document.layers[-1].pixels, before)


def test_a_generated_picture_from_the_dock_becomes_an_undoable_layer(panel):
    dock = panel.model_dock
    picture = np.zeros((64, 64, 3), np.uint8)
    picture[..., 1] = 180
    dock._add_layer(picture, {"job": "generate", "style": "clipart", "index": 2, "seed": 5, "model": "tiny"})
    assert panel.editor.active_layer.provenance["seed"] == 5
    assert panel.layer_list.list.item(0).text() == panel.editor.active_layer.name
    panel.editor.undo_stack.undo()
    assert len(panel.editor.document.layers) == 2


def test_ora_round_trip_through_the_panel(panel, tmp_path):
    panel.editor.add_layer_from_array(np.full((50, 50, 4), 90, np.uint8), "from model", {"model": "gan", "seed": 9})
    panel.editor.set_layer_property(2, "opacity", 0.5)
    path = tmp_path / "work.ora"
    assert panel.save_to(path)
    assert "work.ora" in panel.layer_list.parentWidget().windowTitle() or panel.editor.path == path
    layers = [(layer.name, layer.opacity, layer.provenance, layer.pixels.copy()) for layer in panel.editor.document.layers]
    assert panel.new_document(64, 48) and panel.editor.document.size == (64, 48)
    assert panel.open_path(path)
    again = panel.editor.document.layers
    assert [(layer.name, round(layer.opacity, 3), layer.provenance) for layer in again] == \
        [(name, round(opacity, 3), provenance) for name, opacity, provenance, _ in layers]
    assert all(np.array_equal(layer.pixels, pixels) for layer, (*_, pixels) in zip(again, layers))
    assert not panel.editor.is_modified and panel.editor.path == path


def test_png_export_keeps_provenance_and_reopens(panel, tmp_path):
    panel.editor.add_layer_from_array(np.full((30, 30, 3), 40, np.uint8), "gen", {"model": "vae", "seed": 4})
    path = tmp_path / "flat.png"
    assert panel.export_png(path)
    opened = open_image(path)
    assert np.array_equal(opened.pixels, panel.editor.document_image())
    assert opened.provenance["app"] == "artdesk" and opened.provenance["panel"] == "canvas"
    assert {"model": "vae", "seed": 4} in [layer.get("provenance") for layer in opened.provenance["layers"]]
    assert panel.open_path(path)
    assert panel.editor.document.provenance["layers"][-1]["provenance"]["seed"] == 4
    assert "Made with artdesk" in panel.message_label.text()


def test_pictures_open_as_a_document_and_import_as_layers(panel, tmp_path):
    Image.new("RGB", (300, 200), (0, 128, 255)).save(tmp_path / "photo.jpg", quality=95)
    Image.new("RGBA", (40, 40), (255, 0, 0, 128)).save(tmp_path / "sticker.webp", lossless=True)
    assert panel.open_path(tmp_path / "photo.jpg")
    assert panel.editor.document.size == (300, 200) and len(panel.editor.document.layers) == 1
    assert panel.import_layer(tmp_path / "sticker.webp")
    assert len(panel.editor.document.layers) == 2
    assert tuple(panel.editor.active_layer.pixels[100, 150]) == (255, 0, 0, 128)
    assert "scaled" not in panel.last_message
    Image.new("RGB", (600, 100), (0, 200, 0)).save(tmp_path / "banner.png")
    assert panel.import_layer(tmp_path / "banner.png")  # wider than the canvas: scaled down, and said so
    assert "scaled from 600 × 100 to 300 × 50" in panel.last_message


@pytest.mark.parametrize("name, content, message", [
    ("broken.png", b"\x89PNG\r\n\x1a\nthis is not the rest of a png", "damaged|not a picture"),
    ("empty.jpg", b"", "empty"),
    ("fake.ora", b"PK but not really", "OpenRaster"),
])
def test_bad_files_say_so_and_keep_the_canvas(panel, tmp_path, name, content, message):
    import re

    panel.editor.set_brush(size=20)
    panel.editor.begin_stroke(100, 100)
    panel.editor.end_stroke()
    document = panel.editor.document
    path = tmp_path / name
    path.write_bytes(content)
    assert not panel.open_path(path)
    assert re.search(message, panel.message_label.text())
    assert panel.editor.document is document and panel.editor.undo_stack.count() == 1


def test_animated_gif_opens_and_says_first_frame(panel, tmp_path):
    frames = [Image.new("RGB", (10, 10), c) for c in ((255, 0, 0), (0, 255, 0))]
    frames[0].save(tmp_path / "a.gif", save_all=True, append_images=frames[1:])
    assert panel.open_path(tmp_path / "a.gif")
    assert "first frame" in panel.message_label.text()


def test_new_canvas_refuses_impossible_sizes(panel):
    assert not panel.new_document(20000, 20000)
    assert "megapixels" in panel.message_label.text()
    assert panel.editor.document.size == (1024, 1024)


def test_tools_and_zoom_actions(panel):
    panel.tool_actions["eraser"].trigger()
    assert panel.view.tool == "eraser"
    zoom = panel.view.zoom
    panel.actions_by_name["zoom_in"].trigger()
    assert panel.view.zoom == pytest.approx(zoom * 1.25)
    panel.actions_by_name["actual"].trigger()
    assert panel.view.zoom == 1.0
    size = panel.editor.brush.size
    panel.actions_by_name["bigger"].trigger()
    assert panel.editor.brush.size > size


def test_the_style_dock_is_hosted_next_to_the_model_dock(panel):
    style_dock = pytest.importorskip("artdesk.ui.canvas.style_dock")
    assert isinstance(panel.style_dock, style_dock.CanvasStyleDock) and panel.style_dock.canvas is panel.editor
    assert panel.window.tabifiedDockWidgets(panel.docks["models"]) == [panel.docks["styles"]]


def test_a_missing_or_broken_dock_leaves_the_painting_working(panel):
    assert panel.window._optional_dock("artdesk.ui.canvas.no_such_dock", "Dock", "test") is None
    label = panel.window._optional_dock("json", "NoSuchClass", "test")
    assert "could not be loaded" in label.text()


def test_opening_a_generated_picture_says_what_made_it(panel, tmp_path):
    from artdesk.core.image_io import save_png

    record = {"app": "artdesk", "artdesk_version": "0.1", "model": "clipart-gan", "seed": 42, "settings": {}}
    save_png(tmp_path / "gen.png", np.zeros((64, 64, 3), np.uint8), record)
    assert panel.open_path(tmp_path / "gen.png")
    text = panel.message_label.text()
    assert "model clipart-gan" in text and "seed 42" in text
    assert panel.editor.document.layers[0].provenance == record


def test_generated_pictures_and_a_projection_land_on_the_real_canvas(qtbot, isolated_home):
    """End to end with tiny models: the model dock generates, a pick becomes an undoable layer, and
    the projection of a drawing comes back as a layer fitted into the selection."""
    import torch

    from artdesk.core.document import Rect
    from tests.ml.canvas.helpers import tiny_checkpoints

    torch.set_num_threads(1)
    paths = app_paths()
    models = tiny_checkpoints(paths.user_models)
    runner = Runner()
    panel = CanvasPanel(AppContext(paths, {}, runner, None))
    qtbot.addWidget(panel)
    try:
        dock = panel.model_dock
        dock.model_combo.setCurrentIndex(dock.model_combo.findData(str(models["gan"])))
        dock.count_spin.setValue(4)
        with qtbot.waitSignal(dock.pictures_changed, timeout=60000):
            dock.generate_button.click()
        qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=60000)
        layers = len(panel.editor.document.layers)
        dock.grid.itemActivated.emit(dock.grid.item(1))
        layer = panel.editor.active_layer
        assert len(panel.editor.document.layers) == layers + 1 and layer.provenance["job"] == "generate"
        assert int(layer.pixels[..., 3].astype(bool).sum()) == 64 * 64  # placed at model size, centred
        panel.editor.undo_stack.undo()
        assert len(panel.editor.document.layers) == layers

        panel.editor.set_selection(Rect(100, 200, 300, 300))
        dock.project_steps_spin.setValue(2)
        with qtbot.waitSignal(dock.layer_added, timeout=60000):
            dock.project_button.click()
        qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=60000)
        rows, cols = np.nonzero(panel.editor.active_layer.pixels[..., 3])
        assert (rows.min(), rows.max(), cols.min(), cols.max()) == (200, 499, 100, 399)
    finally:
        panel.close_panel()
        assert runner.shutdown(10000)


def test_building_the_panel_does_not_import_torch(isolated_home):
    """The panel and its docks must show before torch loads (a fresh process: pytest already imported it)."""
    import subprocess
    import sys

    code = ("import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
            "from artdesk.core.paths import app_paths; from artdesk.ui.context import AppContext\n"
            "from artdesk.ui.jobs import Runner; from artdesk.ui.panels.canvas import CanvasPanel\n"
            "runner = Runner(); panel = CanvasPanel(AppContext(app_paths(), {}, runner, None))\n"
            "panel.close_panel(); runner.shutdown(); print('torch' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_copy_and_paste_through_the_clipboard(panel):
    from artdesk.core.document import Rect

    panel.editor.document.layers[0].pixels[10:20, 30:50] = (200, 10, 10, 255)
    panel.editor.refresh()
    panel.editor.set_selection(Rect(30, 10, 20, 10))
    panel.actions_by_name["copy"].trigger()
    panel.editor.set_selection(None)
    assert panel.paste_from_clipboard()
    layer = panel.editor.active_layer
    assert layer.name == "Pasted" and layer.provenance == {"source": "clipboard"}
    rows, cols = np.nonzero(layer.pixels[..., 3])
    assert (rows.max() - rows.min() + 1, cols.max() - cols.min() + 1) == (10, 20)
    assert (layer.pixels[rows, cols] == (200, 10, 10, 255)).all()
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()
    assert not panel.paste_from_clipboard() and "no picture" in panel.message_label.text()


def test_dropped_files_become_layers_or_open(qtbot, panel, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    Image.new("RGB", (20, 20), (1, 2, 3)).save(tmp_path / "a.png")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "a.png"))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(event)
    assert panel.editor.active_layer.name == "a" and len(panel.editor.document.layers) == 3
    panel.save_to(tmp_path / "doc.ora")
    panel.new_document(32, 32)
    panel.drop_paths([tmp_path / "doc.ora"], ask=False)
    assert panel.editor.path == tmp_path / "doc.ora" and len(panel.editor.document.layers) == 3


def test_files_given_to_the_window_open_in_the_canvas(qtbot, qapp, tmp_path):
    from artdesk.core.document import Document
    from artdesk.core.ora import save_ora
    from artdesk.ui.app import build_window

    save_ora(tmp_path / "given.ora", Document.new(40, 30))
    window = build_window(qapp)
    qtbot.addWidget(window)
    try:
        window.open_paths([str(tmp_path / "given.ora")])
        panel = window.panels["canvas"].panel
        assert panel.editor.path == tmp_path / "given.ora" and panel.editor.document.size == (40, 30)
        panel.model_dock.generate_button.setEnabled(False)  # as without models (bundled ones may exist)
        panel.show_example()
        assert "Paint with the mouse" in panel.message_label.text()
    finally:
        window.close()
