"""The style domain's command line (``artdesk VERB style ...``), demo and self-test jobs.

  artdesk train style --prepare                       fetch and split the content pictures
  artdesk train style --name NAME PICTURE...          train a custom style into your models
  artdesk generate style IN.png OUT.png --style oil   paint in a medium (oil, watercolour, pencil, coloured-pencil,
                                                      ink-wash) or in a style you trained (stylizer, or --optimise)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import default_cache


def _find_style(name: str):
    from artdesk.core.cards import ModelNotFound, find_model

    try:
        return find_model(name, "style", "style-stylizer")
    except ModelNotFound as missing:
        from artdesk.ml.style.media.catalogue import MEDIA

        known = ", ".join(list(MEDIA) + sorted(missing.known))
        raise ArtdeskError(f"No style named {name!r}; known styles: {known}.") from None


def _read_picture(path: str):
    from artdesk.ml.style.imaging import read_picture

    return read_picture(path)


def _save_result(result, output: str) -> None:
    """Write the styled picture as PNG with its provenance in a text chunk."""
    import io
    import json

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    from artdesk.core.atomic import atomic_write_bytes

    info = PngInfo()
    info.add_text("artdesk", json.dumps(result.provenance))
    buffer = io.BytesIO()
    Image.fromarray(result.picture).save(buffer, format="PNG", pnginfo=info)
    atomic_write_bytes(Path(output), buffer.getvalue())


def cmd_generate(argv: list[str]) -> int:
    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.style.media.catalogue import MEDIA, MediumSettings
    from artdesk.ml.style.requests import ApplyRequest, MediumRequest, OptimizeRequest, StyleControls

    parser = argparse.ArgumentParser(prog="artdesk generate style", description="Repaint a picture in a painting medium or your own style.")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--style", default="oil", help=f"a medium ({', '.join(MEDIA)}) or the name of a style you trained")
    parser.add_argument("--strength", type=float, default=1.0)
    group = parser.add_argument_group("painting media (each 0..1, 0.5 is the usual look)")
    for name in ("stroke-size", "detail", "paper", "wetness", "pressure"):
        group.add_argument(f"--{name}", type=float, default=0.5)
    group.add_argument("--lines", action="store_true", help="watercolour: a light pencil drawing under the washes")
    group.add_argument("--seed", type=int, default=0)
    custom = parser.add_argument_group("styles you trained")
    custom.add_argument("--preserve-colour", action="store_true")
    custom.add_argument("--texture-scale", type=float, default=1.0)
    custom.add_argument("--optimise", action="store_true", help="direct optimisation instead of the stylizer")
    custom.add_argument("--steps", type=int, default=150)
    custom.add_argument("--size", type=int, default=256)
    args = parser.parse_args(argv)
    picture = _read_picture(args.input)
    if args.style in MEDIA:
        from artdesk.ml.style.media.render import render_job

        settings = MediumSettings(args.stroke_size, args.detail, args.paper, args.wetness, args.pressure, args.lines, args.seed)
        result = render_job(MediumRequest(args.style, picture, settings, strength=args.strength), ConsoleContext())
        label = MEDIA[args.style].label
    else:
        card = _find_style(args.style)
        label = card.name
        controls = StyleControls(args.strength, args.preserve_colour, args.texture_scale)
        if args.optimise:
            from artdesk.ml.style.optimize import optimize_job
            style = _read_picture(str(card.path / "style.png"))[..., :3]
            result = optimize_job(OptimizeRequest(picture, (style,), controls, steps=args.steps, size=args.size,
                                                  method=str(card.raw["config"].get("method", "gram")), style_name=card.name), ConsoleContext())
        else:
            from artdesk.ml.style.apply import apply_job

            result = apply_job(ApplyRequest(str(card.path), picture, controls, source=card.source), ConsoleContext())
    _save_result(result, args.output)
    print(f"Wrote {args.output} ({label}, {result.seconds:.2f} s)")
    return 0


def cmd_train(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="artdesk train style", description="Prepare data or train a style from your own pictures.")
    parser.add_argument("--prepare", action="store_true", help="fetch and split the content pictures (scikit-image samples)")
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--name", default=None, help="custom style name (with PICTURES)")
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--crop", type=int, default=None)
    parser.add_argument("--batch", type=int, default=None)
    parser.add_argument("pictures", nargs="*")
    args = parser.parse_args(argv)
    from artdesk.ml.style import data

    if args.prepare:
        manifest = data.prepare()
        size = data.export_compact(None, Path(".data/style/content")) if Path(".data").is_dir() else 0
        print(f"Prepared {manifest['count']} content pictures ({manifest['train']} train, {manifest['held_out']} held-out) "
              f"in {default_cache('style', 'content')}" + (f"; compact copy {size / 1e6:.1f} MB in .data/style/content" if size else ""))
        if not args.name:
            return 0
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


def main(verb: str, argv: list[str]) -> int:
    commands = {"generate": cmd_generate, "train": cmd_train}
    if verb == "eval":
        print("Painting media are judged by eye beside G'MIC: scripts/style_compare.sh writes docs/style/.", file=sys.stderr)
        return 2
    if verb == "finetune":
        print("Styles are not fine-tuned; train a custom style instead: artdesk train style --name NAME PICTURE...", file=sys.stderr)
        return 2
    return commands[verb](argv)


def demo(out_dir: Path, ctx) -> list[Path]:
    """Paint one procedural test picture in every medium; writes PNGs into ``out_dir``."""
    from PIL import Image

    from artdesk.ml.style.media.catalogue import MEDIA
    from artdesk.ml.style.media.render import render_job
    from artdesk.ml.style.requests import MediumRequest

    out_dir.mkdir(parents=True, exist_ok=True)
    picture = demo_picture()
    written = [out_dir / "style-content.png"]
    Image.fromarray(picture).save(written[0])
    for name in MEDIA:
        ctx.raise_if_cancelled()
        result = render_job(MediumRequest(name, picture), ctx)
        path = out_dir / f"style-{name}.png"
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


def self_test_jobs(paths) -> list[tuple[str, Any, Any]]:
    """Two small style jobs: paint the demo picture in oil (the slowest medium), and repaint it like another
    picture (the shipped feature network and a few optimiser steps, as "Style from your pictures" does)."""
    from artdesk.ml.style.media.render import render_job
    from artdesk.ml.style.requests import MediumRequest, OptimizeRequest

    picture = demo_picture(64)
    return [("style: paint in a medium", render_job, MediumRequest("oil", demo_picture(128))),
            ("style: repaint like a picture", OptimizeRequest.job,
             OptimizeRequest(picture, (picture[::-1, ::-1].copy(),), steps=3, size=64))]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
