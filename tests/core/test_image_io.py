"""Opening pictures safely (every odd kind of file gets a clear message) and PNG provenance."""
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.core.image_io import decode_image, open_image, save_png


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def raw_png(width: int, height: int, bit_depth: int, colour_type: int, rows: bytes | None) -> bytes:
    """A PNG written by hand (for 16-bit RGB, or a header that claims a huge size)."""
    out = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0))
    if rows is not None:
        out += png_chunk(b"IDAT", zlib.compress(rows))
    return out + png_chunk(b"IEND", b"")


def save(image: Image.Image, path, **kwargs):
    image.save(path, **kwargs)
    return path


def test_png_round_trip_keeps_pixels_and_provenance(tmp_path):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (20, 30, 4), dtype=np.uint8)
    provenance = {"app": "artdesk", "seed": 7, "settings": {"style": "émoji"}, "layers": [{"name": "a"}]}
    path = save_png(tmp_path / "out.png", pixels, provenance)
    opened = open_image(path)
    assert np.array_equal(opened.pixels, pixels)
    assert opened.provenance == provenance and opened.notes == []
    assert not list(tmp_path.glob(".*tmp"))  # the atomic write left nothing behind


def test_one_pixel_picture(tmp_path):
    opened = open_image(save(Image.new("RGB", (1, 1), (1, 2, 3)), tmp_path / "dot.png"))
    assert opened.pixels.shape == (1, 1, 4) and tuple(opened.pixels[0, 0]) == (1, 2, 3, 255)


def test_huge_picture_is_refused_before_decoding(tmp_path):
    path = tmp_path / "huge.png"
    path.write_bytes(raw_png(20000, 20000, 8, 2, None))  # header only: decoding would fail, not succeed
    with pytest.raises(ArtdeskError, match="400 megapixels.*Scale it down"):
        open_image(path)


def test_picture_above_our_limit_but_below_pillows_is_refused(tmp_path):
    path = tmp_path / "big.png"
    path.write_bytes(raw_png(7000, 7000, 8, 2, None))
    with pytest.raises(ArtdeskError, match="7000 × 7000"):
        open_image(path)


def test_sixteen_bit_grey_and_rgb(tmp_path):
    grey = np.array([[0, 65535], [32768, 256]], np.uint16)
    path = save(Image.fromarray(grey), tmp_path / "grey16.png")
    opened = open_image(path)
    assert [tuple(p) for p in opened.pixels[0]] == [(0, 0, 0, 255), (255, 255, 255, 255)]
    assert any("16 bits" in note for note in opened.notes)
    rows = b"".join(b"\x00" + struct.pack(">6H", 65535, 0, 0, 0, 0, 65535) for _ in range(2))
    path = tmp_path / "rgb16.png"
    path.write_bytes(raw_png(2, 2, 16, 2, rows))
    opened = open_image(path)
    assert tuple(opened.pixels[0, 0]) == (255, 0, 0, 255) and tuple(opened.pixels[1, 1]) == (0, 0, 255, 255)
    assert any("16 bits" in note for note in opened.notes)


def test_cmyk_jpeg_becomes_rgb_and_says_so(tmp_path):
    path = save(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), tmp_path / "cmyk.jpg", quality=95)
    opened = open_image(path)
    r, g, b, a = opened.pixels[4, 4]
    assert r > 200 and g < 60 and b < 60 and a == 255
    assert any("CMYK" in note for note in opened.notes)


@pytest.mark.parametrize("suffix", ["png", "gif"])
def test_palette_with_transparency(tmp_path, suffix):
    image = Image.new("P", (4, 4), 0)
    image.putpalette([255, 0, 0, 0, 255, 0] + [0] * (256 * 3 - 6))
    image.putpixel((1, 1), 1)
    path = save(image, tmp_path / f"pal.{suffix}", transparency=0)
    opened = open_image(path)
    assert opened.pixels[0, 0, 3] == 0
    assert tuple(opened.pixels[1, 1]) == (0, 255, 0, 255)


def test_animated_gif_opens_the_first_frame_and_says_so(tmp_path):
    frames = [Image.new("RGB", (6, 6), colour) for colour in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    opened = open_image(path)
    assert tuple(opened.pixels[0, 0, :3]) == (255, 0, 0)
    assert any("3 frames" in note and "first frame" in note for note in opened.notes)


def test_exif_rotation_is_applied(tmp_path):
    image = Image.new("RGB", (40, 20), (255, 255, 255))
    image.paste((0, 0, 0), (0, 0, 10, 20))  # black band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: rotate 90 degrees clockwise to view
    path = save(image, tmp_path / "rotated.jpg", exif=exif, quality=95)
    opened = open_image(path)
    assert opened.size == (20, 40)
    assert opened.pixels[2, 10, 0] < 50 and opened.pixels[37, 10, 0] > 200  # the band is now on top
    assert any("EXIF" in note for note in opened.notes)


def test_webp_and_jpeg_open(tmp_path):
    for name in ("a.webp", "a.jpg"):
        opened = open_image(save(Image.new("RGB", (9, 7), (10, 100, 200)), tmp_path / name, quality=100))
        assert opened.size == (9, 7) and abs(int(opened.pixels[3, 3, 2]) - 200) < 8


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"hello, I am text, not a picture", "not a picture"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged|not a picture"),
])
def test_bad_files_give_clear_messages(tmp_path, content, message):
    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(ArtdeskError, match=message):
        open_image(path)


def test_truncated_file_says_it_is_incomplete(tmp_path):
    rng = np.random.default_rng(0)
    buffer = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)).save(buffer, "PNG")
    data = buffer.getvalue()
    with pytest.raises(ArtdeskError, match="damaged or incomplete"):
        decode_image(data[: len(data) // 2], "cut.png")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArtdeskError, match="not found"):
        open_image(tmp_path / "nope.png")
    with pytest.raises(ArtdeskError, match="folder"):
        open_image(tmp_path)


def test_broken_provenance_is_ignored_with_a_note(tmp_path):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("artdesk", "{not json")
    path = tmp_path / "p.png"
    Image.new("RGB", (2, 2)).save(path, pnginfo=info)
    opened = open_image(path)
    assert opened.provenance == {} and any("provenance" in note for note in opened.notes)


def test_save_to_an_unwritable_place_says_so(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ArtdeskError, match="Could not save|permission"):
        save_png(blocker / "sub" / "out.png", np.zeros((2, 2, 4), np.uint8))


def test_a_thin_picture_is_never_called_0_megapixels(tmp_path):
    from PIL import Image

    Image.new("RGB", (20000, 10)).save(tmp_path / "thin.png")
    with pytest.raises(ArtdeskError) as caught:
        open_image(tmp_path / "thin.png")
    assert "(0.2 megapixels)" in str(caught.value) and "0 megapixels" not in str(caught.value)
