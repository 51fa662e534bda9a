"""Generated pictures are named as a person would name them, on layers and when opened from the Gallery."""
import numpy as np
import pytest

from artdesk.core.image_io import save_png
from artdesk.core.paths import app_paths
from artdesk.ui.canvas.names import picture_name
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from artdesk.ui.panels.canvas import CanvasPanel

PICK_3 = {"app": "artdesk", "panel": "canvas", "model": "canvas-gan", "job": "generate", "style": "emoji", "index": 2,
          "seed": 7, "settings": {}}


@pytest.mark.parametrize(("record", "name"), [
    (PICK_3, "Emoji, pick 3"),
    (dict(PICK_3, job="vary", index=0), "Emoji, variation 1"),
    (dict(PICK_3, style="kai", job="breed", index=1), "Brush script (kai), offspring 2"),
    ({"model": "my-flowers", "job": "generate", "index": 4}, "my-flowers, pick 5"),
    ({"model": "glyphs-gan", "style": "song"}, "Print (song)"),
    ({}, ""), (None, ""),
])
def test_picture_names(qapp, record, name):
    assert picture_name(record) == name


@pytest.fixture
def panel(qtbot):
    runner = Runner()
    widget = CanvasPanel(AppContext(app_paths(), {}, runner, None))
    qtbot.addWidget(widget)
    yield widget
    widget.close_panel()
    assert runner.shutdown()


def test_adding_pick_3_makes_a_layer_named_for_it(panel):
    panel.model_dock._add_layer(np.zeros((16, 16, 4), np.uint8), dict(PICK_3))
    assert panel.editor.document.layers[-1].name == "Emoji, pick 3"


def test_a_gallery_picture_opens_named_for_what_it_is_not_its_hash(panel, tmp_path):
    path = tmp_path / "15f93ad74cb64e57.png"
    save_png(path, np.full((16, 16, 4), 200, np.uint8), dict(PICK_3))
    assert panel.open_path(path)
    assert [layer.name for layer in panel.editor.document.layers] == ["Emoji, pick 3"]
    assert panel.import_layer(path)
    assert panel.editor.document.layers[-1].name.startswith("Emoji, pick 3")  # a second copy gets a number
