"""The canvas fine-tune wizard: audit a tiny folder with broken files, preview the crops, bad input,
options, a run with pause, resume and stop, and the new model used in the Canvas model dock."""
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt

from artdesk.core.paths import app_paths
from artdesk.ml.canvas.finetune.audit import prepare_picture
from artdesk.ml.canvas.finetune import jobs as finetune_jobs
from artdesk.ml.canvas.finetune import run as finetune_run
from artdesk.ml.canvas.finetune.plan import FinetuneRequest
from artdesk.ml.canvas.finetune.requests import UnfinishedRuns
from artdesk.ui.canvas.finetune import training_page as training
from artdesk.ml.canvas.finetune.session import UNKNOWN_LICENCE
from artdesk.ui.canvas.finetune.wizard import QtFinetuneWizard
from artdesk.ui.canvas.model_dock import CanvasModelDock
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from tests.ml.canvas.helpers import synthetic_pictures, tiny_checkpoints
from tests.ml.canvas.test_audit import make_picture_folder

WAIT = 30000


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory):
    """The tiny GAN, VAE and upscaler, made once for this module (each test gets a copy)."""
    import torch

    torch.set_num_threads(1)
    root = tmp_path_factory.mktemp("tiny-models")
    return root, tiny_checkpoints(root)


@pytest.fixture
def context(qtbot, isolated_home, tiny_models):
    root, models = tiny_models
    paths = app_paths()
    shutil.copytree(root, paths.user_models)
    runner = Runner()
    ctx = AppContext(paths, {}, runner, None)
    ctx.tiny = {kind: paths.user_models / path.relative_to(root) for kind, path in models.items()}
    yield ctx
    assert runner.shutdown(10000)


@pytest.fixture
def wizard(qtbot, context):
    widget = QtFinetuneWizard(context)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    for slot in (widget.pictures_page.audit_jobs, widget.pictures_page.preview_jobs, widget.training_page.runs,
                 widget.options_page.estimates):
        slot.cancel()


def audit(qtbot, wizard, *paths):
    page = wizard.pictures_page
    page.set_sources([Path(p) for p in paths])
    qtbot.waitUntil(lambda: not page.audit_jobs.busy, timeout=WAIT)
    return page


def wait_preview(qtbot, page):
    qtbot.waitUntil(lambda: not page.preview_jobs.busy and not page.item_jobs.busy, timeout=WAIT)


def test_audit_lists_used_skipped_and_duplicates_and_previews_what_is_trained(qtbot, wizard, tmp_path):
    folder = make_picture_folder(tmp_path / "pics")
    page = audit(qtbot, wizard, folder)
    assert page.isComplete() and len(page.files()) == 9
    assert "Pictures to use: 9 · skipped: 3 · duplicates left out: 1" in page.status.text()
    groups = {page.details.topLevelItem(i).text(0): page.details.topLevelItem(i) for i in range(3)}
    skipped = groups["Skipped (3)"]
    names = {skipped.child(i).text(0): skipped.child(i).text(1) for i in range(skipped.childCount())}
    assert set(names) == {"broken.png", "empty.jpg", "notes.txt"} and "damaged" in names["broken.png"]
    current = page.details.currentItem()  # the first skipped file is shown with its whole reason
    assert current.parent() is skipped and page.note.text() == f"{current.text(0)}: {current.text(1)}"
    assert groups["Duplicates (1)"].child(0).text(0) == "zz-copy.jpg"
    assert page.warnings.isVisible() and "mixed shapes" in page.warnings.text()

    wait_preview(qtbot, page)
    assert page.grid.count() == 9
    wide = str(folder / "wide.jpg")
    assert np.array_equal(page.previews[wide], prepare_picture(wide, "centre", 64))
    page.crop_combo.setCurrentIndex(page.crop_combo.findData("fit"))
    wait_preview(qtbot, page)
    assert np.array_equal(page.previews[wide], prepare_picture(wide, "fit", 64))

    page.crop_combo.setCurrentIndex(page.crop_combo.findData("each"))
    wait_preview(qtbot, page)
    item = next(page.grid.item(i) for i in range(page.grid.count()) if page.grid.item(i).data(Qt.ItemDataRole.UserRole) == wide)
    page.grid.itemActivated.emit(item)
    wait_preview(qtbot, page)
    assert page.crop_overrides() == ((wide, "fit"),) and item.text() == "fit"
    assert np.array_equal(page.previews[wide], prepare_picture(wide, "fit", 64))


def test_dropped_files_and_folders_are_audited_together(qtbot, wizard, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, QUrl
    from PySide6.QtGui import QDropEvent

    folder = make_picture_folder(tmp_path / "pics")
    extra = tmp_path / "extra.png"
    Image.fromarray(synthetic_pictures(1, seed=11, size=90)[0]).save(extra)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(extra)), QUrl.fromLocalFile(str(folder / "sub"))])
    page = wizard.pictures_page
    page.dropEvent(QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: page.audit is not None, timeout=WAIT)
    assert page.folder_edit.text() == "2 dropped items"
    assert [Path(f).name for f in page.files()] == ["extra.png", "clear.png"]
    assert "Only 2 usable pictures" in page.warnings.text() and not page.isComplete()


@pytest.mark.parametrize("make, expected", [
    (lambda d: d, "There are no pictures here"),
    (lambda d: (d / "a.png").write_bytes(b"junk") and d, "None of these files could be used"),
    (lambda d: Image.new("RGB", (90, 90), "blue").save(d / "one.png") or d, "Only 1 usable picture"),
    (lambda d: d / "gone", "does not exist"),
])
def test_bad_folders_say_why_and_block_next(qtbot, wizard, tmp_path, make, expected):
    folder = tmp_path / "src"
    folder.mkdir()
    source = make(folder)
    page = wizard.pictures_page
    page.set_sources([source])
    qtbot.waitUntil(lambda: not page.audit_jobs.busy, timeout=WAIT)
    shown = page.warnings.text() + page.status.text()
    assert expected in shown and not page.isComplete()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()


def test_huge_picture_is_skipped_with_a_message(qtbot, wizard, tmp_path, monkeypatch):
    from artdesk.ml.canvas.finetune import audit as audit_module

    monkeypatch.setattr(audit_module, "MAX_PIXELS", 5000)
    (tmp_path / "src").mkdir()
    for index, pixels in enumerate(synthetic_pictures(4, seed=2)):
        Image.fromarray(pixels).save(tmp_path / "src" / f"p{index}.png")
    Image.fromarray(synthetic_pictures(1, size=120)[0]).save(tmp_path / "src" / "huge.png")
    page = audit(qtbot, wizard, tmp_path / "src")
    skipped = page.details.topLevelItem(1)
    assert skipped.child(0).text(0) == "huge.png" and "megapixels" in skipped.child(0).text(1)


def test_options_validate_and_build_the_request(qtbot, wizard, tmp_path, monkeypatch):
    folder = make_picture_folder(tmp_path / "My Pictures!")
    audit(qtbot, wizard, folder)
    estimates = []
    monkeypatch.setattr(wizard.options_page, "start_estimate", lambda: estimates.append(1))
    wizard.next()
    options = wizard.options_page
    assert wizard.currentId() == wizard.options_id and estimates == [1]
    assert options.name_edit.text() == "My-Pictures" and options.validate() == ""
    assert not options.isComplete() and "tick that you made these pictures" in options.problem.text()
    assert not wizard.button(wizard.WizardButton.CommitButton).isEnabled()  # no training before the licence
    options.unknown_check.setChecked(True)
    assert options.isComplete() and options.licence_note() == UNKNOWN_LICENCE
    assert wizard.button(wizard.WizardButton.CommitButton).isEnabled()
    options.base_combo.setCurrentIndex(options.base_combo.findText("tiny-gan (yours)"))
    assert wizard.session.base().path == str(wizard.context.tiny["gan"])
    options.name_edit.setText("tiny-gan")
    assert "already have a model named tiny-gan" in options.validate()
    options.name_edit.setText("bad name")
    assert "Name the model" in options.problem.text() and not options.isComplete()
    options.name_edit.setText("mine")
    options.licence_edit.setText("CC BY 4.0")
    options.consent_check.setChecked(True)
    assert not options.unknown_check.isChecked() and options.isComplete()
    options.follow_combo.setCurrentIndex(options.follow_combo.findData("closely"))
    options.variety_combo.setCurrentIndex(options.variety_combo.findData("strongly"))
    assert "FreezeD" not in options.preset_combo.currentText() and not options.advanced.isVisible()
    options.advanced_button.click()
    assert options.advanced.isVisible()
    options.steps_spin.setValue(40)
    options.norm_combo.setCurrentIndex(options.norm_combo.findData(True))
    options.ewc_spin.setValue(50)
    fields = options.request_fields()
    assert fields["name"] == "mine" and fields["steps"] == 40 and fields["batch"] is None and fields["lr"] is None
    assert fields["norm_only"] is True and fields["size"] == 64 and fields["default_crop"] == "centre"
    assert fields["base_source"] == "user" and len(fields["files"]) == 9
    assert fields["licence_note"].startswith("CC BY 4.0 The person training confirmed")
    assert fields["follow"] == "closely" and fields["keep_variety"] == "strongly" and fields["variety"] is None
    assert fields["ewc"] == 50 and fields["base_mix"] is None and fields["reconstruct"] is None


def test_no_base_model_is_explained(qtbot, tmp_path):
    import dataclasses

    runner = Runner()
    context = AppContext(dataclasses.replace(app_paths(), bundled_models=tmp_path / "none"), {}, runner, None)
    wizard = QtFinetuneWizard(context)
    qtbot.addWidget(wizard)
    assert "no image model (GAN) to start from" in wizard.options_page.validate()
    assert runner.shutdown(5000)


# ----- training, with the job body replaced by a scripted one (the backend's own tests cover run.py) -----
@dataclass
class FakeSnapshot:
    step: int
    samples: np.ndarray
    loss_history: list = field(default_factory=list)
    kid: float | None = None
    too_close: float | None = None
    closest_pairs: list = field(default_factory=list)
    copying_warning: str = ""
    seconds: float = 0.0
    losses: dict = field(default_factory=dict)
    diversity: float | None = None
    user_diversity: float | None = None
    collapse_warning: str = ""
    base_kid: float | None = None


class ScriptedRun:
    """A resumable run whose steps the test lets through one by one; it keeps its step across cancels
    (as run.py keeps its state) and, at the end, saves a real model the Canvas can load."""

    def __init__(self, model: Path, total: int = 6) -> None:
        self.model, self.total = model, total
        self.step = 0
        self.allowed = threading.Semaphore(0)
        self.requests = []

    def __call__(self, request, ctx):
        self.requests.append(request)
        ctx.publish(self.snapshot(self.step))
        while self.step < self.total:
            while not self.allowed.acquire(timeout=0.02):
                ctx.raise_if_cancelled()
            self.step += 1
            if self.step == 3:  # a warning the run reports without a fraction (as run.py does for a full disk)
                ctx.report(None, "Could not save a checkpoint: the disk is full. The last good one is kept.")
                ctx.flush()
            ctx.report(self.step / self.total, f"step {self.step} of {self.total}, ETA 1 s")
            if self.step % 2 == 0:
                ctx.publish(self.snapshot(self.step))
            ctx.raise_if_cancelled()
        folder = app_paths().user_models / "canvas" / request.name
        shutil.copytree(self.model, folder)
        return folder

    def snapshot(self, step):
        samples = np.full((3, 16, 16, 3), step * 20, np.uint8)
        history = [(s, 1.0 / (s + 1), 2.0 - s / 10) for s in range(step + 1)]
        pairs = [(samples[0], samples[1], 0.5 - step / 100)]
        warning = "Some samples are very close to your pictures." if step >= 4 else ""
        return FakeSnapshot(step, samples, history, 0.1 / (step + 1), step / 100, pairs, warning, diversity=2.0,
                            user_diversity=4.0, base_kid=None if step == 0 else 0.1)


@dataclass(frozen=True)
class Request:
    job: ClassVar[str] = FinetuneRequest.job  # resolved on the worker: the test replaces what it names

    name: str


def test_train_pause_resume_stop_and_use_the_model(qtbot, context, tmp_path, monkeypatch):
    run = ScriptedRun(context.tiny["gan"])
    monkeypatch.setattr(finetune_run, "run_finetune", run)
    dock = CanvasModelDock(context, canvas=None)
    qtbot.addWidget(dock)
    wizard = dock.open_finetune_wizard(Request("mine"))
    page = wizard.training_page
    assert wizard.currentId() == wizard.training_id
    qtbot.waitUntil(lambda: len(page.strip.snapshots) == 1, timeout=WAIT)
    assert page.strip.strip.count() == 3 and page.state == training.RUNNING

    run.allowed.release(2)
    qtbot.waitUntil(lambda: len(page.strip.snapshots) == 2, timeout=WAIT)
    assert page.strip.caption.text() == "Step 2 (2 of 2)" and "KID" not in page.pairs.metrics.text()
    assert "closer to your held-out pictures than the base model" in page.pairs.metrics.text()
    assert "variety 50% of your pictures" in page.pairs.metrics.text()
    assert page.loss_plot.history[-1][0] == 2 and len(page.loss_plot.scaled_points(1)) == 3

    page.pause_button.click()
    qtbot.waitUntil(lambda: page.state == training.PAUSED, timeout=WAIT)
    assert page.pause_button.text() == "Resume" and "Paused" in page.status.text()
    page.pause_button.click()  # resume: the same request again
    assert page.state == training.RUNNING
    qtbot.waitUntil(lambda: len(run.requests) == 2, timeout=WAIT)  # the worker picks the job up
    assert run.requests == [Request("mine")] * 2
    run.allowed.release(2)
    qtbot.waitUntil(lambda: len(page.strip.snapshots) == 3, timeout=WAIT)  # step 2 again on resume (replaced), 4
    assert page.notice.isVisible() and "disk is full" in page.notice.text()
    assert page.pairs.warning.isVisible() and "very close" in page.pairs.warning.text()
    page.strip.scrubber.setValue(1)  # scrub back: the pairs follow the snapshot shown
    assert page.strip.caption.text() == "Step 2 (2 of 3)" and not page.pairs.warning.isVisible()

    models_changed = []
    context.models_changed.connect(lambda: models_changed.append(1))
    with qtbot.waitSignal(wizard.model_ready, timeout=WAIT):
        run.allowed.release(2)
    assert page.isComplete() and models_changed and page.state == training.DONE
    assert [s.step for s in page.strip.snapshots] == [0, 2, 4, 6]
    assert page.strip.shown == 1  # who scrubbed back is not pulled forward
    wizard.next()
    assert wizard.currentId() == wizard.finish_id and "mine is selected" in wizard.finish_page.summary.text()
    new_model = str(app_paths().user_models / "canvas" / "mine")
    assert dock.model_combo.currentData() == new_model
    dock.count_spin.setValue(2)
    with qtbot.waitSignal(dock.pictures_changed, timeout=WAIT):
        dock.generate_button.click()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=WAIT)
    assert len(dock.pictures) == 2 and dock.pictures[0][0].shape == (64, 64, 3)


def test_stop_keeps_progress_and_closing_asks(qtbot, context, monkeypatch):
    run = ScriptedRun(context.tiny["gan"])
    monkeypatch.setattr(finetune_run, "run_finetune", run)
    wizard = QtFinetuneWizard(context)
    qtbot.addWidget(wizard)
    wizard.resume(Request("kept"))
    wizard.show()
    page = wizard.training_page
    qtbot.waitUntil(lambda: len(page.strip.snapshots) == 1, timeout=WAIT)
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    wizard.reject()
    assert wizard.isVisible() and page.state == training.RUNNING
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    wizard.reject()
    qtbot.waitUntil(lambda: page.state == training.STOPPED, timeout=WAIT)
    assert not wizard.isVisible() and "progress is kept" in page.status.text()


def test_a_failed_run_says_why_and_can_be_retried(qtbot, context, monkeypatch):
    from artdesk.core.errors import ArtdeskError

    calls = []

    def failing(request, ctx):
        calls.append(request)
        raise ArtdeskError("The picture folder disappeared. Put it back and resume.")

    monkeypatch.setattr(finetune_run, "run_finetune", failing)
    wizard = QtFinetuneWizard(context)
    qtbot.addWidget(wizard)
    wizard.resume(Request("x"))
    page = wizard.training_page
    qtbot.waitUntil(lambda: page.state == training.FAILED, timeout=WAIT)
    assert "folder disappeared" in page.status.text() and page.pause_button.text() == "Resume"
    page.pause_button.click()
    qtbot.waitUntil(lambda: len(calls) == 2 and page.state == training.FAILED, timeout=WAIT)
    assert not page.isComplete()



@dataclass
class Unfinished:
    name: str
    request: Request
    step: int
    saved_at: float
    state_path: Path = Path("state.pt")


def test_start_up_offers_to_resume_an_unfinished_run(qtbot, context, monkeypatch):
    import time

    from artdesk.ui.panels.canvas import CanvasPanel

    run = ScriptedRun(context.tiny["gan"])
    runs = [Unfinished("older", Request("older"), 10, time.time() - 3600),
            Unfinished("crashed", Request("crashed"), 300, time.time() - 60)]
    looked_in = []
    monkeypatch.setattr(finetune_run, "run_finetune", run)
    monkeypatch.setattr(finetune_jobs, "unfinished_job", lambda request, ctx: looked_in.append(request.user_models) or runs)
    panel = CanvasPanel(context)
    qtbot.addWidget(panel)
    panel.show()
    offer = panel.finetune_offer
    qtbot.waitUntil(offer.isVisible, timeout=WAIT)
    assert looked_in == [str(context.paths.user_models)]
    assert "2 fine-tunes were left unfinished" in offer.label.text()
    assert offer.choice.itemText(0).startswith("crashed, step 300, saved ")
    offer.resume_button.click()
    wizard = panel.model_dock.finetune_wizard
    assert not offer.isVisible() and wizard.currentId() == wizard.training_id
    qtbot.waitUntil(lambda: run.requests == [Request("crashed")], timeout=WAIT)
    wizard.training_page.stop()
    qtbot.waitUntil(lambda: wizard.training_page.state == training.STOPPED, timeout=WAIT)


def test_discarding_an_unfinished_run_asks_then_updates_the_bar(qtbot, context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from artdesk.ui.canvas.finetune.resume import QtResumeOffer

    runs = [Unfinished("a", Request("a"), 5, 1e9), Unfinished("b", Request("b"), 7, 2e9)]
    discarded = []
    monkeypatch.setattr(finetune_jobs, "unfinished_job", lambda request, ctx: list(runs))
    monkeypatch.setattr(finetune_jobs, "discard_job", lambda request, ctx: discarded.append(request.name) or runs[:1])
    offer = QtResumeOffer(context)
    qtbot.addWidget(offer)
    offer.check()
    qtbot.waitUntil(lambda: offer.choice.count() == 2, timeout=WAIT)
    assert offer.choice.itemText(0).startswith("b, step 7")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    offer.discard_button.click()
    assert not offer.lookups.busy and discarded == []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    offer.discard_button.click()
    qtbot.waitUntil(lambda: offer.choice.count() == 1, timeout=WAIT)
    assert discarded == ["b"] and offer.label.text().startswith("A fine-tune was left unfinished (a, step 5")


def test_no_unfinished_runs_no_bar(qtbot, context, monkeypatch):
    from artdesk.ui.canvas.finetune.resume import QtResumeOffer

    monkeypatch.setattr(finetune_jobs, "unfinished_job", lambda request, ctx: [])
    offer = QtResumeOffer(context)
    qtbot.addWidget(offer)
    offer.check()
    qtbot.waitUntil(lambda: not offer.lookups.busy, timeout=WAIT)
    assert offer.isHidden()


def test_real_fine_tune_from_folder_to_canvas_with_pause_and_resume(qtbot, context, tmp_path, monkeypatch):
    """The whole wizard on the real backend (run.py) with the tiny GAN: audit a folder with broken files,
    estimate, train, pause mid-run, resume from the saved state, generate with the result, then use, export
    and delete its snapshots."""
    pytest.importorskip("artdesk.ml.canvas.finetune.run")
    dock = CanvasModelDock(context, canvas=None)
    qtbot.addWidget(dock)
    wizard = dock.open_finetune_wizard()
    page = audit(qtbot, wizard, make_picture_folder(tmp_path / "pics"))
    assert page.isComplete()
    wizard.next()
    options = wizard.options_page
    options.base_combo.setCurrentIndex(options.base_combo.findText("tiny-gan (yours)"))
    options.name_edit.setText("tiny-mine")
    options.consent_check.setChecked(True)
    options.copying_check.setChecked(False)  # all 16 steps, so the pause lands mid-run
    options.steps_spin.setValue(16)
    options.snapshot_spin.setValue(4)
    options.batch_spin.setValue(4)
    options.estimate_button.click()
    qtbot.waitUntil(lambda: options.estimate_button.isEnabled(), timeout=180000)
    assert options.estimate_label.text().startswith("About ") and "16 steps" in options.estimate_label.text()
    assert "Only colour and contrast learn" in options.settings_label.text()
    assert "FreezeD:" not in options.settings_label.text()  # plain words first; a term only in brackets after them

    training_page = wizard.training_page
    wizard.next()  # the commit button: Start training
    assert wizard.currentId() == wizard.training_id
    qtbot.waitUntil(lambda: any(s.step >= 4 for s in training_page.strip.snapshots), timeout=180000)
    training_page.pause()
    qtbot.waitUntil(lambda: training_page.state in (training.PAUSED, training.DONE), timeout=60000)
    assert training_page.state == training.PAUSED  # the cancel lands within a step: 12 steps to spare
    from artdesk.core.jobs import RecordingContext

    unfinished = finetune_jobs.unfinished_job(UnfinishedRuns(str(context.paths.user_models)), RecordingContext())
    assert [(run.name, run.request) for run in unfinished] == [("tiny-mine", training_page.request)]
    messages = []  # what the page is told: a connection made after the click could miss the first report
    show = training_page._on_run_progress
    monkeypatch.setattr(training_page, "_on_run_progress", lambda progress: messages.append(progress.message) or show(progress))
    training_page.pause_button.click()
    qtbot.waitUntil(lambda: training_page.state in (training.DONE, training.FAILED), timeout=180000)
    assert training_page.state == training.DONE, training_page.status.text()
    resumed_at = next(m for m in messages if m.startswith("Resuming at step "))
    assert int(resumed_at.split()[3]) >= 4  # it went on from the saved state, not from step 0
    assert training_page.state == training.DONE and training_page.result.name == "tiny-mine"
    steps = [snapshot.step for snapshot in training_page.strip.snapshots]
    assert steps == sorted(set(steps)) and steps[0] == 0 and steps[-1] == 16 and training_page.loss_plot.history

    assert dock.model_combo.currentData() == str(training_page.result)
    dock.count_spin.setValue(2)
    with qtbot.waitSignal(dock.pictures_changed, timeout=WAIT):
        dock.generate_button.click()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=WAIT)
    assert len(dock.pictures) == 2

    wizard.next()  # the finish page: the card's numbers, and the snapshots (use one, export one, delete one)
    result = wizard.finish_page.result_view
    assert "than the base model" in result.likeness.format() and "Too close to one of your" in result.copying.text()
    assert "Variety" in result.variety.text() and not result.details.isVisible()
    result.details_button.click()
    assert "KID x1000" in result.details.text() and result.details.isVisible()
    snapshots = wizard.finish_page.snapshots
    qtbot.waitUntil(lambda: snapshots.list.count() > 0 and not snapshots.jobs.busy, timeout=WAIT)
    steps = [info.step for info in snapshots.infos]
    assert 4 in steps and snapshots.list.item(0).text().startswith("step ")

    def act(button, step):
        snapshots.list.setCurrentRow(steps.index(step))
        button.click()
        qtbot.waitUntil(lambda: not snapshots.jobs.busy, timeout=WAIT)

    act(snapshots.best_button, 4)
    assert "now uses the snapshot of step 4" in snapshots.status.text()
    assert [i.step for i in snapshots.infos if i.is_best] == [4]
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "exported"))
    (tmp_path / "exported").mkdir()
    act(snapshots.export_button, 4)
    assert (tmp_path / "exported" / "tiny-mine-step4" / "card.json").is_file()
    act(snapshots.delete_button, 0)
    assert 0 not in [info.step for info in snapshots.infos] and "Deleted" in snapshots.status.text()


def test_the_canvas_keeps_generating_while_a_fine_tune_trains(qtbot, context, monkeypatch):
    run = ScriptedRun(context.tiny["gan"])
    monkeypatch.setattr(finetune_run, "run_finetune", run)
    dock = CanvasModelDock(context, canvas=None)
    qtbot.addWidget(dock)
    wizard = dock.open_finetune_wizard(Request("busy"))
    page = wizard.training_page
    qtbot.waitUntil(lambda: len(page.strip.snapshots) == 1, timeout=WAIT)
    assert dock.select_model(str(context.tiny["gan"]))
    dock.count_spin.setValue(2)
    with qtbot.waitSignal(dock.pictures_changed, timeout=WAIT):  # the run holds the training worker meanwhile
        dock.generate_button.click()
    assert page.state == training.RUNNING and run.step == 0
    page.stop()
    qtbot.waitUntil(lambda: page.state == training.STOPPED, timeout=WAIT)


def test_the_dock_opens_one_wizard_and_replaces_a_closed_one(qtbot, context):
    from shiboken6 import isValid

    dock = CanvasModelDock(context, canvas=None)
    qtbot.addWidget(dock)
    first = dock.open_finetune_wizard()
    assert dock.open_finetune_wizard() is first and first.isVisible()
    first.reject()
    second = dock.open_finetune_wizard()
    assert second is not first and second.currentId() == second.pictures_id
    qtbot.waitUntil(lambda: not isValid(first), timeout=WAIT)
    second.reject()
