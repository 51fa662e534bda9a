"""The canvas view: pointer input lands on the right pixels at any zoom and pan; tablet pressure; wheel zoom."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from artdesk.core.document import Document
from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.canvas.view import QtCanvasView


@pytest.fixture
def view(qtbot):
    editor = QtCanvasEditor(Document.new(200, 150))
    view = QtCanvasView(editor)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def drag(qtbot, view, points, button=Qt.MouseButton.LeftButton):
    qtbot.mousePress(view, button, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(view, point)
    qtbot.mouseRelease(view, button, pos=points[-1])


def test_drag_paints_where_the_pointer_is_at_any_zoom(qtbot, view):
    view.set_zoom(2.0)
    view.offset = QPointF(-50, 10)
    view.editor.set_brush(size=6, hardness=1.0, colour=(255, 0, 0))
    drag(qtbot, view, [QPoint(60, 50), QPoint(160, 50), QPoint(260, 50)])  # canvas (55, 20) .. (155, 20)
    layer = view.editor.document.layers[1]
    assert tuple(layer.pixels[20, 100]) == (255, 0, 0, 255)
    assert layer.pixels[40, 100, 3] == 0
    assert view.editor.undo_stack.count() == 1
    view.editor.undo_stack.undo()
    assert (layer.pixels == 0).all()


def test_grabbed_view_shows_the_paint(qtbot, view):
    view.fit()
    view.editor.set_brush(size=20, colour=(0, 0, 255))
    centre = view.to_widget(QPointF(100, 75)).toPoint()
    drag(qtbot, view, [centre, centre + QPoint(40, 0)])
    image = view.grab().toImage()
    colour = image.pixelColor(centre + QPoint(20, 0))
    assert (colour.red(), colour.green(), colour.blue()) == (0, 0, 255)


def test_ctrl_wheel_zooms_around_the_pointer_and_middle_drag_pans(qtbot, view):
    view.set_zoom(1.0)
    anchor = QPointF(120, 90)
    under = view.to_canvas(anchor)
    event = QWheelEvent(anchor, view.mapToGlobal(anchor), QPoint(0, 0), QPoint(0, 240), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view, event)
    assert view.zoom == pytest.approx(1.5625)
    assert view.to_canvas(anchor).x() == pytest.approx(under.x()) and view.to_canvas(anchor).y() == pytest.approx(under.y())
    offset = QPointF(view.offset)
    drag(qtbot, view, [QPoint(100, 100), QPoint(130, 90)], Qt.MouseButton.MiddleButton)
    assert view.offset - offset == QPointF(30, -10)
    assert view.editor.undo_stack.count() == 0


def test_fill_and_picker_tools(qtbot, view):
    view.set_zoom(1.0)
    view.offset = QPointF(0, 0)
    view.editor.set_brush(colour=(9, 99, 199))
    view.tool = "fill"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert tuple(view.editor.document.layers[1].pixels[100, 100]) == (9, 99, 199, 255)
    view.editor.set_brush(colour=(0, 0, 0))
    view.tool = "picker"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert view.editor.brush.colour == (9, 99, 199)


def tablet(view, kind, position, pressure, device):
    buttons = Qt.MouseButton.LeftButton if kind != QTabletEvent.Type.TabletRelease else Qt.MouseButton.NoButton
    event = QTabletEvent(kind, device, QPointF(position), view.mapToGlobal(QPointF(position)), pressure, 0.0, 0.0,
                         0.0, 0.0, 0.0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, buttons)
    QApplication.sendEvent(view, event)
    return event


def pen_line_width(view, pressure, device):
    view.editor.set_brush(size=30, hardness=1.0, pressure_size=True)
    for kind, x in ((QTabletEvent.Type.TabletPress, 20), (QTabletEvent.Type.TabletMove, 100),
                    (QTabletEvent.Type.TabletRelease, 100)):
        assert tablet(view, kind, QPointF(x, 40), pressure, device).isAccepted()
    column = view.editor.document.layers[1].pixels[:, 60, 3]
    width = int((column > 127).sum())
    view.editor.undo_stack.undo()
    return width


_PEN: list = []  # the test pen lives as long as the process: Qt events keep pointers to their device


def pen_device():
    if not _PEN:
        _PEN.append(QPointingDevice("test pen", 4242, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                                    QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2))
    return _PEN[0]


def test_tablet_pressure_sets_the_width(qtbot, view):
    view.set_zoom(1.0)
    view.offset = QPointF(0, 0)
    device = pen_device()
    light, firm = pen_line_width(view, 0.2, device), pen_line_width(view, 1.0, device)
    assert 0 < light < firm / 3 and firm >= 28
    assert np.all(view.editor.document.layers[1].pixels == 0)


def test_alt_click_picks_a_colour_with_the_brush(qtbot, view):
    view.set_zoom(1.0)
    view.offset = QPointF(0, 0)
    view.editor.document.layers[0].pixels[:] = (12, 34, 56, 255)
    view.editor.refresh()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, QPoint(30, 30))
    assert view.editor.brush.colour == (12, 34, 56) and view.editor.undo_stack.count() == 0


def test_select_tool_drags_a_rectangle_and_a_click_clears_it(qtbot, view):
    view.set_zoom(2.0)
    view.offset = QPointF(0, 0)
    view.tool = "select"
    drag(qtbot, view, [QPoint(20, 40), QPoint(80, 100), QPoint(120, 140)])
    selection = view.editor.selection
    assert (selection.x, selection.y, selection.w, selection.h) == (10, 20, 50, 50)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert view.editor.selection is None


def test_shift_click_draws_a_straight_line_from_the_last_stroke(qtbot, view):
    view.set_zoom(1.0)
    view.offset = QPointF(0, 0)
    view.editor.set_brush(size=4, hardness=1.0, colour=(0, 0, 0))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier, QPoint(180, 20))
    row = view.editor.document.layers[1].pixels[20, :, 3]
    assert (row[22:178] == 255).all()
    assert view.editor.undo_stack.count() == 2


def test_the_canvas_stays_fitted_and_centred_while_the_view_settles_until_the_artist_zooms(qtbot):
    """First start: the view is fitted at its first small size, then the docks settle and it grows; the
    canvas must follow (it was left off-centre at 18% before)."""
    editor = QtCanvasEditor(Document.new(1024, 1024))
    view = QtCanvasView(editor)
    qtbot.addWidget(view)
    view.resize(220, 220)
    view.show()
    qtbot.waitExposed(view)
    view.resize(900, 700)
    qtbot.waitUntil(lambda: view.width() == 900)
    assert view.zoom == pytest.approx(680 / 1024)
    centre = view.to_widget(QPointF(512, 512))
    assert centre.x() == pytest.approx(450) and centre.y() == pytest.approx(350)
    view.zoom_by(1.25)
    zoom = view.zoom
    view.resize(800, 600)
    qtbot.waitUntil(lambda: view.width() == 800)
    assert view.zoom == zoom  # the artist's zoom is kept
