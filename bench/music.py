"""Music speed, in one run: synthesizer speed, piano-roll repaint, and melody generation times.

- Synthesizer: a 2-minute melody of 400 varied notes, per instrument, as a multiple of real time
  (target: at least 50x), cold (empty note cache) and streamed in playback-sized blocks.
- Piano roll: a full repaint of an 1100 x 600 view showing 2,000 notes (zoomed to fit, the worst
  case), and at a normal zoom (target: under 16 ms); and a playback frame, where only the playhead moves.
- Generation (when a melody model is installed, bundled or yours): 8 and 32 bars, one melody,
  model already loaded, as the panel's worker runs it (target: under 50 ms for 8 bars, issue #22).

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/music.py [--repeats N] [--model FOLDER] [--threads N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402


class Times(list):
    """Wall-clock seconds per run, with the process's CPU seconds per run in ``cpu``."""

    cpu: list[float]


def timed(fn, repeats: int) -> Times:
    times = Times()
    times.cpu = []
    for _ in range(repeats):
        start, cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - start)
        times.cpu.append(time.process_time() - cpu)
    return times


def describe(name: str, times: Times, target_ms: float | None = None) -> None:
    """Median and p95 wall time, and median CPU time (on a shared, busy machine CPU time is the steadier figure)."""
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    cpu = statistics.median(times.cpu) * 1000
    verdict = "" if target_ms is None else ("  OK" if statistics.median(ms) < target_ms else
                                            "  OK in CPU time" if cpu < target_ms else f"  OVER the {target_ms:g} ms target")
    print(f"{name:52s} median {statistics.median(ms):8.2f} ms  p95 {p95:8.2f} ms  cpu {cpu:8.2f} ms  (n={len(ms)}){verdict}")


def test_melody(notes: int = 400, seed: int = 0):
    from artdesk.core.melody import Melody, Note

    rng = np.random.default_rng(seed)
    out, step = [], 0
    for _ in range(notes):
        duration = int(rng.choice([1, 2, 2, 4, 4, 8]))
        out.append(Note(int(rng.integers(48, 88)), step, duration, int(rng.integers(50, 120))))
        step += duration
    return Melody(tuple(out), tempo_bpm=120.0)


def bench_synth(repeats: int) -> None:
    from artdesk.core.synth import INSTRUMENTS, SAMPLE_RATE, MelodyRenderer, duration_seconds, render

    melody = test_melody()
    seconds = duration_seconds(melody)
    print(f"synthesizer: {len(melody.notes)} notes, {seconds:.0f} s of audio at {SAMPLE_RATE} Hz")
    for name in INSTRUMENTS:
        times = timed(lambda n=name: render(melody, n), repeats)
        wall, cpu = seconds / statistics.median(times), seconds / statistics.median(times.cpu)
        verdict = "OK" if wall >= 50 else "OK in CPU time" if cpu >= 50 else "UNDER the 50x target"
        print(f"  {name:10s} whole render  {wall:7.0f}x real time (CPU time: {cpu:.0f}x)  {verdict}")

    def streamed():
        renderer = MelodyRenderer(melody, "piano")
        while not renderer.finished:
            renderer.read(2048)

    times = timed(streamed, repeats)
    print(f"  piano      2048-sample blocks {seconds / statistics.median(times):7.0f}x real time "
          f"(CPU time: {seconds / statistics.median(times.cpu):.0f}x), as playback pulls it")


def bench_piano_roll(repeats: int) -> None:
    from PySide6.QtWidgets import QApplication

    from artdesk.core.melody import Melody, Note
    from artdesk.ui.music.document import QtMelodyDocument
    from artdesk.ui.music.piano_roll import QtPianoRoll

    app = QApplication.instance() or QApplication([])
    notes = tuple(Note(48 + (i * 7) % 36, i * 2, 2, 60 + i % 60) for i in range(2000))
    roll = QtPianoRoll(QtMelodyDocument(Melody(notes)))
    roll.resize(1100, 600)
    roll.show()
    app.processEvents()
    roll.zoom_to_fit()
    roll.verticalScrollBar().setValue(roll._pitch_y_content(90))
    app.processEvents()
    viewport = roll.viewport()

    def full_repaint():
        roll._invalidate()  # as after an edit, a scroll or a zoom: the whole picture is drawn again
        viewport.repaint()

    visible = sum(1 for n in notes if roll.step_to_x(n.start) < viewport.width())
    describe(f"piano roll full repaint, {visible:,} of 2,000 notes in view", timed(full_repaint, max(repeats, 30)), 16)
    roll.set_zoom(14)
    app.processEvents()
    visible = sum(1 for n in notes if roll.step_to_x(n.start) < viewport.width())
    describe(f"piano roll full repaint, normal zoom ({visible} notes in view)", timed(full_repaint, max(repeats, 30)), 16)
    step = [10.0]

    def playhead_frame():
        step[0] += 0.25
        roll.set_playhead(step[0])
        viewport.repaint()

    describe("playback frame (playhead moves, cached picture)", timed(playhead_frame, max(repeats, 30)), 16)
    roll.close()


def lstm_model(name: str | None) -> Path | None:
    """The melody LSTM to time: ``name`` (a folder or a model name), else the first one installed."""
    from artdesk.core.cards import ModelNotFound, find_model

    try:
        return find_model(name, "music", "melody-lstm").path
    except ModelNotFound:
        return None


def bench_generation(repeats: int, model: Path | None) -> None:
    if model is None:
        print("generation: no melody model installed (bundled or yours); skipped")
        return
    from artdesk.core.jobs import JobContext
    from artdesk.ml.music.generate import generate_melodies
    from artdesk.ml.music.requests import GenerateRequest

    ctx = JobContext()
    generate_melodies(GenerateRequest(model, bars=1), ctx)  # load and warm up once, as the panel's worker does
    print(f"generation with {model.name}:")
    for bars, target in ((8, 50), (32, None)):
        describe(f"  {bars} bars, one melody", timed(lambda b=bars: generate_melodies(GenerateRequest(model, bars=b, seed=1), ctx), repeats), target)
    describe("  8 bars, 4 variations at once", timed(lambda: generate_melodies(GenerateRequest(model, bars=8, count=4), ctx), repeats))


def main() -> int:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times suffer when it is above the CPU count)")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--model", help="a melody LSTM checkpoint folder (default: the first installed)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (the app uses cores - 1)")
    args = parser.parse_args()
    bench_synth(args.repeats)
    bench_piano_roll(args.repeats)
    model = lstm_model(args.model)
    if model is not None:
        import torch

        torch.set_num_threads(args.threads)
    bench_generation(args.repeats, model)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
