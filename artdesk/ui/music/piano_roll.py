"""The piano roll: a view and editor of a QtMelodyDocument on the 16th-note grid.

Mouse: click an empty cell to add a note; drag a note to move it, drag its right edge to resize it;
drag on empty space to select with a rubber band (Shift adds); right-click a note to delete it;
click the ruler to move the playhead. Keys: Delete, Ctrl+A, Esc, arrows (Shift+Up/Down: octave),
Ctrl+wheel or Ctrl+plus/minus to zoom. Every edit goes to the document as one undoable command.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QLine, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from artdesk.core.melody import Melody, Note
from artdesk.ui.music.document import QtMelodyDocument
from artdesk.core.melody_edits import add_note, clamp_note, delete_notes, make_monophonic, move_notes, resize_notes

KEYS_WIDTH = 46
RULER_HEIGHT = 20
ROW_HEIGHT = 11
MIN_ZOOM, MAX_ZOOM = 0.25, 64.0  # pixels per 16th step (0.25: about 250 bars of 4/4 across a screen)
RESIZE_MARGIN = 5  # pixels at a note's right edge that grab its length
DRAG_THRESHOLD = 3
BLACK_KEYS = {1, 3, 6, 8, 10}
NOTE_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
NOTE_EDGE = QPen(QColor(20, 40, 110))
NOTE_FILLS = [QColor(40 + 8 * (7 - i), 90 + 4 * (7 - i), 150 + 13 * i) for i in range(8)]  # by velocity / 16
SELECTED_FILL = QColor(255, 150, 40)
PLAYHEAD_PEN = QPen(QColor(220, 30, 30), 2)


def pitch_name(pitch: int) -> str:
    return f"{NOTE_NAMES[pitch % 12]}{pitch // 12 - 1}"


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor(round(a.red() + (b.red() - a.red()) * amount), round(a.green() + (b.green() - a.green()) * amount),
                  round(a.blue() + (b.blue() - a.blue()) * amount))


class RollColours:
    """The grid's colours, derived from the widget palette so light and dark themes both read well."""

    def __init__(self, palette: QPalette) -> None:
        base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        self.background = base
        self.black_row = palette.color(QPalette.ColorRole.AlternateBase)
        self.octave = QPen(_mix(base, text, 0.25))
        self.bar = QPen(_mix(base, text, 0.55))
        self.beat = QPen(_mix(base, text, 0.22))
        self.step = QPen(_mix(base, text, 0.09))
        highlight = palette.color(QPalette.ColorRole.Highlight)
        self.selected_fill = SELECTED_FILL  # fixed warm colour: a blue highlight would vanish among blue notes
        self.selected_edge = QPen(_mix(SELECTED_FILL, text, 0.5))
        self.band_pen = QPen(highlight, 1, Qt.PenStyle.DashLine)
        self.band_fill = QColor(highlight.red(), highlight.green(), highlight.blue(), 40)
        self.ruler = palette.color(QPalette.ColorRole.Button)
        self.ruler_text = palette.color(QPalette.ColorRole.ButtonText)
        self.ruler_corner = _mix(self.ruler, text, 0.08)
        self.divider = QPen(_mix(base, text, 0.4))


def _geometry(notes) -> list[tuple[int, int, int, int, int, Note]]:
    """(start, end, pitch, duration, velocity level, note) per note, sorted by start: what painting reads."""
    ordered = sorted(notes, key=lambda n: (n.start, n.pitch))
    return [(n.start, n.end, n.pitch, n.duration, min(127, max(0, n.velocity)) * len(NOTE_FILLS) // 128, n) for n in ordered]


class QtPianoRoll(QAbstractScrollArea):
    seek_requested = Signal(float)  # the user clicked the ruler at this step (playback starts there)
    note_pressed = Signal(int)  # a note was added or grabbed at this pitch (for auditioning)

    def __init__(self, document: QtMelodyDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.zoom = 14.0  # pixels per step
        self.default_duration = 2  # steps, for a newly added note; follows the last resize
        self.playhead: float | None = None
        self._sorted: list[Note] = []
        self._starts: list[int] = []
        self._preview: tuple[tuple[Note, ...], frozenset[Note]] | None = None  # notes shown while dragging
        self._drag: dict | None = None
        self._cache: QPixmap | None = None  # the view without the playhead
        self._colours = RollColours(self.palette())
        self.setAccessibleName("Piano roll")
        self.setToolTip(self.tr(
            "Click: add a note · drag a note: move · drag its right edge: resize · right-click: delete\n"
            "Drag on empty space: select · Ctrl+C / Ctrl+V: copy and paste at the cue point · arrows: move\n"
            "Click the ruler: set the cue point · Ctrl+wheel: zoom"))
        self.paste_step = 0.0  # where Ctrl+V puts copied notes (the panel keeps it at the cue point)
        self._clipboard: tuple[Note, ...] = ()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._font = QFont(self.font())
        self._font.setPointSizeF(max(6.0, self._font.pointSizeF() * 0.8))
        document.changed.connect(self._on_document_changed)
        document.selection_changed.connect(self._invalidate)
        self._on_document_changed()
        self.verticalScrollBar().setValue(self._pitch_y_content(84))

    # geometry ---------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(800, 420)

    def _pitch_y_content(self, pitch: int) -> int:
        return (127 - pitch) * ROW_HEIGHT

    def step_to_x(self, step: float) -> float:
        return KEYS_WIDTH + step * self.zoom - self.horizontalScrollBar().value()

    def pitch_to_y(self, pitch: int) -> int:
        return RULER_HEIGHT + self._pitch_y_content(pitch) - self.verticalScrollBar().value()

    def x_to_step(self, x: float) -> float:
        return (x - KEYS_WIDTH + self.horizontalScrollBar().value()) / self.zoom

    def y_to_pitch(self, y: float) -> int:
        return 127 - int((y - RULER_HEIGHT + self.verticalScrollBar().value()) // ROW_HEIGHT)

    def note_rect(self, note: Note) -> QRectF:
        x = self.step_to_x(note.start)
        return QRectF(x, self.pitch_to_y(note.pitch), max(2.0, note.duration * self.zoom), ROW_HEIGHT)

    def note_at(self, pos: QPoint) -> Note | None:
        step = self.x_to_step(pos.x())
        pitch = self.y_to_pitch(pos.y())
        index = bisect.bisect_right(self._starts, step) - 1
        for candidate in self._sorted[max(0, index - 2) : index + 1][::-1]:
            if candidate.pitch == pitch and candidate.start <= step < candidate.end + RESIZE_MARGIN / self.zoom:
                return candidate
        return None

    def _content_steps(self) -> int:
        bar = self.document.melody.steps_per_bar
        length = max(self.document.melody.length_steps, 16 * bar)
        return (-(-length // bar) + 4) * bar

    def _update_scrollbars(self) -> None:
        view = self.viewport().size()
        width = int(self._content_steps() * self.zoom)
        self.horizontalScrollBar().setRange(0, max(0, width - (view.width() - KEYS_WIDTH)))
        self.horizontalScrollBar().setPageStep(max(1, view.width() - KEYS_WIDTH))
        self.horizontalScrollBar().setSingleStep(max(1, int(self.zoom * 4)))
        height = 128 * ROW_HEIGHT
        self.verticalScrollBar().setRange(0, max(0, height - (view.height() - RULER_HEIGHT)))
        self.verticalScrollBar().setPageStep(max(1, view.height() - RULER_HEIGHT))
        self.verticalScrollBar().setSingleStep(ROW_HEIGHT)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._update_scrollbars()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt naming)
        self._invalidate()

    # public view controls ---------------------------------------------------------------------
    def set_zoom(self, pixels_per_step: float) -> None:
        """Zoom horizontally, keeping the left edge's step in place."""
        left_step = self.x_to_step(KEYS_WIDTH)
        self.zoom = min(MAX_ZOOM, max(MIN_ZOOM, float(pixels_per_step)))
        self._update_scrollbars()
        self.horizontalScrollBar().setValue(int(left_step * self.zoom))
        self._invalidate()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * 1.25)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / 1.25)

    def zoom_to_fit(self) -> None:
        """Zoom so the whole melody (at least one bar) fills the view's width."""
        bar = self.document.melody.steps_per_bar
        steps = max(bar, -(-self.document.melody.length_steps // bar) * bar)
        self.set_zoom((self.viewport().width() - KEYS_WIDTH - 8) / steps)
        self.horizontalScrollBar().setValue(0)

    def show_notes(self) -> None:
        """Scroll vertically so the melody's pitch range is centred."""
        notes = self.document.notes
        if not notes:
            return
        middle = (min(n.pitch for n in notes) + max(n.pitch for n in notes)) / 2
        visible = self.viewport().height() - RULER_HEIGHT
        self.verticalScrollBar().setValue(int(self._pitch_y_content(round(middle)) - visible / 2))

    def set_playhead(self, step: float | None) -> None:
        """Show the playhead at ``step`` (None hides it); pages along when it leaves the view."""
        old = self.playhead
        self.playhead = step
        if step is not None:
            x = self.step_to_x(step)
            if x > self.viewport().width() - 10 or x < KEYS_WIDTH:
                self.horizontalScrollBar().setValue(int(step * self.zoom) - 20)
                self._invalidate()
                return
        for value in (old, step):
            if value is not None:
                x = int(self.step_to_x(value))
                self.viewport().update(QRect(x - 2, 0, 5, self.viewport().height()))

    # painting ----------------------------------------------------------------------------------
    def _on_document_changed(self) -> None:
        self._sorted = sorted(self.document.notes, key=lambda n: (n.start, n.pitch))
        self._starts = [n.start for n in self._sorted]
        self._geometry = _geometry(self._sorted)
        self._update_scrollbars()
        self._invalidate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._colours = RollColours(self.palette())  # the theme changed (light/dark)
            self._invalidate()
        super().changeEvent(event)

    def _invalidate(self) -> None:
        """The picture changed (notes, selection, scroll, zoom, size): repaint the cache, then the view."""
        self._cache = None
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """Blit the cached picture (re-rendered only after ``_invalidate``), then draw the playhead on top.

        During playback only the playhead moves, so a frame costs a small blit.
        """
        viewport = self.viewport()
        ratio = viewport.devicePixelRatioF()
        if self._cache is None or self._cache.size() != viewport.size() * ratio:
            self._cache = QPixmap(viewport.size() * ratio)
            self._cache.setDevicePixelRatio(ratio)
            cache_painter = QPainter(self._cache)
            try:
                self._paint(cache_painter, viewport.rect())
            finally:
                cache_painter.end()
        painter = QPainter(viewport)
        try:
            clip = event.rect()
            painter.drawPixmap(clip, self._cache, QRectF(clip.x() * ratio, clip.y() * ratio, clip.width() * ratio, clip.height() * ratio).toRect())
            if self.playhead is not None:
                x = round(self.step_to_x(self.playhead))
                if x >= KEYS_WIDTH:
                    painter.setPen(PLAYHEAD_PEN)
                    painter.drawLine(x, 0, x, viewport.height())
        finally:
            painter.end()

    def _paint(self, painter: QPainter, clip: QRect) -> None:
        """Paint what intersects ``clip``; shapes of one colour go in one batched call."""
        view = self.viewport().rect()
        grid = QRect(KEYS_WIDTH, RULER_HEIGHT, view.width() - KEYS_WIDTH, view.height() - RULER_HEIGHT)
        area = grid.intersected(clip)
        colours = self._colours
        painter.fillRect(clip, colours.background)
        top_pitch = min(127, self.y_to_pitch(max(RULER_HEIGHT, clip.top())))
        bottom_pitch = max(0, self.y_to_pitch(clip.bottom()))
        melody = self.document.melody
        bar = melody.steps_per_bar
        first_step = max(0, int(self.x_to_step(max(KEYS_WIDTH, clip.left()))))
        last_step = int(self.x_to_step(clip.right())) + 1
        if not area.isEmpty():
            painter.setClipRect(area)
            self._paint_grid(painter, area, bottom_pitch, top_pitch, first_step, last_step, melody)
            self._paint_notes(painter, bottom_pitch, top_pitch, first_step, last_step, bar)
            if self._drag and self._drag["mode"] == "band" and self._drag.get("moved"):
                painter.setPen(colours.band_pen)
                painter.fillRect(self._drag["band"], colours.band_fill)
                painter.drawRect(self._drag["band"])
            painter.setClipping(False)
        if clip.left() < KEYS_WIDTH:
            self._paint_keys(painter, max(0, self.y_to_pitch(view.height())), min(127, self.y_to_pitch(RULER_HEIGHT)), view)
        if clip.top() < RULER_HEIGHT:
            self._paint_ruler(painter, first_step, last_step, bar, view)

    def _paint_grid(self, painter: QPainter, area: QRect, bottom: int, top: int, first: int, last: int, melody: Melody) -> None:
        black_rows, octave_lines = [], []
        for pitch in range(bottom, top + 1):
            y = self.pitch_to_y(pitch)
            if pitch % 12 in BLACK_KEYS:
                black_rows.append(QRect(area.left(), y, area.width(), ROW_HEIGHT))
            if pitch % 12 == 0:
                octave_lines.append(QLine(area.left(), y + ROW_HEIGHT, area.right(), y + ROW_HEIGHT))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colours.black_row)
        painter.drawRects(black_rows)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(self._colours.octave)
        painter.drawLines(octave_lines)
        bar = melody.steps_per_bar
        beat = 6 if melody.time_signature[1] == 8 else 4
        lines: dict[int, list[QLine]] = {0: [], 1: [], 2: []}  # bar, beat, step
        x0 = KEYS_WIDTH - self.horizontalScrollBar().value()
        top_y, bottom_y = area.top(), area.bottom()
        bar_every = bar * max(1, int(4 / (bar * self.zoom)) + 1) if bar * self.zoom < 4 else bar  # lines >= 4 px apart
        stride = 1 if self.zoom >= 8 else beat if beat * self.zoom >= 5 else bar_every  # only the lines that are drawn
        for step in range(first - first % stride, last + 1, stride):
            kind = 0 if step % bar_every == 0 else 1 if step % beat == 0 else 2
            x = round(x0 + step * self.zoom)
            lines[kind].append(QLine(x, top_y, x, bottom_y))
        colours = self._colours
        for kind, pen in ((2, colours.step), (1, colours.beat), (0, colours.bar)):
            painter.setPen(pen)
            painter.drawLines(lines[kind])

    def _paint_notes(self, painter: QPainter, bottom: int, top: int, first: int, last: int, bar: int) -> None:
        if self._preview:
            geometry = _geometry(self._preview[0])
            selection = self._preview[1]
            starts = [g[0] for g in geometry]
        else:
            geometry, selection, starts = self._geometry, self.document.selection, self._starts
        lo = bisect.bisect_left(starts, first - 64 * bar)  # notes longer than 64 bars are not drawn from afar
        hi = bisect.bisect_right(starts, last)
        by_level: list[list[QRectF]] = [[] for _ in NOTE_FILLS]
        chosen: list[QRectF] = []
        x0 = KEYS_WIDTH - self.horizontalScrollBar().value() + 0.5  # note_rect, inlined: this loop is the hot path
        y0 = RULER_HEIGHT - self.verticalScrollBar().value() + 1.0 + 127 * ROW_HEIGHT
        zoom = self.zoom
        for start, end, pitch, duration, level, note in geometry[lo:hi]:
            if end < first or pitch < bottom or pitch > top:
                continue
            width = duration * zoom
            rect = QRectF(x0 + start * zoom, y0 - pitch * ROW_HEIGHT, (width if width > 2.0 else 2.0) - 1.0, ROW_HEIGHT - 2.0)
            if selection and note in selection:
                chosen.append(rect)
            else:
                by_level[level].append(rect)
        painter.setPen(NOTE_EDGE if zoom >= 3 else Qt.PenStyle.NoPen)  # outlines only where notes are wide enough
        for level, rects in enumerate(by_level):
            if rects:
                painter.setBrush(NOTE_FILLS[level])  # louder notes are more saturated
                painter.drawRects(rects)
        if chosen:
            painter.setPen(self._colours.selected_edge)
            painter.setBrush(self._colours.selected_fill)
            painter.drawRects(chosen)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_keys(self, painter: QPainter, bottom: int, top: int, view: QRect) -> None:
        painter.fillRect(QRect(0, RULER_HEIGHT, KEYS_WIDTH, view.height()), QColor(255, 255, 255))
        painter.setFont(self._font)
        for pitch in range(bottom, top + 1):
            y = self.pitch_to_y(pitch)
            if pitch % 12 in BLACK_KEYS:
                painter.fillRect(QRect(0, y, KEYS_WIDTH * 3 // 5, ROW_HEIGHT), QColor(40, 40, 46))
            else:
                painter.setPen(QColor(200, 200, 208))
                painter.drawLine(0, y + ROW_HEIGHT, KEYS_WIDTH, y + ROW_HEIGHT)
            if pitch % 12 == 0:
                painter.setPen(QColor(60, 60, 70))
                painter.drawText(QRect(0, y, KEYS_WIDTH - 3, ROW_HEIGHT), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, pitch_name(pitch))
        painter.setPen(self._colours.divider)
        painter.drawLine(KEYS_WIDTH - 1, RULER_HEIGHT, KEYS_WIDTH - 1, view.height())

    def _paint_ruler(self, painter: QPainter, first: int, last: int, bar: int, view: QRect) -> None:
        painter.fillRect(QRect(0, 0, view.width(), RULER_HEIGHT), self._colours.ruler)
        painter.setPen(self._colours.ruler_text)
        painter.setFont(self._font)
        every = max(1, int(40 / max(1e-6, bar * self.zoom)))  # keep labels about 40 px apart at least
        for step in range(first - first % bar, last + 1, bar):
            number = step // bar
            if number % every:
                continue
            x = round(self.step_to_x(step))
            if x >= KEYS_WIDTH:
                painter.drawLine(x, RULER_HEIGHT - 6, x, RULER_HEIGHT)
                painter.drawText(QRect(x + 3, 0, 60, RULER_HEIGHT), Qt.AlignmentFlag.AlignVCenter, str(number + 1))
        painter.fillRect(QRect(0, 0, KEYS_WIDTH, RULER_HEIGHT), self._colours.ruler_corner)
        painter.setPen(self._colours.divider)
        painter.drawLine(0, RULER_HEIGHT - 1, view.width(), RULER_HEIGHT - 1)

    # editing -----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        pos = event.position().toPoint()
        self.setFocus()
        if pos.x() < KEYS_WIDTH:
            return
        if pos.y() < RULER_HEIGHT:
            self.seek_requested.emit(max(0.0, self.x_to_step(pos.x())))
            return
        note = self.note_at(pos)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.button() == Qt.MouseButton.RightButton:
            if note is not None:
                self.document.set_notes(delete_notes(self.document.notes, {note}), "Delete note")
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if note is None:
            if not shift:
                self.document.set_selection(())
            self._drag = {"mode": "band", "origin": pos, "band": QRect(pos, pos), "moved": False, "shift": shift}
            return
        selection = set(self.document.selection)
        if note not in selection:
            selection = (selection | {note}) if shift else {note}
            self.document.set_selection(selection)
        right_edge = self.note_rect(note).right()
        mode = "resize" if pos.x() >= right_edge - RESIZE_MARGIN and note.duration * self.zoom > 2 * RESIZE_MARGIN else "move"
        self._drag = {"mode": mode, "origin": pos, "note": note, "moved": False}
        self.note_pressed.emit(note.pitch)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        pos = event.position().toPoint()
        if self._drag is None:
            note = self.note_at(pos) if pos.x() >= KEYS_WIDTH and pos.y() >= RULER_HEIGHT else None
            near_edge = note is not None and pos.x() >= self.note_rect(note).right() - RESIZE_MARGIN
            self.viewport().setCursor(Qt.CursorShape.SizeHorCursor if near_edge else Qt.CursorShape.ArrowCursor)
            return
        drag = self._drag
        delta = pos - drag["origin"]
        if not drag["moved"] and delta.manhattanLength() < DRAG_THRESHOLD:
            return
        drag["moved"] = True
        if drag["mode"] == "band":
            drag["band"] = QRect(drag["origin"], pos).normalized()
        else:
            drag["result"] = self._drag_result(drag["mode"], delta)
            self._preview = (drag["result"][0], frozenset(drag["result"][1]))
        self._invalidate()

    def _drag_result(self, mode: str, delta: QPoint) -> tuple[tuple[Note, ...], tuple[Note, ...]]:
        d_step = round(delta.x() / self.zoom)
        selection = set(self.document.selection)
        if mode == "resize":
            return resize_notes(self.document.notes, selection, d_step)
        d_pitch = -round(delta.y() / ROW_HEIGHT)
        return move_notes(self.document.notes, selection, d_step, d_pitch)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        drag, self._drag = self._drag, None
        self._preview = None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            self._invalidate()
            return
        pos = event.position().toPoint()
        if drag["mode"] == "band":
            if drag["moved"]:
                self._select_band(drag["band"], drag["shift"])
            elif not drag["shift"]:
                self._add_at(pos)
        elif drag["moved"]:
            notes, moved = self._drag_result(drag["mode"], pos - drag["origin"])
            if drag["mode"] == "resize" and len(moved) == 1:
                self.default_duration = moved[0].duration
            self.document.set_notes(notes, "Resize notes" if drag["mode"] == "resize" else "Move notes", moved)
        self._invalidate()

    def _add_at(self, pos: QPoint) -> None:
        step = int(self.x_to_step(pos.x()))
        pitch = self.y_to_pitch(pos.y())
        if not 0 <= pitch <= 127 or step < 0:
            return
        notes, added = add_note(self.document.notes, Note(pitch, step, self.default_duration, 90))
        self.document.set_notes(notes, f"Add {pitch_name(pitch)}", (added,))
        self.note_pressed.emit(pitch)

    def _select_band(self, band: QRect, add: bool) -> None:
        hit = {n for n in self.document.notes if self.note_rect(n).intersects(QRectF(band))}
        self.document.set_selection((set(self.document.selection) | hit) if add else hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        selection = set(self.document.selection)
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and selection:
            self.document.set_notes(delete_notes(self.document.notes, selection), f"Delete {len(selection)} notes")
        elif ctrl and key == Qt.Key.Key_A:
            self.document.select_all()
        elif ctrl and key == Qt.Key.Key_C and selection:
            self.copy_selection()
        elif ctrl and key == Qt.Key.Key_V and self._clipboard:
            self.paste(int(self.paste_step))
        elif key == Qt.Key.Key_Escape:
            self.document.set_selection(())
        elif ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif selection and key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            d_pitch = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(key, 0) * (12 if shift else 1)
            d_step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}.get(key, 0)
            notes, moved = move_notes(self.document.notes, selection, d_step, d_pitch)
            self.document.set_notes(notes, "Move notes", moved)
        else:
            super().keyPressEvent(event)

    def copy_selection(self) -> None:
        """Remember the selected notes (relative to the first of them) for ``paste``."""
        chosen = sorted(self.document.selection, key=lambda n: n.start)
        if chosen:
            first = chosen[0].start
            self._clipboard = tuple(Note(n.pitch, n.start - first, n.duration, n.velocity) for n in chosen)

    def paste(self, step: int) -> None:
        """Insert the copied notes starting at ``step`` (they win over notes they overlap); undoable."""
        pasted = tuple(clamp_note(Note(n.pitch, n.start + step, n.duration, n.velocity)) for n in self._clipboard)
        notes = make_monophonic((*self.document.notes, *pasted), pasted)
        self.document.set_notes(notes, f"Paste {len(pasted)} notes", [n for n in notes if n in set(pasted)])

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt naming)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in() if event.angleDelta().y() > 0 else self.zoom_out()
            event.accept()
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
        else:
            super().wheelEvent(event)

    def melody(self) -> Melody:
        return self.document.melody
