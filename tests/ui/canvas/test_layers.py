"""The layer list drives the editor: show/hide, rename, opacity, buttons; every change is undoable."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from artdesk.core.document import Document
from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.canvas.layers import QtLayerList


@pytest.fixture
def layers(qtbot):
    editor = QtCanvasEditor(Document.new(64, 48))
    widget = QtLayerList(editor)
    qtbot.addWidget(widget)
    return widget


def names(widget):
    return [widget.list.item(row).text() for row in range(widget.list.count())]


def test_list_shows_top_layer_first_and_follows_the_buttons(layers):
    assert names(layers) == ["Layer 1", "Background"]
    layers.buttons["new"].click()
    assert names(layers) == ["Layer", "Layer 1", "Background"] and layers.list.currentRow() == 0
    layers.buttons["down"].click()
    assert names(layers) == ["Layer 1", "Layer", "Background"] and layers.list.currentRow() == 1
    layers.buttons["duplicate"].click()
    assert names(layers)[1] == "Layer copy"
    layers.buttons["delete"].click()
    assert names(layers) == ["Layer 1", "Layer", "Background"]
    layers.editor.undo_stack.undo()
    assert names(layers)[1] == "Layer copy"


def test_checkbox_hides_and_text_renames_undoably(qtbot, layers):
    editor = layers.editor
    background = layers.list.item(1)
    background.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: editor.document.layers[0].visible is False)
    assert editor.document_image()[0, 0, 3] == 0
    layers.list.item(0).setText("Ink")
    qtbot.waitUntil(lambda: editor.document.layers[1].name == "Ink")
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert editor.document.layers[0].visible and editor.document.layers[1].name == "Layer 1"
    assert names(layers) == ["Layer 1", "Background"]


def test_opacity_slider_sets_the_active_layer(layers):
    editor = layers.editor
    layers.list.setCurrentRow(1)
    assert editor.active_index == 0
    layers.opacity.setValue(25)
    assert editor.document.layers[0].opacity == pytest.approx(0.25)
    assert editor.document_image()[0, 0, 3] == 64
    editor.undo_stack.undo()
    assert editor.document.layers[0].opacity == 1.0 and layers.opacity.value() == 100


def test_thumbnails_follow_painting(layers):
    editor = layers.editor
    before = layers.list.item(0).icon().pixmap(40, 40).toImage()
    editor.set_brush(size=40, colour=(255, 0, 0))
    editor.begin_stroke(0, 24)
    editor.continue_stroke(64, 24)
    editor.end_stroke()
    after = layers.list.item(0).icon().pixmap(40, 40).toImage()
    assert before != after
    assert np.any(editor.document.layers[1].pixels[..., 3])
