"""The shipped MobileNetV2 trunk: strict load, feature shapes, and that its features see photos as a person would.

The photos in ``pictures/`` are scikit-image's sample photos (chelsea, coffee: CC0; rocket,
astronaut: public domain), shrunk to 288 px JPEGs.
"""
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from artdesk.core.cards import read_card
from artdesk.core.jobs import Cancelled
from artdesk.core.paths import bundle_root
from artdesk.ml.checkpoint import load_checkpoint
from artdesk.ml.features.mobilenet import TAP_CHANNELS, MobileNetV2
from artdesk.ml.features.trunk import CHECKPOINT, gram, load_trunk, mean_std, trunk_features, trunk_maps

PICTURES = Path(__file__).parent / "pictures"
NAMES = ("chelsea", "coffee", "rocket", "astronaut")


def photo(name: str) -> np.ndarray:
    return np.asarray(Image.open(PICTURES / f"{name}.jpg").convert("RGB"))


def crops(picture: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two crops, each three quarters of the photo's height and width: the top-left and the bottom-right."""
    height, width, _ = picture.shape
    return picture[: height - height // 4, : width - width // 4], picture[height // 4 :, width // 4 :]


def cosine_distance(a: np.ndarray, b: np.ndarray) -> float:
    return 1.0 - float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_shipped_checkpoint_loads_strictly_and_records_its_agreement_with_the_original():
    folder = bundle_root() / "models" / CHECKPOINT
    checkpoint = load_checkpoint(folder, source="bundled")
    assert isinstance(checkpoint.model, MobileNetV2) and not checkpoint.model.training
    card = read_card(folder, "bundled")
    assert card.model_type == "features-mobilenet-v2" and card.domain == "features"
    assert "MIT" in card.licence and "nsfwjs" in card.raw["data"]["source"]
    assert card.metrics["agreement_pooled_relative"] < 1e-3
    assert card.metrics["agreement_low_relative"] < 1e-3


@pytest.mark.parametrize("layer", ["pooled", "mid"])
def test_features_are_finite_with_the_documented_width_for_any_picture_size(layer):
    pictures = [photo("chelsea")[:64, :64], photo("coffee")[:64, :64]]  # canvas-sized, upscaled to 224
    features = trunk_features(np.stack(pictures), layer)
    assert features.shape == (2, TAP_CHANNELS[layer]) and features.dtype == np.float32
    assert np.isfinite(features).all()
    big = trunk_features(photo("astronaut")[None], layer)  # 288 px, shrunk
    assert big.shape == (1, TAP_CHANNELS[layer])


def test_identical_pictures_give_identical_features_and_different_ones_differ():
    chelsea, coffee = photo("chelsea"), photo("coffee")
    features = trunk_features(np.stack([chelsea, chelsea, coffee]), batch_size=2)
    np.testing.assert_array_equal(features[0], features[1])
    assert cosine_distance(features[0], features[2]) > 0.05


@pytest.mark.parametrize("layer", ["pooled", "mid"])
def test_two_crops_of_one_photo_are_closer_than_crops_of_different_photos(layer):
    pairs = [crops(photo(name)) for name in NAMES]  # the photos differ in shape: one call per crop
    a = np.concatenate([trunk_features(first[None], layer) for first, _ in pairs])
    b = np.concatenate([trunk_features(second[None], layer) for _, second in pairs])
    for i, name in enumerate(NAMES):
        same = cosine_distance(a[i], b[i])
        others = [cosine_distance(a[i], b[j]) for j in range(len(NAMES)) if j != i]
        assert same < min(others), (name, same, others)


def test_cancel_is_checked_before_each_batch():
    calls = []

    def cancel_on_second_batch() -> bool:
        calls.append(1)
        return len(calls) == 2

    with pytest.raises(Cancelled):
        trunk_features(np.stack([photo("rocket")] * 3), batch_size=2, cancel_check=cancel_on_second_batch)
    assert len(calls) == 2


def test_wrong_inputs_are_refused():
    with pytest.raises(ValueError):
        trunk_features(photo("rocket")[None], layer="logits")
    with pytest.raises(ValueError):
        trunk_features(photo("rocket")[None].astype(np.float32))


def test_style_statistics_of_the_maps_carry_gradients_to_the_picture():
    load_trunk.cache_clear()
    trunk_features(photo("coffee")[None, :96, :96])  # the trunk cached by a no-grad call must still give gradients
    picture = torch.from_numpy(photo("coffee")[:96, :96].copy()).permute(2, 0, 1)[None].float().div(255)
    picture.requires_grad_(True)
    maps = trunk_maps(picture, ("low", "mid"))
    assert maps["low"].shape == (1, TAP_CHANNELS["low"], 56, 56) and maps["mid"].shape == (1, TAP_CHANNELS["mid"], 14, 14)
    statistics = mean_std(maps["mid"])
    assert statistics.shape == (1, 2 * TAP_CHANNELS["mid"])
    flat = maps["mid"].flatten(2)
    torch.testing.assert_close(statistics[:, : TAP_CHANNELS["mid"]], flat.mean(dim=2))
    grams = gram(maps["low"])
    assert grams.shape == (1, TAP_CHANNELS["low"], TAP_CHANNELS["low"])
    torch.testing.assert_close(grams, grams.transpose(1, 2))
    (statistics.square().sum() + grams.square().sum()).backward()
    assert picture.grad is not None and picture.grad.abs().sum() > 0
