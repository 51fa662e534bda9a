import numpy as np
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.style import features as feat
from artdesk.ml.style.imaging import to_tensor
from artdesk.ml.style.optimize import optimize_job
from artdesk.ml.style.requests import OptimizeRequest, StyleControls
from artdesk.ml.style.train import style_targets


def test_optimisation_moves_toward_the_style_with_previews(picture, style_picture):
    import torch

    torch.manual_seed(0)
    ctx = RecordingContext()
    request = OptimizeRequest(picture, (style_picture,), steps=20, size=48, preview_every=5, method="gram", style_name="stripes")
    result = optimize_job(request, ctx)
    assert result.picture.shape == picture.shape and result.picture.dtype == np.uint8
    net = feat.FeatureNet("gram")
    target = style_targets(net, [style_picture])
    before = float(feat.style_distance(net, to_tensor(picture), target))
    after = float(feat.style_distance(net, to_tensor(result.picture), target))
    assert after < 0.7 * before
    assert [p.fraction for p in ctx.progress][-1] == 1.0
    assert len(ctx.partials) == 3 and ctx.partials[0].shape == (36, 48, 3)
    assert result.provenance["method"].startswith("optimisation")


def test_optimisation_cancel_stops_early(picture, style_picture):
    ctx = RecordingContext(cancel_after=3)
    with pytest.raises(Cancelled):
        optimize_job(OptimizeRequest(picture, (style_picture,), steps=50, size=32), ctx)
    assert len(ctx.progress) <= 4


def test_strength_zero_and_selection(picture, style_picture):
    unchanged = optimize_job(OptimizeRequest(picture, (style_picture,), StyleControls(strength=0.0), steps=2, size=32), RecordingContext())
    assert np.array_equal(unchanged.picture, picture)
    mask = np.zeros(picture.shape[:2], bool)
    mask[:, :20] = True
    inside = optimize_job(OptimizeRequest(picture, (style_picture,), mask=mask, steps=3, size=32), RecordingContext())
    assert np.array_equal(inside.picture[:, 20:], picture[:, 20:])
    assert not np.array_equal(inside.picture[:, :20], picture[:, :20])


def test_optimisation_bad_input(picture, style_picture):
    with pytest.raises(ArtdeskError, match="too small"):
        optimize_job(OptimizeRequest(picture, (style_picture[:8, :8],), steps=2), RecordingContext())
    with pytest.raises(ArtdeskError, match="zero pixels"):
        optimize_job(OptimizeRequest(picture, (style_picture,), mask=np.zeros(picture.shape[:2], bool), steps=2), RecordingContext())
    with pytest.raises(ArtdeskError, match="at least one style picture"):
        optimize_job(OptimizeRequest(picture, (), steps=2), RecordingContext())
