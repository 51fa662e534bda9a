"""Start-up: seconds from process start to the main window exposed (offscreen), against `import torch`.

Prints medians over several runs of: the window as shipped (torch is imported later, on the worker),
`import torch` alone, and torch imported before the window (the baseline the lazy design avoids).
Usage: .venv/bin/python bench/startup.py [runs]
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

WINDOW_CHILD = """
import time, sys
{pre}
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from artdesk.ui.app import build_window

app = QApplication([])
window = build_window(app)

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
window.context.runner.shutdown()
"""

TORCH_CHILD = "import time, torch; print(time.time(), flush=True)"


def seconds_to_output(code: str, env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    return float(out.split()[0]) - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ARTDESK_HOME": tempfile.mkdtemp(prefix="artdesk-bench-")}
    cases = {
        "window (as shipped)": WINDOW_CHILD.format(pre=""),
        "import torch alone": TORCH_CHILD,
        "torch first, then window": WINDOW_CHILD.format(pre="import torch"),
    }
    seconds_to_output(TORCH_CHILD, env)  # warm the file cache once
    medians = {}
    for name, code in cases.items():
        times = [seconds_to_output(code, env) for _ in range(runs)]
        medians[name] = statistics.median(times)
        print(f"{name:28s} median {medians[name]:.3f} s  (runs: {', '.join(f'{t:.3f}' for t in times)})")
    window = medians["window (as shipped)"]
    print(f"import torch alone / window:       {medians['import torch alone'] / window:.1f}x")
    print(f"torch-first window / window:       {medians['torch first, then window'] / window:.1f}x")
    print(f"target: window under 0.5 s -> {'met' if window < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
