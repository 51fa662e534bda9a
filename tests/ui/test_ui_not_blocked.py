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
    """A 10 ms timer on the UI thread recording the largest gap between ticks, in wall time and in the UI
    thread's own CPU time (what the UI thread itself ran between two ticks: a load on the machine stretches
    the wall time, not this)."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.ticks = 0
        self.worst_ms = 0
        self.worst_cpu_ms = 0.0
        self._last = 0
        self._last_cpu = 0.0

    def start(self):
        self.clock.start()
        self._last_cpu = time.thread_time()
        self.timer.start()

    def _tick(self):
        now, cpu = self.clock.elapsed(), time.thread_time()
        self.worst_ms = max(self.worst_ms, now - self._last)
        self.worst_cpu_ms = max(self.worst_cpu_ms, (cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu
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


def busy(seconds):
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def test_a_busy_handler_is_detected_in_cpu_time(qtbot):
    heartbeat = run_gated_job_with_heartbeat(qtbot, on_started=lambda: busy(0.06))
    assert heartbeat.worst_cpu_ms >= 55


def test_the_first_minute_keeps_the_ui_thread_free(qtbot, qapp, monkeypatch):
    """From the window's first paint until the models are ready, started as the app starts them: the first
    panel builds in slices (it was one 35-50 ms slice) and no model job runs in the UI's process (the look for
    unfinished fine-tunes, started while the panel builds, ran there whenever it won the race with the warm-up:
    with an unfinished run it imports torch). bench/first_minute.py measures the real gaps."""
    from artdesk.ui import jobs
    from artdesk.ui.app import build_window, start_warm_up_after_first_panel

    resolved_here = []
    resolve = jobs.resolve_job
    monkeypatch.setattr(jobs, "resolve_job", lambda name: resolved_here.append(name) or resolve(name))
    window = build_window(qapp)
    qtbot.addWidget(window)
    heartbeat = Heartbeat()
    window.show()
    heartbeat.start()
    warm_ups = []
    start_warm_up_after_first_panel(window, warm_ups.append)
    qtbot.waitUntil(lambda: bool(warm_ups) and warm_ups[0].is_finished, timeout=120000)
    heartbeat.stop()
    assert warm_ups[0].outcome == "returned", "the warm-up did not finish"
    assert window.panels["canvas"].panel is not None, "the first panel was not built during the warm-up"
    assert resolved_here == [], f"model jobs ran in the UI's process: {resolved_here}"
    assert heartbeat.worst_cpu_ms < 30, f"the UI thread ran {heartbeat.worst_cpu_ms:.0f} ms between two ticks"
    assert heartbeat.worst_ms < 250  # generous sanity bound on a shared machine
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
