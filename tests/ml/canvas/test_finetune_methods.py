"""The fine-tune's ways of keeping the base model's variety: EWC (Li et al. 2020) and base pictures in the batch."""
import copy

import numpy as np
import pytest
import torch

from artdesk.ml.canvas.finetune import augment
from artdesk.ml.canvas.finetune.plan import Settings
from artdesk.ml.canvas.finetune.trainer import (
    Trainer,
    ewc_penalty,
    feature_mmd,
    fisher_information,
    load_discriminator,
    shrink,
    trunk_on,
    trunk_vectors,
)
from artdesk.ml.checkpoint import load_checkpoint
from tests.ml.canvas.finetune_helpers import tiny_base


@pytest.fixture
def models(tmp_path):
    torch.set_num_threads(1)
    base = tiny_base(tmp_path / "base")
    generator = load_checkpoint(base).model
    discriminator, _ = load_discriminator(base, generator)
    return generator, discriminator


def _trainer(generator, discriminator, **knobs):
    settings = Settings(steps=4, batch=4, lr=1e-3, freeze_d_blocks=1, norm_only=False, ema_decay=0.9, snapshot_every=2,
                        **knobs)
    images = np.random.default_rng(0).integers(0, 256, (6, 64, 64, 3), dtype=np.uint8)
    return Trainer(generator, discriminator, settings, images, seed=0, device=torch.device("cpu"))


def test_fisher_information_is_scaled_to_a_mean_of_one_and_the_penalty_grows_with_the_change(models):
    generator, discriminator = models
    params = [p for p in generator.parameters()]
    fisher = fisher_information(generator, discriminator, params, seed=0, batches=2, batch=4)
    assert torch.cat([f.flatten() for f in fisher.values()]).mean().item() == pytest.approx(1.0, rel=1e-4)
    trainer = _trainer(generator, discriminator, ewc=1.0)
    assert ewc_penalty(trainer.g, trainer.source, trainer.fisher).item() == 0
    trainer.step()
    first = ewc_penalty(trainer.g, trainer.source, trainer.fisher).item()
    assert first > 0
    with torch.no_grad():
        for p in trainer.g.parameters():
            p.add_(0.01)
    assert ewc_penalty(trainer.g, trainer.source, trainer.fisher).item() > first


def test_a_strong_ewc_weight_keeps_the_generator_nearer_the_base_model(models):
    def moved(**knobs):
        trainer = _trainer(*(copy.deepcopy(m) for m in models), **knobs)
        start = [p.detach().clone() for p in trainer.g.parameters()]
        for _ in range(4):
            trainer.step()
        return sum(float(((p.detach() - s) ** 2).sum()) for p, s in zip(trainer.g.parameters(), start))

    assert moved(ewc=1e4) < 0.5 * moved()


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_base_mix_puts_the_base_models_pictures_among_the_critics_real_ones(models, monkeypatch, share):
    trainer = _trainer(*(copy.deepcopy(m) for m in models), base_mix=share)
    monkeypatch.setattr(augment, "apply", lambda x, _params: x)
    seen = []
    forward = trainer.d_train.forward

    def spy(x, style, reconstruct=False):
        if reconstruct:
            seen.append(x[: len(x) // 2].detach().clone())
        return forward(x, style, reconstruct=reconstruct)

    monkeypatch.setattr(trainer.d_train, "forward", spy)
    trainer.step()
    pictures = trainer.images.permute(0, 3, 1, 2).float() / 127.5 - 1
    pictures = torch.cat([pictures, pictures.flip(3)])
    is_user_picture = [bool(((pictures - real).abs().amax(dim=(1, 2, 3)) < 1e-6).any()) for real in seen[0]]
    assert is_user_picture == [share == 0.0] * len(seen[0])


def test_matching_gives_each_picture_the_latent_whose_sample_is_nearest_and_resumes_with_it(models):
    trainer = _trainer(*(copy.deepcopy(m) for m in models), reconstruct=5.0)
    trainer.step()
    codes = trainer.codes
    assert codes.shape == (len(trainer.images), trainer.g.config.latent_dim)
    style = torch.zeros(len(codes), dtype=torch.long)
    pictures = shrink(trainer.images.permute(0, 3, 1, 2).float() / 127.5 - 1).flatten(1)
    rng_before = trainer.rng.get_state()
    with torch.no_grad():
        matched = shrink(trainer.g(codes, style)).flatten(1)
        other = shrink(trainer.g(torch.randn(64, codes.shape[1], generator=torch.Generator().manual_seed(3)),
                                 torch.zeros(64, dtype=torch.long))).flatten(1)
    trainer.rng.set_state(rng_before)
    # one step moved the generator a little, so compare against fresh samples with a margin
    assert (torch.cdist(pictures, matched).diagonal() <= torch.cdist(pictures, other).min(1).values * 1.2).all()
    state = copy.deepcopy(trainer.state())  # as saved to disk: the live tensors go on changing
    losses = trainer.step()
    again = _trainer(*(copy.deepcopy(m) for m in models), reconstruct=5.0)
    again.load(state)
    assert torch.equal(again.codes, codes)
    assert all(torch.isclose(a, b).all() for a, b in zip(again.step(), losses))


def test_correspondence_and_matching_train_together(models):
    trainer = _trainer(*(copy.deepcopy(m) for m in models), variety=10.0, reconstruct=1.0)
    d_loss, g_loss = trainer.step()
    assert torch.isfinite(d_loss) and torch.isfinite(g_loss)


def test_feature_mmd_is_lowest_for_the_pictures_own_kind_and_pushes_samples_apart():
    rng = torch.Generator().manual_seed(0)
    real = torch.randn(32, 16, generator=rng) + 2
    near = torch.randn(8, 16, generator=rng) + 2
    far = torch.randn(8, 16, generator=rng) - 2
    assert feature_mmd(near, real) < feature_mmd(far, real)
    same = near[:1].repeat(8, 1)  # one repeated sample: the fake-fake term makes it cost more than a varied set
    assert feature_mmd(same, real) > feature_mmd(near, real)


def test_the_resemble_term_moves_the_samples_toward_the_pictures_in_the_trunks_features(models):
    def distance_after(**knobs):
        trainer = _trainer(*(copy.deepcopy(m) for m in models), **knobs)
        for _ in range(3):
            trainer.step()
        z = torch.randn(8, trainer.g.config.latent_dim, generator=torch.Generator().manual_seed(1))
        with torch.no_grad():
            fake = trunk_vectors(trunk_on(trainer.device), trainer.g(z, torch.zeros(8, dtype=torch.long)))
            real = trunk_vectors(trunk_on(trainer.device), trainer.images.permute(0, 3, 1, 2).float() / 127.5 - 1)
        return float(feature_mmd(fake, real))

    trainer = _trainer(*(copy.deepcopy(m) for m in models), resemble=10.0)
    assert len(trainer.targets) == 2 * len(trainer.images)  # each picture and its mirror image
    assert distance_after(resemble=100.0) < distance_after()
