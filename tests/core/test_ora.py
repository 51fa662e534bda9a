"""OpenRaster: round trips keep layers and provenance; files from other programs open; damaged ones say so."""
import io
import xml.etree.ElementTree as ET
import zipfile

import numpy as np
import pytest
from PIL import Image

from artdesk.core.document import Document, Layer
from artdesk.core.errors import ArtdeskError
from artdesk.core.ora import open_ora, save_ora


def png_bytes(array) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(array, np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def sample_document() -> Document:
    rng = np.random.default_rng(0)
    background = Layer.blank("Background", 40, 30, (255, 255, 255, 255))
    sketch = Layer.blank("Sketch", 40, 30)
    sketch.pixels[5:12, 8:20] = rng.integers(0, 256, (7, 12, 4), dtype=np.uint8)
    sketch.pixels[5:12, 8:20, 3] = rng.integers(1, 256, (7, 12), dtype=np.uint8)
    generated = Layer("Generated émoji #3", rng.integers(0, 256, (30, 40, 4), dtype=np.uint8), opacity=0.55,
                      visible=False, provenance={"model": "tiny-gan", "seed": 11, "latent": [0.5, -1.25]})
    empty = Layer.blank("Empty", 40, 30)
    return Document(40, 30, [background, sketch, generated, empty], {"app": "artdesk", "note": "round trip"})


def test_round_trip_keeps_layers_and_provenance(tmp_path):
    document = sample_document()
    path = save_ora(tmp_path / "doc.ora", document)
    opened = open_ora(path)
    again = opened.document
    assert opened.notes == []
    assert again.size == (40, 30)
    assert [layer.name for layer in again.layers] == [layer.name for layer in document.layers]
    for old, new in zip(document.layers, again.layers):
        assert np.array_equal(old.pixels, new.pixels)
        assert new.opacity == pytest.approx(old.opacity, abs=1e-4)
        assert new.visible == old.visible and new.provenance == old.provenance
    assert again.provenance == document.provenance


def test_archive_layout_is_what_other_programs_expect(tmp_path):
    path = save_ora(tmp_path / "doc.ora", sample_document())
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"image/openraster"
        names = set(archive.namelist())
        assert {"stack.xml", "mergedimage.png", "Thumbnails/thumbnail.png"} <= names
        root = ET.fromstring(archive.read("stack.xml"))
        layers = root.find("stack").findall("layer")
        assert [layer.get("name") for layer in layers][0] == "Empty"  # top first
        assert all(layer.get("src") in names and layer.get("src").startswith("data/") for layer in layers)
        with Image.open(io.BytesIO(archive.read("Thumbnails/thumbnail.png"))) as thumb:
            assert max(thumb.size) <= 256
        with Image.open(io.BytesIO(archive.read("mergedimage.png"))) as merged:
            assert merged.size == (40, 30)
    assert path.read_bytes()[30:38] == b"mimetype"  # the magic other programs sniff at offset 30


def write_foreign(path, stack_xml: str, files: dict[str, bytes], mimetype: bool = True):
    with zipfile.ZipFile(path, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", "image/openraster", compress_type=zipfile.ZIP_STORED)
        archive.writestr("stack.xml", stack_xml)
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def test_file_from_another_program_with_groups_offsets_and_extras(tmp_path):
    red = np.zeros((4, 4, 4), np.uint8)
    red[...] = (255, 0, 0, 255)
    big = np.zeros((20, 30, 4), np.uint8)
    big[...] = (0, 0, 255, 255)
    xml = """<?xml version="1.0"?>
    <image w="10" h="8" xres="300" yres="300">
      <stack>
        <text x="0" y="0">hello</text>
        <stack name="Group" opacity="0.5" visibility="visible" x="1" y="1">
          <layer name="in group" src="data/red.png" x="2" y="3" composite-op="svg:multiply"/>
        </stack>
        <layer src="data/big.png" x="-5" y="-5" opacity="bogus"/>
      </stack>
    </image>"""
    path = write_foreign(tmp_path / "krita.ora", xml, {"data/red.png": png_bytes(red), "data/big.png": png_bytes(big)},
                         mimetype=False)
    opened = open_ora(path)
    document = opened.document
    assert document.size == (10, 8)
    bottom, top = document.layers
    assert bottom.name == "Layer" and bottom.opacity == 1.0 and (bottom.pixels[..., 2] == 255).all()
    assert top.name == "in group" and top.opacity == pytest.approx(0.5)
    assert tuple(top.pixels[4, 3]) == (255, 0, 0, 255) and top.pixels[3, 3, 3] == 0
    joined = " ".join(opened.notes)
    assert "multiply" in joined and "'text'" in joined and "cut off" in joined


@pytest.mark.parametrize("setup, message", [
    (lambda p: p.write_bytes(b"not a zip at all"), "not an OpenRaster document or it is damaged"),
    (lambda p: write_foreign(p, "<image w='4' h='4'><stack/></image>", {}), "no layers"),
    (lambda p: write_foreign(p, "<image w='4' h='4'><stack><layer src='data/x.png'/></stack></image>", {}),
     "incomplete.*data/x.png"),
    (lambda p: write_foreign(p, "<image w='4' h='4'", {}), "stack.xml could not be read"),
    (lambda p: write_foreign(p, "<image w='20000' h='20000'><stack/></image>", {}), "20000 × 20000"),
    (lambda p: write_foreign(p, "<image w='4' h='4'><stack><layer src='a.png'/></stack></image>",
                             {"a.png": b"garbage"}), "not a picture|damaged"),
])
def test_damaged_files_give_clear_messages(tmp_path, setup, message):
    path = tmp_path / "bad.ora"
    setup(path)
    with pytest.raises(ArtdeskError, match=message):
        open_ora(path)


def test_wrong_mimetype_and_missing_stack(tmp_path):
    path = tmp_path / "x.ora"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/zip")
        archive.writestr("stack.xml", "<image w='2' h='2'><stack/></image>")
    with pytest.raises(ArtdeskError, match="mimetype"):
        open_ora(path)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "image/openraster")
    with pytest.raises(ArtdeskError, match="no stack.xml"):
        open_ora(path)


def test_truncated_archive(tmp_path):
    path = save_ora(tmp_path / "doc.ora", sample_document())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArtdeskError, match="damaged"):
        open_ora(path)


def test_krita_style_stack_with_doctype_and_root_stack(tmp_path):
    paint = np.zeros((6, 6, 4), np.uint8)
    paint[1:3, 1:3] = (10, 20, 30, 255)
    white = np.full((6, 6, 4), 255, np.uint8)
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE image>
<image h="6" w="6" version="0.0.1" xres="300" yres="300">
 <stack name="root" opacity="1" visibility="visible" composite-op="svg:src-over" isolation="isolate" x="0" y="0">
  <layer selected="true" name="Paint Layer 2" x="0" y="0" src="data/layer2.png" opacity="0.8" visibility="visible" composite-op="svg:src-over"/>
  <layer name="Background" x="0" y="0" src="data/layer1.png" opacity="1" visibility="visible" composite-op="svg:src-over"/>
 </stack>
</image>"""
    path = write_foreign(tmp_path / "krita.ora", xml, {"data/layer1.png": png_bytes(white), "data/layer2.png": png_bytes(paint),
                                                       "mergedimage.png": png_bytes(white), "preview.png": png_bytes(white)})
    opened = open_ora(path)
    assert [layer.name for layer in opened.document.layers] == ["Background", "Paint Layer 2"]
    assert opened.document.layers[1].opacity == pytest.approx(0.8) and opened.notes == []
    assert tuple(opened.document.composite()[1, 1]) == (59, 67, 75, 255)


def test_a_zip_bomb_layer_is_refused_from_its_declared_size_in_bounded_memory(tmp_path):
    from tests.bombs import ora_with_bomb_layer, read_in_child

    ora_with_bomb_layer(tmp_path / "bomb.ora", 900)
    assert (tmp_path / "bomb.ora").stat().st_size < 1_000_000
    with pytest.raises(ArtdeskError, match="unpacks to 944 MB"):
        open_ora(tmp_path / "bomb.ora")
    result = read_in_child("artdesk.core.ora:open_ora", tmp_path / "bomb.ora")
    assert result["outcome"].startswith("refused") and result["seconds"] < 1.0
    assert result["max_rss_mb"] < 300, result


def test_a_layer_whose_header_claims_a_huge_picture_is_refused_before_reading(tmp_path):
    import struct
    import zlib

    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 40000, 40000, 8, 6, 0, 0, 0)
    header += struct.pack(">I", zlib.crc32(header[12:]))
    stack = '<image w="64" h="64"><stack><layer name="big" src="data/big.png"/></stack></image>'
    write_foreign(tmp_path / "big.ora", stack, {"data/big.png": header})
    with pytest.raises(ArtdeskError, match="megapixels"):
        open_ora(tmp_path / "big.ora")
