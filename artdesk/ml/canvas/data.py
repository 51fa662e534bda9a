"""Canvas training data: fetch Debian packages, unpack, filter, dedupe, composite on white, 64 px, split, manifest.

``prepare(cache_dir, out_dir)`` runs the whole pipeline (``artdesk train canvas --prepare``):

- ``openclipart-png`` (public domain) without ``shapes/stars``: colour pictures are style ``clipart``,
  black-and-white line art (low saturation) is style ``sketch``;
- ``fonts-noto-color-emoji`` (Apache-2.0): the colour bitmaps in the font's CBDT table, style ``emoji``;
- ``crawl-tiles-data`` (Dungeon Crawl Stone Soup tiles; mostly CC0, the rest GPL-2+): 32x32 cells of the
  item, monster and feature atlases, nearly empty cells dropped, scaled 2x with nearest neighbour, style ``sprite``.

Transparency is composited on white; pictures are fitted into 64x64 (aspect kept, white padding).
Near-duplicates (difference hash within ``DEDUPE_BITS`` bits) are dropped. The split is per style
with a fixed seed. The result is ``canvas64.npz`` (uint8 images, style ids, split flags) plus
``manifest.json`` (counts, licences, sha256 of the source file list and of the arrays).
"""
from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from artdesk.core.atomic import atomic_write_bytes, atomic_write_text
from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import default_cache
from artdesk.ml.canvas.requests import STYLES

SIZE = 64
DEDUPE_BITS = 1
HELDOUT_FRACTION = 0.1
SPLIT_SEED = 20261130
DATA_FILE = "canvas64.npz"
MANIFEST_FILE = "manifest.json"
PACKAGES = ("openclipart-png", "fonts-noto-color-emoji", "crawl-tiles-data")
LICENCES = {
    "clipart": "public domain (Debian openclipart-png)",
    "sketch": "public domain (Debian openclipart-png, line-art subset)",
    "emoji": "Apache-2.0 (Debian fonts-noto-color-emoji, Noto Color Emoji by Google)",
    "sprite": ("CC0 / public domain for most tiles, GPL-2+ (the game's licence) for the rest: Debian crawl-common's "
               "copyright file says \"most of tiles. Exact list is sketchy\" (Debian crawl-tiles-data, Dungeon Crawl "
               "Stone Soup tiles)"),
}
SPRITE_ATLASES = ("main.png", "player.png", "feat.png")
MAX_SOURCE_PIXELS = 4096 * 4096


@dataclass
class Item:
    image: np.ndarray  # uint8 64x64x3
    style: str
    source: str  # package-relative name, for the manifest


# ----- fetching -----------------------------------------------------------------------------------
def fetch_packages(cache: Path, log=print, packages: tuple[str, ...] = PACKAGES) -> Path:
    """Download and unpack Debian ``packages`` into ``cache/canvas/raw/<pkg>``; returns the raw folder."""
    debs = cache / "canvas" / "debs"
    raw = cache / "canvas" / "raw"
    debs.mkdir(parents=True, exist_ok=True)
    for package in packages:
        target = raw / package
        if target.is_dir() and any(target.iterdir()):
            continue
        found = sorted(debs.glob(f"{package}_*.deb"))
        if not found:
            log(f"downloading {package} with apt-get download…")
            result = subprocess.run(["apt-get", "download", package], cwd=debs, capture_output=True, text=True)
            found = sorted(debs.glob(f"{package}_*.deb"))
            if not found:
                raise ArtdeskError(f"Could not download {package}: {result.stderr.strip()[-300:]}")
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(["dpkg", "-x", str(found[-1]), str(target)], check=True)
    return raw


# ----- picture handling ---------------------------------------------------------------------------
def on_white(image: Image.Image) -> Image.Image:
    """RGB picture with any transparency composited onto white."""
    image = image.convert("RGBA")
    background = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, image).convert("RGB")


def fit_square(image: Image.Image, size: int = SIZE, resample=Image.Resampling.LANCZOS) -> np.ndarray:
    """Fit an RGB picture into size x size (aspect kept, centred on white); uint8 HxWx3."""
    width, height = image.size
    scale = size / max(width, height)
    new = (max(1, round(width * scale)), max(1, round(height * scale)))
    if image.size != new:
        image = image.resize(new, resample, reducing_gap=3.0 if resample != Image.Resampling.NEAREST else None)
    canvas = Image.new("RGB", (size, size), (255, 255, 255))
    canvas.paste(image, ((size - new[0]) // 2, (size - new[1]) // 2))
    return np.asarray(canvas, dtype=np.uint8)


def crop_to_content(image: Image.Image) -> Image.Image:
    """Crop an RGBA picture to its non-transparent box (clip art often has wide empty margins)."""
    alpha = image.getchannel("A")
    box = alpha.point(lambda v: 255 if v > 8 else 0).getbbox()
    return image.crop(box) if box else image


def is_line_art(rgb: np.ndarray) -> bool:
    """Black-and-white drawing: nearly no saturated pixels, and some dark strokes."""
    arr = rgb.astype(np.int16)
    saturation = arr.max(axis=2) - arr.min(axis=2)
    return bool((saturation > 40).mean() < 0.01 and (arr.mean(axis=2) < 100).mean() > 0.01)


def dhash(rgb: np.ndarray) -> np.uint64:
    """64-bit difference hash of a picture (grey 9x8, compare horizontal neighbours)."""
    grey = Image.fromarray(rgb).convert("L").resize((9, 8), Image.Resampling.BILINEAR)
    pixels = np.asarray(grey, dtype=np.int16)
    bits = (pixels[:, 1:] > pixels[:, :-1]).flatten()
    return np.uint64(int("".join("1" if b else "0" for b in bits), 2))


def near_duplicates(hashes: np.ndarray, max_bits: int = DEDUPE_BITS) -> np.ndarray:
    """Boolean mask: True for items within ``max_bits`` of an earlier kept item's hash."""
    hashes = hashes.astype(np.uint64)
    drop = np.zeros(len(hashes), dtype=bool)
    for start in range(0, len(hashes), 1024):
        block = hashes[start:start + 1024]
        distances = np.bitwise_count(block[:, None] ^ hashes[None, :])
        for offset, row in enumerate(distances):
            index = start + offset
            if drop[index]:
                continue
            close = np.nonzero(row <= max_bits)[0]
            later = close[close > index]
            drop[later] = True
    return drop


# ----- sources ------------------------------------------------------------------------------------
def load_openclipart(raw: Path, log=print) -> list[Item]:
    root = raw / "openclipart-png" / "usr" / "share" / "openclipart" / "png"
    files = sorted(p for p in root.rglob("*.png") if "shapes/stars" not in p.relative_to(root).as_posix())
    items: list[Item] = []
    for index, path in enumerate(files):
        if index % 1000 == 0:
            log(f"  openclipart {index}/{len(files)}")
        try:
            with warnings.catch_warnings():  # huge files are skipped below, before decoding
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                image = Image.open(path)
            with image:
                if image.width * image.height > MAX_SOURCE_PIXELS:
                    continue
                image.load()
                picture = on_white(crop_to_content(image.convert("RGBA")))
        except (OSError, ValueError, Image.DecompressionBombError):
            continue
        array = fit_square(picture)
        if (array < 250).mean() < 0.02:  # nearly blank
            continue
        style = "sketch" if is_line_art(array) else "clipart"
        items.append(Item(array, style, path.relative_to(root).as_posix()))
    return items


def emoji_font(raw: Path):
    """The unpacked Noto Color Emoji font (fontTools TTFont)."""
    from fontTools.ttLib import TTFont

    return TTFont(str(next((raw / "fonts-noto-color-emoji").rglob("NotoColorEmoji.ttf"))))


def emoji_pictures(font):
    """Each colour bitmap of the emoji ``font`` as (glyph name, 64 px picture on white), in glyph-name order."""
    for strike in font["CBDT"].strikeData:
        for name, bitmap in sorted(strike.items()):
            data = getattr(bitmap, "imageData", None)
            if not data:
                continue
            try:
                with Image.open(io.BytesIO(data)) as image:
                    picture = on_white(crop_to_content(image.convert("RGBA")))
            except OSError:
                continue
            yield name, fit_square(picture)


def load_emoji(raw: Path, log=print) -> list[Item]:
    items = [Item(picture, "emoji", f"NotoColorEmoji/{name}") for name, picture in emoji_pictures(emoji_font(raw))]
    log(f"  emoji {len(items)}")
    return items


def load_sprites(raw: Path, log=print) -> list[Item]:
    root = next((raw / "crawl-tiles-data").rglob("tiles"))
    items: list[Item] = []
    for atlas_name in SPRITE_ATLASES:
        with Image.open(root / atlas_name) as atlas:
            rgba = np.asarray(atlas.convert("RGBA"))
        rows, cols = rgba.shape[0] // 32, rgba.shape[1] // 32
        for row in range(rows):
            for col in range(cols):
                cell = rgba[row * 32:(row + 1) * 32, col * 32:(col + 1) * 32]
                if (cell[..., 3] > 128).mean() < 0.08:
                    continue
                picture = on_white(Image.fromarray(cell, "RGBA"))
                array = fit_square(picture, SIZE, Image.Resampling.NEAREST)
                items.append(Item(array, "sprite", f"{atlas_name}/{row}/{col}"))
    log(f"  sprites {len(items)}")
    return items


# ----- the pipeline -------------------------------------------------------------------------------
def split_heldout(styles: np.ndarray, fraction: float = HELDOUT_FRACTION, seed: int = SPLIT_SEED) -> np.ndarray:
    """Boolean held-out mask, ``fraction`` of each style, from a fixed seed."""
    rng = np.random.default_rng(seed)
    heldout = np.zeros(len(styles), dtype=bool)
    for style_id in np.unique(styles):
        members = np.nonzero(styles == style_id)[0]
        chosen = rng.permutation(members)[: max(1, round(len(members) * fraction))]
        heldout[chosen] = True
    return heldout


def prepare(cache: Path | None = None, out_dir: Path | None = None, log=print) -> Path:
    """Run the whole preparation; returns the folder holding ``canvas64.npz`` and ``manifest.json``."""
    started = time.time()
    cache = Path(cache or default_cache())
    out_dir = Path(out_dir or cache / "canvas")
    raw = fetch_packages(cache, log)
    log("reading pictures…")
    items = load_openclipart(raw, log) + load_emoji(raw, log) + load_sprites(raw, log)
    if not items:
        raise ArtdeskError("No pictures were found in the unpacked packages.")
    before = {style: sum(1 for i in items if i.style == style) for style in STYLES}
    hashes = np.array([dhash(i.image) for i in items], dtype=np.uint64)
    drop = near_duplicates(hashes)
    items = [item for item, dropped in zip(items, drop) if not dropped]
    images = np.stack([i.image for i in items])
    styles = np.array([STYLES.index(i.style) for i in items], dtype=np.uint8)
    return write_prepared(out_dir, images, styles, [i.source for i in items], STYLES, before, {
        "command": "artdesk train canvas --prepare",
        "packages": {p: sorted(x.name for x in (cache / "canvas" / "debs").glob(f"{p}_*.deb")) for p in PACKAGES},
        "licences": LICENCES,
        "filters": "openclipart without shapes/stars; blank pictures dropped; sprite cells under 8% opaque dropped; "
                   f"near-duplicates within {DEDUPE_BITS} bits of a 64-bit difference hash dropped",
    }, started, log)


def write_prepared(out_dir: Path, images: np.ndarray, styles: np.ndarray, sources: list[str], names: tuple[str, ...],
                   before: dict[str, int], about: dict, started: float, log=print) -> Path:
    """Split per style, write ``canvas64.npz``, ``sources.txt`` and ``manifest.json`` (``about`` plus counts,
    split and hashes) into ``out_dir``; returns it."""
    heldout = split_heldout(styles)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, images=images, styles=styles, heldout=heldout)
    atomic_write_bytes(out_dir / DATA_FILE, buffer.getvalue())
    manifest = {
        **about,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "size": SIZE,
        "background": "white",
        "split": {"heldout_fraction": HELDOUT_FRACTION, "seed": SPLIT_SEED, "per_style": True},
        "counts": {name: {"before_dedupe": before[name], "kept": int((styles == k).sum()),
                          "train": int(((styles == k) & ~heldout).sum()), "heldout": int(((styles == k) & heldout).sum())}
                   for k, name in enumerate(names)},
        "total": len(images),
        "sources_sha256": hashlib.sha256("\n".join(sources).encode()).hexdigest(),
        "data_sha256": hashlib.sha256((out_dir / DATA_FILE).read_bytes()).hexdigest(),
        "seconds": round(time.time() - started, 1),
    }
    atomic_write_text(out_dir / MANIFEST_FILE, json.dumps(manifest, indent=2, ensure_ascii=False))
    atomic_write_text(out_dir / "sources.txt", "\n".join(sources) + "\n")
    log(f"wrote {len(images)} pictures to {out_dir / DATA_FILE} "
        f"({(out_dir / DATA_FILE).stat().st_size / 1e6:.1f} MB) in {manifest['seconds']} s")
    return out_dir


@dataclass
class CanvasData:
    images: np.ndarray  # uint8 N x 64 x 64 x 3
    styles: np.ndarray  # uint8 N (index into STYLES)
    heldout: np.ndarray  # bool N
    manifest: dict

    @property
    def classes(self) -> tuple[str, ...]:
        """What the style ids name: a picture set's classes, or the four mixed styles of ``canvas64``."""
        return tuple(self.manifest.get("classes", STYLES))

    def split(self, heldout: bool) -> tuple[np.ndarray, np.ndarray]:
        mask = self.heldout if heldout else ~self.heldout
        return self.images[mask], self.styles[mask]


def load_data(folder: Path) -> CanvasData:
    """Read a prepared ``canvas64.npz`` (and its manifest); a clear message when it is missing."""
    folder = Path(folder)
    path = folder / DATA_FILE
    if not path.is_file():
        raise ArtdeskError(f"No prepared canvas data in {folder}. Run: artdesk train canvas --prepare")
    try:
        with np.load(path) as arrays:
            images, styles, heldout = arrays["images"], arrays["styles"], arrays["heldout"]
    except (OSError, KeyError, ValueError) as error:
        raise ArtdeskError(f"The prepared data {path} is damaged ({error}). Run: artdesk train canvas --prepare") from error
    manifest_path = folder / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    return CanvasData(images, styles, heldout.astype(bool), manifest)


def export_compact(src: Path, dest: Path, max_bytes: int = 30_000_000) -> Path:
    """Copy the prepared data to ``dest`` (for the GPU machine), dropping train pictures until it fits."""
    data = load_data(src)
    rng = np.random.default_rng(SPLIT_SEED)
    keep = np.ones(len(data.images), dtype=bool)
    dest = Path(dest)
    while True:
        buffer = io.BytesIO()
        np.savez_compressed(buffer, images=data.images[keep], styles=data.styles[keep], heldout=data.heldout[keep])
        if buffer.tell() <= max_bytes:
            break
        train = np.nonzero(keep & ~data.heldout)[0]
        keep[rng.choice(train, size=max(1, len(train) // 10), replace=False)] = False
    atomic_write_bytes(dest / DATA_FILE, buffer.getvalue())
    manifest = dict(data.manifest, exported={"kept": int(keep.sum()), "of": len(keep), "bytes": buffer.tell()})
    atomic_write_text(dest / MANIFEST_FILE, json.dumps(manifest, indent=2))
    return dest


if __name__ == "__main__":
    prepare(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
