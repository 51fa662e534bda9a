"""The canvas model dock: generate, pick, add as layer, vary, walk with GIF, breed, project and cancel it."""
import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel

from artdesk.core.paths import app_paths
from artdesk.ui.canvas.model_dock import CanvasModelDock
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from tests.ml.canvas.helpers import synthetic_pictures, tiny_checkpoints


class FakeCanvas:
    """What the canvas panel offers the dock: the flattened picture, and adding a layer."""

    def __init__(self) -> None:
        self.layers = []
        drawing = synthetic_pictures(1, seed=4)[0]
        self.image = np.dstack([drawing, np.full((64, 64), 255, np.uint8)])

    def document_image(self):
        return self.image

    def add_layer_from_array(self, array, name, provenance):
        self.layers.append((array, name, provenance))


@pytest.fixture
def dock(qtbot, isolated_home):
    import torch

    torch.set_num_threads(1)
    paths = app_paths()
    models = tiny_checkpoints(paths.user_models)
    runner = Runner()
    context = AppContext(paths, {}, runner, None)
    canvas = FakeCanvas()
    widget = CanvasModelDock(context, canvas)
    qtbot.addWidget(widget)
    widget.model_combo.setCurrentIndex(widget.model_combo.findData(str(models["gan"])))
    widget.count_spin.setValue(6)
    widget.canvas_fake = canvas
    widget.models = models
    yield widget
    assert runner.shutdown(5000)


def _run(qtbot, dock, action, timeout=60000):
    with qtbot.waitSignal(dock.pictures_changed, timeout=timeout):
        action()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=timeout)


def _pick(dock, *rows):
    dock.grid.clearSelection()
    for row in rows:
        dock.grid.selectionModel().select(dock.grid.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select)


def test_picker_lists_generators_only(dock):
    labels = [dock.model_combo.itemText(i) for i in range(dock.model_combo.count())]
    assert any(label.startswith("tiny-gan") for label in labels) and any(label.startswith("tiny-vae") for label in labels)
    assert not any("GAN" in label or "VAE" in label for label in labels)  # the kind is a technical word: tooltip only
    assert not any("upscaler" in label for label in labels)


def test_a_base_kept_only_for_fine_tuning_is_not_offered_for_drawing(dock):
    import json

    card_path = dock.models["gan"] / "card.json"
    card = json.loads(card_path.read_text())
    card["labels"].append("fine-tune base only")
    card_path.write_text(json.dumps(card))
    dock.reload_models()
    labels = [dock.model_combo.itemText(i) for i in range(dock.model_combo.count())]
    assert not any("tiny-gan" in label for label in labels) and any("tiny-vae" in label for label in labels)


def test_generate_fills_the_grid_and_double_click_adds_a_layer(qtbot, dock):
    _run(qtbot, dock, dock.generate_button.click)
    assert dock.grid.count() == 6 and len(dock.pictures) == 6
    item = dock.grid.item(2)
    dock.grid.itemActivated.emit(item)
    array, name, provenance = dock.canvas_fake.layers[-1]
    assert array.shape == (64, 64, 3) and provenance["job"] == "generate" and provenance["index"] == 2
    assert len(provenance["latent"]) == 16 and provenance["seed"] == dock.seed_spin.value()


def test_nearest_and_learned_sizes(qtbot, dock):
    _run(qtbot, dock, dock.generate_button.click)
    _pick(dock, 0)
    dock.size_combo.setCurrentIndex(2)  # 4x nearest
    dock.add_button.click()
    assert dock.canvas_fake.layers[-1][0].shape == (256, 256, 3)
    dock.size_combo.setCurrentIndex(1)  # 4x learned: a job
    with qtbot.waitSignal(dock.layer_added, timeout=30000):
        dock.add_button.click()
    array, _name, provenance = dock.canvas_fake.layers[-1]
    assert array.shape == (256, 256, 3) and provenance["upscale"] == "learned x4"


def test_vary_walk_with_gif_and_breed(qtbot, dock):
    _run(qtbot, dock, dock.generate_button.click)
    first = dock.pictures[0][1]
    _pick(dock, 0)
    assert dock.vary_button.isEnabled() and not dock.interpolate_button.isEnabled()
    _run(qtbot, dock, dock.vary_button.click)
    assert dock.pictures[0][1] == first and dock.pictures[0][2]["job"] == "vary"

    _pick(dock, 0)
    dock.component_spin.setValue(2)
    _run(qtbot, dock, dock.explore_button.click)
    assert dock.pictures[0][2]["job"] == "explore" and dock.pictures[0][2]["component"] == 2

    _pick(dock, 1, 3)
    dock.frames_spin.setValue(5)
    written = []
    dock.walk_written.connect(written.append)
    _run(qtbot, dock, dock.interpolate_button.click)
    assert dock.grid.count() == 5 and len(written) == 1
    from PIL import Image

    with Image.open(written[0]) as gif:
        assert gif.n_frames == 8

    _pick(dock, 0, 2, 4)
    assert dock.breed_button.isEnabled()
    _run(qtbot, dock, dock.breed_button.click)
    assert dock.pictures[0][2]["job"] == "breed" and dock.pictures[0][2]["parents"] == 3


def test_project_adds_the_nearest_picture_as_a_layer(qtbot, dock):
    dock.model_combo.setCurrentIndex(dock.model_combo.findData(str(dock.models["vae"])))
    dock.project_steps_spin.setValue(10)
    with qtbot.waitSignal(dock.layer_added, timeout=60000):
        dock.project_button.click()
    _array, _name, provenance = dock.canvas_fake.layers[-1]
    assert provenance["job"] == "project" and provenance["steps"] == 10


def test_project_can_be_cancelled(qtbot, dock):
    dock.project_steps_spin.setValue(1000)
    dock.project_button.click()
    handle = dock.handle
    with qtbot.waitSignal(handle.progress, timeout=30000):
        pass
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=30000):
        dock.cancel_button.click()
    assert dock.canvas_fake.layers == []
    assert dock.status_label.text() == "Cancelled."


def test_errors_are_shown_not_raised(qtbot, dock):
    dock.session.model_path = "/nonexistent/model"  # deleted after it was listed
    with qtbot.waitSignal(dock.context.runner.job_submitted, timeout=5000):
        dock.generate_button.click()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=10000)
    assert "does not exist" in dock.status_label.text()


def test_what_to_draw_follows_the_chosen_model(qtbot, dock):
    import torch

    from artdesk.ml.canvas.model import GanConfig, Generator
    from artdesk.ml.checkpoint import save_checkpoint

    torch.manual_seed(0)
    glyphs = save_checkpoint(Generator(GanConfig(latent_dim=16, styles=3, style_dim=4, width=4)).eval(),
                             app_paths().user_models / "canvas" / "tiny-glyphs", model_type="canvas-gan",
                             config=GanConfig(latent_dim=16, styles=3, style_dim=4, width=4), name="tiny-glyphs",
                             labels=["styles:kai,song,hei"], half=False)
    dock.reload_models()
    dock.model_combo.setCurrentIndex(dock.model_combo.findData(str(glyphs)))
    assert [dock.style_combo.itemData(i) for i in range(dock.style_combo.count())] == ["kai", "song", "hei"]
    dock.style_combo.setCurrentIndex(2)
    _run(qtbot, dock, dock.generate)
    assert {provenance["style"] for _image, _latent, provenance in dock.pictures} == {"hei"}
    dock.model_combo.setCurrentIndex(dock.model_combo.findData(str(dock.models["gan"])))
    assert [dock.style_combo.itemData(i) for i in range(dock.style_combo.count())] == ["clipart", "emoji", "sketch",
                                                                                      "sprite"]
