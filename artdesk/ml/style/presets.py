"""The preset styles' example pictures, made by the project's own procedural renderers (numpy + Pillow).

Each renderer paints a 384x384 RGB example of a medium from a fixed seed: oil (impasto strokes with
bristle streaks and lighting), watercolour (transparent glazes with darkened edges and granulation),
pencil sketch (graphite hatching on paper), ink (brush strokes, dry brush and splatter), pointillism
(dots of pure colour), crayon (waxy strokes broken by paper tooth) and mosaic (tiles and grout).
``python -m artdesk.ml.style.presets`` rewrites ``resources/styles/<name>.png`` and ``sources.json``.
No torch here.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SIZE = 384
SEED = 7

PRESET_LABELS: dict[str, str] = {
    "oil": "Oil painting",
    "watercolour": "Watercolour",
    "pencil": "Pencil sketch",
    "ink": "Ink brush",
    "pointillism": "Pointillism",
    "crayon": "Wax crayon",
    "mosaic": "Mosaic tiles",
}

PALETTES = {
    "warm": [(196, 72, 38), (232, 170, 60), (250, 214, 120), (120, 40, 30), (70, 100, 150), (40, 60, 90), (220, 200, 170)],
    "water": [(60, 110, 170), (200, 80, 90), (240, 180, 60), (70, 150, 110), (150, 90, 160), (40, 70, 120)],
    "bright": [(230, 40, 40), (250, 200, 20), (40, 120, 230), (40, 170, 70), (240, 120, 30), (150, 60, 200)],
}


def _paper(rng: np.random.Generator, size: int, tone=(246, 242, 232), grain: float = 6.0) -> np.ndarray:
    noise = rng.standard_normal((size, size)).astype(np.float32)
    fine = np.asarray(Image.fromarray(((noise * 40) + 128).clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7)), np.float32) - 128
    base = np.array(tone, np.float32)[None, None, :] + fine[..., None] * grain / 20.0
    return base.clip(0, 255)


def _smooth_noise(rng: np.random.Generator, size: int, scale: float) -> np.ndarray:
    small = max(2, int(size / scale))
    field = rng.random((small, small)).astype(np.float32)
    return np.asarray(Image.fromarray((field * 255).astype(np.uint8)).resize((size, size), Image.BICUBIC), np.float32) / 255.0


def _curve(rng: np.random.Generator, start, angle: float, length: float, bend: float, steps: int = 8) -> list[tuple[float, float]]:
    x, y = start
    points = [(x, y)]
    for _ in range(steps):
        angle += rng.normal(0, bend)
        x += math.cos(angle) * length / steps
        y += math.sin(angle) * length / steps
        points.append((x, y))
    return points


def _jitter(colour, rng: np.random.Generator, amount: float) -> tuple[int, int, int]:
    return tuple(int(np.clip(c + rng.normal(0, amount), 0, 255)) for c in colour)


def render_oil(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    palette = PALETTES["warm"]
    canvas = Image.new("RGB", (size, size), palette[rng.integers(len(palette))])
    height = Image.new("L", (size, size), 0)
    flow = _smooth_noise(rng, size, 96) * 2 * math.pi
    for _ in range(900):
        x, y = rng.random(2) * size
        angle = flow[int(y) % size, int(x) % size] + rng.normal(0, 0.3)
        colour = _jitter(palette[rng.integers(len(palette))], rng, 18)
        width = int(rng.integers(7, 16))
        points = _curve(rng, (x, y), angle, rng.uniform(20, 55), 0.15)
        draw = ImageDraw.Draw(canvas)
        hdraw = ImageDraw.Draw(height)
        draw.line(points, fill=colour, width=width, joint="curve")
        hdraw.line(points, fill=int(rng.integers(120, 255)), width=width, joint="curve")
        for offset in np.linspace(-width / 2.2, width / 2.2, 5):  # bristle streaks along the stroke
            dx, dy = -math.sin(angle) * offset, math.cos(angle) * offset
            streak = [(px + dx, py + dy) for px, py in points]
            draw.line(streak, fill=_jitter(colour, rng, 28), width=1)
            hdraw.line(streak, fill=int(rng.integers(60, 255)), width=1)
    rgb = np.asarray(canvas, np.float32)
    h = np.asarray(height.filter(ImageFilter.GaussianBlur(1.2)), np.float32) / 255.0
    gy, gx = np.gradient(h)
    light = 1.0 + 2.2 * (-gx * 0.7 - gy * 0.7)  # impasto lit from the top left
    return (rgb * light[..., None]).clip(0, 255).astype(np.uint8)


def render_watercolour(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    paper = _paper(rng, size, (250, 248, 240), 8) / 255.0
    result = paper.copy()
    granulation = _smooth_noise(rng, size, 3)
    for _ in range(26):
        mask_img = Image.new("L", (size, size), 0)
        cx, cy = rng.random(2) * size
        radius = rng.uniform(30, 110) * size / SIZE
        angles = np.sort(rng.random(14) * 2 * math.pi)
        polygon = [(cx + math.cos(a) * radius * rng.uniform(0.5, 1.3), cy + math.sin(a) * radius * rng.uniform(0.5, 1.3)) for a in angles]
        ImageDraw.Draw(mask_img).polygon(polygon, fill=255)
        soft = np.asarray(mask_img.filter(ImageFilter.GaussianBlur(rng.uniform(2, 6))), np.float32) / 255.0
        wide = np.asarray(mask_img.filter(ImageFilter.GaussianBlur(9)), np.float32) / 255.0
        edge = np.clip(soft - wide, 0, 1) * 2.5  # pigment gathers at the drying edge
        density = soft * rng.uniform(0.25, 0.55) * (0.75 + 0.5 * granulation) + edge * 0.5
        pigment = np.array(PALETTES["water"][rng.integers(len(PALETTES["water"]))], np.float32) / 255.0
        result = result * (1 - density[..., None] * (1 - pigment[None, None, :]))  # subtractive glaze
    bleed = Image.fromarray((result * 255).clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return np.asarray(bleed)


def render_pencil(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    paper = _paper(rng, size, (240, 238, 232), 10)
    tone = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(tone)
    darkness = _smooth_noise(rng, size, 90)
    for _ in range(160):
        x, y = rng.random(2) * size
        level = darkness[int(y) % size, int(x) % size]
        angle = rng.choice([math.pi / 4, -math.pi / 3, math.pi / 10]) + rng.normal(0, 0.08)
        count = int(4 + level * 14)
        spacing = rng.uniform(2.5, 4.5)
        length = rng.uniform(18, 45)
        for k in range(count):
            ox = x + math.cos(angle + math.pi / 2) * k * spacing
            oy = y + math.sin(angle + math.pi / 2) * k * spacing
            end = (ox + math.cos(angle) * length, oy + math.sin(angle) * length)
            draw.line([(ox, oy), end], fill=int(rng.integers(60, 170) * (0.5 + level)), width=1)
    for _ in range(40):  # contour lines
        points = _curve(rng, tuple(rng.random(2) * size), rng.random() * 6.3, rng.uniform(60, 160), 0.25, 16)
        draw.line(points, fill=int(rng.integers(170, 240)), width=int(rng.integers(1, 3)))
    graphite = np.asarray(tone, np.float32) / 255.0
    tooth = _smooth_noise(rng, size, 1.5)
    graphite = graphite * (0.6 + 0.4 * tooth)
    grey = paper.mean(axis=2) * (1 - 0.8 * graphite)
    return np.repeat(grey[..., None], 3, axis=2).clip(0, 255).astype(np.uint8)


def render_ink(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    paper = _paper(rng, size, (238, 228, 204), 8)
    ink = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(ink)
    for _ in range(10):  # pale washes
        points = _curve(rng, tuple(rng.random(2) * size), rng.random() * 6.3, rng.uniform(80, 200), 0.2, 12)
        draw.line(points, fill=int(rng.integers(40, 90)), width=int(rng.integers(18, 40)), joint="curve")
    ink = ink.filter(ImageFilter.GaussianBlur(4))
    draw = ImageDraw.Draw(ink)
    for _ in range(55):  # bold strokes that taper
        points = _curve(rng, tuple(rng.random(2) * size), rng.random() * 6.3, rng.uniform(40, 150), 0.3, 14)
        base = rng.uniform(3, 12)
        for i in range(len(points) - 1):
            taper = base * math.sin(math.pi * (i + 0.5) / (len(points) - 1)) + 1
            draw.line([points[i], points[i + 1]], fill=255, width=max(1, int(taper)))
    for _ in range(220):  # splatter
        x, y = rng.random(2) * size
        r = rng.exponential(1.3)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=int(rng.integers(180, 255)))
    density = np.asarray(ink, np.float32) / 255.0
    dry = _smooth_noise(rng, size, 1.2)
    density = density * np.where(dry > 0.15, 1.0, 0.3)  # dry-brush gaps
    colour = paper * (1 - density[..., None]) + np.array([18, 16, 20], np.float32) * density[..., None]
    return colour.clip(0, 255).astype(np.uint8)


def render_pointillism(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    canvas = Image.new("RGB", (size, size), (245, 240, 225))
    draw = ImageDraw.Draw(canvas)
    field = _smooth_noise(rng, size, 70)
    palette = [(40, 90, 200), (250, 210, 40), (230, 80, 40), (60, 170, 80), (160, 70, 190), (250, 250, 240), (30, 150, 190)]
    for _ in range(9000):
        x, y = rng.random(2) * size
        region = int(field[int(y) % size, int(x) % size] * 4.99)
        choice = palette[(region + rng.choice([0, 0, 0, 1, 3])) % len(palette)]
        r = rng.uniform(1.8, 3.4)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_jitter(choice, rng, 12))
    return np.asarray(canvas)


def render_crayon(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    paper = _paper(rng, size, (250, 248, 244), 4)
    result = paper.copy()
    tooth = _smooth_noise(rng, size, 1.6)
    for _ in range(70):
        layer = Image.new("L", (size, size), 0)
        draw = ImageDraw.Draw(layer)
        x, y = rng.random(2) * size
        angle = rng.random() * math.pi
        for k in range(int(rng.integers(6, 16))):  # back-and-forth scribble
            ox = x + math.cos(angle + math.pi / 2) * k * 4 + rng.normal(0, 1.5)
            oy = y + math.sin(angle + math.pi / 2) * k * 4 + rng.normal(0, 1.5)
            length = rng.uniform(30, 70)
            draw.line([(ox, oy), (ox + math.cos(angle) * length, oy + math.sin(angle) * length)], fill=255, width=int(rng.integers(4, 7)))
        mask = np.asarray(layer, np.float32) / 255.0
        pressure = rng.uniform(0.35, 0.7)
        wax = mask * (tooth > (1 - pressure - 0.3)).astype(np.float32)  # wax catches only the paper's peaks
        colour = np.array(PALETTES["bright"][rng.integers(len(PALETTES["bright"]))], np.float32)
        result = result * (1 - wax[..., None] * 0.9) + colour[None, None, :] * wax[..., None] * 0.9
    return result.clip(0, 255).astype(np.uint8)


def render_mosaic(rng: np.random.Generator, size: int = SIZE) -> np.ndarray:
    cells = 260
    points = rng.random((cells, 2)) * size
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    dist = np.full((size, size), np.inf, np.float32)
    second = np.full((size, size), np.inf, np.float32)
    label = np.zeros((size, size), np.int32)
    for index, (px, py) in enumerate(points):
        d = (xx - px) ** 2 + (yy - py) ** 2
        closer = d < dist
        second = np.where(closer, dist, np.minimum(second, d))
        label = np.where(closer, index, label)
        dist = np.where(closer, d, dist)
    field = _smooth_noise(rng, size, 120)
    palette = np.array([(30, 80, 150), (200, 160, 60), (170, 50, 40), (40, 120, 100), (230, 220, 200), (90, 50, 120)], np.float32)
    colours = np.array([palette[int(field[int(py) % size, int(px) % size] * 5.99)] for px, py in points]) + rng.normal(0, 14, (cells, 3))
    image = colours[label]
    grout = (np.sqrt(second) - np.sqrt(dist)) < 2.2
    image[grout] = (70, 66, 60)
    shade = 1 + 0.15 * (rng.random(cells)[label] - 0.5)
    return (image * shade[..., None]).clip(0, 255).astype(np.uint8)


RENDERERS: dict[str, Callable[[np.random.Generator, int], np.ndarray]] = {
    "oil": render_oil,
    "watercolour": render_watercolour,
    "pencil": render_pencil,
    "ink": render_ink,
    "pointillism": render_pointillism,
    "crayon": render_crayon,
    "mosaic": render_mosaic,
}


def render_preset(name: str, size: int = SIZE, seed: int = SEED) -> np.ndarray:
    """The example picture of preset ``name`` (uint8 HxWx3), deterministic for a seed."""
    index = list(RENDERERS).index(name)
    return RENDERERS[name](np.random.default_rng([seed, index]), size)


def write_presets(folder: Path) -> dict:
    """Render every preset into ``folder`` and record how (``sources.json``)."""
    from artdesk.core.atomic import atomic_write_bytes, atomic_write_text

    import io

    folder.mkdir(parents=True, exist_ok=True)
    record = {"generator": "artdesk.ml.style.presets (procedural numpy + Pillow renderers)", "seed": SEED, "size": SIZE,
              "command": "python -m artdesk.ml.style.presets", "licence": "made by the artdesk project; MIT like the code",
              "pictures": {}}
    for name in RENDERERS:
        buffer = io.BytesIO()
        Image.fromarray(render_preset(name)).save(buffer, format="PNG", optimize=True)
        atomic_write_bytes(folder / f"{name}.png", buffer.getvalue())
        record["pictures"][name] = {"file": f"{name}.png", "label": PRESET_LABELS[name], "renderer": RENDERERS[name].__name__}
    atomic_write_text(folder / "sources.json", json.dumps(record, indent=2))
    return record


def preset_picture(name: str) -> np.ndarray:
    """The committed example picture of a preset (uint8 HxWx3)."""
    from artdesk.core.paths import bundle_root

    with Image.open(bundle_root() / "resources" / "styles" / f"{name}.png") as image:
        return np.asarray(image.convert("RGB"))


if __name__ == "__main__":
    from artdesk.core.paths import bundle_root

    print(json.dumps(write_presets(Path(sys.argv[1]) if len(sys.argv) > 1 else bundle_root() / "resources" / "styles"), indent=2))
