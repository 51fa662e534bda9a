"""Train the shipped preset stylizers within a time budget (the GPU command and the CPU fallback).

  PYTHONPATH=. python -m artdesk.ml.style.train_presets --content .data/style/content \
      --out "$GPU_OUT" --minutes 5.5 --device cuda

Each preset gets an equal share of the budget (less a reserve for evaluation and saving),
writes ``<out>/<preset>/`` (card with held-out metrics + float16 weights) and keeps resumable
state beside it until it finishes. Imports only torch/numpy/safetensors/pillow/stdlib and
artdesk.core/artdesk.ml modules.
"""
from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
from pathlib import Path

from artdesk.core.jobs import ConsoleContext
from artdesk.ml.style.data import load_content
from artdesk.ml.style.presets import PRESET_LABELS, preset_picture
from artdesk.ml.style.train import TrainRequest, train_stylizer

RESERVE_S = 8.0  # per preset: held-out evaluation and saving


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="artdesk train style presets", description="Train the preset stylizers.")
    parser.add_argument("--content", type=Path, required=True, help="prepared content folder (manifest.json + pictures)")
    parser.add_argument("--out", type=Path, required=True, help="folder receiving one checkpoint folder per preset")
    parser.add_argument("--minutes", type=float, default=5.5, help="total wall-clock budget for all presets")
    parser.add_argument("--presets", default=",".join(PRESET_LABELS), help="comma-separated preset names")
    parser.add_argument("--device", default="auto")
    parser.add_argument("--method", default="meanstd", choices=("gram", "meanstd"))
    parser.add_argument("--crop", type=int, default=256)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--steps", type=int, default=100000, help="upper bound; the time budget usually ends first")
    parser.add_argument("--width", type=int, default=12)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--style-weight", type=float, default=1.0, help="weight of the style term (content stays 0.5)")
    parser.add_argument("--upsample", default="nearest", choices=("nearest", "transpose"),
                        help="the stylizer's last upsampling (transpose: only to continue the first presets)")
    parser.add_argument("--eval-side", type=int, default=384, help="held-out pictures are shrunk to this long side for the card's metrics")
    parser.add_argument("--no-eval", action="store_true", help="skip held-out metrics while training (fill them later with --eval-only)")
    parser.add_argument("--eval-only", action="store_true", help="measure held-out metrics of the checkpoints in --out and write them on their cards")
    parser.add_argument("--init-from", type=Path, default=None, help="continue each preset from <DIR>/<preset> (same settings)")
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0 = leave as is)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    import torch

    if args.threads:
        torch.set_num_threads(args.threads)
    start = time.monotonic()
    content = load_content(args.content)
    presets = [p.strip() for p in args.presets.split(",") if p.strip()]
    unknown = [p for p in presets if p not in PRESET_LABELS]
    if unknown:
        print(f"unknown presets: {', '.join(unknown)}", file=sys.stderr)
        return 2
    command = "PYTHONPATH=. python -m artdesk.ml.style.train_presets " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    data = {"source": content.manifest["source"], "licence": content.manifest["licence"],
            "count": content.manifest["count"], "train": content.manifest["train"], "held_out": content.manifest["held_out"],
            "split": content.manifest["split"], "files_sha256": content.manifest["files_sha256"]}
    from artdesk.ml.style.imaging import resize

    held_out = tuple(resize(p, min(1.0, args.eval_side / max(p.shape[:2]))) for p in content.held_out)
    data["held_out_long_side"] = args.eval_side
    if args.eval_only:
        return _eval_only(args.out, presets, held_out, args.eval_side)
    if args.no_eval:
        held_out = ()
    reserve = RESERVE_S  # grows to the measured evaluation + saving time of the previous preset
    for index, name in enumerate(presets):
        left = args.minutes * 60 - (time.monotonic() - start)
        share = left / (len(presets) - index) - reserve
        if share <= 1:
            print(f"out of time before {name}", file=sys.stderr)
            return 1
        style_data = dict(data, style_picture=f"resources/styles/{name}.png (made by artdesk.ml.style.presets, project-made, MIT)")
        request = TrainRequest(name=name, out_dir=str(args.out / name), style_pictures=(preset_picture(name),),
                               content=tuple(content.train), held_out=held_out, steps=args.steps,
                               minutes=share / 60, crop=args.crop, batch=args.batch, method=args.method, device=args.device,
                               width=args.width, lr=args.lr, style_weight=args.style_weight, upsample=args.upsample,
                               data=style_data, command=command, labels=("preset", PRESET_LABELS[name]),
                               init_from=str(args.init_from / name) if args.init_from and (args.init_from / name).is_dir() else None)
        began = time.monotonic()
        path = train_stylizer(request, ConsoleContext())
        trained = json.loads((Path(path) / "card.json").read_text())["training"]["seconds"]
        reserve = max(RESERVE_S, 1.2 * (time.monotonic() - began - trained))
        print(f"saved {path} after {time.monotonic() - start:.0f} s", flush=True)
    return 0


def _eval_only(out: Path, presets: list[str], held_out: tuple, eval_side: int) -> int:
    """Measure each finished preset checkpoint on the held-out pictures and write the metrics on its card."""
    import torch

    from artdesk.core.atomic import atomic_write_text
    from artdesk.ml.checkpoint import load_checkpoint
    from artdesk.ml.style.train import evaluate_stylizer

    for name in presets:
        folder = out / name
        if not folder.is_dir():
            continue
        checkpoint = load_checkpoint(folder)
        metrics = evaluate_stylizer(checkpoint.model, list(held_out), [preset_picture(name)], checkpoint.config.method, torch.device("cpu"))
        card = json.loads((folder / "card.json").read_text())
        card["metrics"] = {**metrics, "final_train_style_loss": card.get("metrics", {}).get("final_train_style_loss")}
        card["data"]["held_out_long_side"] = eval_side
        atomic_write_text(folder / "card.json", json.dumps(card, indent=2, ensure_ascii=False))
        print(f"{name}: {metrics}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
