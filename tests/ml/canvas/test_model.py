"""Canvas networks: shapes, ranges, checkpoint round trips through the registry."""
import pytest
import torch

from artdesk.ml.canvas.model import (
    Discriminator,
    DiscriminatorConfig,
    GanConfig,
    Generator,
    Upscaler,
    UpscalerConfig,
    Vae,
    VaeConfig,
)
from artdesk.ml.checkpoint import load_checkpoint
from tests.ml.canvas.helpers import tiny_checkpoints


@pytest.fixture(autouse=True)
def seeded():
    torch.manual_seed(0)
    torch.set_num_threads(1)


def test_generator_makes_pictures_per_style():
    g = Generator(GanConfig(latent_dim=16, style_dim=4, width=4)).eval()
    z = torch.randn(3, 16)
    with torch.no_grad():
        out = g.synthesize(z, torch.tensor([0, 1, 2]))
        other = g.synthesize(z, torch.tensor([3, 3, 3]))
    assert out.shape == (3, 3, 64, 64) and out.abs().max() <= 1
    assert not torch.allclose(out, other)  # the style changes the picture


def test_discriminator_logits_and_reconstructions():
    d = Discriminator(DiscriminatorConfig(width=4))
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    logits, whole, part, quadrant = d(x, torch.tensor([0, 1]), reconstruct=True)
    assert logits.shape == (2,) and whole.shape == (2, 3, 32, 32) and part.shape == (2, 3, 32, 32)
    assert 0 <= quadrant < 4
    assert d(x, torch.tensor([0, 1])).shape == (2,)


def test_vae_encodes_and_decodes():
    vae = Vae(VaeConfig(latent_dim=16, style_dim=4, width=4)).eval()
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    mu, logvar = vae.encode(x)
    assert mu.shape == (2, 16) and logvar.shape == (2, 16)
    recon, _, _ = vae(x, torch.tensor([0, 2]))
    assert recon.shape == x.shape


def test_upscaler_doubles_and_starts_near_bicubic():
    up = Upscaler(UpscalerConfig(width=8, blocks=1)).eval()
    x = torch.rand(1, 3, 16, 16) * 2 - 1
    with torch.no_grad():
        assert up(x).shape == (1, 3, 32, 32)


def test_checkpoints_round_trip(tmp_path):
    paths = tiny_checkpoints(tmp_path)
    z = torch.randn(2, 16)
    style = torch.tensor([0, 1])
    for kind in ("gan", "vae"):
        loaded = load_checkpoint(paths[kind])
        assert loaded.card.model_type == f"canvas-{kind}"
        again = load_checkpoint(paths[kind])
        with torch.no_grad():
            assert torch.equal(loaded.model.synthesize(z, style), again.model.synthesize(z, style))
    assert load_checkpoint(paths["upscaler"]).card.model_type == "canvas-upscaler"


def test_ink_models_draw_grey_ink_with_clean_edges():
    import torch

    from artdesk.ml.canvas.model import GanConfig, Generator, ink_edges

    x = torch.tensor([[-0.9, -0.2, 0.2, 0.9]]).view(1, 1, 1, 4).expand(1, 3, 1, 4).clone()
    x[:, 0] += 0.1  # a tint
    y = ink_edges(x)
    assert torch.equal(y[:, 0], y[:, 1]) and torch.equal(y[:, 1], y[:, 2])  # grey
    assert y[0, 0, 0, 0] < -0.95 and y[0, 0, 0, 3] > 0.95  # dark ink darker, paper whiter
    assert (y[0, 0, 0].diff() > 0).all()  # order kept
    torch.manual_seed(0)
    config = GanConfig(latent_dim=8, styles=2, style_dim=4, width=4, ink=True)
    pictures = Generator(config).eval().synthesize(torch.randn(2, 8), torch.tensor([0, 1]))
    assert torch.equal(pictures[:, 0], pictures[:, 2])


def test_minibatch_spread_is_zero_for_one_repeated_picture_and_feeds_the_logit():
    import torch

    from artdesk.ml.canvas.model import Discriminator, DiscriminatorConfig, batch_spread

    features = torch.randn(8, 6, 4, 4)
    assert batch_spread(features).shape == (8, 1) and (batch_spread(features) > 0).all()
    assert torch.equal(batch_spread(features[:1].expand(8, -1, -1, -1)), torch.zeros(8, 1))
    assert batch_spread(features[:5]).shape == (5, 1)  # a batch that groups of 4 do not divide
    torch.manual_seed(0)
    d = Discriminator(DiscriminatorConfig(styles=2, width=4, minibatch_std=True)).eval()
    style = torch.zeros(4, dtype=torch.long)
    same = torch.randn(1, 3, 64, 64).expand(4, -1, -1, -1)
    varied = same + torch.randn(4, 3, 64, 64)
    assert not torch.allclose(d(varied, style)[:1], d(torch.cat([varied[:1]] * 4), style)[:1])
