"""Picture originality: planted cases against a small index of synthetic pictures."""
import io

import numpy as np
import pytest
from PIL import Image

from artdesk.core.originality import OriginalityError
from artdesk.ml.canvas.originality import PictureIndex, build_index, check_pictures, load_index, picture_array
from tests.ml.canvas.helpers import synthetic_pictures


@pytest.fixture(scope="module")
def index_and_data():
    images = synthetic_pictures(160, seed=3)
    heldout = np.zeros(len(images), dtype=bool)
    heldout[::4] = True  # 40 held-out pictures calibrate the labels
    styles = np.arange(len(images)) % 4
    index = build_index(images, heldout, styles, ("clipart", "emoji", "sketch", "sprite"))
    return index, images[~heldout], images[heldout]


def test_a_training_picture_is_a_close_copy(index_and_data):
    index, train, _ = index_and_data
    results, _ = check_pictures(index, train[[0, 17]])
    assert [r.label for r in results] == ["close copy", "close copy"]
    assert results[0].neighbours[0].index == 0 and results[1].neighbours[0].index == 17
    assert results[0].neighbours[0].thumbnail.shape == (16, 16, 3)


def test_fresh_pictures_are_not_close_copies(index_and_data):
    index, _, heldout = index_and_data
    fresh = synthetic_pictures(6, seed=99)
    results, _ = check_pictures(index, np.concatenate([heldout[:4], fresh]))
    assert all(r.label != "close copy" for r in results)
    assert all(r.value > 0 for r in results)


def test_round_trip_through_bytes_and_png(index_and_data, tmp_path):
    index, train, _ = index_and_data
    (tmp_path / "originality.npz").write_bytes(index.to_bytes())
    again = load_index(tmp_path)
    buffer = io.BytesIO()
    Image.fromarray(train[5]).save(buffer, "PNG")
    results, _ = check_pictures(again, picture_array(buffer.getvalue())[None])
    assert results[0].label == "close copy" and results[0].neighbours[0].index == 5


def test_bad_input_says_what_is_wrong(tmp_path):
    with pytest.raises(OriginalityError, match="no originality index"):
        load_index(tmp_path)
    with pytest.raises(OriginalityError, match="damaged"):
        PictureIndex.from_bytes(b"not an npz")
    with pytest.raises(OriginalityError, match="cannot be read"):
        picture_array(b"\x89PNG broken")


def test_board_job_on_png_files(index_and_data, tmp_path):
    from artdesk.core.jobs import RecordingContext
    from artdesk.ml.originality import BoardRequest, Work, board_job

    index, train, _ = index_and_data
    model = tmp_path / "model"
    model.mkdir()
    (model / "originality.npz").write_bytes(index.to_bytes())
    fresh = synthetic_pictures(1, seed=500)[0]
    works = []
    for name, picture in (("copy", train[3]), ("fresh", fresh), ("twin", fresh)):
        Image.fromarray(picture).save(tmp_path / f"{name}.png")
        works.append(Work(name, "canvas", name, str(tmp_path / f"{name}.png"), str(model)))
    result = board_job(BoardRequest(tuple(works)), RecordingContext())
    rows = {r.item_id: r for r in result.rows}
    assert rows["copy"].label == "close copy" and rows["fresh"].label != "close copy"
    assert rows["fresh"].diversity == rows["twin"].diversity == 0.0 and rows["copy"].diversity > 0
    assert rows["copy"].technique > 0  # sharpness of drawn shapes
    assert result.originality["copy"].neighbours[0].index == 3
