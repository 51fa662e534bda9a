import json

import numpy as np
from PIL import Image

from artdesk.ml.checkpoint import load_checkpoint
from artdesk.ml.style import train_presets


def _content(folder, picture):
    folder.mkdir()
    files = []
    for name, split in (("a", "train"), ("b", "held_out")):
        Image.fromarray(picture).save(folder / f"{name}.png")
        files.append({"file": f"{name}.png", "split": split})
    manifest = {"source": "test", "licence": "test", "count": 2, "train": 1, "held_out": 1, "split": "a/b",
                "files_sha256": "x", "files": files}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_time_budgeted_training_then_eval_only(tmp_path, picture):
    _content(tmp_path / "content", picture)
    out = tmp_path / "out"
    args = ["--content", str(tmp_path / "content"), "--out", str(out), "--presets", "ink", "--minutes", "3",
            "--crop", "32", "--batch", "1", "--width", "4", "--steps", "3", "--no-eval", "--device", "cpu", "--method", "gram"]
    assert train_presets.main(args) == 0
    card = load_checkpoint(out / "ink").card.raw
    assert card["training"]["steps"] == 3 and "style_after" not in card["metrics"]
    assert card["labels"] == ["preset", "Ink brush"] and "train_presets" in card["training"]["command"]
    assert train_presets.main(args + ["--eval-only", "--eval-side", "32"]) == 0
    card = load_checkpoint(out / "ink").card.raw  # the weights still match their sha256
    assert np.isfinite(card["metrics"]["judge_after"]) and card["data"]["held_out_long_side"] == 32
