"""``artdesk VERB canvas ...``: generate, train (and --prepare), eval; plus the demo and self-test jobs.

  artdesk generate canvas [--model NAME] [--style S] [--seed N] [--count N] [--out grid.png]
  artdesk train canvas --prepare [--cache DIR] [--export DIR]
  artdesk train canvas --prepare-set {emoji,fluent3d,glyphs} [--cache DIR]
  artdesk train canvas {gan,vae,upscaler,all} --data DIR --out DIR --minutes M
  artdesk eval canvas MODEL [--vae NAME] [--count 2000] [--data DIR]
  artdesk finetune canvas FOLDER... --name NAME [--preset quick|standard|long] [--estimate] [advanced knobs]
  artdesk finetune canvas --resume NAME | --unfinished
  torchrun --nproc_per_node N -m artdesk finetune canvas ...   (DistributedDataParallel)
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from artdesk.core.errors import ArtdeskError
from artdesk.core.cards import find_model, read_card
from artdesk.ml.canvas.requests import GenerateRequest, InterpolateRequest, UpscaleRequest, model_styles
from artdesk.ml.commands import run_verb


def save_png(image, path: Path, provenance: dict) -> Path:
    """Write a PNG with the provenance as a text chunk, atomically."""
    import io

    from PIL import Image, PngImagePlugin

    from artdesk.core.atomic import atomic_write_bytes

    info = PngImagePlugin.PngInfo()
    info.add_text("artdesk", json.dumps(provenance))
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG", pnginfo=info)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def grid_image(images: list, columns: int = 8, pad: int = 2):
    import numpy as np

    rows = (len(images) + columns - 1) // columns
    h, w = images[0].shape[:2]
    out = np.full((rows * (h + pad) + pad, columns * (w + pad) + pad, 3), 255, dtype=np.uint8)
    for i, im in enumerate(images):
        r, c = divmod(i, columns)
        out[pad + r * (h + pad):pad + r * (h + pad) + h, pad + c * (w + pad):pad + c * (w + pad) + w] = im[..., :3]
    return out


def _generate(argv: list[str]) -> int:
    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.canvas import generate

    parser = argparse.ArgumentParser(prog="artdesk generate canvas")
    parser.add_argument("--model", help="GAN or VAE name or folder (default: the first GAN)")
    parser.add_argument("--style", help="what to draw, one of the model's styles (default: its first)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--truncation", type=float, default=1.0)
    parser.add_argument("--out", default="canvas-grid.png")
    parser.add_argument("--all-styles", action="store_true", help="one row of --count pictures per style")
    args = parser.parse_args(argv)
    path = _any_generator(args.model)
    styles = model_styles(read_card(path).labels)
    if args.all_styles:
        images, provenance = [], {}
        for style in styles:
            request = GenerateRequest(str(path), style, args.seed, args.count, args.truncation)
            result = generate.generate_grid(request, ConsoleContext())
            images += result.images
            provenance = provenance or dict(result.provenance[0], index=None, count=args.count, styles=list(styles))
        print(save_png(grid_image(images, columns=args.count), Path(args.out), provenance))
        return 0
    request = GenerateRequest(str(path), args.style or styles[0], args.seed, args.count, args.truncation)
    result = generate.generate_grid(request, ConsoleContext())
    provenance = dict(result.provenance[0], index=None, count=args.count)
    print(save_png(grid_image(result.images), Path(args.out), provenance))
    return 0


def _any_generator(name: str | None) -> Path:
    try:
        return find_model(name, "canvas", "canvas-gan").path
    except ArtdeskError:
        return find_model(name, "canvas", "canvas-vae").path


def _train(argv: list[str]) -> int:
    if "--prepare-set" in argv:
        from artdesk.ml.canvas.picture_sets import SETS, prepare_set

        parser = argparse.ArgumentParser(prog="artdesk train canvas --prepare-set")
        parser.add_argument("--prepare-set", required=True, choices=sorted(SETS))
        parser.add_argument("--cache", type=Path, default=None, help="download/unpack folder (ARTDESK_DATA_CACHE)")
        args = parser.parse_args(argv)
        print(prepare_set(args.prepare_set, args.cache))
        return 0
    if "--prepare" in argv:
        from artdesk.core.paths import default_cache
        from artdesk.ml.canvas.data import export_compact, prepare

        parser = argparse.ArgumentParser(prog="artdesk train canvas --prepare")
        parser.add_argument("--prepare", action="store_true")
        parser.add_argument("--cache", type=Path, default=None, help="download/unpack folder (ARTDESK_DATA_CACHE)")
        parser.add_argument("--export", type=Path, default=None, help="also copy a compact copy here (<= 30 MB)")
        args = parser.parse_args(argv)
        folder = prepare(args.cache or default_cache())
        if args.export:
            print(export_compact(folder, args.export))
        return 0
    from artdesk.ml.canvas import train

    return train.main(argv)


def _eval(argv: list[str]) -> int:
    from artdesk.core.cards import write_card_metrics
    from artdesk.core.jobs import ConsoleContext
    from artdesk.core.paths import default_cache

    parser = argparse.ArgumentParser(prog="artdesk eval canvas")
    parser.add_argument("model", help="GAN (or VAE) name or folder")
    parser.add_argument("--vae", help="also score this VAE's samples (default: the first VAE found)")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=None, help="prepared data folder (default: the data cache)")
    parser.add_argument("--json", type=Path, default=None, help="also write the numbers here")
    parser.add_argument("--write-card", action="store_true", help="store the numbers in each model's card")
    args = parser.parse_args(argv)
    model = _any_generator(args.model)
    picture_set = read_card(model).raw.get("data", {}).get("set")
    data_dir = args.data or (default_cache() / "canvas-sets" / picture_set if picture_set else default_cache() / "canvas")
    vae = None
    try:
        vae = find_model(args.vae, "canvas", "canvas-vae").path
    except ArtdeskError:
        if args.vae:
            raise
    if picture_set:  # a picture-set model is judged alone: the mixed-style VAE draws other things
        vae = None
    report = evaluate(model, vae, data_dir, args.count, ConsoleContext())
    print(format_report(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    if args.write_card:
        command = "artdesk eval image " + " ".join(argv)
        for label in ("model", "vae"):
            if label in report:
                scores = {k: v for k, v in report[label].items() if k not in ("path", "model_type")}
                write_card_metrics(Path(report[label]["path"]), {**scores, "evaluation_command": command})
    return 0


def evaluate(model: Path, vae: Path | None, data_dir: Path, count: int, ctx) -> dict[str, Any]:
    """Metrics of ``model`` (and the VAE's samples) against the held-out split; see ``eval``."""
    import torch

    from artdesk.ml.canvas import eval as metrics
    from artdesk.ml.canvas.data import load_data
    from artdesk.ml.checkpoint import load_checkpoint

    data = load_data(data_dir)
    train_images, _ = data.split(heldout=False)
    heldout_images, heldout_styles = data.split(heldout=True)
    nets = metrics.load_feature_nets("cpu")
    cache: dict = {}
    report: dict[str, Any] = {"data": str(data_dir), "heldout": len(heldout_images), "train": len(train_images)}
    for label, path in (("model", model), ("vae", vae)):
        if path is None or (label == "vae" and Path(path) == Path(model)):
            continue
        ctx.report(None, f"sampling {count} pictures from {Path(path).name}…")
        checkpoint = load_checkpoint(Path(path))
        with torch.inference_mode():
            fake = metrics.sample_model(checkpoint.model, count, heldout_styles, seed=12345, check=ctx.raise_if_cancelled)
        ctx.report(None, f"measuring {Path(path).name}…")
        scores = metrics.evaluate_pictures(fake, train_images, heldout_images, nets, ctx.raise_if_cancelled,
                                           baselines=label == "model", cache=cache)
        scores["kid_vs_heldout_per_style"] = metrics.kid_per_style(
            checkpoint.model, nets, cache["heldout"], heldout_styles, data.classes, count, ctx.raise_if_cancelled)
        scores["train_pictures_compared"] = len(train_images)
        judge = judge_for(checkpoint.card) if label == "model" else None
        if judge is not None:
            from artdesk.ml.canvas.judged import judge_report

            ctx.report(None, f"asking the judge about {Path(path).name}…")
            scores["judge"] = judge_report(checkpoint.model, judge, data, count, ctx.raise_if_cancelled)
        report[label] = {"path": str(path), "model_type": checkpoint.card.model_type, **scores}
    return report


def judge_for(card):
    """The judge of the model's picture set (``<set>-judge`` among the models), or None."""
    from artdesk.ml.checkpoint import load_checkpoint

    picture_set = card.raw.get("data", {}).get("set")
    if not picture_set:
        return None
    try:
        return load_checkpoint(find_model(f"{picture_set}-judge", "canvas", "canvas-judge").path).model
    except ArtdeskError:
        return None


def format_report(report: dict) -> str:
    lines = [f"held-out pictures: {report['heldout']}, training pictures: {report['train']}"]
    model = report.get("model", {})
    rows = [
        (f"{Path(model.get('path', '?')).name} ({model.get('model_type')})", model.get("kid_vs_heldout")),
        ("floor: train vs held-out", model.get("kid_floor_train_vs_heldout")),
        ("baseline: PCA Gaussian", model.get("kid_pca_gaussian_baseline")),
    ]
    if "vae" in report:
        rows.append((f"{Path(report['vae']['path']).name} samples (VAE)", report["vae"]["kid_vs_heldout"]))
    lines.append("KID vs held-out (x1000, three random networks; lower is better):")
    for label, value in rows:
        if value is not None:
            lines.append(f"  {label:45s} {value * 1000:9.3f}")
    for label, section in (("model", model), ("vae", report.get("vae"))):
        if section:
            lines.append(f"{Path(section['path']).name}: density {section['density']:.3f}, coverage {section['coverage']:.3f}, "
                         f"too-close rate {section['too_close_rate'] * 100:.2f}% (want < 1%)")
    judge = model.get("judge")
    if judge:
        from artdesk.ml.canvas.judged import judge_lines

        lines.append("KID in the judge's features (x1000; lower is better): "
                     f"model {judge['judge_kid'] * 1000:.2f}, floor {judge['judge_kid_floor_train_vs_heldout'] * 1000:.2f}, "
                     f"PCA baseline {judge['judge_kid_pca_baseline'] * 1000:.2f}")
        lines.append("recognisable per style: " + ", ".join(f"{k} {v * 100:.0f}%"
                                                           for k, v in judge["recognisable_per_style"].items()))
        lines.append(judge_lines(judge, model["too_close_rate"]))
    return "\n".join(lines)


def main(verb: str, argv: list[str]) -> int:
    """Entry for ``artdesk VERB canvas ...``."""
    from artdesk.ml.canvas.finetune.cli import finetune_main

    return run_verb("canvas", {"generate": _generate, "train": _train, "eval": _eval, "finetune": finetune_main}, verb, argv)


def demo(out_dir: Path, ctx) -> list[Path]:
    """One grid per style, a walk GIF and an upscale comparison, from the bundled models."""
    from artdesk.ml.canvas import generate

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        gan = _any_generator(None)
    except ArtdeskError as error:
        print(f"canvas demo skipped: {error}", file=sys.stderr)
        return written
    styles = model_styles(read_card(gan).labels)
    for style in styles:
        result = generate.generate_grid(GenerateRequest(str(gan), style, seed=1, count=16), ctx)
        written.append(save_png(grid_image(result.images), out_dir / f"grid-{style}.png",
                                dict(result.provenance[0], index=None, count=16)))
    walk = generate.interpolate(InterpolateRequest(str(gan), result.latents[0], result.latents[1], styles[-1],
                                                   frames=12, gif_path=str(out_dir / "walk.gif")), ctx)
    written += [Path(p) for p in walk.files]
    try:
        upscaler = find_model(None, "canvas", "canvas-upscaler").path
    except ArtdeskError:
        upscaler = None
    picture = result.images[0]
    rows = [generate.upscale(UpscaleRequest(picture, 4, "nearest"), ctx)]
    if upscaler is not None:
        rows.append(generate.upscale(UpscaleRequest(picture, 4, "learned", str(upscaler)), ctx))
    written.append(save_png(grid_image(rows, columns=len(rows)), out_dir / "upscale-nearest-vs-learned.png",
                            {"job": "upscale", "methods": ["nearest", "learned"][:len(rows)]}))
    return written


def self_test_jobs(paths) -> list[tuple[str, Any, Any]]:
    """One small job per bundled canvas model kind: generate 4 pictures; upscale one picture x4."""
    import numpy as np

    from artdesk.core.cards import discover_models

    cards = discover_models([("bundled", paths.bundled_models)], "canvas").cards
    out: list[tuple[str, Any, Any]] = []
    for card in cards:
        if card.model_type in ("canvas-gan", "canvas-vae"):
            out.append((f"canvas: generate 4 pictures with {card.name}", GenerateRequest.job,
                        GenerateRequest(str(card.path), model_styles(card.labels)[0], count=4)))
        elif card.model_type == "canvas-upscaler":
            picture = np.full((64, 64, 3), 255, np.uint8)
            picture[16:48, 16:48] = (200, 40, 40)
            out.append((f"canvas: upscale with {card.name}", UpscaleRequest.job,
                        UpscaleRequest(picture, 4, "learned", str(card.path))))
    gans = [card for card in cards if card.model_type == "canvas-gan"]
    if gans:
        out.append((f"canvas: start a fine-tune of {gans[0].name}", "artdesk.ml.canvas.commands:finetune_start_check",
                    str(gans[0].path)))
    return out or [("canvas: bundled models", _missing_models, None)]


SELF_TEST_RUN = "artdesk-self-test"


def finetune_start_check(base_dir: str, ctx) -> str:
    """Fine-tunes the bundled GAN on generated flower pictures until its first training step's snapshot, pauses
    (which saves the resumable state), checks the state was written, then discards the run."""
    import tempfile

    from artdesk.core.jobs import Cancelled, JobContext
    from artdesk.core.paths import app_paths
    from artdesk.ml.canvas.finetune import run
    from artdesk.ml.canvas.finetune.bench_set import make_bench_set
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest

    class PauseAfterFirstStep(JobContext):
        def publish(self, partial: Any) -> None:
            if (isinstance(partial, run.Snapshot) and partial.step >= 1) or ctx.cancelled:
                self.cancel()

    paused = PauseAfterFirstStep(on_progress=lambda p: ctx.report(p.fraction, p.message))
    user_models = app_paths().user_models
    state = run.runs_root(user_models) / SELF_TEST_RUN / "state.pt"
    try:
        with tempfile.TemporaryDirectory(prefix="artdesk-self-test-") as pictures:
            files = tuple(str(p) for p in make_bench_set(Path(pictures), 10))
            request = FinetuneRequest(files, base_dir, SELF_TEST_RUN, steps=2, snapshot_every=1, device="cpu",
                                      checkpoint_every_s=3600.0)
            try:
                run.run_finetune(request, paused)
            except Cancelled:
                saved = state.is_file()
            else:
                raise ArtdeskError("The fine-tune finished instead of pausing after its first step.")
    finally:
        run.discard_run(user_models, SELF_TEST_RUN)
    ctx.raise_if_cancelled()
    if not saved:
        raise ArtdeskError(f"The paused fine-tune saved no state at {state}.")
    return "trained one step, paused and saved its state (discarded)"


def _missing_models(_request, _ctx):
    """Fails at once: there is no bundled canvas model to test."""
    raise ArtdeskError("No bundled canvas model was found in models/canvas/.")
