"""Canvas jobs with a recording context: grid, vary, walk + GIF, breed, project (with cancel), upscale."""
import numpy as np
import pytest
import torch
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.canvas import generate
from artdesk.ml.canvas.requests import (
    BreedRequest,
    GenerateRequest,
    InterpolateRequest,
    ProjectRequest,
    UpscaleRequest,
    VaryRequest,
)
from tests.ml.canvas.helpers import synthetic_pictures, tiny_checkpoints


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    torch.set_num_threads(1)
    return {k: str(v) for k, v in tiny_checkpoints(tmp_path_factory.mktemp("models")).items()}


def test_grid_is_seeded_and_reports(models):
    ctx = RecordingContext()
    a = generate.generate_grid(GenerateRequest(models["gan"], "emoji", seed=3, count=20), ctx)
    b = generate.generate_grid(GenerateRequest(models["gan"], "emoji", seed=3, count=20), RecordingContext())
    c = generate.generate_grid(GenerateRequest(models["gan"], "emoji", seed=4, count=20), RecordingContext())
    assert len(a.images) == 20 and a.images[0].shape == (64, 64, 3) and a.images[0].dtype == np.uint8
    assert all(np.array_equal(x, y) for x, y in zip(a.images, b.images))
    assert not np.array_equal(a.images[0], c.images[0])
    assert ctx.progress[-1].fraction == 1.0 and len(ctx.progress) >= 3  # two batches plus done
    assert a.provenance[5] == {**a.provenance[5], "job": "generate", "style": "emoji", "seed": 3, "index": 5}


def test_grid_cancel_stops_between_batches(models):
    ctx = RecordingContext(cancel_after=1)
    with pytest.raises(Cancelled):
        generate.generate_grid(GenerateRequest(models["gan"], count=40), ctx)


def test_bad_requests_get_messages(models, tmp_path):
    with pytest.raises(ArtdeskError, match="between 1 and"):
        generate.generate_grid(GenerateRequest(models["gan"], count=0), RecordingContext())
    with pytest.raises(ArtdeskError, match="does not draw"):
        generate.generate_grid(GenerateRequest(models["gan"], style="cubism"), RecordingContext())
    with pytest.raises(ArtdeskError, match="does not exist"):
        generate.generate_grid(GenerateRequest(str(tmp_path / "gone")), RecordingContext())
    with pytest.raises(ArtdeskError, match="not a picture generator"):
        generate.generate_grid(GenerateRequest(models["upscaler"]), RecordingContext())
    with pytest.raises(ArtdeskError, match="this model needs 16"):
        generate.vary(VaryRequest(models["gan"], (0.0,) * 3), RecordingContext())


@pytest.mark.parametrize("kind", ["gan", "vae"])
def test_vary_keeps_the_original_first_and_strength_matters(models, kind):
    grid = generate.generate_grid(GenerateRequest(models[kind], seed=1, count=2), RecordingContext())
    weak = generate.vary(VaryRequest(models[kind], grid.latents[0], strength=0.05, count=4), RecordingContext())
    strong = generate.vary(VaryRequest(models[kind], grid.latents[0], strength=2.0, count=4), RecordingContext())
    assert np.abs(weak.images[0].astype(int) - grid.images[0]).max() <= 1
    near = np.mean([np.abs(im.astype(int) - grid.images[0]).mean() for im in weak.images[1:]])
    far = np.mean([np.abs(im.astype(int) - grid.images[0]).mean() for im in strong.images[1:]])
    assert far > near


def test_walk_goes_from_one_pick_to_the_other_and_writes_a_gif(models, tmp_path):
    grid = generate.generate_grid(GenerateRequest(models["gan"], seed=2, count=2), RecordingContext())
    gif = tmp_path / "walk.gif"
    walk = generate.interpolate(InterpolateRequest(models["gan"], grid.latents[0], grid.latents[1], frames=6,
                                                   gif_path=str(gif), upscale=2), RecordingContext())
    assert len(walk.images) == 6 and walk.files == [str(gif)]
    assert np.abs(walk.images[0].astype(int) - grid.images[0]).max() <= 1
    assert np.abs(walk.images[-1].astype(int) - grid.images[1]).max() <= 1
    with Image.open(gif) as image:
        assert image.n_frames == 10 and image.size == (128, 128)  # there and back again


def test_walk_between_styles(models):
    grid = generate.generate_grid(GenerateRequest(models["gan"], seed=2, count=1), RecordingContext())
    walk = generate.interpolate(InterpolateRequest(models["gan"], grid.latents[0], grid.latents[0], "clipart",
                                                   "sprite", frames=3), RecordingContext())
    end = generate.generate_grid(GenerateRequest(models["gan"], "sprite", seed=2, count=1), RecordingContext())
    assert np.abs(walk.images[-1].astype(int) - end.images[0]).max() <= 1
    assert np.abs(walk.images[0].astype(int) - grid.images[0]).max() <= 1


def test_breed_mixes_parents(models):
    grid = generate.generate_grid(GenerateRequest(models["gan"], seed=5, count=3), RecordingContext())
    children = generate.breed(BreedRequest(models["gan"], tuple(grid.latents), mutation=0.0, seed=1, count=5),
                              RecordingContext())
    assert len(children.images) == 5
    parents = np.array(grid.latents)
    for latent, prov in zip(children.latents, children.provenance):
        weights = np.array(prov["parent_weights"])
        assert weights.sum() == pytest.approx(1.0, abs=0.01)
        mix = weights @ parents
        cos = np.dot(mix, latent) / np.linalg.norm(mix) / np.linalg.norm(latent)
        assert cos > 0.99
    with pytest.raises(ArtdeskError, match="two parents"):
        generate.breed(BreedRequest(models["gan"], (grid.latents[0],)), RecordingContext())


@pytest.mark.parametrize("kind", ["gan", "vae"])
def test_projection_gets_closer_and_publishes_previews(models, kind):
    drawing = synthetic_pictures(1, seed=9)[0]
    rgba = np.dstack([drawing, np.full(drawing.shape[:2], 255, np.uint8)])
    start = generate.project(ProjectRequest(models[kind], rgba, steps=0), RecordingContext())
    ctx = RecordingContext()
    refined = generate.project(ProjectRequest(models[kind], rgba, steps=30), ctx)
    assert refined.provenance[0]["distance"] < start.provenance[0]["distance"]
    assert len(ctx.partials) == 6 and ctx.partials[0].provenance[0]["preview"]
    assert refined.images[1].shape == (64, 64, 3)


def test_projection_cancels(models):
    drawing = synthetic_pictures(1, seed=9)[0]
    with pytest.raises(Cancelled):
        generate.project(ProjectRequest(models["gan"], drawing, steps=500), RecordingContext(cancel_after=5))


def test_projection_refuses_bad_drawings(models):
    with pytest.raises(ArtdeskError, match="too small"):
        generate.project(ProjectRequest(models["vae"], np.zeros((1, 1, 4), np.uint8)), RecordingContext())
    with pytest.raises(ArtdeskError, match="RGB or RGBA"):
        generate.project(ProjectRequest(models["vae"], np.zeros((8, 8), np.uint8)), RecordingContext())


def test_upscale_learned_and_nearest(models):
    picture = synthetic_pictures(1, seed=3)[0]
    nearest = generate.upscale(UpscaleRequest(picture, 4, "nearest"), RecordingContext())
    learned = generate.upscale(UpscaleRequest(picture, 4, "learned", models["upscaler"]), RecordingContext())
    assert nearest.shape == learned.shape == (256, 256, 3)
    assert np.array_equal(nearest[::4, ::4], picture)
    with pytest.raises(ArtdeskError, match="exceed"):
        generate.upscale(UpscaleRequest(picture, 128, "nearest"), RecordingContext())


@pytest.mark.parametrize("kind", ["gan", "vae"])
def test_explore_walks_one_principal_direction(models, kind):
    from artdesk.ml.canvas.requests import ExploreRequest

    grid = generate.generate_grid(GenerateRequest(models[kind], seed=1, count=1), RecordingContext())
    row = generate.explore(ExploreRequest(models[kind], grid.latents[0], component=0, spread=2.0, count=5,
                                          samples=256), RecordingContext())
    assert [p["amount"] for p in row.provenance] == [-2.0, -1.0, 0.0, 1.0, 2.0]
    assert np.abs(row.images[2].astype(int) - grid.images[0]).max() <= 1  # the middle is the pick
    latents = np.array(row.latents)
    steps = np.diff(latents, axis=0)
    assert np.allclose(steps, steps[0], atol=1e-3)  # a straight line in latent space
    # the first direction changes the first-layer features more than the tenth does
    checkpoint = generate.get_model(models[kind])
    directions, std = generate.principal_directions(checkpoint, 0, 256)
    assert std[0] >= std[9]
    with pytest.raises(ArtdeskError, match="direction between"):
        generate.explore(ExploreRequest(models[kind], grid.latents[0], component=99), RecordingContext())
