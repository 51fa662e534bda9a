"""Coherent, labelled picture sets for class-conditional image models (one set, one model card).

A small model learns an aligned set of one kind far better than "all of clip art". Each set names its
classes (what the user picks to draw), its Debian source packages and their licences:

- ``glyphs``: the 3,755 common characters of GB 2312 level 1, rendered black on white from three
  typefaces (classes ``kai`` 楷 LXGW WenKai, ``song`` 宋 Noto Serif CJK SC, ``hei`` 黑 Noto Sans CJK SC;
  all SIL OFL-1.1, whose terms do not reach pictures made with the fonts). A model trained on them draws
  new 汉字-like characters in the spirit of Xu Bing's 天书.
- ``emoji``: the single-code-point colour emoji of Noto Color Emoji (Apache-2.0) sorted by their Unicode
  blocks into ``face``, ``animal`` and ``food``.
- ``fluent3d``: Microsoft's Fluent 3D emoji (npm ``@lobehub/fluent-emoji-3d``, MIT), one rendering style with
  shading and light, in four classes ``face``, ``nature`` (animals and plants), ``food`` and ``object``
  (the rest); skin-tone variants, flags, keycaps and lettered signs are left out. Its varied shapes and
  colours in one coherent style make the colour base that fine-tuning starts from.

``prepare_set(name, cache, out)`` writes the same ``canvas64.npz`` + ``manifest.json`` layout as
``data.prepare`` (so ``data.load_data`` reads it), with ``classes``, ``source`` and ``licence`` in the
manifest for the model card.
"""
from __future__ import annotations

import subprocess
import tarfile
import time
import unicodedata
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import default_cache
from artdesk.ml.canvas.data import (SIZE, crop_to_content, dhash, emoji_font, emoji_pictures, fetch_packages,
                                    fit_square, near_duplicates, on_white, write_prepared)

GLYPH_FONTS = {  # class -> (package, font file, face name inside a collection or None)
    "kai": ("fonts-lxgw-wenkai", "LXGWWenKai-Regular.ttf", None),
    "song": ("fonts-noto-cjk", "NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    "hei": ("fonts-noto-cjk", "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
}
EMOJI_BLOCKS = {  # class -> inclusive code point ranges of Unicode's emoji blocks for that kind
    "face": ((0x1F600, 0x1F637), (0x1F641, 0x1F644), (0x1F910, 0x1F915), (0x1F917, 0x1F917),
             (0x1F920, 0x1F92F), (0x1F970, 0x1F976), (0x1F978, 0x1F97A), (0x1F9D0, 0x1F9D0),
             (0x1FAE0, 0x1FAE8), (0x263A, 0x263A), (0x2639, 0x2639)),
    "animal": ((0x1F400, 0x1F43F), (0x1F980, 0x1F9AE), (0x1F54A, 0x1F54A), (0x1F577, 0x1F577),
               (0x1FAB0, 0x1FABF)),
    "food": ((0x1F32D, 0x1F330), (0x1F345, 0x1F37F), (0x1F950, 0x1F96F), (0x1F9C0, 0x1F9CB),
             (0x1FAD0, 0x1FADB)),
}
FLUENT_PACKAGE = "@lobehub/fluent-emoji-3d@1.1.0"
FLUENT_CLASSES = {  # class -> inclusive ranges of the sequence's first code point (object: everything else)
    "face": EMOJI_BLOCKS["face"],
    "nature": EMOJI_BLOCKS["animal"] + ((0x1F331, 0x1F344), (0x1F490, 0x1F490), (0x1F940, 0x1F940),
                                        (0x2618, 0x2618)),
    "food": EMOJI_BLOCKS["food"],
}
FLUENT_LEFT_OUT = ((0x1F3FB, 0x1F3FF), (0x1F1E6, 0x1F1FF), (0x0023, 0x0039), (0x00A9, 0x00AE),
                   (0x1F170, 0x1F251), (0x2122, 0x2122))  # skin tones, flags, keycaps, lettered signs
SETS = {
    "glyphs": {
        "classes": tuple(GLYPH_FONTS),
        "description": "new 汉字-like characters, in the spirit of Xu Bing's 天书, in three typefaces: kai (brush "
                       "script), song (print) and hei (plain)",
        "packages": ("fonts-lxgw-wenkai", "fonts-noto-cjk"),
        "source": "Debian fonts-lxgw-wenkai (LXGW WenKai) and fonts-noto-cjk (Noto Serif/Sans CJK SC): the 3,755 "
                  "level-1 characters of GB 2312 rendered black on white",
        "licence": "SIL OFL-1.1 fonts (the licence covers the fonts, not pictures made with them)",
        "ink": True,  # black ink on white: the generator's pictures get clean ink edges
    },
    "emoji": {
        "classes": tuple(EMOJI_BLOCKS),
        "description": "emoji-like pictures of faces, animals and food",
        "packages": ("fonts-noto-color-emoji",),
        "source": "Debian fonts-noto-color-emoji (Noto Color Emoji by Google): single-code-point emoji of the face, "
                  "animal and food blocks",
        "licence": "Apache-2.0 (Noto Color Emoji, Google)",
    },
    "fluent3d": {
        "classes": ("face", "nature", "food", "object"),
        "description": "3D-rendered pictures of faces, animals and plants, food and objects",
        "packages": (),
        "npm": FLUENT_PACKAGE,
        "source": "npm @lobehub/fluent-emoji-3d 1.1.0 (Microsoft Fluent Emoji, 3D style, 256 px WebP): without "
                  "skin-tone variants, flags, keycaps and lettered signs",
        "licence": "MIT (Microsoft Fluent Emoji; npm @lobehub/fluent-emoji-3d)",
    },
}


def gb2312_level1() -> list[str]:
    """The 3,755 common characters of GB 2312 level 1 (rows 16-55), in code order."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def _font(raw: Path, package: str, filename: str, face: str | None, size: int) -> ImageFont.FreeTypeFont:
    path = next((raw / package).rglob(filename), None)
    if path is None:
        raise ArtdeskError(f"{filename} is missing from the unpacked {package}.")
    if face is None:
        return ImageFont.truetype(str(path), size)
    for index in range(32):
        try:
            font = ImageFont.truetype(str(path), size, index=index)
        except OSError:
            break
        if font.getname()[0] == face:
            return font
    raise ArtdeskError(f"{face} is not in {path.name}.")


def render_glyph(font: ImageFont.FreeTypeFont, char: str, size: int = SIZE) -> np.ndarray | None:
    """One character centred on its em box, black on white, size x size RGB; None when the font lacks it."""
    scale = 4  # draw large, then reduce: smooth, even strokes
    canvas = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(canvas)
    draw.text((size * scale / 2, size * scale / 2), char, font=font, fill=0, anchor="mm")
    if canvas.getextrema()[0] > 128:
        return None
    small = canvas.resize((size, size), Image.Resampling.LANCZOS)
    return np.repeat(np.asarray(small, dtype=np.uint8)[..., None], 3, axis=2)


def load_glyphs(raw: Path, log=print) -> list[tuple[np.ndarray, str, str]]:
    chars = gb2312_level1()
    items = []
    for label, (package, filename, face) in GLYPH_FONTS.items():
        font = _font(raw, package, filename, face, size=int(SIZE * 4 * 0.86))
        for char in chars:
            picture = render_glyph(font, char)
            if picture is not None:
                items.append((picture, label, f"{filename}/U+{ord(char):04X}"))
        log(f"  {label}: {sum(1 for i in items if i[1] == label)}")
    return items


def emoji_class(code_point: int) -> str | None:
    for label, ranges in EMOJI_BLOCKS.items():
        if any(lo <= code_point <= hi for lo, hi in ranges):
            return label
    return None


def load_emoji_classes(raw: Path, log=print) -> list[tuple[np.ndarray, str, str]]:
    font = emoji_font(raw)
    by_glyph = {name: code for code, name in font.getBestCmap().items()}
    items = []
    for glyph, picture in emoji_pictures(font):
        code = by_glyph.get(glyph)
        label = emoji_class(code) if code is not None else None
        if label is not None:
            items.append((picture, label, f"U+{code:04X} {unicodedata.name(chr(code), '')}"))
    for label in EMOJI_BLOCKS:
        log(f"  {label}: {sum(1 for i in items if i[1] == label)}")
    return items


def fetch_npm(cache: Path, spec: str, log=print) -> Path:
    """``npm pack`` ``spec`` (name@version) into ``cache/canvas/npm`` and unpack it; returns the package folder."""
    name, version = spec.rsplit("@", 1)
    target = cache / "canvas" / "raw" / name.strip("@").replace("/", "-")
    if (target / "package").is_dir():
        return target / "package"
    tarballs = cache / "canvas" / "npm"
    tarballs.mkdir(parents=True, exist_ok=True)
    tarball = tarballs / f"{name.strip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.is_file():
        log(f"downloading {spec} with npm pack…")
        result = subprocess.run(["npm", "pack", spec], cwd=tarballs, capture_output=True, text=True)
        if not tarball.is_file():
            raise ArtdeskError(f"Could not download {spec}: {result.stderr.strip()[-300:]}")
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def fluent_class(code_points: list[int]) -> str | None:
    """The class of one Fluent emoji from its code points; None for the left-out kinds."""
    if any(lo <= c <= hi for c in code_points for lo, hi in FLUENT_LEFT_OUT):
        return None
    for label, ranges in FLUENT_CLASSES.items():
        if any(lo <= code_points[0] <= hi for lo, hi in ranges):
            return label
    return "object"


def load_fluent3d(package: Path, log=print) -> list[tuple[np.ndarray, str, str]]:
    items = []
    for path in sorted((package / "assets").glob("*.webp")):
        label = fluent_class([int(part, 16) for part in path.stem.split("-")])
        if label is None:
            continue
        try:
            with Image.open(path) as image:
                picture = on_white(crop_to_content(image.convert("RGBA")))
        except OSError:
            continue
        items.append((fit_square(picture), label, f"assets/{path.name}"))
    for label in SETS["fluent3d"]["classes"]:
        log(f"  {label}: {sum(1 for i in items if i[1] == label)}")
    return items


LOADERS = {"glyphs": load_glyphs, "emoji": load_emoji_classes, "fluent3d": load_fluent3d}


def prepare_set(name: str, cache: Path | None = None, out_dir: Path | None = None, log=print) -> Path:
    """Fetch, render, dedupe, split and write one picture set; returns its folder."""
    if name not in SETS:
        raise ArtdeskError(f"Unknown picture set {name!r}; choose one of: {', '.join(SETS)}.")
    spec = SETS[name]
    started = time.time()
    cache = Path(cache or default_cache())
    out_dir = Path(out_dir or cache / "canvas-sets" / name)
    raw = fetch_npm(cache, spec["npm"], log) if "npm" in spec else fetch_packages(cache, log, spec["packages"])
    log(f"reading {name}…")
    items = LOADERS[name](raw, log)
    if not items:
        raise ArtdeskError(f"No pictures were found for the set {name}.")
    classes = spec["classes"]
    before = {label: sum(1 for i in items if i[1] == label) for label in classes}
    labels = np.array([classes.index(i[1]) for i in items], dtype=np.uint8)
    # near-duplicates only within a class: two typefaces may draw a simple character alike
    drop = np.zeros(len(items), dtype=bool)
    for k in range(len(classes)):
        members = np.nonzero(labels == k)[0]
        hashes = np.array([dhash(items[i][0]) for i in members], dtype=np.uint64)
        drop[members[near_duplicates(hashes)]] = True
    items = [item for item, dropped in zip(items, drop) if not dropped]
    images = np.stack([i[0] for i in items])
    labels = np.array([classes.index(i[1]) for i in items], dtype=np.uint8)
    return write_prepared(out_dir, images, labels, [i[2] for i in items], classes, before, {
        "set": name,
        "classes": list(classes),
        "ink": spec.get("ink", False),
        "description": spec["description"],
        "command": f"artdesk train canvas --prepare-set {name}",
        "source": spec["source"],
        "licence": spec["licence"],
        "packages": {p: sorted(x.name for x in (cache / "canvas" / "debs").glob(f"{p}_*.deb"))
                     for p in spec["packages"]} or {"npm": spec["npm"]},
        "filters": "near-duplicates within 1 bit of a 64-bit difference hash dropped (within each class)",
    }, started, log)
