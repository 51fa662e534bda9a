"""The layered document: compositing, layer order and opacity, sizes."""
import numpy as np
import pytest

from artdesk.core.document import MAX_PIXELS, Document, Layer, Rect, check_size, to_rgba
from artdesk.core.errors import ArtdeskError


def solid(name, colour, size=(8, 6)):
    return Layer.blank(name, size[0], size[1], colour)


def test_one_opaque_layer_composites_to_itself():
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (6, 8, 4), dtype=np.uint8)
    pixels[..., 3] = 255
    document = Document(8, 6, [Layer("a", pixels.copy())])
    assert np.array_equal(document.composite(), pixels)


def test_straight_alpha_survives_compositing_exactly():
    rng = np.random.default_rng(1)
    pixels = rng.integers(0, 256, (6, 8, 4), dtype=np.uint8)
    pixels[..., 3] = rng.integers(1, 256, (6, 8), dtype=np.uint8)
    document = Document(8, 6, [Layer("a", pixels.copy())])
    out = document.composite()
    assert np.array_equal(out[..., 3], pixels[..., 3])
    assert np.abs(out[..., :3].astype(int) - pixels[..., :3]).max() <= 1


def test_order_opacity_and_visibility():
    red, blue = solid("red", (255, 0, 0, 255)), solid("blue", (0, 0, 255, 255))
    document = Document(8, 6, [red, blue])
    assert tuple(document.composite()[0, 0]) == (0, 0, 255, 255)
    blue.opacity = 0.5
    assert tuple(document.composite()[0, 0]) == (128, 0, 128, 255)
    blue.visible = False
    assert tuple(document.composite()[0, 0]) == (255, 0, 0, 255)
    document.move_layer(1, 0)
    blue.visible, blue.opacity = True, 1.0
    assert tuple(document.composite()[0, 0]) == (255, 0, 0, 255)


def test_half_transparent_over_transparent_keeps_colour():
    document = Document(8, 6, [solid("a", (10, 200, 30, 128))])
    assert tuple(document.composite()[3, 3]) == (10, 200, 30, 128)


def test_composite_of_a_rect_matches_the_whole():
    rng = np.random.default_rng(2)
    layers = [Layer(str(i), rng.integers(0, 256, (40, 50, 4), dtype=np.uint8), opacity=0.7) for i in range(3)]
    document = Document(50, 40, layers)
    whole = document.composite()
    rect = Rect(7, 5, 30, 21)
    assert np.array_equal(document.composite(rect), whole[rect.slices])


def test_flatten_into_draws_over_the_background():
    document = Document(8, 6, [solid("a", (0, 0, 0, 0))])
    out = np.zeros((6, 8, 4), np.uint8)
    background = np.full((6, 8, 3), 77, np.uint8)
    document.flatten_into(out, background, Rect(0, 0, 4, 6))
    assert tuple(out[0, 0]) == (77, 77, 77, 255) and tuple(out[0, 7]) == (0, 0, 0, 0)


def test_banded_compositing_covers_every_row():
    document = Document(300, 700, [solid("a", (1, 2, 3, 255), (300, 700))])
    document.BAND_PIXELS = 1000  # many bands, the last one short
    assert (document.composite() == (1, 2, 3, 255)).all()


def test_new_document_has_white_background_and_empty_layer():
    document = Document.new(16, 9)
    assert [layer.name for layer in document.layers] == ["Background", "Layer 1"]
    assert (document.composite() == 255).all()
    assert document.unique_name("Layer 1") == "Layer 1 2"


def test_layer_size_must_match():
    document = Document(8, 6)
    with pytest.raises(ValueError):
        document.insert_layer(0, solid("wrong", (0, 0, 0, 0), (6, 8)))


@pytest.mark.parametrize("size", [(0, 5), (20000, 20000), (MAX_PIXELS, 1)])
def test_bad_sizes_are_refused_with_a_message(size):
    with pytest.raises(ArtdeskError, match="pixels"):
        check_size(*size)


def test_to_rgba_accepts_grey_rgb_rgba_and_refuses_others():
    assert to_rgba(np.zeros((2, 3), np.uint8)).shape == (2, 3, 4)
    rgb = to_rgba(np.full((2, 3, 3), 9, np.uint8))
    assert (rgb[..., 3] == 255).all() and (rgb[..., :3] == 9).all()
    with pytest.raises(ArtdeskError):
        to_rgba(np.zeros((2, 3, 3), np.float32))
    with pytest.raises(ArtdeskError):
        to_rgba(np.zeros((2, 3, 5), np.uint8))


def reference_composite(layers):
    """Source-over in float64, layer by layer, without shortcuts."""
    out = np.zeros(layers[0].pixels.shape, np.float64)
    for layer in layers:
        if not layer.visible:
            continue
        src = layer.pixels.astype(np.float64) / 255.0
        alpha = src[..., 3:4] * layer.opacity
        out[..., :3] = src[..., :3] * alpha + out[..., :3] * (1 - alpha)
        out[..., 3:4] = alpha + out[..., 3:4] * (1 - alpha)
    rgb = np.where(out[..., 3:4] > 0, out[..., :3] / np.maximum(out[..., 3:4], 1e-12), 0)
    return np.dstack([rgb, out[..., 3:4]]) * 255.0


def test_compositing_shortcuts_match_a_plain_reference():
    rng = np.random.default_rng(7)
    layers = []
    for index in range(5):
        pixels = rng.integers(0, 256, (33, 47, 4), dtype=np.uint8)
        if index in (1, 3):
            pixels[..., 3] = 255  # opaque layers: everything under them is hidden
        if index == 3:
            pixels[:5, :5, 3] = 0  # ...except through a hole
        layers.append(Layer(str(index), pixels, opacity=(1.0, 1.0, 0.6, 1.0, 0.3)[index], visible=index != 2))
    document = Document(47, 33, layers)
    document.BAND_PIXELS = 300
    expected = reference_composite(layers)
    assert np.abs(document.composite().astype(float) - expected).max() <= 1.0


@pytest.mark.parametrize("opaque_top", [False, True])
def test_flatten_into_matches_the_composite_over_the_background(opaque_top):
    rng = np.random.default_rng(3)
    layers = [Layer(str(i), rng.integers(0, 256, (30, 40, 4), dtype=np.uint8), opacity=0.8) for i in range(3)]
    if opaque_top:
        layers[-1].pixels[..., 3] = 255
        layers[-1].opacity = 1.0
    document = Document(40, 30, layers)
    background = rng.integers(0, 256, (30, 40), dtype=np.uint8)
    out = np.zeros((30, 40, 4), np.uint8)
    document.flatten_into(out, background)
    flat = reference_composite(layers)
    alpha = flat[..., 3:4] / 255.0
    expected = flat[..., :3] * alpha + background[..., None] * (1 - alpha)
    assert np.abs(out[..., :3].astype(float) - expected).max() <= 1.0 and (out[..., 3] == 255).all()
