import numpy as np
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import RecordingContext
from artdesk.ml.style.apply import apply_job
from artdesk.ml.style.requests import ApplyRequest, StyleControls


def test_apply_job_result_and_provenance(tiny_stylizer, picture):
    result = apply_job(ApplyRequest(str(tiny_stylizer), picture, StyleControls(preserve_colour=True)), RecordingContext())
    assert result.picture.shape == picture.shape
    assert result.provenance["style"] == "tiny" and result.provenance["preserve_colour"] is True


def test_apply_job_refuses_empty_layers_selections_and_broken_models(tiny_stylizer, picture, tmp_path):
    empty = np.zeros((32, 32, 4), np.uint8)
    with pytest.raises(ArtdeskError, match="empty"):
        apply_job(ApplyRequest(str(tiny_stylizer), empty), RecordingContext())
    with pytest.raises(ArtdeskError, match="zero pixels"):
        apply_job(ApplyRequest(str(tiny_stylizer), picture, mask=np.zeros(picture.shape[:2], bool)), RecordingContext())
    (tiny_stylizer / "model.safetensors").write_bytes(b"damaged")
    with pytest.raises(ArtdeskError, match="do not match"):
        apply_job(ApplyRequest(str(tiny_stylizer), picture), RecordingContext())
