"""Audit a folder of the user's pictures before a canvas fine-tune, and prepare each picture for training.

``audit_files(paths, ctx)`` (a background job) says what will be used and what not: unsupported or
unreadable files are named and skipped with the reason, pictures over the pixel limit are refused from
their header before any pixels are decoded, near-duplicates (difference hash plus a small colour check)
are dropped, and each kept picture carries notes (tiny, greyscale, transparent, wide or tall, what the
decoder did). ``prepare_picture`` is the one function that turns a file into training pixels: the
wizard's preview grid and the training tensors both come from it, so the preview is what is trained.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
from PIL import Image

from artdesk.core.document import MAX_PIXELS, megapixels
from artdesk.core.errors import ArtdeskError
from artdesk.core.image_io import OPEN_FORMATS, open_image
from artdesk.core.jobs import JobContext
from artdesk.ml.canvas.data import dhash, fit_square

SUPPORTED_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".bmp", ".tif", ".tiff")
CROP_MODES = ("centre", "fit")
MIN_PICTURES = 3  # two held out for the metrics, at least one to learn from
RECOMMENDED_PICTURES = 20  # below this the model mostly recolours what it knew
MAX_PICTURES = 10_000  # files beyond this are skipped, named, so an audit never runs for hours
TINY_SIDE = 64  # a picture whose shorter side is below this is enlarged for training
WIDE_ASPECT = 1.5  # longer / shorter side above this: a centre crop loses much of the picture
DUPLICATE_BITS = 2  # difference-hash distance at or below which two pictures may be the same
DUPLICATE_COLOUR = 12.0  # ... and their 16x16 thumbnails differ by less than this (mean, 0-255)
GREY_TOLERANCE = 3  # channel spread at or below which a pixel counts as grey
TRANSPARENT_NOTE = "transparent parts are put on white"


@dataclass
class AuditItem:
    """A picture that will be trained on, with what the user should know about it."""

    path: Path
    width: int
    height: int
    mode: str  # Pillow's mode of the file: RGB, RGBA, L, P, CMYK, I;16, ...
    grayscale: bool
    notes: tuple[str, ...] = ()


@dataclass
class AuditSkip:
    """A file that will not be used, and why (a message for the user)."""

    path: Path
    reason: str


@dataclass
class FolderAudit:
    """The audit's result; ``duplicates`` holds (dropped, kept-as) pairs."""

    usable: list[AuditItem] = field(default_factory=list)
    skipped: list[AuditSkip] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def can_train(self) -> bool:
        return len(self.usable) >= MIN_PICTURES


def is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def files_in(folder: Path) -> list[Path]:
    """Every non-hidden file under ``folder`` (recursive, sorted); the audit sorts out what is a picture."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ArtdeskError(f"{folder} is not a folder (it was moved, deleted, or never existed).")
    return sorted(p for p in folder.rglob("*") if p.is_file() and not is_hidden(p, folder))


def expand(paths: Iterable[Path | str]) -> list[Path]:
    """Dropped paths as files: folders are opened (``files_in``), repeats removed, order kept."""
    seen: dict[Path, None] = {}
    for path in map(Path, paths):
        for file in files_in(path) if path.is_dir() else [path]:
            seen.setdefault(file, None)
    return list(seen)


def _header(path: Path) -> tuple[int, int, str]:
    """Width, height and mode from the file's header, without decoding pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=OPEN_FORMATS) as image:
                return image.width, image.height, image.mode
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return 0, 0, "?"  # open_image below refuses it with a message in words


def _rgb_on_white(rgba: np.ndarray) -> np.ndarray:
    alpha = rgba[..., 3:4].astype(np.float32) / 255.0
    rgb = rgba[..., :3].astype(np.float32) * alpha + 255.0 * (1.0 - alpha)
    return np.clip(np.rint(rgb), 0, 255).astype(np.uint8)


def _load_rgb(path: Path, max_pixels: int) -> tuple[np.ndarray, list[str], bool]:
    """Decoded, upright RGB on white, the decoder's notes, and whether it had any transparency."""
    opened = open_image(path, max_pixels)
    rgba = opened.pixels
    transparent = bool((rgba[..., 3] < 255).any())
    return _rgb_on_white(rgba), list(opened.notes), transparent


def _thumb(rgb: np.ndarray, side: int) -> Image.Image:
    image = Image.fromarray(rgb)
    image.thumbnail((side, side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    return image


def _notes(width: int, height: int, grey: bool, transparent: bool, decoder: list[str]) -> tuple[str, ...]:
    notes = list(decoder)
    if min(width, height) < TINY_SIDE:
        notes.append(f"tiny ({width}x{height}): enlarged for training, so it will look soft")
    ratio = max(width, height) / max(1, min(width, height))
    if ratio > WIDE_ASPECT:
        shape = "wide" if width > height else "tall"
        notes.append(f"{shape} ({ratio:.1f}:1): a centre crop keeps only the middle; 'fit' keeps it whole")
    if grey:
        notes.append("greyscale")
    if transparent:
        notes.append(TRANSPARENT_NOTE)
    return tuple(notes)


def audit_files(paths: Iterable[Path | str], ctx: JobContext | None = None,
                max_pixels: int | None = None) -> FolderAudit:
    """Audit pictures (folders are opened; ``max_pixels`` defaults to ``MAX_PIXELS``). Reports once per file;
    checks for cancel before each file."""
    ctx = ctx or JobContext()
    max_pixels = max_pixels or MAX_PIXELS
    files = expand(paths)
    audit = FolderAudit()
    hashes: list[int] = []
    thumbs: list[np.ndarray] = []
    for index, path in enumerate(files):
        ctx.raise_if_cancelled()
        ctx.report(index / max(1, len(files)), f"Looking at {path.name} ({index + 1} of {len(files)})")
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            kind = path.suffix or "without an extension"
            audit.skipped.append(AuditSkip(path, f"not a picture type artdesk reads ({kind}); "
                                                 "use PNG, JPEG, WebP, GIF, BMP or TIFF"))
            continue
        if len(audit.usable) >= MAX_PICTURES:
            audit.skipped.append(AuditSkip(path, f"beyond the first {MAX_PICTURES:,} pictures; "
                                                 "choose a smaller folder to train on these"))
            continue
        width, height, mode = _header(path)
        try:
            if width * height > max_pixels:  # refuse from the header, before decoding any pixels
                raise ArtdeskError(f"{path.name} is {megapixels(width * height)} megapixels; the limit is "
                                   f"{max_pixels / 1e6:g}. Scale it down in another program first.")
            rgb, decoder_notes, transparent = _load_rgb(path, max_pixels)
        except ArtdeskError as error:
            audit.skipped.append(AuditSkip(path, str(error)))
            continue
        except OSError as error:  # vanished or unreadable between listing and reading
            audit.skipped.append(AuditSkip(path, f"could not be read: {error.strerror or error}"))
            continue
        height, width = rgb.shape[:2]
        small = np.asarray(_thumb(rgb, 16).resize((16, 16), Image.Resampling.BILINEAR), dtype=np.float32)
        grey = int((small.max(axis=2) - small.min(axis=2)).max()) <= GREY_TOLERANCE
        thumb = np.asarray(_thumb(rgb, 256))
        code = int(dhash(thumb))
        item = AuditItem(path, width, height, mode, grey, _notes(width, height, grey, transparent, decoder_notes))
        kept_as = _duplicate_of(code, small, hashes, thumbs)
        if kept_as is None:
            hashes.append(code)
            thumbs.append(small)
            audit.usable.append(item)
        elif _original_first(path) < _original_first(replaced := audit.usable[kept_as].path):
            # "x.png" is kept over "x (copy).png", whichever was listed first
            audit.duplicates = [(dropped, path if kept == replaced else kept) for dropped, kept in audit.duplicates]
            audit.duplicates.append((replaced, path))
            audit.usable[kept_as] = item
        else:
            audit.duplicates.append((path, audit.usable[kept_as].path))
    audit.warnings = summary_warnings(audit)
    ctx.report(1.0, f"{len(audit.usable)} pictures to learn from")
    return audit


def distinct_names(first: Path, second: Path) -> tuple[str, str]:
    """Names that tell two files apart: their names, or their paths below the folder they share
    ("p02.png" and "old/p02.png", not "p02.png" twice)."""
    if first.name != second.name:
        return first.name, second.name
    try:
        common = Path(os.path.commonpath([first, second]))
    except ValueError:  # different drives
        return str(first), str(second)
    return first.relative_to(common).as_posix(), second.relative_to(common).as_posix()


def _original_first(path: Path) -> tuple[int, str]:
    """Sort key among copies of one picture: the shortest name (the original, not "x (copy)") comes first."""
    return (len(path.name), path.name)


def _duplicate_of(code: int, small: np.ndarray, hashes: list[int], thumbs: list[np.ndarray]) -> int | None:
    """Index of a kept picture this one copies (close hash and close colours), or None."""
    if not hashes:
        return None
    distances = np.bitwise_count(np.asarray(hashes, dtype=np.uint64) ^ np.uint64(code))
    for index in np.nonzero(distances <= DUPLICATE_BITS)[0]:
        if float(np.abs(thumbs[index] - small).mean()) < DUPLICATE_COLOUR:
            return int(index)
    return None


def summary_warnings(audit: FolderAudit) -> list[str]:
    """What the user should know before training on these pictures, most important first."""
    found = []
    count = len(audit.usable)
    if count == 0:
        if audit.skipped:
            found.append("None of these files could be used (see the skipped list). Choose a folder of "
                         "PNG, JPEG, WebP, GIF, BMP or TIFF pictures.")
        else:
            found.append("There are no pictures here. Choose a folder that holds your pictures, or drop them here.")
    elif count < MIN_PICTURES:
        found.append(f"Only {count} usable picture{'s' if count != 1 else ''}: a fine-tune needs at least "
                     f"{MIN_PICTURES} (two are held out to measure how well it learns). Add more pictures.")
    elif count < RECOMMENDED_PICTURES:
        found.append(f"{count} pictures is few: expect the model to recolour and reshape what it already draws "
                     f"toward your pictures rather than learn new subjects, and watch for copying. "
                     f"{RECOMMENDED_PICTURES} or more work better.")
    if count:
        grey = sum(item.grayscale for item in audit.usable)
        if 0 < grey < count:
            found.append(f"{grey} of {count} pictures are greyscale and the rest in colour: the model will mix both.")
        ratios = [item.width / item.height for item in audit.usable]
        if max(ratios) / min(ratios) > WIDE_ASPECT:
            found.append(f"The pictures have mixed shapes (from {_shape(min(ratios))} to {_shape(max(ratios))}): "
                         "check the crop preview, or choose 'fit' to keep each picture whole.")
        tiny = sum(min(item.width, item.height) < TINY_SIDE for item in audit.usable)
        if tiny:
            found.append(f"{tiny} picture{'s are' if tiny != 1 else ' is'} smaller than {TINY_SIDE} px and will "
                         "look soft when enlarged.")
        clear = sum(TRANSPARENT_NOTE in item.notes for item in audit.usable)
        if clear:
            found.append(f"{clear} picture{'s have' if clear != 1 else ' has'} transparent parts: the model learns "
                         "them on a white ground and draws white there.")
    if audit.duplicates:
        found.append(f"{len(audit.duplicates)} duplicate{'s' if len(audit.duplicates) != 1 else ''} left out "
                     "(training on copies makes the model copy them).")
    return found


def _shape(ratio: float) -> str:
    return f"{ratio:.1f}:1" if ratio >= 1 else f"1:{1 / ratio:.1f}"


def prepare_picture(path: Path | str, crop: str, size: int, max_pixels: int | None = None) -> np.ndarray:
    """The training pixels of one picture: uint8 (size, size, 3), upright, on white, cropped or fitted."""
    max_pixels = max_pixels or MAX_PIXELS
    if crop not in CROP_MODES:
        raise ArtdeskError(f"Unknown crop mode {crop!r}; choose one of {', '.join(CROP_MODES)}.")
    rgb, _notes_, _transparent = _load_rgb(Path(path), max_pixels)
    image = Image.fromarray(rgb)
    if crop == "fit":
        return fit_square(image, size)
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) // 2, (height - side) // 2
    square = image.crop((left, top, left + side, top + side))
    if side != size:
        square = square.resize((size, size), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return np.asarray(square, dtype=np.uint8)


@dataclass(frozen=True)
class PreviewRequest:
    """Pictures to render as the wizard's preview grid, each with its crop mode."""

    items: tuple[tuple[str, str], ...]  # (path, crop mode)
    size: int = 64


def preview_pictures(request: PreviewRequest, ctx: JobContext) -> list[tuple[str, np.ndarray | None, str]]:
    """(path, pixels or None, problem) per item, via ``prepare_picture``; reports and checks cancel per picture.

    Each picture is also published as it is ready, so a long grid fills in while it renders.
    """
    out = []
    for index, (path, crop) in enumerate(request.items):
        ctx.raise_if_cancelled()
        ctx.report(index / max(1, len(request.items)), f"Preparing {Path(path).name}")
        try:
            entry = (path, prepare_picture(path, crop, request.size), "")
        except (ArtdeskError, OSError) as error:  # the file changed since the audit
            entry = (path, None, str(error))
        out.append(entry)
        ctx.publish(entry)
    return out

