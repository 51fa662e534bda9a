"""Data preparation pieces: compositing, fitting, hashing, dedupe, split, loading."""
import numpy as np
import pytest
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas import data
from tests.ml.canvas.helpers import synthetic_pictures, write_dataset


def test_transparency_goes_on_white_and_aspect_is_kept():
    image = Image.new("RGBA", (40, 20), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 20, 20))
    fitted = data.fit_square(data.on_white(image))
    assert fitted.shape == (64, 64, 3)
    assert tuple(fitted[2, 2]) == (255, 255, 255)  # padding above the 2:1 picture
    assert tuple(fitted[32, 10]) == (0, 0, 255)
    assert tuple(fitted[32, 50]) == (255, 255, 255)  # transparent red became white


def test_crop_to_content_removes_empty_margins():
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    image.paste((0, 0, 0, 255), (40, 40, 60, 70))
    assert data.crop_to_content(image).size == (20, 30)


def test_line_art_is_told_from_colour():
    pictures = synthetic_pictures(1, seed=0)
    grey = np.repeat(pictures[0].mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8)
    grey[10:12, :] = 0
    assert data.is_line_art(grey)
    colour = pictures[0].copy()
    colour[:20, :20] = (255, 0, 0)
    assert not data.is_line_art(colour)


def test_near_duplicates_are_dropped_but_different_pictures_kept():
    pictures = synthetic_pictures(20, seed=1)
    retouched = pictures[0].copy()
    retouched[30, 30] = (0, 0, 0)  # one pixel touched: the same picture
    hashes = np.array([data.dhash(p) for p in [*pictures, retouched]], dtype=np.uint64)
    drop = data.near_duplicates(hashes, max_bits=1)
    assert drop[-1] and not drop[0]
    assert drop[:-1].sum() <= 1


def test_split_is_fixed_and_per_style():
    styles = np.repeat(np.arange(4), [100, 50, 30, 20]).astype(np.uint8)
    a = data.split_heldout(styles)
    assert np.array_equal(a, data.split_heldout(styles))
    assert [int(a[styles == k].sum()) for k in range(4)] == [10, 5, 3, 2]


def test_load_data_round_trip_and_missing_or_damaged(tmp_path):
    folder = write_dataset(tmp_path / "d", count=40)
    loaded = data.load_data(folder)
    train, _ = loaded.split(heldout=False)
    held, _ = loaded.split(heldout=True)
    assert len(train) + len(held) == 40 and len(held) == 8
    with pytest.raises(ArtdeskError, match="--prepare"):
        data.load_data(tmp_path / "nothing")
    (folder / data.DATA_FILE).write_bytes(b"not a zip")
    with pytest.raises(ArtdeskError, match="damaged"):
        data.load_data(folder)


def test_export_compact_drops_training_pictures_only(tmp_path):
    src = write_dataset(tmp_path / "src", count=200)
    size = (src / data.DATA_FILE).stat().st_size
    dest = data.export_compact(src, tmp_path / "dest", max_bytes=int(size * 0.6))
    small = data.load_data(dest)
    assert (dest / data.DATA_FILE).stat().st_size <= size * 0.6
    assert small.heldout.sum() == data.load_data(src).heldout.sum()
    assert len(small.images) < 200
