"""Open pictures safely and save PNGs with provenance.

``open_image`` reads the size from the file's header and refuses oversized pictures before
decoding any pixels; it turns every mode Pillow knows (16-bit, CMYK, palette with transparency,
grey, ...) into straight RGBA uint8, applies EXIF rotation, takes the first frame of an animation
and says so in ``notes``. Damaged files raise ``ArtdeskError`` with a message for the user.
``save_png`` writes atomically, with the provenance as a JSON text chunk named ``artdesk``; a record that
names an IPTC digital source type also goes out as XMP (``Iptc4xmpExt:DigitalSourceType``), which other tools read.
"""
from __future__ import annotations

import io
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import numpy as np
from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

import artdesk
from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.document import MAX_PIXELS, check_size, megapixels, to_rgba
from artdesk.core.errors import ArtdeskError
from artdesk.core.record_schema import read_record

OPEN_FORMATS = ("PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF")  # JPEG also opens multi-picture (MPO) files
PROVENANCE_KEY = "artdesk"
EXIF_ORIENTATION = 0x0112
XMP_KEY = "XML:com.adobe.xmp"  # the iTXt keyword under which PNG readers look for an XMP packet


@dataclass
class OpenedImage:
    """A decoded picture: straight RGBA uint8 pixels, what was done to it, and its saved provenance."""

    pixels: np.ndarray
    format: str
    notes: list[str] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> tuple[int, int]:
        return self.pixels.shape[1], self.pixels.shape[0]


def open_image(path: Path | str, max_pixels: int = MAX_PIXELS) -> OpenedImage:
    """Decode the picture at ``path``; raises ArtdeskError with a clear message when it cannot."""
    path = Path(path)
    if not path.exists():
        raise ArtdeskError(f"{path.name} was not found ({path}).")
    if path.is_dir():
        raise ArtdeskError(f"{path.name} is a folder, not a picture.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ArtdeskError(f"Could not read {path.name}: {error.strerror or error}.") from error
    return decode_image(data, path.name, max_pixels)


def decode_image(data: bytes, name: str, max_pixels: int = MAX_PIXELS) -> OpenedImage:
    """Decode picture bytes (``name`` is only used in messages)."""
    if not data:
        raise ArtdeskError(f"{name} is empty (0 bytes): it holds no picture.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPEN_FORMATS)
    except Image.DecompressionBombError as error:  # Pillow's own header check, far above ours
        found = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{megapixels(int(found.group(1)))} megapixels" if found else "far too big"
        raise ArtdeskError(
            f"{name} is {size}; artdesk opens pictures up to {max_pixels / 1e6:g} megapixels. "
            "Scale it down in another program first."
        ) from error
    except UnidentifiedImageError as error:
        raise ArtdeskError(
            f"{name} is not a picture artdesk can open, or it is damaged. "
            "Open PNG, JPEG, WebP or GIF files (or OpenRaster .ora documents)."
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ArtdeskError(f"{name} is damaged and could not be read ({error}).") from error
    with image:
        width, height = image.size
        check_size(width, height, name, max_pixels)
        try:
            return _decode(image, name)
        except (OSError, SyntaxError, ValueError, EOFError) as error:
            raise ArtdeskError(
                f"{name} is damaged or incomplete and its pixels could not be read ({error}). "
                "If it was being downloaded or copied, try again with the complete file."
            ) from error


def _decode(image: Image.Image, name: str) -> OpenedImage:
    notes: list[str] = []
    file_format = image.format or "unknown"
    frames = getattr(image, "n_frames", 1)
    if frames > 1:
        notes.append(f"{name} is animated ({frames} frames); artdesk opened the first frame only.")
        image.seek(0)
    provenance = _read_provenance(image, name, notes)
    if _is_16_bit(image):
        notes.append(f"{name} has 16 bits per channel; it was reduced to 8 bits.")
    orientation = image.getexif().get(EXIF_ORIENTATION, 1)
    image.load()
    if orientation not in (1, None):
        image = ImageOps.exif_transpose(image)
        notes.append(f"{name} was turned upright as its camera recorded (EXIF orientation {orientation}).")
    mode = image.mode
    if mode == "CMYK":
        notes.append(f"{name} is a CMYK picture; it was converted to RGB, so colours may shift a little.")
    if mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        array = np.asarray(image, dtype=np.float64)
        top = 65535.0 if mode.startswith("I;16") or array.max(initial=0) > 255 else 255.0
        if mode == "F":
            top = max(float(np.nanmax(array, initial=0.0)), 1e-12)
        grey = np.clip(np.rint(np.nan_to_num(array) / top * 255.0), 0, 255).astype(np.uint8)
        pixels = to_rgba(grey)
    else:
        if mode not in ("RGBA", "RGB"):
            image = image.convert("RGBA")
        pixels = to_rgba(np.asarray(image))
    return OpenedImage(pixels, file_format, notes, provenance)


def _is_16_bit(image: Image.Image) -> bool:
    if image.mode.startswith("I;16") or image.mode == "I":
        return True
    for tile in getattr(image, "tile", []) or []:
        args = tile[3] if len(tile) > 3 else None
        rawmode = args[0] if isinstance(args, tuple) and args else args
        if isinstance(rawmode, str) and "16" in rawmode:
            return True
    return False


def _read_provenance(image: Image.Image, name: str, notes: list[str]) -> dict[str, Any]:
    text = image.info.get(PROVENANCE_KEY)
    return read_record(text if isinstance(text, (str, bytes)) else None, f"{name}'s provenance", notes)


def encode_png(pixels: np.ndarray, provenance: dict[str, Any] | None = None, compress_level: int = 6) -> bytes:
    """PNG bytes of RGBA (or RGB) uint8 ``pixels``, with ``provenance`` as a JSON text chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", f"artdesk {artdesk.__version__}")
    if provenance:
        info.add_itxt(PROVENANCE_KEY, json.dumps(provenance, ensure_ascii=False, sort_keys=True, default=str))
        source_type = provenance.get("digital_source_type")
        if source_type:
            info.add_itxt(XMP_KEY, xmp_packet(str(source_type)))
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels)).save(buffer, "PNG", pnginfo=info, compress_level=compress_level)
    return buffer.getvalue()


def xmp_packet(digital_source_type: str) -> str:
    """A minimal XMP packet stating the IPTC digital source type (e.g. trained algorithmic media)."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" '
        f'Iptc4xmpExt:DigitalSourceType={quoteattr(digital_source_type)}/>'
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def save_png(path: Path | str, pixels: np.ndarray, provenance: dict[str, Any] | None = None) -> Path:
    """Write ``pixels`` as a PNG at ``path`` atomically (a crash or a full disk leaves no half file)."""
    path = Path(path)
    atomic_write_bytes(path, encode_png(pixels, provenance))
    return path
