"""The picture metric: KID in frozen random features rises with blur and noise, ignores order; memorisation check."""
import hashlib

import numpy as np
import pytest
from PIL import Image, ImageFilter

from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas import eval as metrics
from tests.ml.canvas.helpers import synthetic_pictures


@pytest.fixture(scope="module")
def nets():
    import torch

    torch.set_num_threads(1)
    return metrics.load_feature_nets("cpu")


@pytest.fixture(scope="module")
def sets(nets):
    reference = synthetic_pictures(300, seed=1)
    same = synthetic_pictures(300, seed=2)
    return reference, same, metrics.FeatureSet(nets, reference)


def _blur(images, radius):
    return np.stack([np.asarray(Image.fromarray(im).filter(ImageFilter.GaussianBlur(radius))) for im in images])


def _noise(images, sigma, seed=0):
    rng = np.random.default_rng(seed)
    return np.clip(images + rng.normal(0, sigma, images.shape), 0, 255).astype(np.uint8)


def _kid(nets, reference_features, images):
    return metrics.compare(metrics.FeatureSet(nets, images), reference_features)


def test_committed_weights_match_their_sha256():
    path = metrics.feature_weights_path()
    expected = path.with_suffix(".sha256").read_text().split()[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == expected


def test_changed_weights_are_refused(tmp_path):
    path = tmp_path / metrics.FEATURE_FILE
    metrics.make_feature_weights(path)
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(ArtdeskError, match="sha256"):
        metrics.load_feature_nets("cpu", path)


def test_regenerated_weights_are_identical(tmp_path):
    digest = metrics.make_feature_weights(tmp_path / metrics.FEATURE_FILE)
    assert digest == metrics.feature_weights_path().with_suffix(".sha256").read_text().split()[0]


def test_kid_rises_with_blur(nets, sets):
    _reference, same, features = sets
    scores = [_kid(nets, features, same if r == 0 else _blur(same, r)) for r in (0, 1, 2, 4)]
    assert scores == sorted(scores), scores
    assert scores[-1] > scores[0] + 0.01


def test_kid_rises_with_noise(nets, sets):
    _reference, same, features = sets
    scores = [_kid(nets, features, same if s == 0 else _noise(same, s)) for s in (0, 10, 30, 60)]
    assert scores == sorted(scores), scores
    assert scores[-1] > scores[0] + 0.01


def test_kid_does_not_depend_on_order(nets, sets):
    reference, same, features = sets
    shuffled = same[np.random.default_rng(5).permutation(len(same))]
    assert _kid(nets, features, same) == pytest.approx(_kid(nets, features, shuffled), abs=1e-12)
    reversed_ref = metrics.FeatureSet(nets, reference[::-1].copy())
    assert _kid(nets, features, same) == pytest.approx(_kid(nets, reversed_ref, same), abs=1e-12)


def test_kid_needs_two_pictures():
    with pytest.raises(ArtdeskError):
        metrics.kid(np.zeros((1, 4)), np.zeros((5, 4)))


def test_too_close_rate_flags_copies_of_training_pictures(nets):
    train = synthetic_pictures(200, seed=3)
    heldout = synthetic_pictures(100, seed=4)
    f_train = metrics.FeatureSet(nets, train).joined
    f_held = metrics.FeatureSet(nets, heldout).joined
    fresh = metrics.FeatureSet(nets, synthetic_pictures(100, seed=5)).joined
    copies = metrics.FeatureSet(nets, train[:100]).joined
    assert metrics.too_close_rate(f_train, f_held, copies) == 1.0
    assert metrics.too_close_rate(f_train, f_held, fresh) < 0.2


def test_density_and_coverage_are_high_for_the_same_distribution(nets):
    real = metrics.FeatureSet(nets, synthetic_pictures(200, seed=6)).joined
    same = metrics.FeatureSet(nets, synthetic_pictures(200, seed=7)).joined
    grey = metrics.FeatureSet(nets, np.full((200, 64, 64, 3), 128, np.uint8)).joined
    density, coverage = metrics.density_coverage(real, same)
    bad_density, bad_coverage = metrics.density_coverage(real, grey)
    assert coverage > 0.5 and density > 0.5
    assert bad_coverage < 0.05 and bad_density < density


def test_pca_gaussian_baseline_samples_look_like_pictures():
    train = synthetic_pictures(100, seed=8)
    samples = metrics.pca_gaussian_samples(train, 10, components=8)
    assert samples.shape == (10, 64, 64, 3) and samples.dtype == np.uint8
    assert abs(float(samples.mean()) - float(train.mean())) < 20
