"""numpy <-> QImage: grey, RGB and RGBA, non-contiguous arrays and padded rows, round trips exact."""
import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from artdesk.ui.qimage import array_pixmap, array_to_qimage, qimage_to_array


def _pattern(height, width, channels):
    rng = np.random.default_rng(height * 100 + width * 10 + channels)
    shape = (height, width) if channels == 1 else (height, width, channels)
    return rng.integers(0, 256, shape, dtype=np.uint8)


@pytest.mark.parametrize("channels, fmt", [(1, QImage.Format.Format_Grayscale8), (3, QImage.Format.Format_RGB888),
                                           (4, QImage.Format.Format_RGBA8888)])
def test_round_trip_is_exact_with_odd_widths(qapp, channels, fmt):
    array = _pattern(5, 7, channels)  # 7 px rows of 1 or 3 bytes are padded to 4-byte lines in the QImage
    image = array_to_qimage(array)
    assert image.format() == fmt and (image.width(), image.height()) == (7, 5)
    if channels != 4:
        assert image.bytesPerLine() > 7 * channels  # the padding is real
    np.testing.assert_array_equal(qimage_to_array(image, channels), array)


def test_pixels_land_where_they_should(qapp):
    array = np.zeros((2, 3, 4), np.uint8)
    array[1, 2] = (10, 20, 30, 40)
    image = array_to_qimage(array)
    assert image.pixelColor(2, 1) == QColor(10, 20, 30, 40)
    assert array_to_qimage(array[..., :3]).pixelColor(2, 1) == QColor(10, 20, 30)


def test_non_contiguous_arrays_are_copied_right(qapp):
    big = _pattern(10, 12, 4)
    for view in (big[::2, ::3], big[:, :, :3], big[2:7, 1:11][..., ::-1][..., 1:], np.transpose(big, (1, 0, 2))):
        assert not view.flags.c_contiguous
        np.testing.assert_array_equal(qimage_to_array(array_to_qimage(view), view.shape[2]), view)


def test_the_image_owns_its_pixels(qapp):
    array = _pattern(4, 4, 3)
    image = array_to_qimage(array)
    array[:] = 0
    assert image.pixelColor(0, 0) != QColor(0, 0, 0)


def test_any_qimage_format_reads_as_rgba(qapp):
    image = QImage(3, 2, QImage.Format.Format_ARGB32)
    image.fill(QColor(200, 100, 50, 255))
    pixels = qimage_to_array(image)
    assert pixels.shape == (2, 3, 4) and (pixels == (200, 100, 50, 255)).all()


def test_a_wrong_shape_says_what_it_is(qapp):
    with pytest.raises(ValueError, match=r"\(4, 4, 2\)"):
        array_to_qimage(np.zeros((4, 4, 2), np.uint8))


def test_a_pixmap_fits_the_side_without_smoothing(qapp):
    array = np.zeros((8, 16, 3), np.uint8)
    array[:, 8:] = 255
    pixmap = array_pixmap(array, 64)
    assert (pixmap.width(), pixmap.height()) == (64, 32)
    row = pixmap.toImage()
    assert row.pixelColor(31, 5) == QColor(0, 0, 0) and row.pixelColor(32, 5) == QColor(255, 255, 255)
