"""UI-thread stalls during a fine-tune: on the training thread of the UI's process (as before) against the
training process (``Runner.use_model_process``), in the same run.

Each mode starts a real fine-tune (the Poem panel's, on the bundled English model and a made-up text),
keeps a 5 ms heartbeat timer on the UI thread from the submit until ``--seconds`` after the first training
progress (the gaps from then on are also shown alone: training without the start's imports), then pauses it (cancel: it saves its state) and waits for its end. The process mode runs first,
so torch is not yet imported in this process (the first fine-tune of a session imports it on the thread).
Usage: .venv/bin/python bench/finetune_latency.py [--seconds S]
The last line is ``fine-tune: worst gap W ms (thread: T ms), gaps over 16.7 ms: N (thread: M)``.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from artdesk.ml.poem.requests import FinetuneRequest  # noqa: E402
from artdesk.ui.jobs import TRAINING_WORKER, Runner  # noqa: E402

FRAME_MS = 1000 / 60
WORDS = "moon river light stone wind morning shadow garden silver rain field quiet sea winter bird heart".split()


def made_up_poems(path: Path, count: int = 200) -> Path:
    """``count`` short poems of common words, one blank line apart (the user's text file)."""
    rng = random.Random(0)
    poems = ["\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 7))) for _ in range(4))
             for _ in range(count)]
    path.write_text("\n\n".join(poems) + "\n", encoding="utf-8")
    return path


def watch_fine_tune(runner: Runner, request: FinetuneRequest, seconds: float) -> dict:
    """Heartbeat gaps (ms) from the submit until ``seconds`` after the first step's progress, then pause."""
    clock, gaps, state = QElapsedTimer(), [], {"last": 0, "training_since": None, "training_tick": None, "reports": 0}
    timer = QTimer()
    timer.setInterval(5)

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - state["last"])
        state["last"] = now

    def on_progress(progress) -> None:
        state["reports"] += 1
        if state["training_since"] is None and "step" in progress.message:
            state["training_since"], state["training_tick"] = time.perf_counter(), len(gaps)

    handle = runner.submit(request.job, request, "fine-tune", worker=TRAINING_WORKER)
    handle.progress.connect(on_progress)
    loop = QEventLoop()
    handle.finished.connect(loop.quit)
    poll = QTimer()
    poll.setInterval(100)
    poll.timeout.connect(lambda: (state["training_since"] is not None and not handle.cancel_requested
                                  and time.perf_counter() - state["training_since"] > seconds and handle.cancel()))
    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    poll.start()
    handle.start()
    loop.exec()
    timer.stop()
    poll.stop()
    training = gaps[state["training_tick"]:] if state["training_tick"] is not None else []
    return {"worst": max(gaps), "over": sum(g > FRAME_MS for g in gaps), "ticks": len(gaps),
            "training_worst": max(training, default=0), "training_over": sum(g > FRAME_MS for g in training),
            "reports": state["reports"], "outcome": handle.outcome, "trained": bool(training)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="training time watched in each mode")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    work = Path(tempfile.mkdtemp(prefix="finetune-latency-"))
    os.environ["ARTDESK_HOME"] = str(work / "home")
    text = made_up_poems(work / "poems.txt")
    base = ROOT / "models" / "poem" / "poem-en-words"
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; poem fine-tune on {base.name}, "
          f"{args.seconds:.0f} s of training watched per mode")
    results = {}
    for mode in ("process", "thread"):
        runner = Runner()
        if mode == "process":
            runner.use_model_process(start=False)
        request = FinetuneRequest(str(base), "bundled", str(text), str(work / mode / "poem" / "mine"), minutes=5.0)
        results[mode] = watch_fine_tune(runner, request, args.seconds)
        runner.shutdown()
        app.processEvents()
        r = results[mode]
        print(f"{mode:8s} worst gap {r['worst']:4d} ms, gaps over 16.7 ms: {r['over']:3d} of {r['ticks']} ticks; "
              f"once training: worst {r['training_worst']} ms, {r['training_over']} over; {r['reports']} progress "
              f"reports, {r['outcome']}{'' if r['trained'] else ' (NO training step seen)'}")
    p, t = results["process"], results["thread"]
    print(f"fine-tune: worst gap {p['worst']} ms (thread: {t['worst']} ms), "
          f"gaps over 16.7 ms: {p['over']} (thread: {t['over']})")


if __name__ == "__main__":
    main()
