"""Render every painting medium beside G'MIC's nearest filter on pictures never used to tune the media.

Usage (through scripts/style_compare.sh, which fetches the pictures and G'MIC):
  PYTHONPATH=. python scripts/style_compare.py CACHE_DIR docs/style
Writes one JPEG per medium (rows: pictures; columns: picture, artdesk, G'MIC) and timings.json.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from artdesk.core.jobs import RecordingContext
from artdesk.ml.style.media.render import render_job
from artdesk.ml.style.requests import MediumRequest

TILE = 384
# G'MIC 2.9.4 (Debian 12) filters nearest to each medium; fx_* filters take their GUI parameters in order
GMIC = {
    "oil": ["fx_painting", "5,1.5,2,50"],
    "watercolour": ["kuwahara", "4", "texturize_paper"],
    "pencil": ["pencilbw", "0.3,60"],
    "ink-wash": ["fx_ink_wash", "0,0.3,1,0.5,0.5,0,0,0,0,0,0"],
}
EMOJI = {"sunflower (emoji drawing)": "\U0001F33B", "national park (emoji drawing)": "\U0001F3DE"}


def emoji_picture(font_path: Path, char: str) -> Image.Image:
    """A Noto Color Emoji glyph drawn on white (its bitmap size is fixed at 109 px)."""
    font = ImageFont.truetype(str(font_path), 109)
    image = Image.new("RGB", (136, 128), "white")
    ImageDraw.Draw(image).text((0, 0), char, font=font, embedded_color=True)
    return image


def gan_sample(path: Path) -> Image.Image:
    """The first picture of an ``artdesk generate canvas`` grid (the grid is one row of square cells)."""
    with Image.open(path) as grid:
        side = grid.height
        return grid.convert("RGB").crop((0, 0, side, side))


def pictures(cache: Path) -> list[tuple[str, Image.Image]]:
    """The comparison pictures, each scaled to TILE pixels on its long side."""
    data = cache / "skimage" / "data"
    found = [("cat (photo)", Image.open(data / "chelsea.png")), ("rocket (photo)", Image.open(data / "rocket.jpg")),
             ("motorcycle (photo)", Image.open(data / "motorcycle_left.png")), ("GAN sample (64 px)", gan_sample(cache / "gan.png"))]
    found += [(label, emoji_picture(cache / "NotoColorEmoji.ttf", char)) for label, char in EMOJI.items()]
    scaled = []
    for label, image in found:
        image = image.convert("RGB")
        factor = TILE / max(image.size)
        scaled.append((label, image.resize((round(image.width * factor), round(image.height * factor)), Image.LANCZOS)))
    return scaled


def gmic(image: Image.Image, command: list[str], folder: Path) -> Image.Image:
    source, dest = folder / "in.png", folder / "out.png"
    image.save(source)
    subprocess.run(["gmic", str(source), *command, "-o", str(dest)], check=True, capture_output=True, env={"HOME": str(folder), "PATH": "/usr/bin:/bin"})
    with Image.open(dest) as out:
        return out.convert("RGB").resize(image.size)


def sheet(rows: list[tuple[str, list[Image.Image]]], header: list[str]) -> Image.Image:
    """A grid: one row per picture, a header line, the picture's name above each row."""
    band = 18
    height = band + sum(band + max(i.height for i in images) for _, images in rows)
    canvas = Image.new("RGB", (TILE * len(header), height), "white")
    draw = ImageDraw.Draw(canvas)
    for column, title in enumerate(header):
        draw.text((column * TILE + 6, 3), title, fill=(0, 0, 0))
    y = band
    for label, images in rows:
        draw.text((6, y + 3), label, fill=(80, 80, 80))
        y += band
        for column, image in enumerate(images):
            canvas.paste(image, (column * TILE, y))
        y += max(i.height for i in images)
    return canvas


def main(argv: list[str]) -> int:
    cache, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    pics = pictures(cache)
    timings: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temp:
        for medium, command in GMIC.items():
            rows = []
            for label, image in pics:
                array = np.asarray(image)
                start = time.perf_counter()
                ours = render_job(MediumRequest(medium, array), RecordingContext()).picture
                ours_s = time.perf_counter() - start
                start = time.perf_counter()
                theirs = gmic(image, command, Path(temp))
                timings.setdefault(medium, {})[label] = {"artdesk_s": round(ours_s, 2), "gmic_s": round(time.perf_counter() - start, 2)}
                rows.append((label, [image, Image.fromarray(ours), theirs]))
                print(f"{medium:12s} {label:32s} artdesk {ours_s:.2f} s", flush=True)
            grid = sheet(rows, ["picture", f"artdesk {medium}", "G'MIC " + " ".join(command)])
            grid.save(out / f"compare-{medium}.jpg", quality=82, optimize=True)
    (out / "timings.json").write_text(json.dumps({"tile": TILE, "gmic": {m: " ".join(c) for m, c in GMIC.items()}, "seconds": timings}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
