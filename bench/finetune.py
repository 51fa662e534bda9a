"""Canvas fine-tune with the standard preset: diversity, likeness and copying, on a folder or on the bench sets.

With ``--folder DIR`` it fine-tunes on the pictures in DIR; without, on the project's 30 flowers
(bench_set.py) and then on 40 crops of five public-domain / CC0 photographs (bench/finetune_photos.py,
``--photos DIR``; fetched with pip when not given). For each set it prints the machine's load average, then, last:

    diversity: D (your pictures: U)
    likeness: base K0 -> fine-tuned K1 (lower is closer)
    too close: Z%
    time: first samples S s, whole job M min

D and U are mean pairwise distances in measures.picture_features, the ImageNet trunk's mid layer (64 samples vs
all the user's pictures); K0 and K1 are KID x1000 of 128 base and fine-tuned samples against the held-out
pictures; Z is the fine-tuned model's too-close rate; S is the time from the job's start to the first sample
strip, M the whole job (audit excluded, final measures included).
``--out DIR`` writes <set>-seeds.png: seeds 0-15 of the base model (top) and of the fine-tuned one (bottom).
``--keep-variety``, ``--follow`` and the method knobs (``--variety`` correspondence weight, ``--freeze-g``,
``--ewc``, ``--base-mix``, ``--reconstruct``, ``--resemble``, ``--freeze-d``, ``--lr``, ``--steps``, ``--batch``)
override the preset's choices, to compare methods.

Usage: .venv/bin/python bench/finetune.py [--folder DIR] [--threads 1] [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from finetune_photos import make_photo_set  # noqa: E402  (bench/ is the script's own folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=None, help="fine-tune on the pictures in this folder")
    parser.add_argument("--photos", type=Path, default=None, help="scikit-image's data folder (finetune_photos.py)")
    parser.add_argument("--base", default=None, help="base GAN folder (default: the bundled canvas-gan)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--out", type=Path, default=None, help="write <set>-seeds.png here")
    parser.add_argument("--keep-variety", default="some", help="a little, some or strongly (plan.VARIETY)")
    parser.add_argument("--follow", default="balanced", help="loosely, balanced or closely (plan.FOLLOW)")
    for flag, kind in (("--steps", int), ("--variety", float), ("--freeze-g", int), ("--lr", float), ("--ewc", float),
                       ("--base-mix", float), ("--reconstruct", float), ("--batch", int), ("--freeze-d", int),
                       ("--resemble", float)):
        parser.add_argument(flag, type=kind, default=None, help="override the preset (compare methods)")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="artdesk-bench-finetune-")
    os.environ["ARTDESK_HOME"] = home
    import torch

    from artdesk.core.paths import app_paths
    from artdesk.ml.canvas.finetune.audit import audit_files, files_in
    from artdesk.ml.canvas.finetune.bench_set import make_bench_set

    torch.set_num_threads(args.threads)
    base = Path(args.base) if args.base else app_paths().bundled_models / "canvas" / "canvas-gan"
    if args.folder:
        sets = [(args.folder.name, args.folder)]
    else:
        flowers = Path(home) / "flowers"
        make_bench_set(flowers)
        sets = [("flowers", flowers), ("photos", make_photo_set(Path(home) / "photos", args.photos))]
    try:
        for name, folder in sets:
            files = [str(item.path) for item in audit_files(files_in(folder)).usable]
            _run_one(name, files, base, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


def _run_one(name: str, files: list[str], base: Path, args) -> None:
    from artdesk.core.jobs import JobContext
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest
    from artdesk.ml.canvas.finetune.run import run_finetune

    request = FinetuneRequest(files=tuple(files), base_dir=str(base), name=name, preset="standard",
                              base_source="user" if args.base else "bundled", device="cpu", steps=args.steps,
                              keep_variety=args.keep_variety, follow=args.follow, variety=args.variety,
                              freeze_g_blocks=args.freeze_g, lr=args.lr, ewc=args.ewc, base_mix=args.base_mix,
                              reconstruct=args.reconstruct, resemble=args.resemble, batch=args.batch, freeze_d_blocks=args.freeze_d,
                              source_note="bench/finetune.py", licence_note="bench set")
    first: list[float] = []
    snaps = []
    ctx = JobContext(on_partial=lambda snap: (first.append(time.perf_counter()), snaps.append(snap)))
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    folder = run_finetune(request, ctx)
    total = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    card = json.loads((folder / "card.json").read_text())
    training, m = card["training"], card["metrics"]
    settings = ", ".join(f"{k}={v['value']}" for k, v in training["settings"].items()
                         if k not in ("heldout", "train", "augment"))
    print(f"[{name}] {len(files)} pictures ({card['data']['train']} train, {card['data']['heldout']} held out); "
          f"{settings}; stopped at step {training['steps']}, kept step {training['model_step']}")
    print(f"[{name}] snapshots (step: diversity, KID x1000, too close): " + ", ".join(
        f"{s.step}: {s.diversity:.2f}, {s.kid * 1000:.0f}, {s.too_close:.0%}" for s in snaps if s.kid is not None))
    if args.out:
        print(f"[{name}] wrote {_seed_grid(base, folder, training['start_style'], args.out / f'{name}-seeds.png')}")
    print(f"[{name}] machine load (1-minute average, {os.cpu_count()} cores): {load_before:.1f} at the start, "
          f"{load_after:.1f} at the end; torch threads {args.threads}")
    print(f"diversity: {m['diversity']:.2f} (your pictures: {m['user_diversity']:.2f})")
    print(f"likeness: base {m['base_kid_vs_heldout'] * 1000:.1f} -> fine-tuned {m['kid_vs_heldout'] * 1000:.1f} "
          "(lower is closer)")
    print(f"too close: {m['too_close_rate'] * 100:.1f}%")
    print(f"time: first samples {first[0] - started:.1f} s, whole job {total / 60:.1f} min")


def _seed_grid(base: Path, tuned: Path, style: int, path: Path) -> Path:
    """Seeds 0-15 of the base model at the run's style (top row) and of the fine-tuned model (bottom row)."""
    from artdesk.ml.canvas.commands import grid_image, save_png
    from artdesk.ml.canvas.showcase import seed_rows
    from artdesk.ml.checkpoint import load_checkpoint

    rows = [seed_rows(load_checkpoint(base).model, style + 1)[style], seed_rows(load_checkpoint(tuned).model, 1)[0]]
    image = grid_image([im for row in rows for im in row], columns=16)
    return save_png(image, path, {"job": "finetune bench", "rows": ["base model", "fine-tuned"], "seeds": "0-15"})


if __name__ == "__main__":
    raise SystemExit(main())
