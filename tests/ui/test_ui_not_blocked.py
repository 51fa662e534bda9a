"""The UI thread keeps ticking while a job runs; a handler that blocks the UI thread must be caught."""
import threading
import time

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
