"""The canvas CLI: generate a grid PNG with provenance, eval prints the metric table, demo writes files."""
import json

import pytest
from PIL import Image

from artdesk.core.cards import read_card
from artdesk.core.jobs import RecordingContext, resolve_job
from artdesk.ml.canvas import commands
from tests.ml.canvas.helpers import tiny_checkpoints, write_dataset


@pytest.fixture
def models(tmp_path):
    import torch

    torch.set_num_threads(1)
    return tiny_checkpoints(tmp_path / "models")


def test_generate_writes_a_grid_with_provenance(models, tmp_path):
    out = tmp_path / "grid.png"
    assert commands.main("generate", ["--model", str(models["gan"]), "--count", "5", "--style", "sketch",
                                      "--out", str(out)]) == 0
    with Image.open(out) as image:
        provenance = json.loads(image.text["artdesk"])
        assert image.size == (8 * 66 + 2, 66 + 2)
    assert provenance["style"] == "sketch" and provenance["count"] == 5


def test_eval_prints_kid_baselines_and_memorisation(models, tmp_path, capsys):
    data = write_dataset(tmp_path / "data", count=100)
    report_path = tmp_path / "report.json"
    assert commands.main("eval", [str(models["gan"]), "--vae", str(models["vae"]), "--count", "60",
                                  "--data", str(data), "--json", str(report_path)]) == 0
    text = capsys.readouterr().out
    assert "floor: train vs held-out" in text and "PCA Gaussian" in text and "(VAE)" in text
    assert "too-close rate" in text
    report = json.loads(report_path.read_text())
    # an untrained tiny GAN is far worse than the floor
    assert report["model"]["kid_vs_heldout"] > report["model"]["kid_floor_train_vs_heldout"]


def test_eval_writes_its_numbers_and_command_into_the_cards(models, tmp_path):
    data = write_dataset(tmp_path / "data", count=100)
    assert commands.main("eval", [str(models["gan"]), "--vae", str(models["vae"]), "--count", "40",
                                  "--data", str(data), "--write-card"]) == 0
    for name, baseline in (("gan", True), ("vae", False)):
        metrics = json.loads((models[name] / "card.json").read_text())["metrics"]
        assert metrics["generated"] == 40 and metrics["train_pictures_compared"] == 80
        assert set(metrics["kid_vs_heldout_per_style"]) <= {"clipart", "emoji", "sketch", "sprite"}
        assert ("kid_pca_gaussian_baseline" in metrics) == baseline
        assert metrics["evaluation_command"].startswith("artdesk eval image ") and "--count 40" in metrics["evaluation_command"]


def test_unknown_model_and_finetune_say_what_to_do(models, capsys):
    from artdesk.core.errors import ArtdeskError

    with pytest.raises(ArtdeskError, match="artdesk models"):
        commands.main("generate", ["--model", "no-such-model"])
    assert commands.main("finetune", []) == 2
    assert "--name for the new model" in capsys.readouterr().err


def test_demo_writes_grids_walk_and_upscale(models, tmp_path, monkeypatch):
    monkeypatch.setattr(commands, "_any_generator", lambda name: models["gan"])
    real_find = commands.find_model
    monkeypatch.setattr(commands, "find_model",
                        lambda name, domain, kind: read_card(models["upscaler"]) if kind == "canvas-upscaler"
                        else real_find(name, domain, kind))
    written = commands.demo(tmp_path / "demo", RecordingContext())
    names = sorted(p.name for p in written)
    assert names == sorted(["grid-clipart.png", "grid-emoji.png", "grid-sketch.png", "grid-sprite.png", "walk.gif",
                            "upscale-nearest-vs-learned.png"])


def test_self_test_jobs_run_one_job_per_bundled_model(models, tmp_path):
    from artdesk.core.paths import AppPaths

    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "models", tmp_path / "r")
    jobs = commands.self_test_jobs(paths)
    assert len(jobs) == 4 and jobs[-1][0] == "canvas: start a fine-tune of tiny-gan"
    for _title, job, request in jobs:  # a job's name, as the self-test's runner resolves it on its worker
        assert resolve_job(job)(request, RecordingContext()) is not None
    from artdesk.core.paths import app_paths
    from artdesk.ml.canvas.finetune.run import runs_root

    assert not (runs_root(app_paths().user_models) / commands.SELF_TEST_RUN).exists()  # the paused run is discarded
    empty = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "none", tmp_path / "r")
    [(_title, fn, request)] = commands.self_test_jobs(empty)
    with pytest.raises(Exception, match="No bundled canvas model"):
        fn(request, RecordingContext())
