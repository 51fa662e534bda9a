"""Back and Forward through the model dock's grids: Vary pick no longer loses the grid the pick came from."""
import numpy as np
import pytest

from artdesk.core.paths import app_paths
from artdesk.ml.canvas.requests import Pictures
from artdesk.ui.canvas.grid_history import GridHistory
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from artdesk.ui.panels.canvas import CanvasPanel


def grid(shade: int, count: int) -> Pictures:
    images = [np.full((8, 8, 3), shade + i, np.uint8) for i in range(count)]
    return Pictures(images, [(float(i),) for i in range(count)],
                    [{"model": "m", "job": "generate", "style": "emoji", "index": i} for i in range(count)])


def test_history_goes_back_and_forward_and_a_new_grid_drops_the_ones_ahead():
    history = GridHistory()
    assert not history.can_back() and not history.can_forward()
    for name in ("first", "varied", "varied again"):
        history.push(name)
    assert history.back() == "varied" and history.back() == "first" and not history.can_back()
    assert history.forward() == "varied" and history.can_forward()
    history.push("bred")  # a new grid from "varied": "varied again" is no longer ahead
    assert history.grids == ["first", "varied", "bred"] and not history.can_forward()
    with pytest.raises(IndexError):
        history.forward()


@pytest.fixture
def dock(qtbot):
    runner = Runner()
    panel = CanvasPanel(AppContext(app_paths(), {}, runner, None))
    qtbot.addWidget(panel)
    yield panel.model_dock
    panel.close_panel()
    assert runner.shutdown()


def test_back_shows_the_grid_a_pick_was_varied_from_and_forward_returns(dock):
    first, varied = grid(10, 4), grid(200, 6)
    dock.remember(first)
    assert not dock.back_button.isEnabled() and dock.history_label.text() == ""
    dock.remember(varied)
    assert dock.back_button.isEnabled() and not dock.forward_button.isEnabled()
    assert dock.history_label.text() == "Grid 2 of 2"
    dock.back_button.click()
    assert dock.grid.count() == 4 and dock.pictures[0][0][0, 0, 0] == 10
    assert dock.forward_button.isEnabled() and dock.history_label.text() == "Grid 1 of 2"
    dock.grid.item(2).setSelected(True)  # picks work on the grid brought back
    assert dock.picked() == [2] and dock.vary_button.isEnabled() == (dock.model_combo.count() > 0)
    dock.forward_button.click()
    assert dock.grid.count() == 6 and dock.pictures[0][0][0, 0, 0] == 200
