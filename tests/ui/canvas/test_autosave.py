"""Unsaved work is written aside after a pause, offered back after a crash, and cleared once saved."""
import numpy as np
import pytest

from artdesk.core.paths import app_paths
from artdesk.core.recovery import RecoveryStore
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from artdesk.ui.panels.canvas import CanvasPanel


@pytest.fixture
def make_panel(qtbot):
    runners = []

    def make():
        runner = Runner()
        runners.append(runner)
        panel = CanvasPanel(AppContext(app_paths(), {}, runner, None))
        qtbot.addWidget(panel)
        panel.autosave.timer.setInterval(50)
        return panel

    yield make
    for runner in runners:
        assert runner.shutdown()


def paint(panel):
    panel.editor.set_brush(size=30, colour=(255, 0, 0))
    panel.editor.begin_stroke(100, 100)
    panel.editor.continue_stroke(400, 300)
    panel.editor.end_stroke()


def test_unsaved_work_is_kept_and_offered_after_a_crash(qtbot, make_panel):
    panel = make_panel()
    with qtbot.waitSignal(panel.autosave.saved, timeout=10000):
        paint(panel)
    assert panel.store.pending() is not None
    painted = [layer.pixels.copy() for layer in panel.editor.document.layers]
    # "crash": the panel goes away without close_panel; a new session starts
    again = make_panel()
    assert again.recovery_bar.isVisibleTo(again)
    assert again.recovery_bar.label.text().startswith("artdesk found unsaved work from ")
    assert again.restore_recovered()
    assert all(np.array_equal(a, b.pixels) for a, b in zip(painted, again.editor.document.layers))
    assert again.editor.is_modified  # recovered work still needs saving
    panel.autosave.close()
    again.autosave.close()


def test_saving_clears_the_recovery_copy(qtbot, make_panel, tmp_path):
    panel = make_panel()
    with qtbot.waitSignal(panel.autosave.saved, timeout=10000):
        paint(panel)
    assert panel.save_to(tmp_path / "work.ora")
    assert panel.store.pending() is None and not panel.editor.is_modified
    panel.close_panel()
    assert panel.store.pending() is None


def test_closing_with_unsaved_work_keeps_it_and_discard_removes_it(qtbot, make_panel):
    panel = make_panel()
    panel.autosave.timer.setInterval(60_000)  # no autosave before the close
    paint(panel)
    panel.close_panel()
    assert panel.store.pending() is not None
    again = make_panel()
    again.discard_recovered()
    assert RecoveryStore(app_paths().data / "recovery").pending() is None
    assert not again.recovery_bar.isVisibleTo(again)
    again.close_panel()


def test_a_failed_autosave_is_reported_not_raised(qtbot, make_panel):
    panel = make_panel()
    blocker = panel.store.folder
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("a file where the folder should be")
    with qtbot.waitSignal(panel.autosave.failed, timeout=10000):
        paint(panel)
    assert "recovery copy" in panel.message_label.text()
    blocker.unlink()
    panel.close_panel()


CRASHING_SESSION = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QEventLoop, QTimer
app = QApplication([])
from artdesk.core.paths import app_paths
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from artdesk.ui.panels.canvas import CanvasPanel
panel = CanvasPanel(AppContext(app_paths(), {}, Runner(), None))
panel.autosave.timer.setInterval(10)
loop = QEventLoop()
panel.autosave.saved.connect(loop.quit)
QTimer.singleShot(20000, loop.quit)
panel.editor.set_brush(size=40, colour=(0, 200, 0))
panel.editor.begin_stroke(50, 50)
panel.editor.continue_stroke(900, 700)
panel.editor.end_stroke()
loop.exec()
os._exit(3)  # the crash: no clean close, no save
"""


def test_work_survives_a_real_crash_of_another_process(qtbot, make_panel):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", CRASHING_SESSION], capture_output=True, timeout=120)
    assert result.returncode == 3, result.stderr.decode()[-2000:]
    panel = make_panel()
    assert panel.recovery_bar.isVisibleTo(panel)
    assert panel.restore_recovered()
    assert tuple(panel.editor.document.layers[-1].pixels[375, 475]) == (0, 200, 0, 255)
    panel.close_panel()
