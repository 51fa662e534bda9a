"""The fine-tune job on a tiny GAN: card and snapshots, cancel and resume, full disk, a vanishing folder, copying."""
import dataclasses
import errno
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from artdesk.core.digest import sha256_file
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.core.paths import app_paths
from artdesk.ml.canvas.finetune import run, snapshots
from artdesk.ml.canvas.finetune.pictures import PicturesMissing
from artdesk.ml.canvas.finetune.trainer import estimate
from artdesk.ml.checkpoint import load_checkpoint, load_training_state
from tests.ml.canvas.finetune_helpers import flowers, request, tiny_base


@pytest.fixture
def setup(tmp_path, monkeypatch):
    torch.set_num_threads(1)
    monkeypatch.setattr(run, "SNAPSHOT_SAMPLES", 16)
    monkeypatch.setattr(run, "FINAL_SAMPLES", 16)
    return tiny_base(tmp_path / "base"), flowers(tmp_path / "pictures", 8), tmp_path


class CancelAt(RecordingContext):
    """Cancels when the job reports reaching ``step``."""

    def __init__(self, step):
        super().__init__()
        self.step = step

    def report(self, fraction, message=""):
        super().report(fraction, message)
        if message.startswith(f"Step {self.step} "):
            self.cancel()


def _weights(model_dir):
    return load_checkpoint(model_dir).model.state_dict()


def test_finished_model_has_card_snapshots_and_differs_from_base(setup):
    base, files, tmp_path = setup
    broken = tmp_path / "pictures" / "broken.png"
    broken.write_bytes(b"\x89PNG not really")
    ctx = RecordingContext()
    folder = run.run_finetune(request([*files, str(broken)], base, source_note="drawn by me", licence_note="CC0"), ctx)
    snaps = [p for p in ctx.partials if isinstance(p, run.Snapshot)]
    preview, snaps = snaps[0], snaps[1:]  # the base model's strip first, before anything is measured
    assert preview.step == 0 and preview.kid is None and np.array_equal(preview.samples, snaps[0].samples)
    assert [s.step for s in snaps] == [0, 3, 6]
    assert snaps[0].samples.shape == (8, 64, 64, 3) and snaps[0].samples.dtype == np.uint8
    assert all(s.kid is not None and 0 <= s.too_close <= 1 and len(s.closest_pairs) == 4 for s in snaps)
    assert snaps[-1].loss_history and snaps[-1].loss_history[-1][0] == 6
    card = json.loads((folder / "card.json").read_text())
    assert card["parent"] == "tiny-gan" and "fine-tuned" in card["labels"]
    data = card["data"]
    assert data["count"] == 8 and data["heldout"] == 2 and data["source"] == "drawn by me" and data["licence"] == "CC0"
    assert {f["sha256"] for f in data["files"]} == {sha256_file(Path(f)) for f in files}
    assert data["skipped"][0]["name"] == "broken.png"
    training = card["training"]
    assert training["steps"] == 6 and training["device"] == "cpu" and training["seconds"] > 0
    assert training["settings"]["norm_only"]["value"] is True  # 6 training pictures
    assert training["settings"]["freeze_d_blocks"]["value"] == 3
    metrics = card["metrics"]
    assert metrics["kid_vs_heldout"] is not None and metrics["base_kid_vs_heldout"] is not None
    assert metrics["diversity"] > 0 and metrics["user_diversity"] > 0 and metrics["generated"] == run.FINAL_SAMPLES
    assert all(s.diversity > 0 and s.user_diversity == pytest.approx(metrics["user_diversity"], abs=1e-4) for s in snaps)
    assert snaps[0].base_kid is None and all(s.base_kid == snaps[0].kid for s in snaps[1:])
    assert not (folder / "originality.npz").exists()  # 8 pictures: too few to calibrate an index of their own
    after, before = _weights(folder), _weights(base)
    changed = [k for k in after if not torch.equal(after[k].float(), before[k].half().float())]  # saved as float16
    assert any("norm" in k for k in changed) and not any(k.startswith("to_rgb") for k in changed)  # norm-only
    listed = snapshots.list_snapshots(folder)
    assert [s.step for s in listed] == [0, 3, 6]
    assert [s.step for s in listed if s.is_best] == [training["model_step"]] and training["model_step"] > 0
    assert run.unfinished_runs(app_paths().user_models) == []
    assert not (run.runs_root(app_paths().user_models) / "mine" / "pictures.npz").exists()  # pixels not kept


def test_cancel_saves_state_and_the_same_request_resumes(setup):
    base, files, _ = setup
    req = request(files, base, steps=12, snapshot_every=6)
    with pytest.raises(Cancelled, match="Paused at step"):
        run.run_finetune(req, CancelAt(10))
    pending = run.unfinished_runs(app_paths().user_models)
    assert [p.name for p in pending] == ["mine"] and pending[0].step == 10 and pending[0].request == req
    with pytest.raises(ArtdeskError, match="other pictures or settings"):
        run.run_finetune(request(files[:5], base, steps=12, snapshot_every=6), RecordingContext())
    ctx = RecordingContext()
    folder = run.run_finetune(req, ctx)
    assert any("Resuming at step" in p.message for p in ctx.progress)
    assert [s.step for s in ctx.partials][:2] == [0, 6]  # saved snapshots are published again first
    assert json.loads((folder / "card.json").read_text())["training"]["steps"] == 12
    with pytest.raises(ArtdeskError, match="already have a canvas model named mine"):
        run.run_finetune(req, RecordingContext())


def test_full_disk_keeps_the_last_good_checkpoint(setup, monkeypatch):
    base, files, _ = setup
    req = request(files, base, steps=12, snapshot_every=6)
    with pytest.raises(Cancelled):
        run.run_finetune(req, CancelAt(10))
    state_path = run.runs_root(app_paths().user_models) / "mine" / "state.pt"
    good_step = load_training_state(state_path)["trainer"]["step"]

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    ctx = RecordingContext()
    with monkeypatch.context() as patch, pytest.raises(ArtdeskError, match="disk is full.*training is saved"):
        patch.setattr("artdesk.core.atomic.os.replace", full)  # every atomic save fails, as on a full disk
        run.run_finetune(req, ctx)
    assert any("disk is full" in p.message and "last good checkpoint is kept" in p.message for p in ctx.progress)
    assert load_training_state(state_path)["trainer"]["step"] == good_step  # intact, not half-written
    assert not list(state_path.parent.glob(".*.tmp"))
    folder = run.run_finetune(req, RecordingContext())
    assert json.loads((folder / "card.json").read_text())["training"]["steps"] == 12


def test_a_vanishing_folder_stops_with_a_message_and_keeps_the_state(setup):
    base, files, tmp_path = setup
    pictures = tmp_path / "pictures"

    class Unplug(RecordingContext):
        def publish(self, partial):
            super().publish(partial)
            if partial.step == 3 and pictures.exists():
                shutil.rmtree(pictures)

    with pytest.raises(PicturesMissing, match="no longer in .*Nothing trained is lost"):
        run.run_finetune(request(files, base), Unplug())
    assert run.unfinished_runs(app_paths().user_models)[0].step == 6  # saved at the check that found it gone
    flowers(pictures, 8)  # plugged back in: the same pictures
    folder = run.run_finetune(request(files, base), RecordingContext())
    assert json.loads((folder / "card.json").read_text())["training"]["steps"] == 6


def test_copying_warns_then_stops_early(setup, monkeypatch):
    base, files, _ = setup
    original = run.Judge.measure

    def copies(self, fake, pairs=4):
        return dataclasses.replace(original(self, fake, pairs), too_close=0.5)

    monkeypatch.setattr(run.Judge, "measure", copies)
    ctx = RecordingContext()
    folder = run.run_finetune(request(files, base, steps=30, snapshot_every=3), ctx)
    snaps = [p for p in ctx.partials if isinstance(p, run.Snapshot) and p.kid is not None]
    assert [s.step for s in snaps] == [0, 3, 6] and "starting to copy" in snaps[-1].copying_warning
    training = json.loads((folder / "card.json").read_text())["training"]
    assert training["stopped_early"] is True and training["steps"] == 6


def test_snapshots_can_be_marked_best_exported_and_deleted(setup, tmp_path):
    base, files, _ = setup
    folder = run.run_finetune(request(files, base), RecordingContext())
    snap3 = snapshots.snapshot_folder(snapshots.run_folder(folder), 3)
    from safetensors.torch import load_file

    snapshots.mark_best(folder, 3)
    assert [s.step for s in snapshots.list_snapshots(folder) if s.is_best] == [3]
    expected = load_file(str(snap3 / snapshots.WEIGHTS))
    assert all(torch.equal(v.half(), expected[k]) for k, v in _weights(folder).items() if v.is_floating_point())
    assert json.loads((folder / "card.json").read_text())["training"]["snapshot_step"] == 3
    exported = snapshots.export_snapshot(folder, 6, tmp_path / "exports")
    assert load_checkpoint(exported).card.parent == "tiny-gan" and exported.name == "mine-step6"
    snapshots.delete_snapshot(folder, 3)
    assert [s.step for s in snapshots.list_snapshots(folder)] == [0, 6]
    with pytest.raises(ArtdeskError, match="no snapshot at step 3"):
        snapshots.export_snapshot(folder, 3, tmp_path / "exports")


def test_estimate_times_real_steps(setup):
    base, files, _ = setup
    ctx = RecordingContext()
    guess = estimate(request(files, base, steps=500), ctx)
    assert guess.seconds_per_step > 0 and guess.steps == 500
    assert guess.total_seconds == pytest.approx(guess.seconds_per_step * 500)
    assert ctx.progress[-1].fraction == 1.0


def test_only_broken_pictures_is_a_clear_error(setup, tmp_path):
    base, _, _ = setup
    bad = []
    for i in range(3):
        path = tmp_path / f"bad{i}.png"
        path.write_bytes(b"nope")
        bad.append(str(path))
    with pytest.raises(ArtdeskError, match="None of the 3 pictures could be used"):
        run.run_finetune(request(bad, base), RecordingContext())


def test_three_pictures_are_enough(setup):
    base, files, _ = setup
    folder = run.run_finetune(request(files[:3], base, steps=2, snapshot_every=2), RecordingContext())
    card = json.loads((folder / "card.json").read_text())
    assert (card["data"]["train"], card["data"]["heldout"]) == (1, 2) and card["metrics"]["kid_vs_heldout"] is not None


def test_the_best_snapshot_is_kept_a_collapse_is_named_and_training_stops_early(setup, monkeypatch):
    base, files, _ = setup
    original = run.Judge.measure
    planned = iter([(0.05, 1.0), (0.03, 0.9), (0.01, 0.2), (0.04, 0.9)])  # (KID, share of the user's variety)

    def scripted(self, fake, pairs=4):
        kid, share = next(planned, (0.05, 1.0))
        return dataclasses.replace(original(self, fake, pairs), kid=kid, kid_all=kid,
                                   diversity=share * self.user_diversity, too_close=0.0)

    monkeypatch.setattr(run.Judge, "measure", scripted)
    ctx = RecordingContext()
    folder = run.run_finetune(request(files, base, steps=30, snapshot_every=3), ctx)
    snaps = [p for p in ctx.partials if isinstance(p, run.Snapshot)]
    assert snaps[0].step == 0 and snaps[0].kid is None  # the base model's strip, shown before anything is measured
    snaps = snaps[1:]
    assert [s.step for s in snaps] == [0, 3, 6, 9]  # 6 collapsed and 9 is worse than 3: two without a better one
    assert "all alike" in snaps[2].collapse_warning and "Keep the variety" in snaps[2].collapse_warning
    assert not snaps[1].collapse_warning and not snaps[3].collapse_warning
    assert any("all alike" in p.message for p in ctx.progress)
    training = json.loads((folder / "card.json").read_text())["training"]
    assert training["stopped_early"] is True and training["steps"] == 9 and training["model_step"] == 3
    snapshot_weights = snapshots.snapshot_folder(snapshots.run_folder(folder), 3) / snapshots.WEIGHTS
    from safetensors.torch import load_file

    kept = load_file(str(snapshot_weights))
    assert all(torch.equal(v.half(), kept[k]) for k, v in _weights(folder).items() if v.is_floating_point())
    assert [s.step for s in snapshots.list_snapshots(folder) if s.is_best] == [3]


def test_a_resumed_run_remembers_the_best_snapshot(setup, monkeypatch):
    base, files, _ = setup
    original = run.Judge.measure
    kids = iter([0.05, 0.01, 0.03, 0.04])  # the best is step 5, measured before the pause at step 10

    def scripted(self, fake, pairs=4):
        kid = next(kids, 0.05)
        return dataclasses.replace(original(self, fake, pairs), kid=kid, kid_all=kid, diversity=self.user_diversity,
                                   too_close=0.0)

    monkeypatch.setattr(run.Judge, "measure", scripted)
    req = request(files, base, steps=15, snapshot_every=5, stop_early=False)
    with pytest.raises(Cancelled):
        run.run_finetune(req, CancelAt(10))
    kept = run.runs_root(app_paths().user_models) / "mine"  # the cancelled run keeps its last good snapshot
    assert tuple(load_training_state(kept / "state.pt")["best"])[0] == 5
    assert (snapshots.snapshot_folder(kept, 5) / snapshots.WEIGHTS).is_file()
    folder = run.run_finetune(req, RecordingContext())
    training = json.loads((folder / "card.json").read_text())["training"]
    assert training["steps"] == 15 and training["model_step"] == 5


def test_a_fine_tune_indexes_the_users_pictures_for_check_originality(setup, tmp_path):
    from artdesk.core.cards import read_card
    from artdesk.core.originality import index_cards
    from artdesk.ml.originality import BoardRequest, Work, board_job

    base, _, _ = setup
    files = flowers(tmp_path / "twenty", 20)
    folder = run.run_finetune(request(files, base, name="twenty", steps=3, snapshot_every=3), RecordingContext())
    assert (folder / "originality.npz").is_file()
    base_index = base / "originality.npz"
    shutil.copy(folder / "originality.npz", base_index)  # the tiny base gets an index too (of the same flowers)
    cards = [read_card(folder, "user"), read_card(base, "user")]
    chain, note = index_cards(cards[0], cards)
    assert [c.name for c in chain] == ["twenty", "tiny-gan"] and "pictures it was fine-tuned on" in note
    from PIL import Image

    copy = tmp_path / "copy.png"
    Image.open(files[0]).resize((64, 64)).save(copy)
    work = Work("1", "canvas", "copy", str(copy), str(folder), also_dirs=(str(base),))
    answer = board_job(BoardRequest((work,)), RecordingContext()).originality["1"]
    assert answer.novelty == 0.0 and "your pictures" in answer.neighbours[0].caption
