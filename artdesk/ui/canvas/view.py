"""The canvas view: shows the editor's display buffer with zoom and pan, and turns mouse and
tablet input into brush strokes, fills and colour picks.

Canvas coordinates: ``canvas = (widget - offset) / zoom``. Ctrl+wheel zooms around the pointer,
the wheel scrolls, the middle button (or Space, or the pan tool) drags the view.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPointingDevice, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from artdesk.core.document import Rect
from artdesk.ui.canvas.editor import QtCanvasEditor

TOOLS = ("brush", "eraser", "fill", "picker", "select", "pan")
MIN_ZOOM, MAX_ZOOM = 1 / 32, 64.0


class QtCanvasView(QWidget):
    zoom_changed = Signal(float)  # the new zoom factor (1.0 = one canvas pixel per screen pixel)
    pointer_moved = Signal(int, int)  # canvas pixel under the pointer

    def __init__(self, editor: QtCanvasEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.tool = "brush"
        self.zoom = 1.0
        self.offset = QPointF(0.0, 0.0)
        self._image: QImage | None = None
        self._panning_from: QPointF | None = None
        self._selecting_from: QPointF | None = None  # canvas point where a selection drag began
        self._last_point: QPointF | None = None  # where the last stroke ended (Shift-click draws a line from it)
        self._space_down = False
        self._hover: QPointF | None = None
        self._tablet_down = False
        self._needs_fit = True
        self._restore_cursor()
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setAccessibleName("Canvas")
        editor.image_changed.connect(self._on_editor_image_changed)
        editor.document_replaced.connect(self._on_editor_document_replaced)
        editor.selection_changed.connect(self._on_editor_selection_changed)
        self._wrap_display()

    def set_tool(self, tool: str) -> None:
        """Use ``tool`` (one of TOOLS) for the left button; sets its cursor."""
        self.tool = tool
        self._restore_cursor()

    def _restore_cursor(self) -> None:
        self.setCursor(Qt.CursorShape.OpenHandCursor if self.tool == "pan" or self._space_down else Qt.CursorShape.CrossCursor)

    # ----- geometry ----------------------------------------------------------------------------
    def _wrap_display(self) -> None:
        display = self.editor.display
        height, width = display.shape[:2]
        # The QImage shares the numpy buffer (kept alive by the editor): no copy per repaint.
        self._image = QImage(display.data, width, height, display.strides[0], QImage.Format.Format_RGBX8888)

    def transform(self) -> QTransform:
        return QTransform(self.zoom, 0.0, 0.0, self.zoom, self.offset.x(), self.offset.y())

    def to_canvas(self, point: QPointF) -> QPointF:
        return (QPointF(point) - self.offset) / self.zoom

    def to_widget(self, point: QPointF) -> QPointF:
        return QPointF(point) * self.zoom + self.offset

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the canvas point under ``anchor`` (widget coordinates; default: the centre) still."""
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        fixed = self.to_canvas(anchor)
        self.zoom = zoom
        self.offset = anchor - fixed * zoom
        self._needs_fit = False
        self.update()
        self.zoom_changed.emit(zoom)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * factor, anchor)

    def fit(self) -> None:
        """Show the whole canvas, centred, never magnified beyond 100% unless it is tiny."""
        width, height = self.editor.document.size
        if self.width() < 10 or self.height() < 10:
            return
        zoom = min((self.width() - 20) / width, (self.height() - 20) / height)
        zoom = zoom if zoom < 1 else min(zoom, max(1.0, float(int(zoom))))
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        self.zoom = zoom
        self.offset = QPointF((self.width() - width * zoom) / 2, (self.height() - height * zoom) / 2)
        self._needs_fit = True  # stays fitted and centred as the view resizes (docks settling), until zoomed or panned
        self.update()
        self.zoom_changed.emit(zoom)

    def pan_by(self, dx: float, dy: float) -> None:
        self._needs_fit = False
        self.offset += QPointF(dx, dy)
        self.update()

    # ----- painting the widget -----------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        if self._needs_fit:
            self.fit()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(96, 96, 100))
        width, height = self.editor.document.size
        inverse, _ = self.transform().inverted()
        exposed = inverse.mapRect(QRectF(event.rect())).intersected(QRectF(0, 0, width, height))
        if not exposed.isEmpty():
            source = exposed.toAlignedRect().intersected(QRect(0, 0, width, height))
            painter.setTransform(self.transform())
            smooth = self.zoom < 1.0 and not self.editor.stroking and self._panning_from is None  # fast while moving
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            painter.drawImage(QRectF(source), self._image, QRectF(source))
            painter.resetTransform()
        selection = self.editor.selection
        if selection is not None:
            frame = self.transform().mapRect(QRectF(selection.x, selection.y, selection.w, selection.h))
            painter.setPen(QPen(QColor(255, 255, 255), 1.0))
            painter.drawRect(frame)
            dashes = QPen(QColor(0, 0, 0), 1.0, Qt.PenStyle.DashLine)
            painter.setPen(dashes)
            painter.drawRect(frame)
        if self._hover is not None and self.tool in ("brush", "eraser"):
            radius = max(1.0, self.editor.brush.size * self.zoom / 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setPen(QPen(QColor(255, 255, 255, 200), 1.5))
            painter.drawEllipse(self._hover, radius, radius)
            painter.setPen(QPen(QColor(0, 0, 0, 200), 1.0))
            painter.drawEllipse(self._hover, radius + 1, radius + 1)
        painter.end()

    def _widget_rect(self, rect: Rect) -> QRect:
        mapped = self.transform().mapRect(QRectF(rect.x, rect.y, rect.w, rect.h))
        return mapped.toAlignedRect().adjusted(-2, -2, 2, 2)

    def _on_editor_image_changed(self, rect: Rect | None) -> None:
        self.update() if rect is None else self.update(self._widget_rect(rect))

    def _on_editor_selection_changed(self, _rect) -> None:
        self.update()

    def _on_editor_document_replaced(self) -> None:
        self._last_point = None
        self._wrap_display()
        self._needs_fit = True
        self.fit()
        self.update()

    def _update_cursor_ring(self, old: QPointF | None) -> None:
        radius = int(self.editor.brush.size * self.zoom / 2) + 4
        for centre in (old, self._hover):
            if centre is not None:
                self.update(QRect(int(centre.x()) - radius, int(centre.y()) - radius, 2 * radius + 1, 2 * radius + 1))

    # ----- input -------------------------------------------------------------------------------
    def _press(self, position: QPointF, button: Qt.MouseButton, pressure: float,
               modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and (self.tool == "pan" or self._space_down)):
            self._panning_from = position
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if button != Qt.MouseButton.LeftButton:
            return
        point = self.to_canvas(position)
        if self.tool in ("brush", "eraser", "fill") and modifiers & Qt.KeyboardModifier.AltModifier:
            self.editor.pick_colour(point.x(), point.y())  # Alt-click picks a colour, as in Krita and GIMP
        elif self.tool in ("brush", "eraser") and modifiers & Qt.KeyboardModifier.ShiftModifier and self._last_point:
            start = self._last_point  # Shift-click: a straight line from the end of the last stroke
            if self.editor.begin_stroke(start.x(), start.y(), pressure, eraser=self.tool == "eraser"):
                self.editor.continue_stroke(point.x(), point.y(), pressure)
        elif self.tool in ("brush", "eraser"):
            self.editor.begin_stroke(point.x(), point.y(), pressure, eraser=self.tool == "eraser")
        elif self.tool == "fill":
            self.editor.fill_at(point.x(), point.y())
        elif self.tool == "picker":
            self.editor.pick_colour(point.x(), point.y())
        elif self.tool == "select":
            self._selecting_from = point
            self.editor.set_selection(None)

    def _move(self, position: QPointF, pressure: float) -> None:
        old, self._hover = self._hover, position
        if self._panning_from is not None:
            delta = position - self._panning_from
            self._panning_from = position
            self.pan_by(delta.x(), delta.y())
            return
        point = self.to_canvas(position)
        self.pointer_moved.emit(int(point.x()), int(point.y()))
        if self._selecting_from is not None:
            self.editor.set_selection(self._selection_rect(self._selecting_from, point))
        if self.editor.stroking:
            self.editor.continue_stroke(point.x(), point.y(), pressure)
        self._update_cursor_ring(old)

    def _stroke_end(self) -> QPointF | None:
        last = self.editor.last_stroke_point()
        return QPointF(*last) if last is not None else None

    @staticmethod
    def _selection_rect(a: QPointF, b: QPointF) -> Rect:
        x0, x1 = sorted((round(a.x()), round(b.x())))
        y0, y1 = sorted((round(a.y()), round(b.y())))
        return Rect(x0, y0, x1 - x0, y1 - y0)

    def _release(self) -> None:
        self._selecting_from = None
        if self._panning_from is not None:
            self._panning_from = None
            self._restore_cursor()
            self.update()  # repaint smoothly scaled once the view stops moving
            return
        if self.editor.stroking:
            self._last_point = self._stroke_end()
            self.editor.end_stroke()
            self.update()  # repaint smoothly scaled once the stroke is done

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self._press(event.position(), event.button(), 1.0, event.modifiers())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self._move(event.position(), 1.0)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.button() in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            self._release()

    def tabletEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Pen input with pressure; accepted, so Qt does not also send the synthesised mouse events."""
        kind = event.type()
        pressure = float(event.pressure())
        if kind == event.Type.TabletPress:
            self._tablet_down = True
            eraser_end = event.pointerType() == QPointingDevice.PointerType.Eraser
            if eraser_end and self.tool == "brush":
                point = self.to_canvas(event.position())
                self.editor.begin_stroke(point.x(), point.y(), pressure, eraser=True)
            else:
                self._press(event.position(), event.button(), pressure, event.modifiers())
        elif kind == event.Type.TabletMove:
            self._move(event.position(), pressure)
        elif kind == event.Type.TabletRelease:
            self._tablet_down = False
            self._release()
        event.accept()

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        old, self._hover = self._hover, None
        self._update_cursor_ring(old)
        super().leaveEvent(event)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120.0
            if steps:
                self.zoom_by(1.25 ** steps, event.position())
        else:
            dx, dy = delta.x(), delta.y()
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                dx, dy = dy, dx
            self.pan_by(dx / 2.0, dy / 2.0)
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() == Qt.Key.Key_Escape and self.editor.stroking:
            self.editor.cancel_stroke()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_down = False
            self._restore_cursor()
            return
        super().keyReleaseEvent(event)
