"""The canvas editor: strokes, fills and layer edits change pixels, and undo/redo restore them exactly."""
import numpy as np
import pytest

from artdesk.core.document import Document, Layer
from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.canvas.undo import PatchCommand


@pytest.fixture
def editor(qapp):
    rng = np.random.default_rng(0)
    background = Layer("Background", rng.integers(0, 256, (120, 160, 4), dtype=np.uint8))
    document = Document(160, 120, [background, Layer.blank("Layer 1", 160, 120)])
    editor = QtCanvasEditor(document)
    yield editor
    editor.deleteLater()


def snapshot(editor):
    return [layer.pixels.copy() for layer in editor.document.layers]


def same(a, b):
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))


def draw(editor, points, **brush):
    editor.set_brush(**brush)
    editor.begin_stroke(*points[0])
    for point in points[1:]:
        editor.continue_stroke(*point)
    editor.end_stroke()


def test_stroke_changes_pixels_and_undo_redo_are_exact(editor, qtbot):
    before = snapshot(editor)
    display_before = editor.display.copy()
    with qtbot.waitSignal(editor.image_changed):
        draw(editor, [(10, 10), (80, 60), (150, 20)], size=15, colour=(250, 0, 0), hardness=0.5, opacity=0.7)
    after = snapshot(editor)
    assert not same(before, after) and not np.array_equal(display_before, editor.display)
    command = editor.undo_stack.command(0)
    assert isinstance(command, PatchCommand) and command.nbytes < 2 * editor.document.layers[1].pixels.nbytes
    editor.undo_stack.undo()
    assert same(snapshot(editor), before) and np.array_equal(editor.display, display_before)
    editor.undo_stack.redo()
    assert same(snapshot(editor), after)


def test_eraser_stroke_on_the_background_undoes_exactly(editor):
    editor.set_active(0)
    before = snapshot(editor)
    draw(editor, [(30, 30), (100, 90)], size=30, eraser=True)
    assert editor.document.layers[0].pixels[60, 65, 3] == 0
    editor.undo_stack.undo()
    assert same(snapshot(editor), before)


def test_many_strokes_then_undo_all(editor):
    before = snapshot(editor)
    rng = np.random.default_rng(1)
    for _ in range(8):
        draw(editor, [tuple(rng.uniform(0, 160, 2)) for _ in range(5)], size=float(rng.uniform(2, 40)),
             colour=tuple(int(c) for c in rng.integers(0, 256, 3)), opacity=float(rng.uniform(0.1, 1)))
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert same(snapshot(editor), before)


def test_fill_and_eyedropper(editor):
    editor.set_active(1)
    editor.fill_all_layers = False
    editor.set_brush(colour=(1, 200, 3))
    assert editor.fill_at(5, 5)
    assert (editor.document.layers[1].pixels == (1, 200, 3, 255)).all()  # the empty layer is one area
    editor.set_brush(colour=(0, 0, 0))
    assert editor.pick_colour(50, 50) == (1, 200, 3)
    editor.undo_stack.undo()
    assert (editor.document.layers[1].pixels == 0).all()
    assert editor.fill_at(500, 5) is False


def test_painting_on_a_hidden_layer_is_refused_with_a_message(editor, qtbot):
    editor.set_layer_property(1, "visible", False)
    with qtbot.waitSignal(editor.message) as blocker:
        assert editor.begin_stroke(10, 10) is False
    assert "hidden" in blocker.args[0]


def test_layer_operations_undo_and_redo(editor):
    start = [(layer.name, layer.opacity, layer.visible) for layer in editor.document.layers]
    pixels = snapshot(editor)
    editor.new_layer("Ink")
    editor.duplicate_layer(0)
    editor.move_layer(editor.document.index_of(editor.document.layers[-1]), -1)
    editor.set_layer_property(0, "opacity", 0.3)
    editor.set_layer_property(0, "opacity", 0.4)  # merges with the previous step
    editor.set_layer_property(1, "name", "Renamed")
    editor.set_layer_property(0, "visible", False)
    editor.delete_layer(2)
    assert editor.undo_stack.count() == 7
    state = [(layer.name, layer.opacity, layer.visible) for layer in editor.document.layers]
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert [(layer.name, layer.opacity, layer.visible) for layer in editor.document.layers] == start
    assert same(snapshot(editor), pixels)
    while editor.undo_stack.canRedo():
        editor.undo_stack.redo()
    assert [(layer.name, layer.opacity, layer.visible) for layer in editor.document.layers] == state


def test_merge_down_is_one_step(editor):
    draw(editor, [(20, 20), (90, 90)], size=20, colour=(0, 0, 255))
    flat = editor.document_image()
    editor.merge_down(1)
    assert len(editor.document.layers) == 1
    assert np.array_equal(editor.document_image(), flat)
    editor.undo_stack.undo()
    assert len(editor.document.layers) == 2 and np.array_equal(editor.document_image(), flat)


def test_add_layer_from_array_places_scales_and_undoes(editor, qtbot):
    small = np.zeros((64, 64, 3), np.uint8)
    small[...] = (10, 20, 30)
    with qtbot.waitSignal(editor.layers_changed):
        editor.add_layer_from_array(small, "generated clipart #0", {"model": "m", "seed": 3})
    layer = editor.active_layer
    assert layer.name == "generated clipart #0" and layer.provenance == {"model": "m", "seed": 3}
    assert tuple(layer.pixels[60, 80]) == (10, 20, 30, 255) and layer.pixels[0, 0, 3] == 0
    image = editor.document_image()
    assert image.shape == (120, 160, 4) and image.dtype == np.uint8 and tuple(image[60, 80]) == (10, 20, 30, 255)
    big = np.full((600, 400, 4), 200, np.uint8)
    editor.add_layer_from_array(big, "big", {})
    placed = editor.active_layer.provenance["placed"]
    assert placed["scaled_to"][1] == 120 and editor.active_layer.pixels.shape == (120, 160, 4)
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert [layer.name for layer in editor.document.layers] == ["Background", "Layer 1"]


def test_cancel_stroke_restores_the_layer(editor):
    before = snapshot(editor)
    editor.begin_stroke(10, 10)
    editor.continue_stroke(100, 100)
    editor.cancel_stroke()
    assert same(snapshot(editor), before) and editor.undo_stack.count() == 0


def test_selection_limits_painting_and_fills_and_frames_the_projection(editor):
    from artdesk.core.document import Rect

    editor.set_selection(Rect(40, 30, 50, 40))
    draw(editor, [(0, 50), (159, 50)], size=10, hardness=1.0, colour=(255, 0, 0))
    painted = editor.document.layers[1].pixels[..., 3] > 0
    rows, cols = np.nonzero(painted)
    assert cols.min() >= 40 and cols.max() < 90 and rows.min() >= 30 and rows.max() < 70
    editor.set_brush(colour=(0, 0, 255))
    assert not editor.fill_at(5, 5)  # outside the selection
    editor.fill_all_layers = False
    assert editor.fill_at(45, 35)
    blue = (editor.document.layers[1].pixels[..., 2] == 255)
    assert blue.sum() > 0 and not blue[:30].any() and not blue[:, 90:].any()
    assert editor.selection_image().shape == (40, 50, 4) and editor.document_image().shape == (120, 160, 4)
    assert editor.selection_mask().sum() == 40 * 50
    editor.add_layer_from_array(np.full((64, 64, 3), 7, np.uint8), "projected", {})
    rows, cols = np.nonzero(editor.active_layer.pixels[..., 3])
    assert (rows.min(), rows.max(), cols.min(), cols.max()) == (30, 69, 45, 84)  # 40 x 40, centred in the selection
    editor.add_layer_from_array(np.full((120, 160, 3), 9, np.uint8), "whole", {})
    assert (editor.active_layer.pixels == (9, 9, 9, 255)).all()  # canvas-sized: placed as it is
    editor.set_selection(None)
    assert editor.selection_image().shape == (120, 160, 4) and editor.selection_mask() is None


def test_replace_active_layer_is_one_exact_undo_step(editor):
    from artdesk.core.errors import ArtdeskError

    editor.set_active(0)
    before = editor.active_layer_image()
    styled = 255 - before[..., :3]
    editor.replace_active_layer(styled, "Apply style oil")
    assert np.array_equal(editor.document.layers[0].pixels[..., :3], styled)
    assert np.array_equal(editor.document.layers[0].pixels[..., 3], before[..., 3])  # RGB keeps the alpha
    assert editor.undo_stack.undoText() == "Apply style oil"
    editor.undo_stack.undo()
    assert np.array_equal(editor.document.layers[0].pixels, before)
    with pytest.raises(ArtdeskError, match="do not match"):
        editor.replace_active_layer(np.zeros((5, 5, 3), np.uint8), "bad")


def test_undo_memory_over_budget_compresses_old_steps_and_stays_exact(editor):
    editor.set_active(0)
    editor.fill_all_layers = False
    editor.fill_tolerance = 255
    states = [snapshot(editor)]
    for colour in ((255, 0, 0), (0, 255, 0), (0, 0, 255)):
        editor.set_brush(colour=colour)
        editor.fill_at(10, 10)
        states.append(snapshot(editor))
    raw = editor.undo_bytes()
    editor.undo_budget = raw // 2
    editor.set_brush(colour=(9, 9, 9))
    editor.fill_at(10, 10)
    states.append(snapshot(editor))
    assert editor.undo_bytes() < raw  # the older fills are now compressed
    for state in reversed(states[:-1]):
        editor.undo_stack.undo()
        assert same(snapshot(editor), state)
    for state in states[1:]:
        editor.undo_stack.redo()
        assert same(snapshot(editor), state)


def test_clear_selection_erases_only_inside_and_undoes(editor, qtbot):
    from artdesk.core.document import Rect

    editor.set_active(0)
    with qtbot.waitSignal(editor.message):
        assert not editor.clear_selection()  # nothing selected: says so
    before = snapshot(editor)
    editor.set_selection(Rect(10, 20, 30, 40))
    assert editor.clear_selection()
    pixels = editor.document.layers[0].pixels
    assert (pixels[20:60, 10:40] == 0).all() and np.array_equal(pixels[:20], before[0][:20])
    editor.undo_stack.undo()
    assert same(snapshot(editor), before)
