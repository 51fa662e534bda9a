"""Canvas provenance: every job's record rebuilds its request, and running it again gives the same pixels."""
import json

import numpy as np
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import RecordingContext, resolve_job
from artdesk.core.provenance import missing_fields
from artdesk.ml.canvas import generate
from artdesk.ml.canvas.replay import request_from_record
from artdesk.ml.canvas.requests import (BreedRequest, ExploreRequest, GenerateRequest, InterpolateRequest,
                                        ProjectRequest, VaryRequest)
from tests.ml.canvas.helpers import synthetic_pictures, tiny_checkpoints


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    return tiny_checkpoints(tmp_path_factory.mktemp("models"))


def _again(record, model_path):
    """JSON round trip (as in a file), rebuild the request, run the named job."""
    request = request_from_record(json.loads(json.dumps(record)), str(model_path))
    return resolve_job(request.job)(request, RecordingContext())


def test_every_job_is_made_again_bit_for_bit(models):
    gan = str(models["gan"])
    grid = generate.generate_grid(GenerateRequest(gan, "emoji", 11, 5, 0.8), RecordingContext())
    a, b = grid.latents[1], grid.latents[3]
    runs = [
        grid,
        generate.vary(VaryRequest(gan, a, "emoji", 0.4, 2, 4), RecordingContext()),
        generate.interpolate(InterpolateRequest(gan, a, b, "emoji", "sketch", 5), RecordingContext()),
        generate.breed(BreedRequest(gan, (a, b, grid.latents[0]), "sprite", 0.2, 5, 3), RecordingContext()),
        generate.explore(ExploreRequest(gan, a, "emoji", 1, 1.5, 3, 200, 4), RecordingContext()),
    ]
    for result in runs:
        record = result.provenance[-1]
        assert missing_fields(record) == [] and record["panel"] == "canvas" and record["model"] == "tiny-gan"
        again = _again(record, gan)
        assert np.array_equal(again.images[record["index"]], result.images[record["index"]]), record["job"]


def test_projection_is_made_again_from_its_recorded_drawing(models):
    drawing = np.dstack([synthetic_pictures(1, seed=9)[0], np.full((64, 64), 255, np.uint8)])
    request = ProjectRequest(str(models["gan"]), drawing, "clipart", str(models["vae"]), 4, 3)
    result = generate.project(request, RecordingContext())
    again = _again(result.provenance[0], models["gan"])
    assert np.array_equal(again.images[0], result.images[0])


def test_damaged_or_foreign_records_are_refused_with_a_message(models):
    gan = str(models["gan"])
    with pytest.raises(ArtdeskError, match="which canvas job"):
        request_from_record({"job": "paint", "settings": {}}, gan)
    with pytest.raises(ArtdeskError, match="which canvas job"):
        request_from_record({"job": "generate", "settings": "forged"}, gan)
    with pytest.raises(ArtdeskError, match="damaged"):
        request_from_record({"job": "generate", "settings": {"count": "many"}}, gan)
    with pytest.raises(ArtdeskError, match="damaged"):
        request_from_record({"job": "generate", "settings": {"count": 6.5}}, gan)
    with pytest.raises(ArtdeskError, match="damaged"):
        request_from_record({"job": "generate", "settings": {"seed": True}}, gan)
    with pytest.raises(ArtdeskError, match="damaged"):
        request_from_record({"job": "generate", "settings": {"style": 3}}, gan)
    with pytest.raises(ArtdeskError, match="damaged"):
        request_from_record(json.loads('{"job": "generate", "settings": {"count": Infinity}}'), gan)
    assert request_from_record({"job": "generate", "settings": {"count": 6.0, "truncation": 1}}, gan).count == 6
    with pytest.raises(ArtdeskError, match="damaged"):
        request_from_record({"job": "vary", "settings": {"latent": ["x"]}}, gan)
    with pytest.raises(ArtdeskError, match="drawing is damaged"):
        request_from_record({"job": "project", "settings": {"drawing_png": "bm90IGEgcG5n"}}, gan)
