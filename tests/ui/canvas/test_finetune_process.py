"""A canvas fine-tune in the app runs in the training process: the wizard's progress, strip and loss plot,
pause, resume, a killed process resumed from the last saved state, and the new model in the picker, then
generating with it in the model process; no job body runs in the UI's process."""
import os
import shutil
import signal

import pytest

from artdesk.core.paths import app_paths
from artdesk.ui import jobs
from artdesk.ui.canvas.finetune import training_page as training
from artdesk.ui.canvas.model_dock import CanvasModelDock
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import TRAINING_WORKER, Runner
from tests.ml.canvas.helpers import tiny_checkpoints
from tests.ui.canvas.process_finetune import ScriptedRequest, run_folder

WAIT = 120000


@pytest.fixture
def context(qtbot, isolated_home, tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny-models")
    models = tiny_checkpoints(root)
    paths = app_paths()
    shutil.copytree(root, paths.user_models)
    runner = Runner()
    runner.use_model_process(start=False)  # as the app does: model jobs and training jobs in processes of their own
    ctx = AppContext(paths, {}, runner, None)
    ctx.tiny_gan = paths.user_models / models["gan"].relative_to(root)
    yield ctx
    assert runner.shutdown(10000)


def test_a_fine_tune_in_the_training_process_pauses_survives_a_kill_and_is_used(qtbot, context, monkeypatch):
    resolved_here = []
    resolve = jobs.resolve_job
    monkeypatch.setattr(jobs, "resolve_job", lambda name: resolved_here.append(name) or resolve(name))
    dock = CanvasModelDock(context, canvas=None)
    qtbot.addWidget(dock)
    request = ScriptedRequest("mine", str(context.tiny_gan), steps=6, holds=(2, 4))
    wizard = dock.open_finetune_wizard(request)
    page = wizard.training_page
    qtbot.waitUntil(lambda: [s.step for s in page.strip.snapshots] == [2], timeout=WAIT)
    qtbot.waitUntil(lambda: page.status.text() == "step 2 of 6", timeout=WAIT)  # the last progress always arrives
    assert page.state == training.RUNNING and page.loss_plot.history[-1][0] == 2 and page.progress_bar.value() == 333

    page.pause()  # held at step 2: the job saves step 2 on the cancel
    qtbot.waitUntil(lambda: page.state == training.PAUSED, timeout=WAIT)
    (run_folder("mine") / "release-2").touch()
    messages = []  # what the page is told, in order: a connection made after the click could miss the first
    show = page._on_run_progress
    monkeypatch.setattr(page, "_on_run_progress", lambda progress: messages.append(progress.message) or show(progress))
    page.pause_button.click()  # Resume
    qtbot.waitUntil(lambda: [s.step for s in page.strip.snapshots] == [2, 4], timeout=WAIT)
    assert messages[0] == "Resuming at step 2 of 6"

    os.kill(context.runner._workers[TRAINING_WORKER].process.pid, signal.SIGKILL)  # a crash while held at step 4
    qtbot.waitUntil(lambda: page.state == training.FAILED, timeout=WAIT)
    assert "stopped unexpectedly" in page.status.text() and page.pause_button.text() == "Resume"
    (run_folder("mine") / "release-4").touch()
    messages.clear()
    with qtbot.waitSignal(wizard.model_ready, timeout=WAIT):
        page.pause_button.click()  # Resume: a new training process, from the state saved at the pause
    assert messages[0] == "Resuming at step 2 of 6" and page.state == training.DONE
    assert [s.step for s in page.strip.snapshots] == [2, 4, 6]

    new_model = str(app_paths().user_models / "canvas" / "mine")
    assert dock.model_combo.currentData() == new_model  # in the picker, selected
    dock.count_spin.setValue(2)
    with qtbot.waitSignal(dock.pictures_changed, timeout=WAIT):
        dock.generate_button.click()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=WAIT)
    assert len(dock.pictures) == 2
    assert resolved_here == [], f"jobs ran in the UI's process: {resolved_here}"
