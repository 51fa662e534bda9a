"""README screenshots of the Canvas fine-tune wizard (offscreen, English, a temporary ARTDESK_HOME): the
pictures page after auditing a folder of drawn flowers with one broken file and one duplicate, the options
page with its measured time estimate, and the training page after a short real run.

    .venv/bin/python packaging/finetune_screenshots.py [steps]   # writes resources/screenshots/finetune-*.png

``steps`` (default 40) is the short run's length; a sample strip is taken every 10 steps.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from screenshot_home import fresh_home  # noqa: E402 (beside this script)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "screenshots"
SIZE = (1100, 760)  # the wizard's size in the shots (it opens at 900 x 680)


class Timeout(RuntimeError):
    pass


def wait(app, condition, seconds: float, what: str) -> None:
    """Process events until ``condition()`` holds; raise Timeout naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise Timeout(f"gave up waiting for {what} after {seconds:.0f} s")
        app.processEvents()
        time.sleep(0.02)


def make_pictures(folder: Path) -> Path:
    """Ten flowers, one damaged PNG and one exact copy: what a real folder often holds."""
    from artdesk.ml.canvas.finetune.bench_set import make_bench_set

    paths = make_bench_set(folder, count=10, seed=6)
    (folder / "scan-broken.png").write_bytes(paths[0].read_bytes()[:200])  # cut short, as a failed copy is
    shutil.copyfile(paths[3], folder / "flower-03 (copy).png")
    return folder


def settle(app, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def save(widget, name: str) -> Path:
    path = OUT / name
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def shoot(app, pictures: Path, steps: int) -> list[Path]:
    from artdesk.ui.app import build_window

    window = build_window(app)
    window.resize(1400, 900)
    window.show()
    window.tabs.setCurrentIndex(0)
    panel = window.panels["canvas"].ensure_built()  # the tab holds a lazy wrapper
    settle(app)
    dock = panel.model_dock
    dock.teach_button.click()
    wizard = dock.finetune_wizard
    wizard.resize(*SIZE)
    settle(app)
    shots = []
    try:
        page = wizard.pictures_page
        page.folder_edit.setText(str(pictures))
        page.folder_edit.returnPressed.emit()
        wait(app, lambda: page.audit is not None, 120, "the audit")
        wait(app, lambda: not page.preview_jobs.busy and len(page.previews) == len(page.files()), 120, "the preview")
        settle(app)
        shots.append(save(wizard, "finetune-audit.png"))

        wizard.next()
        options = wizard.options_page
        wait(app, lambda: options.estimate is not None or not options.estimates.busy, 300, "the estimate")
        if options.estimate is None:
            raise Timeout(f"the estimate failed: {options.estimate_label.text()}")
        settle(app)
        shots.append(save(wizard, "finetune-options.png"))

        options.steps_spin.setValue(steps)  # a short real run; a strip every 10 steps
        options.snapshot_spin.setValue(10)
        wizard.next()  # the commit button: Start training
        training = wizard.training_page
        wait(app, lambda: not training.active, 600, "the training run")
        if training.state != "done":
            raise Timeout(f"the run ended as {training.state}: {training.status.text()}")
        settle(app)
        shots.append(save(wizard, "finetune-training.png"))
    finally:
        for slot in (wizard.pictures_page.preview_jobs, wizard.options_page.estimates, wizard.training_page.runs):
            slot.cancel()
        wizard.hide()
        panel.close_panel()
        window.close()
        window.context.runner.shutdown(30000)
    return shots


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    steps = int(argv[0]) if argv else 40
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    import torch

    torch.set_num_threads(1)
    with fresh_home("en") as home:
        pictures = make_pictures(home / "my-flowers")
        try:
            for path in shoot(app, pictures, steps):
                print(path)
        except Timeout as error:
            print(f"finetune_screenshots: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
