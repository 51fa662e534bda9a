"""Start-up: seconds from process start to the main window exposed (offscreen), against a bare PySide6 window.

Prints medians over several runs (interleaved, so load changes hit every case alike) of: the window as
shipped (panels build after it shows, torch is imported in the model process later), a bare PySide6
QMainWindow of the same size (the floor), `import torch` alone, and torch imported before the window
(what the lazy design avoids). Bytecode is cached as in an installed app (PYTHONPYCACHEPREFIX in a temporary
folder, filled by one unmeasured round): with PYTHONDONTWRITEBYTECODE every start would compile artdesk again.
Usage: .venv/bin/python bench/startup.py [runs]
The last line is ``window: W s, bare PySide6 window: B s, ratio R`` (medians).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

# A child script: {pre} runs first, {make} leaves the window in ``window``; the time of its first expose is printed.
# The app's window stops its workers after the loop.
WINDOW_SHOWN = """
import time
{pre}
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
{make}

class ExposeWatch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed():
            print(time.time(), flush=True)
            app.quit()
        return False

window.winId()
watch = ExposeWatch()
window.windowHandle().installEventFilter(watch)
window.show()
app.exec()
if hasattr(window, "context"):
    window.context.runner.shutdown()
"""
APP_WINDOW = "from artdesk.ui.app import build_window\nwindow = build_window(app)"
BARE_WINDOW = "window = QMainWindow()\nwindow.resize(1200, 800)  # the app window's size"

TORCH_CHILD = "import time, torch; print(time.time(), flush=True)"


def seconds_to_output(code: str, env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    return float(out.split()[0]) - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", ARTDESK_HOME=tempfile.mkdtemp(prefix="artdesk-bench-"),
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="artdesk-bench-pycache-"))
    cases = {
        "window (as shipped)": WINDOW_SHOWN.format(pre="", make=APP_WINDOW),
        "bare PySide6 window": WINDOW_SHOWN.format(pre="", make=BARE_WINDOW),
        "import torch alone": TORCH_CHILD,
        "torch first, then window": WINDOW_SHOWN.format(pre="import torch", make=APP_WINDOW),
    }
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    for code in cases.values():  # warm the file cache and write the bytecode once
        seconds_to_output(code, env)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, code in cases.items():
            times[name].append(seconds_to_output(code, env))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:28s} median {medians[name]:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in values)})")
    window, bare = medians["window (as shipped)"], medians["bare PySide6 window"]
    print(f"import torch alone / window:       {medians['import torch alone'] / window:.1f}x")
    print(f"torch-first window / window:       {medians['torch first, then window'] / window:.1f}x")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"window: {window:.3f} s, bare PySide6 window: {bare:.3f} s, ratio {window / bare:.2f}")


if __name__ == "__main__":
    main()
