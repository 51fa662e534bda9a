"""The style dock with a small fake canvas: apply to a layer and undo, strength 0, custom training, cancel, bad input."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from artdesk.core.paths import app_paths
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from tests.ml.style.conftest import make_tiny_stylizer


class FakeCanvas:
    """Layers of RGBA arrays with an undo list, a selection, and the dock's optional methods."""

    def __init__(self, picture: np.ndarray) -> None:
        rgba = np.concatenate([picture, np.full(picture.shape[:2] + (1,), 255, np.uint8)], axis=2)
        self.layers = [("Background", rgba, {})]
        self.active = 0
        self.undo_stack: list = []
        self.mask = None

    def document_image(self) -> np.ndarray:
        return self.layers[-1][1].copy()

    def add_layer_from_array(self, array, name, provenance=None) -> None:
        self.undo_stack.append(list(self.layers))
        self.layers.append((name, np.asarray(array).copy(), dict(provenance or {})))

    def active_layer_image(self) -> np.ndarray:
        return self.layers[self.active][1].copy()

    def selection_mask(self):
        return self.mask

    def replace_active_layer(self, array, action_name) -> None:
        self.undo_stack.append(list(self.layers))
        name, _, provenance = self.layers[self.active]
        self.layers[self.active] = (name, np.asarray(array).copy(), provenance)

    def undo(self) -> None:
        self.layers = self.undo_stack.pop()


@pytest.fixture
def picture():
    yy, xx = np.mgrid[0:40, 0:56]
    return np.stack([xx * 4, yy * 6, (xx + yy) * 2], axis=2).clip(0, 255).astype(np.uint8)


@pytest.fixture
def dock(qtbot, picture):
    import torch

    torch.set_num_threads(1)
    paths = app_paths()
    make_tiny_stylizer(paths.user_models / "style" / "tiny")
    runner = Runner()
    context = AppContext(paths, {}, runner, None)
    from artdesk.ui.canvas.style_dock import CanvasStyleDock

    widget = CanvasStyleDock(context, FakeCanvas(picture))
    qtbot.addWidget(widget)
    assert widget.select_style("tiny")  # the bundled presets are listed too
    yield widget
    widget.cancel()
    assert runner.shutdown(20000)


def _apply(qtbot, dock):
    handle = dock.apply_style()
    assert handle is not None
    with qtbot.waitSignal(handle.finished, timeout=60000):
        pass
    return handle


def test_apply_to_layer_then_undo(qtbot, dock, picture):
    assert dock.can_edit_layers and dock.select_style("tiny")
    dock.target_combo.setCurrentIndex(dock.target_combo.findData("layer"))
    original = dock.canvas.active_layer_image()
    with qtbot.waitSignal(dock.style_applied, timeout=60000):
        dock.apply_style()
    assert not np.array_equal(dock.canvas.active_layer_image(), original)
    dock.canvas.undo()
    assert np.array_equal(dock.canvas.active_layer_image(), original)


def test_whole_picture_becomes_a_new_layer_with_provenance(qtbot, dock):
    with qtbot.waitSignal(dock.style_applied, timeout=60000):
        dock.apply_style()
    name, array, provenance = dock.canvas.layers[-1]
    assert len(dock.canvas.layers) == 2 and "tiny" in name
    assert provenance["style"] == "tiny" and provenance["target"] == "picture" and array.shape[2] == 4


def test_strength_zero_leaves_the_picture_unchanged(qtbot, dock):
    dock.strength_slider.setValue(0)
    dock.target_combo.setCurrentIndex(dock.target_combo.findData("layer"))
    before = dock.canvas.active_layer_image()
    with qtbot.waitSignal(dock.style_applied, timeout=60000):
        dock.apply_style()
    assert np.array_equal(dock.canvas.active_layer_image(), before)


def test_selection_of_zero_pixels_and_empty_layer_change_nothing(qtbot, dock, picture):
    dock.target_combo.setCurrentIndex(dock.target_combo.findData("selection"))
    dock.canvas.mask = np.zeros(picture.shape[:2], bool)
    assert dock.apply_style() is None and "zero pixels" in dock.status_label.text()
    dock.canvas.mask = None
    assert dock.apply_style() is None and "Nothing is selected" in dock.status_label.text()
    dock.target_combo.setCurrentIndex(dock.target_combo.findData("layer"))
    dock.canvas.layers[0] = ("Empty", np.zeros(picture.shape[:2] + (4,), np.uint8), {})
    assert dock.apply_style() is None and "empty" in dock.status_label.text()
    assert dock.canvas.undo_stack == []


def test_cancelled_optimisation_leaves_the_canvas_unchanged(qtbot, dock):
    dock.quality_combo.setCurrentIndex(dock.quality_combo.findData("optimise"))
    dock.steps_spin.setValue(1000)
    handle = dock.apply_style()
    with qtbot.waitSignal(handle.progress, timeout=60000):
        pass
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=60000):
        dock.cancel_button.click()
    assert dock.canvas.undo_stack == [] and "unchanged" in dock.status_label.text()


def test_train_custom_style_joins_the_list(qtbot, dock, tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "dots.png"
    Image.fromarray((rng.random((48, 48, 3)) * 255).astype(np.uint8)).save(path)
    dock.name_edit.setText("Dots")
    dock.set_style_pictures([str(path)])
    dock.train_steps_spin.setValue(2)
    handle = dock.train_custom_style(crop=32, batch=1, width=4, residual_blocks=1, include_presets=False)
    with qtbot.waitSignals([dock.style_trained, handle.finished], order="strict", timeout=120000):
        pass  # queued signals: none is delivered before this wait starts
    assert "Dots" in [card.name for card in dock.cards]


def test_custom_training_cancel_and_bad_pictures(qtbot, dock, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    dock.name_edit.setText("Broken")
    dock.set_style_pictures([str(broken)])
    assert dock.train_custom_style() is None and "not a picture" in dock.status_label.text()
    good = tmp_path / "good.png"
    Image.fromarray(np.full((48, 48, 3), 90, np.uint8)).save(good)
    dock.set_style_pictures([str(good)])
    dock.train_steps_spin.setValue(5000)
    handle = dock.train_custom_style(crop=32, batch=1, width=4, residual_blocks=1, include_presets=False)
    with qtbot.waitSignal(handle.progress, timeout=60000):
        pass
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=60000):
        dock.train_cancel_button.click()
    assert "Broken" not in [card.name for card in dock.cards]
    assert not (app_paths().user_models / "style" / "custom-broken").exists()


def test_the_dock_and_its_job_module_import_no_torch():
    import subprocess
    import sys

    code = ("import sys; import artdesk.ui.canvas.style_dock, artdesk.ml.style.custom, "
            "artdesk.ml.style.requests; print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_each_medium_shows_its_own_controls_and_a_live_preview(qtbot, dock):
    dock.show()
    assert dock.select_style("watercolour")
    assert set(dock.sliders) == {"detail", "wetness", "paper", "pressure"}
    assert not dock.custom_controls.isVisibleTo(dock) and dock.medium_box.isVisibleTo(dock)
    with qtbot.waitSignal(dock.preview_timer.timeout, timeout=5000):
        dock.sliders["wetness"].setValue(80)
    handle = dock.preview_handle
    with qtbot.waitSignal(handle.finished, timeout=60000):
        pass
    assert dock.preview_label.pixmap() is not None and not dock.preview_label.pixmap().isNull()
    assert dock.canvas.undo_stack == []  # a preview never touches the canvas
    assert dock.select_style("pencil") and set(dock.sliders) == {"stroke_size", "detail", "paper", "pressure"}
    assert dock.select_style("tiny") and dock.custom_controls.isVisibleTo(dock) and not dock.medium_box.isVisibleTo(dock)


def test_a_medium_paints_the_selection_of_the_layer_and_undoes(qtbot, dock, picture):
    assert dock.select_style("oil")
    dock.sliders["detail"].setValue(90)
    dock.target_combo.setCurrentIndex(dock.target_combo.findData("selection"))
    mask = np.zeros(picture.shape[:2], bool)
    mask[:, :20] = True
    dock.canvas.mask = mask
    original = dock.canvas.active_layer_image()
    with qtbot.waitSignal(dock.style_applied, timeout=60000):
        dock.apply_style()
    after = dock.canvas.active_layer_image()
    assert np.array_equal(after[:, 20:], original[:, 20:]) and not np.array_equal(after[:, :20], original[:, :20])
    dock.canvas.undo()
    assert np.array_equal(dock.canvas.active_layer_image(), original)
