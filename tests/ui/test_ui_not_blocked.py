"""The UI thread keeps ticking while a job runs and while the app warms up; a handler that blocks it is caught."""
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QTimer

from artdesk.ui.jobs import Runner
from tests.helpers import gated_job


class Heartbeat:
    """A 10 ms timer on the UI thread recording the largest gap between ticks."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.ticks = 0
        self.worst_ms = 0
        self._last = 0

    def start(self):
        self.clock.start()
        self.timer.start()

    def _tick(self):
        now = self.clock.elapsed()
        self.worst_ms = max(self.worst_ms, now - self._last)
        self._last = now
        self.ticks += 1

    def stop(self):
        self.timer.stop()


def run_gated_job_with_heartbeat(qtbot, on_started=None, busy_s=0.3):
    runner = Runner()
    gate = threading.Event()
    heartbeat = Heartbeat()
    handle = runner.submit(gated_job, gate, "gated")
    if on_started is not None:
        handle.started.connect(on_started)
    heartbeat.start()
    with qtbot.waitSignal(handle.started, timeout=5000):
        handle.start()
    qtbot.waitUntil(lambda: heartbeat.ticks >= int(busy_s * 100 / 2), timeout=5000)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        gate.set()
    heartbeat.stop()
    assert runner.shutdown(5000)
    return heartbeat


def test_heartbeat_keeps_ticking_while_a_job_runs(qtbot):
    heartbeat = run_gated_job_with_heartbeat(qtbot)
    assert heartbeat.worst_ms < 250  # generous sanity bound; bench/ui_latency.py measures the real figure


def test_a_blocking_handler_is_detected(qtbot):
    heartbeat = run_gated_job_with_heartbeat(qtbot, on_started=lambda: time.sleep(0.4))
    assert heartbeat.worst_ms >= 350


def test_heartbeat_keeps_ticking_through_the_app_warm_up(qtbot, qapp):
    from artdesk.ui.app import build_window, start_warm_up

    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_panel("canvas")  # built after the first paint; this test watches the warm-up
    heartbeat = Heartbeat()
    heartbeat.start()
    handle = start_warm_up(window)
    info = []
    handle.returned.connect(info.append)
    with qtbot.waitSignal(handle.finished, timeout=120000):
        pass
    heartbeat.stop()
    assert info and info[0]["device"], "the warm-up did not finish"
    assert heartbeat.worst_ms < 250  # generous sanity bound; bench/first_minute.py measures the real figure
    window.close()


WARM_UP_CHILD = """
import json, sys
from PySide6.QtWidgets import QApplication
from artdesk.ui.app import build_window, start_warm_up
app = QApplication([])
window = build_window(app)
window.show()
handle = start_warm_up(window)
info = []
handle.returned.connect(info.append)
handle.finished.connect(app.quit)
app.exec()
window.context.runner.shutdown()
print(json.dumps({"info": info, "torch_here": "torch" in sys.modules}))
"""


def test_the_warm_up_never_imports_torch_in_the_ui_process(tmp_path):
    """torch's import holds the GIL for 100+ ms at a time: it must happen in the model process only."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARTDESK_HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, "-c", WARM_UP_CHILD], capture_output=True, text=True, env=env,
                         cwd=root, timeout=300, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["info"] and result["info"][0]["torch"], "the warm-up did not finish"
    assert result["torch_here"] is False
