"""The benchmark's fixed set: 30 flower pictures drawn procedurally (made by the project, no licence issue).

One artist's consistent look, as a user's folder would have: a flower with 5-9 outlined petals and a
round heart on a pastel ground, in one of a few palettes, at 96 px (so the fine-tune's resize runs too).
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np

GROUNDS = [(250, 236, 214), (222, 240, 250), (232, 246, 224), (248, 226, 236)]
PETALS = [(226, 74, 51), (240, 160, 40), (150, 60, 170), (40, 110, 200), (230, 110, 150)]
HEARTS = [(250, 210, 60), (120, 70, 30), (255, 245, 200)]


def draw_flower(rng: np.random.Generator, size: int = 96) -> np.ndarray:
    """One picture, uint8 size x size x 3."""
    from PIL import Image, ImageDraw

    scale = 4  # draw large, then shrink: smooth edges
    side = size * scale
    image = Image.new("RGB", (side, side), GROUNDS[rng.integers(len(GROUNDS))])
    draw = ImageDraw.Draw(image)
    cx, cy = side * (0.5 + rng.uniform(-0.08, 0.08)), side * (0.5 + rng.uniform(-0.08, 0.08))
    reach, width = side * rng.uniform(0.28, 0.40), side * rng.uniform(0.07, 0.11)
    petals, turn = int(rng.integers(5, 10)), rng.uniform(0, math.pi)
    colour = PETALS[rng.integers(len(PETALS))]
    for k in range(petals):
        angle = turn + 2 * math.pi * k / petals
        px, py = cx + math.cos(angle) * reach * 0.55, cy + math.sin(angle) * reach * 0.55
        points = []
        for t in np.linspace(0, 2 * math.pi, 24, endpoint=False):  # an ellipse along the petal's direction
            u, v = math.cos(t) * reach * 0.5, math.sin(t) * width
            points.append((px + u * math.cos(angle) - v * math.sin(angle),
                           py + u * math.sin(angle) + v * math.cos(angle)))
        draw.polygon(points, fill=colour, outline=(30, 30, 30), width=3 * scale)
    heart = side * rng.uniform(0.07, 0.11)
    draw.ellipse([cx - heart, cy - heart, cx + heart, cy + heart], fill=HEARTS[rng.integers(len(HEARTS))],
                 outline=(30, 30, 30), width=3 * scale)
    return np.asarray(image.resize((size, size), Image.Resampling.LANCZOS), dtype=np.uint8)


def make_bench_set(folder: Path, count: int = 30, seed: int = 6) -> list[Path]:
    """Write ``count`` flower PNGs into ``folder`` (the same ones for the same seed); returns their paths."""
    from PIL import Image

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for index in range(count):
        path = folder / f"flower-{index:02d}.png"
        Image.fromarray(draw_flower(rng)).save(path)
        paths.append(path)
    return paths
