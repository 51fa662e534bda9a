"""UI responsiveness: heartbeat gaps on the UI thread while a CPU-heavy torch job runs on the worker.

A 10 ms QTimer records the gap between its ticks; the worst and the 99th percentile are printed
for an idle baseline and while the worker multiplies matrices with torch (threads = cores - 1).
Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui_latency.py [seconds]
"""
from __future__ import annotations

import os
import sys
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from artdesk.ml.warmup import warm_up  # noqa: E402
from artdesk.ui.jobs import Runner  # noqa: E402


def busy_torch(stop: threading.Event, ctx) -> int:
    """Multiplies 512x512 matrices until stopped; reports every 20 products."""
    import torch

    a = torch.randn(512, 512)
    count = 0
    while not stop.is_set():
        a = torch.tanh(a @ a)
        count += 1
        if count % 20 == 0:
            ctx.report(None, f"{count} products")
    return count


def heartbeat_gaps(seconds: float) -> list[int]:
    clock, timer, gaps, last = QElapsedTimer(), QTimer(), [], [0]
    timer.setInterval(10)

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    clock.start()
    timer.start()
    loop.exec()
    timer.stop()
    return gaps


def summary(gaps: list[int]) -> str:
    ordered = sorted(gaps)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"ticks {len(gaps):4d}  worst {max(gaps):4d} ms  p99 {p99:4d} ms"


def run_job(runner: Runner, fn, request) -> object:
    handle = runner.submit(fn, request, fn.__name__)
    loop, out = QEventLoop(), {}
    handle.returned.connect(lambda r: out.setdefault("result", r))
    handle.finished.connect(loop.quit)
    handle.start()
    loop.exec()
    return out.get("result")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    app = QApplication([])
    runner = Runner()
    info = run_job(runner, warm_up, "cpu")
    print(f"torch {info['torch']} on {info['device']} with {info['threads']} worker threads, {os.cpu_count()} cores")
    print(f"idle UI:              {summary(heartbeat_gaps(seconds))}")
    stop = threading.Event()
    handle = runner.submit(busy_torch, stop, "busy torch")
    products = {}
    handle.returned.connect(lambda n: products.setdefault("n", n))
    handle.start()
    busy = heartbeat_gaps(seconds)
    stop.set()
    runner.shutdown()
    app.processEvents()
    print(f"torch busy on worker: {summary(busy)}  ({products.get('n', '?')} products)")
    print(f"target: worst gap under 50 ms -> {'met' if max(busy) < 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
