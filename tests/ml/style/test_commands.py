import json

import numpy as np
from PIL import Image

from artdesk.cli import main
from artdesk.core.paths import app_paths
from tests.ml.style.conftest import make_tiny_stylizer


def test_generate_style_writes_a_picture_with_provenance(tmp_path, picture, capsys):
    make_tiny_stylizer(app_paths().user_models / "style" / "tiny")
    source, dest = tmp_path / "in.png", tmp_path / "out.png"
    Image.fromarray(picture).save(source)
    assert main(["generate", "style", str(source), str(dest), "--style", "tiny", "--strength", "0.5"]) == 0
    with Image.open(dest) as image:
        assert image.size == (picture.shape[1], picture.shape[0])
        assert json.loads(image.text["artdesk"])["style"] == "tiny"


def test_unknown_style_and_missing_presets_give_messages(tmp_path, picture, capsys):
    source = tmp_path / "in.png"
    Image.fromarray(picture).save(source)
    assert main(["generate", "style", str(source), str(tmp_path / "o.png"), "--style", "nope"]) == 2
    assert "No style named 'nope'" in capsys.readouterr().err
    assert main(["eval", "style", "--models", str(tmp_path), "--content", str(tmp_path)]) == 2
    assert "prepare" in capsys.readouterr().err


def test_self_test_jobs_and_demo_use_bundled_presets(tmp_path):
    from artdesk.core.jobs import RecordingContext
    from artdesk.ml.style import commands

    bundled = tmp_path / "bundled"
    make_tiny_stylizer(bundled / "style" / "oil", name="oil")
    jobs = commands.self_test_jobs(type("P", (), {"bundled_models": bundled})())
    assert len(jobs) == 1
    title, fn, request = jobs[0]
    assert fn(request, RecordingContext()).picture.shape == (128, 128, 3)
    assert commands.demo_picture().shape == (256, 256, 3) and np.asarray(commands.demo_picture()).std() > 10
