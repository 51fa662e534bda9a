import json

import numpy as np
import pytest
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


@pytest.mark.parametrize("medium", ["oil", "watercolour", "pencil", "ink-wash"])
def test_generate_style_paints_in_each_medium(tmp_path, picture, medium, capsys):
    source, dest = tmp_path / "in.png", tmp_path / "out.png"
    Image.fromarray(picture).save(source)
    assert main(["generate", "style", str(source), str(dest), "--style", medium, "--detail", "0.8", "--seed", "3"]) == 0
    with Image.open(dest) as image:
        assert image.size == (picture.shape[1], picture.shape[0])
        record = json.loads(image.text["artdesk"])
    assert record["style"] == medium and record["detail"] == 0.8 and record["seed"] == 3


def test_unknown_style_gives_a_message(tmp_path, picture, capsys):
    source = tmp_path / "in.png"
    Image.fromarray(picture).save(source)
    assert main(["generate", "style", str(source), str(tmp_path / "o.png"), "--style", "nope"]) == 2
    err = capsys.readouterr().err
    assert "No style named 'nope'" in err and "ink-wash" in err


def test_self_test_jobs_and_demo_paint_in_the_media(tmp_path):
    from artdesk.core.jobs import RecordingContext, resolve_job
    from artdesk.ml.style import commands

    jobs = commands.self_test_jobs(type("P", (), {"bundled_models": tmp_path})())
    assert [title for title, _fn, _request in jobs] == ["style: paint in a medium", "style: repaint like a picture"]
    (_, paint, medium), (_, repaint, like) = jobs
    assert paint(medium, RecordingContext()).picture.shape == (128, 128, 3)
    repainted = resolve_job(repaint)(like, RecordingContext()).picture
    assert repainted.shape == (64, 64, 3) and not np.array_equal(repainted, like.picture)
    assert commands.demo_picture().shape == (256, 256, 3) and np.asarray(commands.demo_picture()).std() > 10
    written = commands.demo(tmp_path / "demo", RecordingContext())
    assert [p.name for p in written][1:] == ["style-oil.png", "style-watercolour.png", "style-pencil.png", "style-coloured-pencil.png", "style-ink-wash.png"]
