import numpy as np
import pytest
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import RecordingContext
from artdesk.ml.checkpoint import load_checkpoint
from artdesk.ml.style.custom import CustomStyleRequest, folder_name, train_custom_job


def test_custom_style_trains_into_user_models(tmp_path, picture, style_picture):
    path = tmp_path / "mine.png"
    Image.fromarray(style_picture).save(path)
    request = CustomStyleRequest("My Stripes!", (str(path),), str(tmp_path / "models"), canvas_picture=picture, steps=3,
                                 crop=32, batch=1, width=4, residual_blocks=1, include_presets=False)
    folder = train_custom_job(request, RecordingContext())
    checkpoint = load_checkpoint(folder)
    assert checkpoint.card.name == "My Stripes!" and checkpoint.card.labels == ["custom"]
    assert checkpoint.card.raw["data"]["style_pictures"] == ["mine.png"]
    with pytest.raises(ArtdeskError, match="already have a style"):
        train_custom_job(request, RecordingContext())


def test_custom_style_bad_input(tmp_path, picture):
    with pytest.raises(ArtdeskError, match="name"):
        folder_name("  ***  ")
    with pytest.raises(ArtdeskError, match="at least one picture"):
        train_custom_job(CustomStyleRequest("x", (), str(tmp_path)), RecordingContext())
    tiny = tmp_path / "tiny.png"
    Image.fromarray(np.zeros((12, 12, 3), np.uint8)).save(tiny)
    with pytest.raises(ArtdeskError, match="too small"):
        train_custom_job(CustomStyleRequest("x", (str(tiny),), str(tmp_path)), RecordingContext())
