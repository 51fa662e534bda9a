"""``artdesk eval style``: per preset, on the fixed held-out content pictures, measure

- the style distance before and after, in the stylizer's own features and in the independent judge features,
- structure preservation (SSIM and edge agreement between content and result),
- the time to apply at 256 and 512 px for the stylizer and for the optimisation (seconds per step x steps),
- whether the stylizer's judge distance stays within ``MARGIN`` x the optimisation's.

Also writes the README grid (content pictures in rows, presets in columns) when asked.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from artdesk.core.cards import discover_models
from artdesk.ml.style import features as feat
from artdesk.ml.style.apply import load_stylizer, stylize
from artdesk.ml.style.imaging import edge_agreement, resize, ssim, to_tensor
from artdesk.ml.style.optimize import optimize_steps
from artdesk.ml.style.requests import OptimizeRequest
from artdesk.ml.style.train import style_targets

MARGIN = 1.5  # the stylizer's judge style distance must be at most this times the optimisation's


@dataclass
class PresetScores:
    name: str
    method: str
    own_before: float
    own_after: float
    judge_before: float
    judge_after: float
    ssim: float
    edges: float
    opt_judge_after: float
    opt_ssim: float
    stylizer_s: dict
    opt_s_per_step: dict
    opt_steps: int

    @property
    def within_margin(self) -> bool:
        return self.judge_after <= MARGIN * self.opt_judge_after


def _time(fn, repeats: int = 3) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    return (time.perf_counter() - start) / repeats


def _opt_step_time(net, targets, size: int, steps: int = 3) -> float:
    content = torch.rand(1, 3, size, size, generator=torch.Generator().manual_seed(0))
    request = OptimizeRequest(None, (), steps=steps + 1, size=size, method=net.kind)
    start = None
    for step, _, _ in optimize_steps(content, targets, net, request):
        if step == 1:
            start = time.perf_counter()
    return (time.perf_counter() - start) / steps


def evaluate_preset(card_path: Path, contents: list[np.ndarray], style: np.ndarray, opt_steps: int, opt_size: int) -> PresetScores:
    checkpoint = load_stylizer(card_path, "bundled")
    model, method = checkpoint.model, checkpoint.config.method
    net, judge = feat.FeatureNet(method), feat.FeatureNet("judge")
    targets, judge_targets = style_targets(net, [style]), style_targets(judge, [style])
    sums: dict[str, float] = {}
    for picture in contents:
        content = to_tensor(picture)
        result = stylize(model, picture)
        work = resize(picture, opt_size / max(picture.shape[:2]))
        request = OptimizeRequest(work, (style,), steps=opt_steps, size=opt_size, method=method, style_name=checkpoint.card.name)
        image = to_tensor(work)
        for _, image, _ in optimize_steps(to_tensor(work), targets, net, request):
            pass
        opt_result = (image[0].detach().permute(1, 2, 0).numpy() * 255 + 0.5).astype(np.uint8)
        with torch.no_grad():
            out = to_tensor(result)
            values = {
                "own_before": float(feat.style_distance(net, content, targets)),
                "own_after": float(feat.style_distance(net, out, targets)),
                "judge_before": float(feat.style_distance(judge, content, judge_targets)),
                "judge_after": float(feat.style_distance(judge, out, judge_targets)),
                "opt_judge_after": float(feat.style_distance(judge, image, judge_targets)),
            }
        values["ssim"] = ssim(picture, result)
        values["edges"] = edge_agreement(picture, result)
        values["opt_ssim"] = ssim(work, opt_result)
        for key, value in values.items():
            sums[key] = sums.get(key, 0.0) + value / len(contents)
    stylizer_s, opt_s = {}, {}
    for size in (256, 512):
        picture = (np.random.default_rng(size).random((size, size, 3)) * 255).astype(np.uint8)
        stylizer_s[size] = _time(lambda p=picture: stylize(model, p))
        opt_s[size] = _opt_step_time(net, targets, size)
    return PresetScores(checkpoint.card.name, method, stylizer_s=stylizer_s, opt_s_per_step=opt_s, opt_steps=opt_steps, **sums)


def format_scores(scores: list[PresetScores], pictures: list[str]) -> str:
    lines = [f"Held-out content pictures: {', '.join(pictures)}. Style distances are relative (lower = closer to the style).",
             f"Stylizer margin: its judge-feature distance must be <= {MARGIN} x the optimisation's.", "",
             "| preset | method | own before -> after | judge before -> after | judge (optimisation) | within margin | SSIM | edges | stylizer 256 / 512 px | optimisation 256 / 512 px (s/step x steps) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.method} | {s.own_before:.3f} -> {s.own_after:.3f} | {s.judge_before:.3f} -> {s.judge_after:.3f} | "
            f"{s.opt_judge_after:.3f} | {'yes' if s.within_margin else 'NO'} | {s.ssim:.3f} | {s.edges:.3f} | "
            f"{s.stylizer_s[256]:.3f} s / {s.stylizer_s[512]:.3f} s | "
            f"{s.opt_s_per_step[256]:.3f} x {s.opt_steps} = {s.opt_s_per_step[256] * s.opt_steps:.0f} s / "
            f"{s.opt_s_per_step[512]:.3f} x {s.opt_steps} = {s.opt_s_per_step[512] * s.opt_steps:.0f} s |")
    return "\n".join(lines)


def preset_cards(models_root: Path) -> list:
    from artdesk.ml.style.presets import PRESET_LABELS

    cards = [c for c in discover_models([("bundled", models_root)], "style").cards if c.model_type == "style-stylizer"]
    order = list(PRESET_LABELS)
    return sorted((c for c in cards if c.name in order), key=lambda c: order.index(c.name))


def write_grid(models_root: Path, contents: list[np.ndarray], dest: Path, cell: int = 160) -> Path:
    """A PNG grid: content pictures in rows (first column: the original), presets in columns."""
    from PIL import Image, ImageDraw

    from artdesk.ml.style.presets import preset_picture

    cards = preset_cards(models_root)
    grid = Image.new("RGB", ((len(cards) + 1) * cell, (len(contents) + 1) * cell), "white")
    draw = ImageDraw.Draw(grid)
    draw.text((6, 6), "content \\ style", fill="black")
    for column, card in enumerate(cards, start=1):
        grid.paste(Image.fromarray(resize(preset_picture(card.name), size=(cell - 8, cell - 8))), (column * cell + 4, 4))
        draw.text((column * cell + 6, 6), card.name, fill="white", stroke_width=2, stroke_fill="black")
    for row, picture in enumerate(contents, start=1):
        small = resize(picture, (cell - 8) / max(picture.shape[:2]))
        grid.paste(Image.fromarray(small), (4, row * cell + 4))
        for column, card in enumerate(cards, start=1):
            model = load_stylizer(card.path, "bundled").model
            grid.paste(Image.fromarray(stylize(model, small)), (column * cell + 4, row * cell + 4))
    dest.parent.mkdir(parents=True, exist_ok=True)
    grid.save(dest)
    return dest


def readme(table: str, args, argv: list[str]) -> str:
    """The Markdown written by ``artdesk eval style --readme``: grid, preset table, method comparison."""
    import json
    import shlex

    parts = ["# Painting styles: the shipped presets", "",
             "Made by `artdesk eval style " + " ".join(shlex.quote(a) for a in argv) + "`.", "",
             "No downloaded network is used. Style is measured by feature statistics in frozen *random* conv nets whose",
             "weights are generated from fixed seeds (`artdesk/ml/style/features.py`, committed in",
             "`resources/styles/features.safetensors`, sha256 checked at load):",
             "",
             "- **gram**: Gram matrices of the pixels and of 5 stages of a VGG-like random net (3x3 convs, average pooling).",
             "- **meanstd**: per-channel means and standard deviations of the pixels and of a random filter bank",
             "  (3, 5, 9, 15 px filters on a 4-level pyramid).",
             "- **judge** (evaluation only, never optimised): Gram + mean/std in a third random net (other seed, 5x5",
             "  dilated convs, leaky ReLU).",
             "",
             "Distances are per layer ||a - b||^2 / (||a||^2 + ||b||^2), averaged over layers (0 = same statistics).",
             "*Before* = the content picture against the style, *after* = the result against the style.",
             "SSIM and edge agreement (correlation of Sobel magnitudes) compare the result with the content.",
             "The preset example pictures are painted by `artdesk/ml/style/presets.py` (procedural, project-made);",
             "the content pictures are scikit-image's bundled sample photos (CC0 / public domain), 11 train, 4 held out.",
             ""]
    if args.grid:
        parts += [f"![content pictures in rows, presets in columns]({Path(args.grid).name})", "",
                  "Rows: held-out content pictures (scikit-image samples, CC0 / public domain); first column the original, "
                  "then one column per preset stylizer (first row: the preset's example picture, made by artdesk's procedural renderer).", ""]
    parts += ["## Presets on held-out pictures", "", table, ""]
    if args.compare_json and Path(args.compare_json).is_file():
        from artdesk.ml.style.compare import format_table

        parts += ["## Method comparison", "", format_table(json.loads(Path(args.compare_json).read_text())), ""]
    return "\n".join(parts)
