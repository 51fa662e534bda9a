"""Brush and eraser strokes, fills, and their undo patches."""
import numpy as np

from artdesk.core.brush import BrushSettings, Stroke, coverage
from artdesk.core.document import Layer
from artdesk.core.fill import fill_layer, flood_mask
from artdesk.core.patches import TILE, apply_patches


def random_layer(width=300, height=200, seed=0):
    rng = np.random.default_rng(seed)
    return Layer("l", rng.integers(0, 256, (height, width, 4), dtype=np.uint8))


def test_coverage_is_solid_inside_and_zero_outside():
    distance = np.array([0.0, 3.0, 9.5, 10.0, 12.0])
    values = coverage(distance, 10.0, 0.8)
    assert values[0] == 1.0 and values[1] == 1.0 and values[-1] == 0.0
    assert np.all(np.diff(values) <= 0)


def test_stroke_paints_the_colour_and_only_near_the_path():
    layer = Layer.blank("l", 100, 60)
    stroke = Stroke(layer, BrushSettings(size=10, hardness=1.0, colour=(200, 10, 20)))
    stroke.add_point(10, 30)
    rect = stroke.add_point(90, 30)
    assert tuple(layer.pixels[30, 50]) == (200, 10, 20, 255)
    assert layer.pixels[10, 50, 3] == 0 and layer.pixels[50, 50, 3] == 0
    assert rect.x <= 10 and rect.x + rect.w >= 90


def test_fast_strokes_leave_no_gaps():
    layer = Layer.blank("l", 400, 20)
    stroke = Stroke(layer, BrushSettings(size=4, hardness=1.0))
    stroke.add_point(5, 10)
    stroke.add_point(395, 10)  # one jump of 390 px
    assert (layer.pixels[10, 5:395, 3] == 255).all()


def test_opacity_does_not_build_up_within_a_stroke():
    layer = Layer.blank("l", 80, 80)
    stroke = Stroke(layer, BrushSettings(size=20, hardness=1.0, opacity=0.5, colour=(0, 0, 0)))
    for _ in range(3):
        for x, y in ((10, 40), (70, 40), (40, 10), (40, 70)):
            stroke.add_point(x, y)
    assert layer.pixels[40, 40, 3] == 128


def test_pressure_changes_the_width():
    widths = []
    for pressure in (0.2, 1.0):
        layer = Layer.blank("l", 100, 100)
        stroke = Stroke(layer, BrushSettings(size=40, hardness=1.0, pressure_size=True))
        stroke.add_point(20, 50, pressure)
        stroke.add_point(80, 50, pressure)
        widths.append(int((layer.pixels[:, 50, 3] > 127).sum()))
    assert widths[0] < widths[1] / 3


def test_eraser_clears_alpha():
    layer = Layer.blank("l", 50, 50, (10, 20, 30, 255))
    stroke = Stroke(layer, BrushSettings(size=10, hardness=1.0, eraser=True))
    stroke.add_point(25, 25)
    assert layer.pixels[25, 25, 3] == 0 and layer.pixels[0, 0, 3] == 255


def test_stroke_patches_restore_and_replay_exactly():
    layer = random_layer()
    before = layer.pixels.copy()
    stroke = Stroke(layer, BrushSettings(size=25, hardness=0.3, opacity=0.6, colour=(1, 2, 3)))
    for x in range(10, 290, 7):
        stroke.add_point(x, 100 + 60 * np.sin(x / 30), 0.5 + 0.5 * np.cos(x / 20))
    after = layer.pixels.copy()
    patches = stroke.finish()
    assert not np.array_equal(before, after)
    assert all(p.rect.w <= TILE and p.rect.h <= TILE for p in patches)
    assert sum(p.before.size for p in patches) < before.size  # tiles, not the whole image
    apply_patches(layer.pixels, patches, "before")
    assert np.array_equal(layer.pixels, before)
    apply_patches(layer.pixels, patches, "after")
    assert np.array_equal(layer.pixels, after)


def test_strokes_off_the_canvas_change_nothing():
    layer = random_layer()
    before = layer.pixels.copy()
    stroke = Stroke(layer, BrushSettings(size=10))
    assert stroke.add_point(-100, -100) is None
    assert stroke.finish() == [] and np.array_equal(layer.pixels, before)


def test_flood_fill_stays_inside_a_closed_shape():
    image = np.zeros((50, 60, 4), np.uint8)
    image[..., 3] = 255
    image[10, 10:40] = image[30, 10:40] = (255, 255, 255, 255)
    image[10:31, 10] = image[10:31, 39] = (255, 255, 255, 255)
    inside = flood_mask(image, 20, 20, tolerance=10)
    assert inside.sum() == 19 * 28
    outside = flood_mask(image, 0, 0, tolerance=10)
    assert not (inside & outside).any() and outside.sum() == 50 * 60 - 19 * 28 - (2 * 30 + 2 * 19)


def test_flood_fill_with_a_spiral_and_transparent_pixels():
    image = np.zeros((41, 41, 4), np.uint8)
    image[::2, :, :3] = 99  # stripes of transparent pixels hiding different colours count as one colour
    mask = flood_mask(image, 0, 0, tolerance=0)
    assert mask.all()


def test_fill_layer_patches_undo_exactly():
    layer = random_layer(seed=3)
    before = layer.pixels.copy()
    mask = np.zeros(layer.pixels.shape[:2], bool)
    mask[20:150, 30:250] = True
    patches = fill_layer(layer, mask, (5, 6, 7), 1.0)
    assert tuple(layer.pixels[100, 100]) == (5, 6, 7, 255)
    assert np.array_equal(layer.pixels[~mask], before[~mask])
    apply_patches(layer.pixels, patches, "before")
    assert np.array_equal(layer.pixels, before)


def reference_flood(image, x, y, tolerance):
    """A plain breadth-first flood fill, to check the run-based one against."""
    from collections import deque

    sample = image.astype(int)
    sample[image[..., 3] == 0] = 0
    similar = np.abs(sample - sample[y, x]).max(axis=2) <= tolerance
    mask = np.zeros(similar.shape, bool)
    queue = deque([(y, x)])
    mask[y, x] = True
    while queue:
        cy, cx = queue.popleft()
        for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
            if 0 <= ny < similar.shape[0] and 0 <= nx < similar.shape[1] and similar[ny, nx] and not mask[ny, nx]:
                mask[ny, nx] = True
                queue.append((ny, nx))
    return mask


def test_flood_fill_matches_a_plain_breadth_first_fill():
    rng = np.random.default_rng(5)
    palette = np.array([(0, 0, 0, 255), (250, 250, 250, 255), (240, 255, 245, 255), (9, 9, 9, 0)], np.uint8)
    for trial in range(12):
        image = palette[rng.integers(0, 4, (70, 90))]
        y, x = (int(v) for v in rng.integers(0, (70, 90)))
        tolerance = int(rng.choice([0, 20]))
        assert np.array_equal(flood_mask(image, x, y, tolerance), reference_flood(image, x, y, tolerance)), trial


def test_a_one_pixel_hard_brush_paints_solid_pixels():
    layer = Layer.blank("l", 40, 10)
    stroke = Stroke(layer, BrushSettings(size=1, hardness=1.0, colour=(0, 0, 0)))
    stroke.add_point(5.5, 5.5)
    stroke.add_point(35.5, 5.5)
    assert (layer.pixels[5, 6:35, 3] == 255).all()
    assert (layer.pixels[4, 6:35, 3] == 0).all() and (layer.pixels[6, 6:35, 3] == 0).all()
