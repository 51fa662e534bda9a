"""A small piano-roll picture of a melody, as PNG bytes (for the gallery)."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from artdesk.core.melody import Melody


def melody_thumbnail_png(melody: Melody, width: int = 160, height: int = 96) -> bytes:
    """Notes as bars on a light grid with bar lines; the pitch range is fitted to the picture."""
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(250, 250, 252))
    painter = QPainter(image)
    try:
        steps = max(melody.steps_per_bar, melody.length_steps)
        if melody.notes:
            low = min(n.pitch for n in melody.notes) - 2
            high = max(n.pitch for n in melody.notes) + 2
            x_scale = (width - 8) / steps
            row = (height - 8) / max(1, high - low)
            painter.setPen(QColor(200, 202, 214))
            for step in range(0, steps + 1, melody.steps_per_bar):
                x = 4 + step * x_scale
                painter.drawLine(round(x), 2, round(x), height - 2)
            painter.setPen(QColor(20, 40, 110))
            painter.setBrush(QColor(60, 100, 200))
            for note in melody.notes:
                y = 4 + (high - note.pitch) * row
                painter.drawRect(QRectF(4 + note.start * x_scale, y - row / 2, max(1.5, note.duration * x_scale), max(2.0, row)))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)
