"""Training: time-budgeted, resumable, cancellable; ends in a loadable checkpoint whose card has held-out metrics."""
import json

import pytest
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.canvas import train
from artdesk.ml.canvas.losses import mode_seeking_loss
from artdesk.ml.checkpoint import load_checkpoint, load_training_state
from tests.ml.canvas.helpers import write_dataset


@pytest.fixture
def data(tmp_path):
    torch.set_num_threads(1)
    return write_dataset(tmp_path / "data", count=80)


def _request(kind, data, out, **kw):
    defaults = dict(minutes=0.004, device="cpu", batch=4, width=4, eval_count=24, save_every_s=0.0)
    defaults.update(kw)
    return train.TrainRequest(kind, str(data), str(out), name=kind, **defaults)


@pytest.mark.parametrize("kind", ["gan", "vae", "upscaler"])
def test_training_writes_a_checkpoint_with_metrics_and_resumes(kind, data, tmp_path):
    out = tmp_path / "out"
    ctx = RecordingContext()
    folder = train.TRAINERS[kind](_request(kind, data, out), ctx)
    card = json.loads((folder / "card.json").read_text())
    steps = card["training"]["steps"]
    assert steps > 0 and card["training"]["device"] == "cpu"
    if kind == "upscaler":
        assert set(card["metrics"]["clipart"]) == {"learned", "bicubic", "nearest"}
    else:
        assert card["metrics"]["kid_vs_heldout"] > 0 and "too_close_rate" in card["metrics"]
        assert card["metrics"]["heldout"] == 16
    load_checkpoint(folder)
    again = train.TRAINERS[kind](_request(kind, data, out), RecordingContext())
    assert json.loads((again / "card.json").read_text())["training"]["steps"] > steps  # resumed, not restarted


def test_gan_ships_its_discriminator_for_fine_tuning(data, tmp_path):
    from artdesk.ml.canvas.finetune.trainer import load_discriminator
    from artdesk.ml.canvas.model import Generator

    folder = train.train_gan(_request("gan", data, tmp_path / "out"), RecordingContext())
    checkpoint = load_checkpoint(folder)
    generator = Generator(checkpoint.config)
    generator.load_state_dict(checkpoint.model.state_dict())
    state = load_training_state(tmp_path / "out" / ".state" / "gan.pt")["discriminator"]
    discriminator, shipped = load_discriminator(folder, generator)
    assert shipped
    assert all(torch.equal(discriminator.state_dict()[k], v) for k, v in state.items())


def test_weights_are_saved_before_evaluation_which_is_not_counted_as_training(data, tmp_path, monkeypatch):
    out = tmp_path / "out"
    seen = {}
    original = train.metrics.evaluate_pictures

    def evaluate_and_look(*args, **kwargs):
        card = json.loads((out / "vae" / "card.json").read_text())  # already on disk, metrics pending
        seen.setdefault("pending", card)
        return original(*args, **kwargs)

    monkeypatch.setattr(train.metrics, "evaluate_pictures", evaluate_and_look)
    folder = train.train_vae(_request("vae", data, out), RecordingContext())
    final = json.loads((folder / "card.json").read_text())
    assert "pending" in seen["pending"]["metrics"] and "kid_vs_heldout" in final["metrics"]
    assert final["training"]["seconds"] == seen["pending"]["training"]["seconds"]


def test_cancel_saves_state_then_stops(data, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        train.train_vae(_request("vae", data, out, minutes=5), RecordingContext(cancel_after=1))
    assert (out / ".state" / "vae.pt").is_file()
    assert not (out / "vae").exists()


def test_diff_augment_keeps_shape_and_changes_pictures():
    torch.manual_seed(0)
    x = torch.rand(4, 3, 64, 64) * 2 - 1
    y = train.diff_augment(x)
    assert y.shape == x.shape and not torch.equal(x, y)


def test_mode_seeking_loss_punishes_a_generator_that_ignores_z():
    z = torch.randn(8, 16)
    collapsed = torch.zeros(8, 3, 8, 8).add_(0.3)  # every latent gives the same picture
    diverse = torch.randn(8, 3, 8, 8)
    collapsed_loss, collapsed_ratio = mode_seeking_loss(z, collapsed)
    diverse_loss, diverse_ratio = mode_seeking_loss(z, diverse)
    assert float(collapsed_ratio) == 0.0 and float(diverse_ratio) > 0.5
    assert float(collapsed_loss) > 1000 * float(diverse_loss)
    single_loss, _ = mode_seeking_loss(z[:1], diverse[:1])  # one picture per process: no term, no NaN
    assert float(single_loss) == 0.0



def test_a_32_px_gan_trains_and_its_card_says_so(data, tmp_path):
    folder = train.train_gan(_request("gan", data, tmp_path / "out", image_size=32), RecordingContext())
    checkpoint = load_checkpoint(folder)
    assert checkpoint.config.image_size == 32
    assert checkpoint.model.synthesize(torch.randn(2, checkpoint.config.latent_dim), torch.tensor([0, 1])).shape[-1] == 64


def test_state_saved_before_ink_existed_resumes_into_an_ink_model():
    from artdesk.ml.canvas.model import GanConfig

    old = {"latent_dim": 128, "styles": 3, "style_dim": 32, "width": 12, "image_size": 64}
    assert train.same_architecture(old, GanConfig(styles=3, width=12, ink=True))
    assert not train.same_architecture(old, GanConfig(styles=3, width=8, ink=True))
    assert not train.same_architecture(None, GanConfig())


def test_snapshots_are_kept_ranked_by_the_judge_and_the_best_ships(data, tmp_path):
    from artdesk.ml.canvas.data import load_data
    from artdesk.ml.canvas.judge import Judge, JudgeConfig
    from artdesk.ml.canvas.snapshots import rank, ship

    out = tmp_path / "out"
    train.train_gan(_request("gan", data, out, minutes=0.03, snapshot_every=1, d_lr=1e-4), RecordingContext())
    snapshots = sorted((out / ".state" / "gan-snapshots").glob("step*.pt"))
    assert len(snapshots) >= 2
    assert load_training_state(snapshots[0])["step"] == 1
    pictures = load_data(data)
    judge = Judge(JudgeConfig(classes=list(pictures.classes), width=4)).eval()
    ranked = rank(out / ".state" / "gan-snapshots", judge, pictures, ink=False, log=lambda _m: None)
    assert len(ranked) == 2 * len(snapshots)  # the averaged and the last weights of each
    assert {weights for _p, weights, _s in ranked} == {"ema", "generator"}
    assert [s["score"] for _p, _w, s in ranked] == sorted((s["score"] for _p, _w, s in ranked), reverse=True)
    best, weights, scores = ranked[-1]
    folder = ship(best, weights, data, out, "gan", "python -m artdesk.ml.canvas.train gan ...", scores)
    card = json.loads((folder / "card.json").read_text())
    assert card["training"]["steps"] == load_training_state(best)["step"]
    assert card["metrics"]["snapshot"]["step"] == card["training"]["steps"]
    assert card["metrics"]["snapshot"]["weights"] in ("averaged weights", "last weights")
    assert card["training"]["command"].startswith("python -m artdesk.ml.canvas.train gan")
    load_checkpoint(folder)


def test_snapshots_of_a_set_without_a_judge_rank_by_shape_likeness(data, tmp_path):
    from artdesk.ml.canvas.data import load_data
    from artdesk.ml.canvas.snapshots import rank

    out = tmp_path / "out"
    train.train_gan(_request("gan", data, out, minutes=0.03, snapshot_every=1, d_lr=1e-4), RecordingContext())
    for extra in sorted((out / ".state" / "gan-snapshots").glob("step*.pt"))[2:]:
        extra.unlink()  # two snapshots are enough: the trunk's features are slow on a shared CPU
    ranked = rank(out / ".state" / "gan-snapshots", None, load_data(data), ink=False, log=lambda _m: None, count=24)
    assert len(ranked) == 4 and all(s["kid"] > 0 and s["diversity"] > 0 for _p, _w, s in ranked)
    assert [s["score"] for _p, _w, s in ranked] == sorted((s["score"] for _p, _w, s in ranked), reverse=True)
    assert all(s["score"] <= -s["kid"] + 1e-9 for _p, _w, s in ranked)  # a diversity shortfall only lowers it


def test_a_shipped_gan_continues_with_init_from_and_its_card_counts_on(data, tmp_path):
    first = train.train_gan(_request("gan", data, tmp_path / "a"), RecordingContext())
    before = json.loads((first / "card.json").read_text())["training"]
    ctx = RecordingContext()
    again = train.train_gan(_request("gan", data, tmp_path / "b", init_from=str(first)), ctx)
    after = json.loads((again / "card.json").read_text())["training"]
    assert after["steps"] > before["steps"] and after["seconds"] > before["seconds"]
    assert any("continuing" in p.message for p in ctx.progress)
    with pytest.raises(ArtdeskError, match="other settings"):
        train.train_gan(_request("gan", data, tmp_path / "c", init_from=str(first), width=8), RecordingContext())


def test_redraw_term_trains_an_encoder_that_resumes_and_is_not_shipped(data, tmp_path):
    out = tmp_path / "out"
    folder = train.train_gan(_request("gan", data, out, redraw=5.0), RecordingContext())
    state = load_training_state(out / ".state" / "gan.pt")
    assert "encoder" in state and "opt_e" in state
    card = json.loads((folder / "card.json").read_text())
    assert card["training"]["redraw"] == 5.0
    assert not any("encoder" in path.name for path in folder.iterdir())
    again = train.train_gan(_request("gan", data, out, redraw=5.0), RecordingContext())
    assert json.loads((again / "card.json").read_text())["training"]["steps"] > card["training"]["steps"]


def test_redraw_loss_trains_the_encoder_and_its_kl_is_zero_only_at_the_prior():
    from artdesk.ml.canvas.coverage import Encoder, redraw_loss
    from artdesk.ml.canvas.model import GanConfig, Generator

    torch.manual_seed(0)
    encoder = Encoder(latent_dim=8, width=4, image_size=32)
    generator = Generator(GanConfig(latent_dim=8, styles=2, style_dim=4, width=4, image_size=32))
    real = torch.rand(6, 3, 32, 32) * 2 - 1
    style = torch.tensor([0, 1, 0, 1, 0, 1])
    loss, l1, kl = redraw_loss(encoder, generator, real, style, kl_weight=1e-3)
    loss.backward()
    assert float(l1) > 0 and float(kl) > 0
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in encoder.to_stats.parameters())
    torch.nn.init.zeros_(encoder.to_stats.weight)
    torch.nn.init.zeros_(encoder.to_stats.bias)  # mean 0, log-variance 0: the prior itself
    _, _, kl_at_prior = redraw_loss(encoder, generator, real, style, kl_weight=1e-3)
    assert float(kl_at_prior) == pytest.approx(0.0, abs=1e-6)


def test_the_mode_seeking_halves_share_styles_at_every_step(data, tmp_path, monkeypatch):
    seen = []
    ctx = RecordingContext()

    class Recording(train.Generator):
        def forward(self, z, style):
            seen.append(style.clone())
            if len(seen) >= 3:  # three steps, however slow the machine: then cancel
                ctx.cancel()
            return super().forward(z, style)

    monkeypatch.setattr(train, "Generator", Recording)
    with pytest.raises(Cancelled):
        train.train_gan(_request("gan", data, tmp_path / "out", batch=6, minutes=60), ctx)
    steps = [s for s in seen if len(s) == 6]
    assert len(steps) >= 2  # the bug showed from the second step on
    assert all(torch.equal(s[:3], s[3:]) for s in steps)
