"""OpenRaster (.ora) documents, as Krita, GIMP and MyPaint read and write them.

Layout written: ``mimetype`` first and stored uncompressed (``image/openraster``), ``stack.xml``
(layers top first), ``data/layerN.png`` (each cropped to its painted area, placed by x/y, carrying
its provenance as a PNG text chunk), ``mergedimage.png`` (the flattened picture, carrying the
document's provenance) and ``Thumbnails/thumbnail.png`` (at most 256 px).

Reading tolerates other programs' files: nested stacks (groups) are flattened with their opacity
and visibility, layers may be offset, smaller or larger than the canvas, attributes may be missing,
unknown elements and blend modes are reported in ``notes``; nothing is decoded before its size is checked.
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.document import MAX_PIXELS, Document, Layer, Rect, check_size
from artdesk.core.errors import ArtdeskError
from artdesk.core.image_io import PROVENANCE_KEY, decode_image, encode_png
from artdesk.core.record_schema import read_record

MIMETYPE = b"image/openraster"
THUMBNAIL_SIZE = 256
MAX_TOTAL_BYTES = 1_000_000_000  # all layers together, decoded
MAX_XML_BYTES = 16_000_000  # stack.xml: a few kilobytes in real documents
PNG_TEXT_ALLOWANCE = 8_000_000  # text chunks (provenance) a layer PNG may carry beside its pixels
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What zipfile raises on damaged archives: bad headers, unknown compression or versions, corrupt deflate data.
# UnicodeDecodeError: a member's local header that claims a UTF-8 name it does not hold (zipfile decodes it on open)
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, UnicodeDecodeError)


@dataclass
class OpenedDocument:
    document: Document
    notes: list[str] = field(default_factory=list)


# ----- writing -----------------------------------------------------------------------------------
def encode_ora(document: Document, compress_level: int = 6) -> bytes:
    """The bytes of an .ora file for ``document``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        root = ET.Element("image", {"version": "0.0.6", "w": str(document.width), "h": str(document.height),
                                    "xres": "72", "yres": "72"})
        stack = ET.SubElement(root, "stack")
        for number, layer in reversed(list(enumerate(document.layers))):
            rect = _painted_rect(layer.pixels)
            src = f"data/layer{number}.png"
            crop = layer.pixels[rect.slices]
            archive.writestr(src, encode_png(crop, layer.provenance, compress_level), compress_type=zipfile.ZIP_STORED)
            ET.SubElement(stack, "layer", {
                "name": layer.name, "src": src, "x": str(rect.x), "y": str(rect.y),
                "opacity": f"{layer.opacity:.4f}", "visibility": "visible" if layer.visible else "hidden",
                "composite-op": "svg:src-over",
            })
        xml = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
        archive.writestr("stack.xml", xml, compress_type=zipfile.ZIP_DEFLATED)
        merged = document.composite()
        archive.writestr("mergedimage.png", encode_png(merged, document.provenance, compress_level),
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("Thumbnails/thumbnail.png", encode_png(_thumbnail(merged), None, compress_level),
                         compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def save_ora(path: Path | str, document: Document, compress_level: int = 6) -> Path:
    """Write ``document`` to ``path`` as OpenRaster, atomically."""
    path = Path(path)
    atomic_write_bytes(path, encode_ora(document, compress_level))
    return path


def _painted_rect(pixels: np.ndarray) -> Rect:
    alpha = pixels[..., 3]
    rows = np.flatnonzero(alpha.any(axis=1))
    if rows.size == 0:
        return Rect(0, 0, 1, 1)
    cols = np.flatnonzero(alpha.any(axis=0))
    return Rect(int(cols[0]), int(rows[0]), int(cols[-1] - cols[0] + 1), int(rows[-1] - rows[0] + 1))


def _thumbnail(pixels: np.ndarray) -> np.ndarray:
    image = Image.fromarray(pixels)
    image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    return np.asarray(image)


# ----- reading -----------------------------------------------------------------------------------
def open_ora(path: Path | str, max_pixels: int = MAX_PIXELS) -> OpenedDocument:
    """Read an .ora file into a Document; raises ArtdeskError with a clear message when it cannot."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise ArtdeskError(f"{name} was not found ({path}).")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as error:
        raise ArtdeskError(f"{name} is not an OpenRaster document or it is damaged (it is not a valid zip archive).") from error
    except OSError as error:
        raise ArtdeskError(f"Could not read {name}: {error.strerror or error}.") from error
    with archive:
        try:
            return _read(archive, name, max_pixels)
        except ZIP_ERRORS as error:
            raise ArtdeskError(f"{name} is damaged and could not be read ({error}).") from error


def _member(archive: zipfile.ZipFile, member: str, name: str, limit: int) -> bytes:
    """The bytes of ``member``, refused from its declared size before anything is decompressed when that
    passes ``limit``; reading stops at ``limit`` whatever the archive claims."""
    try:
        info = archive.getinfo(member)
    except KeyError:
        raise ArtdeskError(f"{name} is incomplete: it lists {member} but does not contain it.") from None
    too_big = ArtdeskError(f"{name} is damaged or hostile: {member} unpacks to {info.file_size / 1e6:,.0f} MB, more "
                           f"than its picture can need ({limit / 1e6:,.1f} MB), so it was not opened.")
    if info.file_size > limit:
        raise too_big
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise too_big
    return data


def png_bytes_limit(width: int, height: int) -> int:
    """The most bytes a PNG of ``width`` x ``height`` can need: 16-bit RGBA stored uncompressed, plus text."""
    raw = height * (1 + 8 * width)
    return raw + raw // 64 + PNG_TEXT_ALLOWANCE


def _picture_member(archive: zipfile.ZipFile, member: str, name: str, fallback: tuple[int, int],
                    max_pixels: int) -> bytes:
    """A layer's picture: a PNG's size is read from its header (and checked) before the entry is read whole;
    other formats are held to what a picture of ``fallback`` size can need."""
    width, height = fallback
    try:
        with archive.open(member) as handle:
            head = handle.read(24)
    except KeyError:
        raise ArtdeskError(f"{name} is incomplete: it lists {member} but does not contain it.") from None
    if head[:8] == PNG_SIGNATURE and head[12:16] == b"IHDR":
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        check_size(width, height, f"{name}: {member}", max_pixels)
    return _member(archive, member, name, png_bytes_limit(width, height))


def _read(archive: zipfile.ZipFile, name: str, max_pixels: int) -> OpenedDocument:
    notes: list[str] = []
    members = set(archive.namelist())
    if "mimetype" in members:
        mimetype = _member(archive, "mimetype", name, 4096).strip()
        if mimetype != MIMETYPE:
            raise ArtdeskError(f"{name} is not an OpenRaster document (its mimetype is {mimetype[:60].decode('latin-1')!r}).")
    if "stack.xml" not in members:
        raise ArtdeskError(f"{name} is not an OpenRaster document: it has no stack.xml.")
    try:
        root = ET.fromstring(_member(archive, "stack.xml", name, MAX_XML_BYTES))
    except ET.ParseError as error:
        raise ArtdeskError(f"{name} is damaged: its stack.xml could not be read ({error}).") from error
    if root.tag != "image":
        raise ArtdeskError(f"{name} is damaged: stack.xml does not describe an image.")
    width, height = _int(root.get("w"), 0), _int(root.get("h"), 0)
    check_size(width, height, name, max_pixels)
    top_stack = root.find("stack")
    if top_stack is None:
        raise ArtdeskError(f"{name} has no layers (its stack.xml has no stack).")
    entries: list[tuple[ET.Element, float, bool, int, int]] = []
    _walk(top_stack, 1.0, True, 0, 0, entries, notes)
    if not entries:
        raise ArtdeskError(f"{name} has no layers artdesk can show.")
    if len(entries) * width * height * 4 > MAX_TOTAL_BYTES:
        raise ArtdeskError(f"{name} has {len(entries)} layers of {width} × {height}: too much to hold in memory.")
    layers: list[Layer] = []
    for element, opacity, visible, dx, dy in reversed(entries):  # stack.xml lists the top layer first
        layers.append(_read_layer(archive, name, element, opacity, visible, dx, dy, width, height, max_pixels, notes))
    document = Document(width, height, layers, _merged_provenance(archive, members, name, (width, height), notes))
    return OpenedDocument(document, notes)


def _walk(stack: ET.Element, opacity: float, visible: bool, x: int, y: int,
          out: list[tuple[ET.Element, float, bool, int, int]], notes: list[str]) -> None:
    for child in stack:
        if child.tag == "layer":
            out.append((child, opacity, visible, x, y))
        elif child.tag == "stack":
            if child.get("composite-op", "svg:src-over") not in ("svg:src-over", "") or \
                    child.get("isolation") == "isolate":
                notes.append(f"The group {child.get('name', '')!r} was flattened; its blend mode is shown as normal.")
            _walk(child, opacity * _float(child.get("opacity"), 1.0), visible and child.get("visibility") != "hidden",
                  x + _int(child.get("x"), 0), y + _int(child.get("y"), 0), out, notes)
        else:
            notes.append(f"A {child.tag!r} element in the stack was skipped: artdesk shows pixel layers only.")


def _read_layer(archive: zipfile.ZipFile, name: str, element: ET.Element, group_opacity: float, group_visible: bool,
                dx: int, dy: int, width: int, height: int, max_pixels: int, notes: list[str]) -> Layer:
    layer_name = element.get("name") or "Layer"
    src = element.get("src")
    pixels = np.zeros((height, width, 4), np.uint8)
    provenance: dict[str, Any] = {}
    if not src:
        notes.append(f"Layer {layer_name!r} has no pixels (no src); it was opened empty.")
    else:
        data = _picture_member(archive, src, name, (width, height), max_pixels)
        opened = decode_image(data, f"{name}: {src}", max_pixels)
        provenance = opened.provenance
        x, y = _int(element.get("x"), 0) + dx, _int(element.get("y"), 0) + dy
        target = Rect(x, y, opened.size[0], opened.size[1]).clip(width, height)
        if not target.empty:
            rows, cols = target.slices
            pixels[rows, cols] = opened.pixels[target.y - y: target.y - y + target.h, target.x - x: target.x - x + target.w]
        if target.w * target.h < opened.size[0] * opened.size[1]:
            notes.append(f"Layer {layer_name!r} reaches beyond the canvas; the part outside was cut off.")
    op = element.get("composite-op", "svg:src-over")
    if op not in ("svg:src-over", ""):
        notes.append(f"Layer {layer_name!r} uses the blend mode {op}; artdesk shows it as normal.")
    opacity = _float(element.get("opacity"), 1.0) * group_opacity
    visible = group_visible and element.get("visibility", "visible") != "hidden"
    return Layer(layer_name, pixels, opacity, visible, provenance)


def _merged_provenance(archive: zipfile.ZipFile, members: set[str], name: str, size: tuple[int, int],
                       notes: list[str]) -> dict[str, Any]:
    """The document's provenance from mergedimage.png's text chunk, read without decoding pixels."""
    if "mergedimage.png" not in members:
        return {}
    try:
        data = _picture_member(archive, "mergedimage.png", name, size, MAX_PIXELS)
    except ArtdeskError as error:
        notes.append(f"{error} Its provenance was not read.")
        return {}
    try:
        with Image.open(io.BytesIO(data), formats=("PNG",)) as merged:
            text = merged.info.get(PROVENANCE_KEY)
    except (OSError, ValueError, SyntaxError, zipfile.BadZipFile, Image.DecompressionBombError):
        return {}  # a damaged merged image only loses provenance; the layers are what we show
    return read_record(text if isinstance(text, (str, bytes)) else None, f"{name}'s provenance", notes)


def _int(text: str | None, default: int) -> int:
    try:
        return int(round(float(text))) if text is not None else default
    except ValueError:
        return default


def _float(text: str | None, default: float) -> float:
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    return min(1.0, max(0.0, value)) if np.isfinite(value) else default
