import numpy as np
import pytest
import torch

from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.checkpoint import load_checkpoint
from artdesk.ml.style.apply import apply_stylizer, stylize
from artdesk.ml.style.model import Stylizer, StylizerConfig
from artdesk.ml.style.requests import StyleControls
from artdesk.ml.style.train import TrainRequest, train_stylizer


def _request(tmp_path, picture, style_picture, **changes):
    base = dict(name="stripes", out_dir=str(tmp_path / "style" / "stripes"), style_pictures=(style_picture,),
                content=(picture,), held_out=(picture,), steps=6, crop=32, batch=1, width=4, residual_blocks=1, device="cpu",
                method="gram")
    base.update(changes)
    return TrainRequest(**base)


def test_stylizer_handles_any_size():
    torch.manual_seed(0)
    model = Stylizer(StylizerConfig(width=4, residual_blocks=1)).eval()
    with torch.no_grad():
        for size in ((33, 50), (64, 64), (17, 9)):
            out = model(torch.rand(1, 3, *size))
            assert out.shape == (1, 3, *size) and 0 <= float(out.min()) and float(out.max()) <= 1


def test_train_writes_a_checkpoint_with_card_and_held_out_metrics(tmp_path, picture, style_picture):
    torch.manual_seed(0)
    ctx = RecordingContext()
    folder = train_stylizer(_request(tmp_path, picture, style_picture), ctx)
    checkpoint = load_checkpoint(folder)
    card = checkpoint.card.raw
    assert card["training"]["steps"] == 6 and card["config"]["width"] == 4
    for key in ("style_before", "style_after", "judge_before", "judge_after", "ssim", "edges"):
        assert np.isfinite(card["metrics"][key])
    assert (checkpoint.path / "style.png").is_file()
    assert not list((tmp_path / "style").glob(".*train-state*"))  # finished: no leftover state
    out = stylize(checkpoint.model, picture)
    assert out.shape == picture.shape
    assert ctx.partials and ctx.partials[0].dtype == np.uint8


def test_training_lowers_the_style_loss(tmp_path, picture, style_picture):
    torch.manual_seed(0)
    # judged on the held-out picture before and after, not on the last noisy 32 px batches
    folder = train_stylizer(_request(tmp_path, picture, style_picture, steps=60, lr=3e-2, width=8, lr_decay=False),
                            RecordingContext())
    metrics = load_checkpoint(folder).card.raw["metrics"]
    assert metrics["style_after"] < metrics["style_before"]


def test_cancel_keeps_state_writes_no_model_and_resumes(tmp_path, picture, style_picture):
    request = _request(tmp_path, picture, style_picture, steps=8)
    with pytest.raises(Cancelled):
        train_stylizer(request, RecordingContext(cancel_after=4))
    assert not (tmp_path / "style" / "stripes").exists()
    assert (tmp_path / "style" / ".stripes.train-state.pt").is_file()
    ctx = RecordingContext()
    train_stylizer(request, ctx)
    assert "step 5/8" in ctx.progress[0].message  # resumed after the 4 steps done before


def test_strength_zero_returns_the_picture_unchanged(tiny_stylizer, picture):
    model = load_checkpoint(tiny_stylizer).model
    rgba = np.concatenate([picture, np.full(picture.shape[:2] + (1,), 255, np.uint8)], axis=2)
    assert np.array_equal(apply_stylizer(model, rgba, StyleControls(strength=0.0)), rgba)
    full = apply_stylizer(model, rgba, StyleControls(strength=1.0, texture_scale=2.0))
    assert full.shape == rgba.shape and np.array_equal(full[..., 3], rgba[..., 3])
    assert not np.array_equal(full, rgba)


def test_continue_from_a_finished_checkpoint(tmp_path, picture, style_picture):
    from artdesk.core.errors import ArtdeskError

    first = train_stylizer(_request(tmp_path, picture, style_picture, steps=2, held_out=()), RecordingContext())
    again = _request(tmp_path, picture, style_picture, steps=4, held_out=(), out_dir=str(tmp_path / "style" / "more"), init_from=first)
    card = load_checkpoint(train_stylizer(again, RecordingContext())).card.raw
    assert card["training"]["steps"] == 4 and card["training"]["continued_from"] == first
    wider = _request(tmp_path, picture, style_picture, steps=4, width=6, out_dir=str(tmp_path / "style" / "w"), init_from=first)
    with pytest.raises(ArtdeskError, match="other settings"):
        train_stylizer(wider, RecordingContext())


def test_bounded_output_passes_gradient_beyond_the_clamp():
    from artdesk.ml.style.train import bounded_output

    torch.manual_seed(0)
    model = Stylizer(StylizerConfig(width=4, residual_blocks=1, upsample="nearest"))
    bias = model.up[-1][1].bias
    with torch.no_grad():
        bias.fill_(2.0)  # every pixel far above 1: a plain clamp passes no gradient at all
    image = torch.rand(2, 3, 16, 16)
    model(image).mean().backward()
    assert float(bias.grad.abs().sum()) == 0.0
    model.zero_grad()
    out, overshoot = bounded_output(model, image)
    assert float(out.detach().max()) <= 1.0 and overshoot.shape == (2,)
    assert torch.allclose(overshoot, model.unbounded(image).detach().sub(1).mean((1, 2, 3)))
    out.mean().backward()  # a loss that wants the picture darker reaches the saturated pixels
    assert (bias.grad > 0).all()  # gradient descent lowers the bias, back toward [0, 1]


def test_warmup_raises_the_learning_rate_linearly(tmp_path, picture, style_picture):
    from artdesk.ml.style.train import _schedule

    optimizer = torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=1.0)
    long_run = _request(tmp_path, picture, style_picture, steps=100000, lr=1e-3, warmup_steps=200, lr_decay=False)
    rates = []
    for step in (0, 99, 199, 5000):
        _schedule(optimizer, long_run, step, progress=0.5)
        rates.append(optimizer.param_groups[0]["lr"])
    assert rates == pytest.approx([1e-3 / 200, 1e-3 / 2, 1e-3, 1e-3])
    short_run = _request(tmp_path, picture, style_picture, steps=50, lr=1e-3, lr_decay=False)
    _schedule(optimizer, short_run, 4, progress=0.1)  # short run: a fifth of its steps
    assert optimizer.param_groups[0]["lr"] == pytest.approx(1e-3 / 2)
    _schedule(optimizer, _request(tmp_path, picture, style_picture, steps=50, lr=1e-3, warmup_steps=0, lr_decay=False), 0, 0.0)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(1e-3)


def test_learning_rate_decays_to_a_tenth_over_the_run(tmp_path, picture, style_picture):
    from artdesk.ml.style.train import _schedule

    optimizer = torch.optim.Adam([torch.zeros(1, requires_grad=True)], lr=1.0)
    run = _request(tmp_path, picture, style_picture, steps=100000, lr=1e-3, warmup_steps=0)
    rates = []
    for progress in (0.0, 0.5, 1.0, 1.5):
        _schedule(optimizer, run, 5000, progress)
        rates.append(optimizer.param_groups[0]["lr"])
    assert rates == pytest.approx([1e-3, 0.55e-3, 1e-4, 1e-4])
