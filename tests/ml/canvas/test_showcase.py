"""The pictures people look at: seeds 0-15 per style, as the app's grid draws them; 32 px generators."""
import numpy as np
import torch

from artdesk.core.jobs import RecordingContext
from artdesk.ml.canvas import generate
from artdesk.ml.canvas.model import Discriminator, DiscriminatorConfig, GanConfig, Generator
from artdesk.ml.canvas.requests import GenerateRequest
from artdesk.ml.canvas.showcase import seed_rows
from artdesk.ml.checkpoint import save_checkpoint


def test_seed_rows_show_what_the_app_draws_at_each_seed(tmp_path):
    torch.manual_seed(0)
    config = GanConfig(latent_dim=16, styles=3, style_dim=4, width=4)
    model = Generator(config).eval()
    path = save_checkpoint(model, tmp_path / "tiny", model_type="canvas-gan", config=config,
                           labels=["styles:kai,song,hei"], half=False)
    rows = seed_rows(model, 3, seeds=range(4))
    assert len(rows) == 3 and rows[0].shape == (4, 64, 64, 3)
    for seed in range(4):
        grid = generate.generate_grid(GenerateRequest(str(path), "song", seed=seed, count=2), RecordingContext())
        assert np.array_equal(grid.images[0], rows[1][seed])


def test_a_32_px_generator_trains_at_32_and_draws_at_64():
    torch.manual_seed(0)
    generator = Generator(GanConfig(latent_dim=16, styles=2, style_dim=4, width=4, image_size=32))
    discriminator = Discriminator(DiscriminatorConfig(styles=2, width=4, image_size=32))
    z, style = torch.randn(3, 16), torch.tensor([0, 1, 0])
    assert generator(z, style).shape == (3, 3, 32, 32)
    assert generator.synthesize(z, style).shape == (3, 3, 64, 64)
    logits, whole, part, _quadrant = discriminator(generator(z, style), style, reconstruct=True)
    assert logits.shape == (3,) and whole.shape == part.shape == (3, 3, 32, 32)
