"""``artdesk finetune canvas``: the wizard's fine-tune, headless, with the same state, snapshots and card.

Ctrl-C pauses (the state is saved); the same command, or ``--resume NAME``, goes on from the last
checkpoint. Under ``torchrun`` every process runs this command and trains its share of each batch.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import shlex
import signal
import sys
from pathlib import Path

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, ConsoleContext, JobContext


def _parser() -> argparse.ArgumentParser:
    from artdesk.ml.canvas.finetune.plan import FOLLOW, PRESETS, VARIETY

    p = argparse.ArgumentParser(prog="artdesk finetune canvas",
                                description="Fine-tune the canvas GAN on your own pictures (a folder or files).")
    p.add_argument("pictures", nargs="*", help="folders and picture files")
    p.add_argument("--name", help="name of the new model")
    p.add_argument("--base", default=None, help="base GAN name or folder (default: the bundled canvas GAN)")
    p.add_argument("--preset", choices=list(PRESETS), default="standard", help="how long to train")
    p.add_argument("--follow", choices=list(FOLLOW), default="balanced", help="how closely to follow your pictures")
    p.add_argument("--keep-variety", choices=list(VARIETY), default="some",
                   help="how much of the original model's variety to keep")
    p.add_argument("--crop", choices=["centre", "fit"], default="centre", help="centre crop, or fit with padding")
    p.add_argument("--source", default="", help="where the pictures come from (goes into the model card)")
    p.add_argument("--licence", default="", help="their licence or the consent you have (goes into the card)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    p.add_argument("--checkpoint-every", type=float, default=120.0, metavar="SECONDS")
    p.add_argument("--heldout", type=float, default=0.2, help="share of pictures kept back to measure (>= 0.2)")
    knobs = p.add_argument_group("advanced (default: chosen from the number of pictures)")
    knobs.add_argument("--steps", type=int)
    knobs.add_argument("--batch", type=int)
    knobs.add_argument("--lr", type=float)
    knobs.add_argument("--freeze-d", type=int, dest="freeze_d_blocks", help="discriminator blocks to freeze")
    knobs.add_argument("--norm-only", action=argparse.BooleanOptionalAction, default=None)
    knobs.add_argument("--ema-decay", type=float)
    knobs.add_argument("--snapshot-every", type=int)
    knobs.add_argument("--correspondence", type=float, dest="variety", help="cross-domain correspondence weight")
    knobs.add_argument("--freeze-g", type=int, dest="freeze_g_blocks", help="generator blocks to freeze, coarse first")
    knobs.add_argument("--ewc", type=float, help="elastic weight consolidation weight (0: off)")
    knobs.add_argument("--base-mix", type=float, dest="base_mix",
                       help="share of the critic's real pictures drawn by the base model (0: off)")
    knobs.add_argument("--reconstruct", type=float,
                       help="weight pulling each picture's nearest sample toward it (IMLE; 0: off)")
    knobs.add_argument("--resemble", type=float,
                       help="weight pulling the samples' features and layout toward your pictures' (MMD; 0: off)")
    knobs.add_argument("--keep-copying", action="store_true", help="warn but do not stop when the model copies")
    knobs.add_argument("--no-early-stop", action="store_true", help="train every step even if no snapshot improves")
    p.add_argument("--estimate", action="store_true", help="only measure this machine and print the time")
    p.add_argument("--resume", metavar="NAME", help="resume an unfinished fine-tune as it was started")
    p.add_argument("--unfinished", action="store_true", help="list unfinished fine-tunes")
    p.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: the default)")
    return p


def _base(name: str | None) -> tuple[str, str]:
    from artdesk.core.cards import find_model

    card = find_model(name, "canvas", "canvas-gan")
    return str(card.path), card.source


def _request(args, argv: list[str], ctx: JobContext):
    from artdesk.ml.canvas.finetune.audit import audit_files, distinct_names
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest

    if not args.pictures or not args.name:
        raise ArtdeskError("Give the folder (or files) of your pictures and --name for the new model.")
    for given in args.pictures:
        if not Path(given).exists():
            raise ArtdeskError(f"{given} does not exist. Give the folder (or files) of your pictures.")
    audit = audit_files(args.pictures, ctx)
    for skip in audit.skipped:
        print(f"skipped {skip.path}: {skip.reason}", file=sys.stderr)
    for dropped, kept in audit.duplicates:
        print(f"skipped {dropped}: a duplicate of {distinct_names(dropped, kept)[1]}", file=sys.stderr)
    for warning in audit.warnings:
        print(f"note: {warning}", file=sys.stderr)
    base_dir, base_source = _base(args.base)
    knobs = {k: getattr(args, k) for k in ("steps", "batch", "lr", "freeze_d_blocks", "norm_only", "ema_decay",
                                           "snapshot_every", "freeze_g_blocks", "variety", "ewc", "base_mix",
                                           "reconstruct", "resemble")}
    return FinetuneRequest(
        files=tuple(str(item.path) for item in audit.usable), base_dir=base_dir, base_source=base_source,
        name=args.name, default_crop=args.crop, preset=args.preset, source_note=args.source,
        licence_note=args.licence, seed=args.seed, stop_when_copying=not args.keep_copying,
        stop_early=not args.no_early_stop, follow=args.follow, keep_variety=args.keep_variety,
        checkpoint_every_s=args.checkpoint_every, heldout_fraction=args.heldout, device=args.device,
        command="artdesk finetune canvas " + shlex.join(argv), **knobs)


def finetune_main(argv: list[str]) -> int:
    """Entry for ``artdesk finetune canvas ...``; 0 done, 2 bad input, 130 paused."""
    from artdesk.core.paths import app_paths
    from artdesk.ml.canvas.finetune import ddp, run

    args = _parser().parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    user_models = app_paths().user_models
    if args.unfinished:
        for item in run.unfinished_runs(user_models):
            print(f"{item.name}: step {item.step}, {len(item.request.files)} pictures, preset {item.request.preset}")
        return 0
    world = ddp.join()
    ctx = ConsoleContext() if world.main else JobContext()
    previous = signal.signal(signal.SIGINT, lambda *_: ctx.cancel())
    try:
        if args.resume:
            found = [r for r in run.unfinished_runs(user_models) if r.name == args.resume]
            if not found:
                raise ArtdeskError(f"There is no unfinished fine-tune named {args.resume}. See --unfinished.")
            request = dataclasses.replace(found[0].request, device=args.device)
        else:
            request = _request(args, argv, ctx)
        if args.estimate:
            from artdesk.ml.canvas.finetune.trainer import estimate

            guess = estimate(request, ctx)
            print(f"\n{guess.seconds_per_step:.2f} s a step x {guess.steps} steps: about "
                  f"{guess.total_seconds / 60:.1f} minutes on this machine")
            return 0
        folder = run.run_finetune(request, ctx, world)
    except Cancelled as paused:
        print(f"\n{paused}", file=sys.stderr)
        return 130
    except ArtdeskError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 2
    finally:
        signal.signal(signal.SIGINT, previous)
        ddp.leave(world)
    if world.main:
        card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
        print(f"\nwrote {folder}: {card['training']['steps']} steps in {card['training']['seconds']:.0f} s, "
              f"metrics {json.dumps({k: v for k, v in card['metrics'].items() if k != 'note'})}")
    return 0
