import numpy as np
import pytest
import torch

from artdesk.ml.style import features as feat


def test_committed_weights_match_the_seeds_and_checksum():
    weights = feat.generate_weights()
    assert feat.weights_digest(weights) == feat.WEIGHTS_SHA256
    loaded = feat.load_weights()
    assert set(loaded) == set(weights)
    for key in weights:
        assert np.array_equal(loaded[key].numpy(), weights[key])


def test_damaged_weights_are_refused(tmp_path, monkeypatch):
    from artdesk.core.errors import ArtdeskError

    bad = tmp_path / "features.safetensors"
    bad.write_bytes(b"not a safetensors file")
    monkeypatch.setattr(feat, "weights_path", lambda: bad)
    monkeypatch.setattr(feat, "_CACHE", {})
    with pytest.raises(ArtdeskError, match="missing or damaged"):
        feat.load_weights()


@pytest.mark.parametrize("kind", ["gram", "meanstd", "judge"])
def test_distance_is_zero_to_itself_and_grows_with_difference(kind):
    torch.manual_seed(0)
    net = feat.FeatureNet(kind)
    smooth = torch.linspace(0, 1, 48).view(1, 1, 1, 48).expand(1, 3, 48, 48).contiguous()
    noisy = torch.rand(1, 3, 48, 48)
    target = feat.style_stats(net, [smooth])
    assert float(feat.style_distance(net, smooth, target)) < 1e-6
    assert float(feat.style_distance(net, noisy, target)) > 0.05


def test_statistics_ignore_position_but_content_does_not():
    net = feat.FeatureNet("gram")
    image = torch.rand(1, 3, 64, 64)
    shifted = torch.roll(image, shifts=(16, 16), dims=(2, 3))
    target = feat.style_stats(net, [image])
    other = torch.linspace(0, 1, 64).view(1, 1, 1, 64).expand(1, 3, 64, 64).contiguous()
    assert float(feat.style_distance(net, shifted, target)) < 0.3 * float(feat.style_distance(net, other, target))
    content = net(image)
    assert float(feat.content_distance(net, shifted, content)) > 0.3


def test_the_shipped_method_is_the_requests_default():
    from artdesk.ml.style.custom import CustomStyleRequest
    from artdesk.ml.style.requests import OptimizeRequest
    from artdesk.ml.style.train import TrainRequest

    assert feat.SHIPPED_METHOD in feat.METHODS
    assert OptimizeRequest(None, ()).method == CustomStyleRequest("x", (), "").method == feat.SHIPPED_METHOD
    assert TrainRequest("x", "", (), ()).method == feat.SHIPPED_METHOD
