"""The first minute: UI-thread stalls from the window's first paint until 15 s after the models are ready.

Each run starts the app as a user does, in a fresh process (offscreen): ``build_window``, show, and
the app's own warm-up start path (``start_warm_up_after_first_panel``, as ``run_gui`` does). A 5 ms
timer on the UI thread records the gap between its ticks from the window's first paint. The baseline is the same app with the warm-up disabled, watched for the same time.
With ``--why``, every gap over a frame is printed with what each thread of the app's process was running
meanwhile (sampled every 2 ms while the heartbeat is late: the UI thread's stack, and the busy other threads').

Usage: .venv/bin/python bench/first_minute.py [--runs N] [--after S] [--why]
The last line is ``first minute: worst gap W ms, gaps over 16.7 ms: N, models ready at T s`` (the worst run).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

FRAME_MS = 1000 / 60


IDLE_CALLS = ("wait", "select", "poll", "get", "_recv", "accept", "sleep")  # a thread blocked here holds no GIL


def short_stack(frame, depth: int) -> str:
    """The innermost ``depth`` frames below this script, innermost first, as "file:line function"."""
    entries = [entry for entry in traceback.extract_stack(frame) if not entry.filename.endswith("first_minute.py")]
    return " <- ".join(f"{Path(entry.filename).name}:{entry.lineno} {entry.name}" for entry in reversed(entries[-depth:]))


class StallSampler(threading.Thread):
    """--why: while the heartbeat is 7 ms late, sample every thread's stack every 2 ms, keyed by the gap it is in.

    It holds the GIL to read the frames (faulthandler's watchdog reads them without it, and crashed reading a
    thread that was importing); it takes the GIL only while a gap is open, so it barely slows what it watches.
    """

    def __init__(self, state: dict) -> None:
        super().__init__(name="first-minute-sampler", daemon=True)
        self.state, self.ui = state, threading.get_ident()
        self.samples: dict[int, list[str]] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            time.sleep(0.002)
            last, ticks = self.state["last"], self.state["ticks"]
            if last is None or time.perf_counter() - last < 0.007:
                continue
            lines = self.samples.setdefault(ticks - 1, [])  # the gap the next tick will close
            for ident, frame in sys._current_frames().items():
                if ident == self.ui:
                    lines.append("UI thread: " + (short_stack(frame, 7) or "in Qt (no Python frame)"))
                elif ident != threading.get_ident() and frame.f_code.co_name not in IDLE_CALLS:
                    lines.append("  other thread: " + short_stack(frame, 4))


def watch(warm: bool, seconds_after_ready: float, duration_s: float | None, launched: float, why: bool) -> dict:
    """In the child: start the app, heartbeat from the first paint, return the gaps (ms) and ready time."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from artdesk.ui.app import build_window, start_warm_up_after_first_panel

    app = QApplication([])
    window = build_window(app)
    state = {"gaps": [], "last": None, "ticks": 0, "ready": None, "painted": None, "panel_painted": None,
             "torch_in_ui": False}
    sampler = StallSampler(state) if why else None

    def tick() -> None:
        now = time.perf_counter()
        if state["last"] is not None:
            gap = (now - state["last"]) * 1000
            state["gaps"].append((round(time.time() - launched, 3), round(gap, 2)))
        state["last"] = now
        state["ticks"] += 1

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)

    def stop() -> None:
        heartbeat.stop()  # before quit(), which closes the window: closing is not part of the first minute
        app.quit()

    def stop_after(seconds: float) -> None:
        QTimer.singleShot(int(seconds * 1000), stop)

    def on_ready(_info) -> None:
        state["ready"] = time.time() - launched
        state["torch_in_ui"] = "torch" in sys.modules
        stop_after(seconds_after_ready)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
            if event.type() == QEvent.Type.Paint and state["painted"] is None:
                state["painted"] = time.time() - launched
                QTimer.singleShot(0, heartbeat.start)  # after this paint returns
                if duration_s is not None:
                    stop_after(duration_s)
            return False

    class PanelPainted(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
            if event.type() == QEvent.Type.Paint and state["panel_painted"] is None:
                QTimer.singleShot(0, lambda: state.update(panel_painted=time.time() - launched))
            return False

    first_paint, panel_painted = FirstPaint(), PanelPainted()
    window.installEventFilter(first_paint)
    page = window.tabs.currentWidget()
    page.built.connect(lambda: page.panel.installEventFilter(panel_painted))
    window.show()
    if warm:
        start_warm_up_after_first_panel(window, lambda handle: handle.returned.connect(on_ready))
    if sampler is not None:
        sampler.start()
    app.exec()
    heartbeat.stop()
    if sampler is not None:
        sampler.running = False
        state["why"] = {index: lines for index, lines in sampler.samples.items()
                        if 0 <= index < len(state["gaps"]) and state["gaps"][index][1] > FRAME_MS}
    window.context.runner.shutdown()
    state["torch_in_ui"] = state["torch_in_ui"] or "torch" in sys.modules
    return state


PYCACHE = tempfile.mkdtemp(prefix="artdesk-bench-pycache-")


def run_child(warm: bool, after: float, duration: float | None, why: bool) -> dict:
    """One start of the app in a fresh process, with a fresh user folder (a first start, as a new user's) and
    bytecode cached as in an installed app (PYTHONDONTWRITEBYTECODE would compile every module at each start)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", ARTDESK_HOME=tempfile.mkdtemp(prefix="artdesk-bench-"), PYTHONPYCACHEPREFIX=PYCACHE)
    args = [sys.executable, __file__, "--child", "warm" if warm else "cold", "--after", str(after),
            "--launched", repr(time.time())]
    if duration is not None:
        args += ["--duration", str(duration)]
    if why:
        args.append("--why")
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(out.stdout.strip().splitlines()[-1])


def describe(name: str, state: dict) -> tuple[float, int]:
    gaps = [gap for _, gap in state["gaps"]]
    worst_at, worst = max(state["gaps"], key=lambda g: g[1])
    over = [g for g in state["gaps"] if g[1] > FRAME_MS]
    ready = f", models ready at {state['ready']:.2f} s" if state["ready"] is not None else ""
    print(f"  {name:9s} first paint {state['painted']:.2f} s{ready}; {len(gaps)} ticks, worst gap {worst:.1f} ms "
          f"(at {worst_at:.2f} s), over 16.7 ms: {len(over)}, torch imported in the UI's process: {state['torch_in_ui']}")
    if over:
        print("            gaps over a frame (s: ms): " + ", ".join(f"{t:.2f}: {g:.0f}" for t, g in over[:12]))
    if state["panel_painted"] is not None:
        later = [(t, g) for t, g in state["gaps"] if t - g / 1000 >= state["panel_painted"]]
        late_worst = max((g for _, g in later), default=0.0)
        print(f"            after the first panel's first paint ({state['panel_painted']:.2f} s): worst gap {late_worst:.1f} ms, "
              f"over 16.7 ms: {sum(g > FRAME_MS for _, g in later)}")
    for index, lines in sorted(state.get("why", {}).items(), key=lambda item: int(item[0])):
        at, gap = state["gaps"][int(index)]
        print(f"            gap of {gap:.0f} ms ending at {at:.2f} s, what ran meanwhile:")
        for line in dict.fromkeys(lines):  # each distinct stack once, in order
            print(f"              {line}")
    return worst, len(over)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--after", type=float, default=15.0, help="seconds watched after the models are ready")
    parser.add_argument("--why", action="store_true", help="print the stacks of every stall")
    parser.add_argument("--child", choices=("warm", "cold"), help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--duration", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        print(json.dumps(watch(args.child == "warm", args.after, args.duration, args.launched, args.why)))
        return
    run_child(True, 1.0, None, False)  # unmeasured: writes the bytecode of everything the app imports
    worst_run = None
    for run in range(1, args.runs + 1):
        print(f"run {run}: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        warm = run_child(True, args.after, None, args.why)
        cold = run_child(False, args.after, warm["ready"] + args.after - warm["painted"], args.why)
        worst, over = describe("warm-up", warm)
        describe("baseline", cold)
        if worst_run is None or worst > worst_run[0]:
            worst_run = (worst, over, warm["ready"])
    worst, over, ready = worst_run
    print(f"first minute: worst gap {worst:.1f} ms, gaps over 16.7 ms: {over}, models ready at {ready:.2f} s")


if __name__ == "__main__":
    main()
