"""The judge: learns labelled pictures, rejects what a person would not name, and measures models with them."""
import json

import numpy as np
import pytest
import torch

from artdesk.ml.canvas.data import load_data
from artdesk.ml.canvas.judge import (Judge, JudgeConfig, diversity_ratio, mean_pairwise_distance, probabilities,
                                     recognised, train_judge, unrecognisable)
from artdesk.ml.canvas.judged import judge_lines, judge_report, sample_each_style
from artdesk.ml.canvas.model import GanConfig, Generator


def _shapes(folder, count=240):
    """Two classes a person tells apart at once: dark discs and dark bars, at random places."""
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(0)
    images = np.empty((count, 64, 64, 3), np.uint8)
    for i in range(count):
        image = Image.new("RGB", (64, 64), "white")
        draw = ImageDraw.Draw(image)
        x, y = (int(v) for v in rng.integers(8, 40, 2))
        if i % 2 == 0:
            draw.ellipse([x, y, x + 18, y + 18], fill=(20, 20, 20))
        else:
            draw.rectangle([x, 4, x + 6, 60], fill=(20, 20, 20))
        images[i] = np.asarray(image)
    heldout = np.zeros(count, bool)
    heldout[::6] = True
    folder.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(folder / "canvas64.npz", images=images, styles=(np.arange(count) % 2).astype(np.uint8),
                        heldout=heldout)
    (folder / "manifest.json").write_text(json.dumps({"set": "shapes", "classes": ["disc", "bar"]}))
    return load_data(folder)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    torch.set_num_threads(1)
    data = _shapes(tmp_path_factory.mktemp("shapes"))
    judge, scores = train_judge(data, minutes=30, width=4, batch=32, log=lambda _m: None, max_steps=300)
    return data, judge, scores


def test_the_judge_learns_the_classes_and_rejects_blobs(trained):
    data, judge, scores = trained
    assert scores["heldout_recognised"] > 0.8
    assert scores["negatives_rejected"] > 0.5
    assert judge.config.classes == ["disc", "bar"]


def test_negatives_keep_the_batch_shape_and_differ_from_the_pictures():
    real = torch.rand(8, 3, 64, 64) * 2 - 1
    out = unrecognisable(real, torch.zeros(4, 3, 64, 64), torch.Generator().manual_seed(0))
    assert out.shape == real.shape
    assert not torch.allclose(out, real)


def test_recognised_needs_the_intended_class_with_confidence():
    probs = np.array([[0.9, 0.05, 0.05], [0.4, 0.3, 0.3], [0.1, 0.8, 0.1]])
    assert recognised(probs, np.array([0, 0, 0])) == pytest.approx(1 / 3)
    assert recognised(probs, np.array([0, 1, 1])) == pytest.approx(2 / 3)


def test_one_picture_repeated_has_no_diversity():
    same = np.ones((10, 4))
    varied = np.random.default_rng(0).normal(size=(10, 4))
    labels = np.zeros(10, int)
    assert mean_pairwise_distance(same) == 0
    assert diversity_ratio(same, labels, varied, labels) == 0
    assert diversity_ratio(varied, labels, varied, labels) == pytest.approx(1.0)


def test_judge_report_of_a_model(trained):
    data, judge, _scores = trained
    torch.manual_seed(0)
    model = Generator(GanConfig(latent_dim=16, styles=2, style_dim=4, width=4)).eval()
    images, styles = sample_each_style(model, 10, 2)
    assert images.shape == (10, 64, 64, 3) and list(styles[:4]) == [0, 1, 0, 1]
    scores = judge_report(model, judge, data, 20)
    assert scores["recognisable_heldout"] > 0.8
    assert scores["recognisable"] < scores["recognisable_heldout"]  # an untrained generator draws no discs or bars
    assert scores["judge_kid"] > scores["judge_kid_floor_train_vs_heldout"]
    lines = judge_lines(scores, 0.004).splitlines()
    assert lines[0].startswith("recognisable: ") and "(held-out real pictures: " in lines[0]
    assert lines[1].startswith("diversity: ") and lines[1].endswith(" of real")
    assert lines[2] == "too close: 0.4%"


def test_probabilities_sum_to_one():
    judge = Judge(JudgeConfig(classes=["a", "b"], width=4)).eval()
    probs = probabilities(judge, np.zeros((3, 64, 64, 3), np.uint8))
    assert probs.shape == (3, 3) and np.allclose(probs.sum(1), 1)


def test_shape_diversity_sees_one_repeated_picture_however_the_judge_names_it(trained):
    from artdesk.ml.canvas.judged import real_shape_features, shape_diversity

    data, _judge, _scores = trained
    real = real_shape_features(data, count=24)
    heldout, styles = data.split(heldout=True)
    assert shape_diversity(heldout[:24], styles[:24], real) == pytest.approx(1.0, abs=0.15)
    repeated = np.repeat(heldout[:1], 24, axis=0)  # one picture, 24 times
    assert shape_diversity(repeated, styles[:1].repeat(24), real) < 0.05
