"""Coherent picture sets: the character list, emoji classes, glyph rendering and a set's model card data."""
import numpy as np
import pytest
from PIL import ImageFont

from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas.picture_sets import (emoji_class, fluent_class, gb2312_level1, load_fluent3d, prepare_set,
                                            render_glyph)
from artdesk.ml.canvas.requests import STYLES, model_styles, style_index


def test_gb2312_level1_is_the_3755_common_characters():
    chars = gb2312_level1()
    assert len(chars) == len(set(chars)) == 3755
    assert chars[0] == "啊" and "水" in chars and "龘" not in chars


@pytest.mark.parametrize(("code", "expected"), [
    (0x1F600, "face"), (0x1F92F, "face"), (0x1F431, "animal"), (0x1F98A, "animal"), (0x1F355, "food"),
    (0x1F951, "food"), (0x1F680, None), (0x2764, None),
])
def test_emoji_classes_follow_unicode_blocks(code, expected):
    assert emoji_class(code) == expected


@pytest.mark.parametrize(("stem", "expected"), [
    ("1f600", "face"), ("1f337", "nature"), ("1f98a", "nature"), ("1f955", "food"), ("1f680", "object"),
    ("1f3d4-fe0f", "object"), ("1f44b-1f3fd", None), ("1f1eb-1f1f7", None), ("0031-fe0f-20e3", None),
    ("1f170-fe0f", None),
])
def test_fluent_emoji_classes_leave_out_skin_tones_flags_and_letters(stem, expected):
    assert fluent_class([int(part, 16) for part in stem.split("-")]) == expected


def test_fluent_pictures_are_cropped_on_white_and_classed(tmp_path):
    from PIL import Image

    assets = tmp_path / "assets"
    assets.mkdir()
    for stem, colour in (("1f337", (200, 30, 90, 255)), ("1f44b-1f3fb", (240, 200, 150, 255))):
        picture = Image.new("RGBA", (256, 256), (0, 0, 0, 0))
        picture.paste(Image.new("RGBA", (64, 128), colour), (96, 64))  # a tall subject on a see-through ground
        picture.save(assets / f"{stem}.webp", lossless=True)
    items = load_fluent3d(tmp_path, log=lambda _m: None)
    assert [(label, source) for _p, label, source in items] == [("nature", "assets/1f337.webp")]
    pixels = items[0][0]
    assert pixels.shape == (64, 64, 3)
    assert tuple(pixels[32, 32]) == (200, 30, 90) and tuple(pixels[32, 2]) == (255, 255, 255)  # cropped, on white
    assert tuple(pixels[2, 32]) == (200, 30, 90)  # the crop fills the height


def test_a_glyph_is_centred_dark_ink_on_white():
    font = ImageFont.load_default(size=200)
    picture = render_glyph(font, "H")
    assert picture.shape == (64, 64, 3) and picture.dtype == np.uint8
    ink = picture[..., 0] < 128
    assert ink.mean() > 0.05 and picture[0, 0, 0] == 255
    rows, cols = np.nonzero(ink)
    assert abs(rows.mean() - 31.5) < 6 and abs(cols.mean() - 31.5) < 6
    assert render_glyph(font, " ") is None


def test_unknown_set_is_named():
    with pytest.raises(ArtdeskError, match="glyphs"):
        prepare_set("landscapes")


def test_a_model_names_what_it_draws():
    assert model_styles(["undertrained", "styles:kai,song,hei"]) == ("kai", "song", "hei")
    assert model_styles([]) == STYLES
    assert style_index("hei", ("kai", "song", "hei")) == 2
    with pytest.raises(ArtdeskError, match="kai, song, hei"):
        style_index("clipart", ("kai", "song", "hei"))
