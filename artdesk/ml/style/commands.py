"""The style domain's command line (``artdesk VERB style ...``), demo and self-test jobs.

  artdesk train style --prepare                       fetch and split the content pictures
  artdesk train style --presets [--minutes M]         train the preset stylizers (writes models/style/)
  artdesk train style --name NAME PICTURE...          train a custom style into your models
  artdesk generate style --style oil IN.png OUT.png   apply a style (stylizer, or --optimise)
  artdesk eval style [--compare] [--grid PNG]         the preset table (and method comparison)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from artdesk.core.errors import ArtdeskError


def _find_style(name: str):
    from artdesk.core.cards import discover_models
    from artdesk.core.paths import app_paths

    cards = [c for c in discover_models(app_paths().model_roots, "style").cards if c.model_type == "style-stylizer"]
    for card in cards:
        if name in (card.name, card.path.name, card.id):
            return card
    known = ", ".join(sorted(c.name for c in cards)) or "none"
    raise ArtdeskError(f"No style named {name!r}; known styles: {known}.")


def _read_picture(path: str):
    import numpy as np
    from PIL import Image

    try:
        with Image.open(path) as image:
            return np.asarray(image.convert("RGBA"))
    except (OSError, ValueError) as error:
        raise ArtdeskError(f"Cannot read {path} as a picture ({error}).") from error


def cmd_generate(argv: list[str]) -> int:
    from PIL import Image

    from artdesk.core.atomic import atomic_write_bytes
    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.style.requests import ApplyRequest, OptimizeRequest, StyleControls

    parser = argparse.ArgumentParser(prog="artdesk generate style", description="Repaint a picture in a style.")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--style", default="oil")
    parser.add_argument("--strength", type=float, default=1.0)
    parser.add_argument("--preserve-colour", action="store_true")
    parser.add_argument("--texture-scale", type=float, default=1.0)
    parser.add_argument("--optimise", action="store_true", help="direct optimisation instead of the stylizer")
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--size", type=int, default=256)
    args = parser.parse_args(argv)
    card = _find_style(args.style)
    picture = _read_picture(args.input)
    controls = StyleControls(args.strength, args.preserve_colour, args.texture_scale)
    if args.optimise:
        from artdesk.ml.style.optimize import optimize_job
        style = _read_picture(str(card.path / "style.png"))[..., :3]
        result = optimize_job(OptimizeRequest(picture, (style,), controls, steps=args.steps, size=args.size,
                                              method=str(card.raw["config"].get("method", "gram")), style_name=card.name), ConsoleContext())
    else:
        from artdesk.ml.style.apply import apply_job

        result = apply_job(ApplyRequest(str(card.path), picture, controls, source=card.source), ConsoleContext())
    import io
    import json

    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("artdesk", json.dumps(result.provenance))
    buffer = io.BytesIO()
    Image.fromarray(result.picture).save(buffer, format="PNG", pnginfo=info)
    atomic_write_bytes(Path(args.output), buffer.getvalue())
    print(f"Wrote {args.output} ({card.name}, {result.seconds:.2f} s)")
    return 0


def cmd_train(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="artdesk train style", description="Prepare data or train stylizers.")
    parser.add_argument("--prepare", action="store_true", help="fetch and split the content pictures (scikit-image samples)")
    parser.add_argument("--presets", action="store_true", help="train the preset stylizers")
    parser.add_argument("--out", type=Path, default=None, help="where preset checkpoints go (default: bundled models/style)")
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--name", default=None, help="custom style name (with PICTURES)")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--crop", type=int, default=None)
    parser.add_argument("--batch", type=int, default=None)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--only", default=None, help="comma-separated presets to train")
    parser.add_argument("pictures", nargs="*")
    args = parser.parse_args(argv)
    from artdesk.ml.style import data

    if args.prepare:
        manifest = data.prepare()
        size = data.export_compact(None, Path(".data/style/content")) if Path(".data").is_dir() else 0
        print(f"Prepared {manifest['count']} content pictures ({manifest['train']} train, {manifest['held_out']} held-out) "
              f"in {data.default_cache() / 'content'}" + (f"; compact copy {size / 1e6:.1f} MB in .data/style/content" if size else ""))
        if not (args.presets or args.name):
            return 0
    if args.presets:
        from artdesk.core.paths import bundle_root
        from artdesk.ml.style import train_presets

        forwarded = ["--content", str(data.default_cache() / "content"), "--out", str(args.out or bundle_root() / "models" / "style"),
                     "--minutes", str(args.minutes), "--device", args.device, "--crop", str(args.crop or 128),
                     "--batch", str(args.batch or 4), "--threads", str(args.threads)]
        if args.only:
            forwarded += ["--presets", args.only]
        return train_presets.main(forwarded)
    if args.name:
        from artdesk.core.jobs import ConsoleContext
        from artdesk.core.paths import app_paths
        from artdesk.ml.style.custom import CustomStyleRequest, train_custom_job

        request = CustomStyleRequest(args.name, tuple(args.pictures), str(app_paths().user_models), steps=args.steps,
                                     minutes=args.minutes, device=args.device, crop=args.crop or 192, batch=args.batch or 2)
        print(f"Saved {train_custom_job(request, ConsoleContext())}")
        return 0
    parser.print_help()
    return 2


def cmd_eval(argv: list[str]) -> int:
    import torch

    from artdesk.core.paths import bundle_root
    from artdesk.ml.style import eval as style_eval
    from artdesk.ml.style.data import default_cache, load_content
    from artdesk.ml.style.presets import preset_picture

    parser = argparse.ArgumentParser(prog="artdesk eval style", description="Measure the preset stylizers on held-out pictures.")
    parser.add_argument("--models", type=Path, default=bundle_root() / "models")
    parser.add_argument("--content", type=Path, default=None)
    parser.add_argument("--pictures", type=int, default=4)
    parser.add_argument("--opt-steps", type=int, default=100)
    parser.add_argument("--opt-size", type=int, default=256)
    parser.add_argument("--presets", default=None, help="comma-separated subset")
    parser.add_argument("--grid", type=Path, default=None, help="also write the README grid picture here")
    parser.add_argument("--readme", type=Path, default=None, help="write the tables (and grid link) as Markdown here")
    parser.add_argument("--compare-json", type=Path, default=None, help="a saved method comparison to include in the README")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--compare", action="store_true", help="run the method comparison instead (see compare.py)")
    args, rest = parser.parse_known_args(argv)
    torch.set_num_threads(args.threads)
    if args.compare:
        from artdesk.ml.style import compare

        return compare.main(rest + (["--content", str(args.content)] if args.content else []))
    content = load_content(args.content or default_cache() / "content")
    pictures = content.held_out[: args.pictures]
    names = content.held_out_names[: args.pictures]
    cards = style_eval.preset_cards(args.models)
    if args.presets:
        cards = [c for c in cards if c.name in args.presets.split(",")]
    if not cards:
        raise ArtdeskError(f"No preset stylizers under {args.models}/style; run: artdesk train style --presets")
    scores = []
    for card in cards:
        print(f"evaluating {card.name}…", file=sys.stderr, flush=True)
        scores.append(style_eval.evaluate_preset(card.path, pictures, preset_picture(card.name), args.opt_steps, args.opt_size))
    table = style_eval.format_scores(scores, names)
    print(table)
    if args.grid:
        print(f"grid: {style_eval.write_grid(args.models, pictures, args.grid)}")
    if args.readme:
        from artdesk.core.atomic import atomic_write_text

        atomic_write_text(args.readme, style_eval.readme(table, args, argv))
        print(f"readme: {args.readme}")
    return 0


def main(verb: str, argv: list[str]) -> int:
    commands = {"generate": cmd_generate, "train": cmd_train, "eval": cmd_eval}
    if verb == "finetune":
        print("Styles are not fine-tuned; train a custom style instead: artdesk train style --name NAME PICTURE...", file=sys.stderr)
        return 2
    return commands[verb](argv)


def demo(out_dir: Path, ctx) -> list[Path]:
    """Apply every bundled preset to one procedural test picture; writes PNGs into ``out_dir``."""
    from PIL import Image

    from artdesk.core.paths import app_paths
    from artdesk.ml.style.apply import apply_job
    from artdesk.ml.style.requests import ApplyRequest

    out_dir.mkdir(parents=True, exist_ok=True)
    picture = demo_picture()
    written = [out_dir / "style-content.png"]
    Image.fromarray(picture).save(written[0])
    for card in _bundled_presets(app_paths().bundled_models):
        ctx.raise_if_cancelled()
        result = apply_job(ApplyRequest(str(card.path), picture, source="bundled"), ctx)
        path = out_dir / f"style-{card.name}.png"
        Image.fromarray(result.picture).save(path)
        written.append(path)
    return written


def demo_picture(size: int = 256):
    """A project-made test picture: sky gradient, sun, hills and a house (no data needed)."""
    import numpy as np
    from PIL import Image, ImageDraw

    yy = np.linspace(0, 1, size)[:, None, None]
    sky = (np.array([90, 150, 230]) * (1 - yy) + np.array([230, 230, 250]) * yy).repeat(size, axis=1)
    image = Image.fromarray(sky.astype(np.uint8))
    draw = ImageDraw.Draw(image)
    draw.ellipse([size * 0.65, size * 0.1, size * 0.85, size * 0.3], fill=(250, 210, 60))
    draw.polygon([(0, size * 0.7), (size * 0.3, size * 0.5), (size * 0.6, size * 0.68), (size, size * 0.55), (size, size), (0, size)], fill=(70, 140, 60))
    draw.rectangle([size * 0.2, size * 0.55, size * 0.4, size * 0.75], fill=(200, 90, 60))
    draw.polygon([(size * 0.18, size * 0.55), (size * 0.3, size * 0.42), (size * 0.42, size * 0.55)], fill=(120, 50, 40))
    draw.rectangle([size * 0.27, size * 0.65, size * 0.32, size * 0.75], fill=(60, 40, 30))
    return np.asarray(image)


def _bundled_presets(models_root: Path) -> list:
    from artdesk.core.cards import discover_models

    return [c for c in discover_models([("bundled", models_root)], "style").cards if c.model_type == "style-stylizer"]


def self_test_jobs(paths) -> list[tuple[str, Any, Any]]:
    """One small job per style feature: apply the first bundled preset to the demo picture."""
    from artdesk.ml.style.apply import apply_job
    from artdesk.ml.style.requests import ApplyRequest

    presets = _bundled_presets(paths.bundled_models)
    if not presets:
        return []
    return [("style: apply a preset", apply_job, ApplyRequest(str(presets[0].path), demo_picture(128), source="bundled"))]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
