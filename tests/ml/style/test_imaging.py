import numpy as np
import pytest
from PIL import Image

from artdesk.ml.style import imaging
from artdesk.ml.style.imaging import StyleInputError


def test_style_pictures_bad_input_gets_clear_messages(tmp_path):
    tiny = tmp_path / "tiny.png"
    Image.new("RGB", (10, 10), "red").save(tiny)
    with pytest.raises(StyleInputError, match="too small"):
        imaging.load_style_picture(tiny)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nthis is not a picture")
    with pytest.raises(StyleInputError, match="not a picture"):
        imaging.load_style_picture(broken)
    with pytest.raises(StyleInputError, match="does not exist"):
        imaging.load_style_picture(tmp_path / "missing.png")
    clear = tmp_path / "clear.png"
    Image.new("RGBA", (64, 64), (0, 0, 0, 0)).save(clear)
    with pytest.raises(StyleInputError, match="transparent"):
        imaging.load_style_picture(clear)


def test_huge_pictures_are_refused_before_decoding(tmp_path, monkeypatch):
    big = tmp_path / "big.png"
    Image.new("RGB", (300, 300), "blue").save(big)
    monkeypatch.setattr(imaging, "MAX_PIXELS", 50_000)
    with pytest.raises(StyleInputError, match="too large"):
        imaging.load_style_picture(big)


def test_grayscale_and_transparent_pictures_are_normalised(tmp_path):
    grey = tmp_path / "grey.png"
    Image.fromarray((np.arange(64 * 80).reshape(64, 80) % 256).astype(np.uint8), "L").save(grey)
    array = imaging.load_style_picture(grey)
    assert array.shape == (64, 80, 3) and np.array_equal(array[..., 0], array[..., 2])
    half = np.zeros((64, 64, 4), np.uint8)
    half[:, :32] = (255, 0, 0, 255)
    out = imaging.prepare_style_array(half)
    assert tuple(out[0, 0]) == (255, 0, 0) and tuple(out[0, 63]) == (255, 255, 255)
    large = imaging.prepare_style_array(np.zeros((1000, 600, 3), np.uint8), max_side=500)
    assert max(large.shape[:2]) == 500


def test_blend_strength_zero_is_exactly_the_original(picture):
    styled = 255 - picture
    rgba = np.concatenate([picture, np.full(picture.shape[:2] + (1,), 200, np.uint8)], axis=2)
    assert np.array_equal(imaging.blend(styled, rgba, 0.0), rgba)
    assert np.array_equal(imaging.blend(styled, picture, 1.0), styled)
    half = imaging.blend(styled, picture, 0.5)
    assert np.abs(half.astype(int) - 127).max() <= 1


def test_compose_keeps_outside_the_selection_and_colour_preservation_keeps_hue(picture):
    styled = np.full_like(picture, 128)
    mask = np.zeros(picture.shape[:2], bool)
    mask[10:20, 10:30] = True
    result = imaging.compose(styled, picture, 1.0, False, mask)
    assert np.array_equal(result[~mask], picture[~mask]) and np.array_equal(result[mask], styled[mask])
    kept = imaging.preserve_colour(styled, picture)
    assert np.corrcoef(kept[..., 0].ravel().astype(float) - kept[..., 1].ravel(), picture[..., 0].ravel().astype(float) - picture[..., 1].ravel())[0, 1] > 0.9


def test_empty_selection_and_empty_layer_are_refused(picture):
    with pytest.raises(StyleInputError, match="zero pixels"):
        imaging.check_mask(np.zeros(picture.shape[:2], bool), picture.shape)
    with pytest.raises(StyleInputError, match="empty"):
        imaging.check_content(np.zeros((32, 32, 4), np.uint8))


def test_structure_scores(picture):
    assert imaging.ssim(picture, picture) == pytest.approx(1.0)
    assert imaging.edge_agreement(picture, picture) == pytest.approx(1.0)
    noise = (np.random.default_rng(0).random(picture.shape) * 255).astype(np.uint8)
    assert imaging.ssim(picture, noise) < 0.3
