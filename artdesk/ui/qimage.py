"""numpy <-> QImage, in one place. Every result is a deep copy: a QImage never shares a numpy buffer here,
so neither can outlive the other (the canvas view's live display is the one deliberate exception).

Arrays are uint8 HxW (grey), HxWx3 (RGB) or HxWx4 (RGBA, straight alpha), any strides. Call on the UI thread.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap

FORMATS = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_RGB888, 4: QImage.Format.Format_RGBA8888}


def array_to_qimage(array: np.ndarray) -> QImage:
    """A QImage of a uint8 grey, RGB or RGBA array (non-contiguous arrays are copied first)."""
    array = np.asarray(array)
    channels = 1 if array.ndim == 2 else array.shape[2] if array.ndim == 3 else 0
    if channels not in FORMATS:
        raise ValueError(f"a picture array is HxW, HxWx3 or HxWx4; this one is {array.shape}")
    array = np.ascontiguousarray(array, dtype=np.uint8)
    height, width = array.shape[:2]
    return QImage(array.data, width, height, array.strides[0], FORMATS[channels]).copy()


def qimage_to_array(image: QImage, channels: int = 4) -> np.ndarray:
    """A uint8 HxWx``channels`` array (or HxW for 1) of any QImage, converted; rows lose their padding."""
    image = image.convertToFormat(FORMATS[channels])
    height, width = image.height(), image.width()
    rows = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes()).reshape(height, image.bytesPerLine())
    pixels = rows[:, : width * channels].copy()
    return pixels if channels == 1 else pixels.reshape(height, width, channels)


def array_pixmap(array: np.ndarray, side: int) -> QPixmap:
    """A pixmap of ``array`` scaled to fit ``side`` x ``side``, without smoothing (small pictures stay crisp)."""
    return QPixmap.fromImage(array_to_qimage(array)).scaled(
        side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
