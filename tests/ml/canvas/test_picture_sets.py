"""Coherent picture sets: the character list, emoji classes, glyph rendering and a set's model card data."""
import numpy as np
import pytest
from PIL import ImageFont

from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas.picture_sets import emoji_class, gb2312_level1, prepare_set, render_glyph
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
