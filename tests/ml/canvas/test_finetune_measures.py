"""The three measures (diversity, likeness, copying), the snapshot score and the correspondence loss."""
import numpy as np
import pytest
import torch

from artdesk.ml.canvas.finetune import measures
from artdesk.ml.canvas.finetune.bench_set import draw_flower
from artdesk.ml.canvas.finetune.trainer import correspondence_loss


@pytest.fixture(scope="module")
def flowers():
    rng = np.random.default_rng(0)
    return np.stack([draw_flower(rng, 64) for _ in range(24)])


def test_diversity_is_zero_for_one_repeated_picture_and_positive_for_a_varied_set(flowers):
    judge = measures.Judge(flowers[:16], flowers[16:])
    repeated = judge.measure(np.repeat(flowers[:1], 16, axis=0))
    varied = judge.measure(flowers[16:])
    assert repeated.diversity == pytest.approx(0, abs=1e-6) and varied.diversity > 0
    assert measures.collapsed(repeated.diversity, judge.user_diversity)
    assert not measures.collapsed(varied.diversity, judge.user_diversity)


def test_copies_of_training_pictures_are_too_close_and_shown_as_the_nearest_pairs(flowers):
    judge = measures.Judge(flowers[:16], flowers[16:])
    copies = judge.measure(flowers[:8])
    assert copies.too_close == 1.0 and copies.closest_pairs[0][2] == pytest.approx(0, abs=1e-4)
    assert any(np.array_equal(copies.closest_pairs[0][0], t) for t in flowers[:16])
    assert judge.measure(flowers[16:]).too_close < 0.5


def test_likeness_is_lower_for_pictures_like_the_held_out_ones(flowers):
    judge = measures.Judge(flowers[:16], flowers[16:])
    noise = np.random.default_rng(1).integers(0, 256, (16, 64, 64, 3), dtype=np.uint8)
    rng = np.random.default_rng(5)
    fresh = np.stack([draw_flower(rng, 64) for _ in range(16)])
    assert judge.measure(fresh).kid < judge.measure(noise).kid


def test_a_snapshot_that_collapses_or_copies_gets_no_score():
    base = measures.Measure(diversity=8.0, kid=0.04, too_close=0.0, closest_pairs=[], kid_all=0.05)
    healthy = measures.Measure(diversity=4.0, kid=0.03, too_close=0.0, closest_pairs=[], kid_all=0.02)
    assert measures.snapshot_score(healthy, base, user_diversity=5.0) == pytest.approx(0.03)  # ranks by kid_all
    collapsed = measures.Measure(diversity=2.4, kid=0.01, too_close=0.0, closest_pairs=[], kid_all=0.01)
    copying = measures.Measure(diversity=4.0, kid=0.01, too_close=0.05, closest_pairs=[], kid_all=0.01)
    assert measures.snapshot_score(collapsed, base, 5.0) is None and measures.snapshot_score(copying, base, 5.0) is None


def test_the_feature_function_is_one_swappable_place(flowers):
    judge = measures.Judge(flowers[:16], flowers[16:], features=lambda images: images.reshape(len(images), -1)[:, :8]
                           .astype(np.float64))
    assert judge.train.shape == (16, 8) and judge.measure(flowers[:4]).diversity >= 0


def test_correspondence_loss_is_zero_when_the_batch_keeps_its_similarities():
    torch.manual_seed(0)
    source = [torch.randn(6, 4, 8, 8), torch.randn(6, 8)]
    assert correspondence_loss(source, [s.clone() for s in source]).item() == pytest.approx(0, abs=1e-6)
    collapsed = [s[:1].expand_as(s) + 0.01 * torch.randn_like(s) for s in source]
    assert correspondence_loss(source, collapsed).item() > 0.01
