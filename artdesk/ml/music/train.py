"""Fine-tuning on the user's own MIDI files: ``finetune(FinetuneRequest, ctx) -> Path`` (the new user model).

For a melody LSTM the new style name gets its own conditioning slot (initialised as the mean of the
base model's styles), so the fine-tuned model keeps the old styles and learns the new one. A melody VAE
is fine-tuned as it is. Resumable: state lives in ``<user models>/music/.finetune-state/<name>.pt``.
"""
from __future__ import annotations

import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.music.requests import FinetuneRequest

MAX_FILES = 5000
MIN_NOTES = 8
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")


def read_midi_folder(folder: Path, ctx: JobContext) -> tuple[list, list[str]]:
    """(melodies, problems) for every .mid/.midi file under ``folder``; bad files are skipped with a reason."""
    from artdesk.core.midi_io import read_midi

    folder = Path(folder)
    if not folder.is_dir():
        raise ArtdeskError(f"{folder} is not a folder. Choose the folder that holds your MIDI files.")
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".mid", ".midi") and p.is_file())
    if not files:
        raise ArtdeskError(f"{folder} holds no .mid or .midi files.")
    problems: list[str] = []
    if len(files) > MAX_FILES:
        problems.append(f"Used the first {MAX_FILES} of {len(files)} MIDI files.")
        files = files[:MAX_FILES]
    melodies = []
    for index, path in enumerate(files):
        ctx.raise_if_cancelled()
        ctx.report(0.05 * index / len(files), f"Reading {path.name}")
        try:
            melody = read_midi(path)
        except ArtdeskError as error:
            problems.append(str(error))
            continue
        if len(melody.notes) < MIN_NOTES:
            problems.append(f"{path.name} has fewer than {MIN_NOTES} melody notes; skipped.")
            continue
        melodies.append(melody)
    if not melodies:
        raise ArtdeskError(f"None of the {len(files)} MIDI files in {folder} gave a usable melody. "
                           + (problems[0] if problems else ""))
    return melodies, problems


def finetune(request: FinetuneRequest, ctx: JobContext) -> Path:
    """Fine-tune the base model on the MIDI files in ``request.midi_folder``; returns the new model folder.

    Reports progress while reading files and at every training update; checks cancel at every file and
    update. On cancel the training state is saved (run again with ``resume=True`` to go on) and
    Cancelled is raised. The card records the files, the split and held-out NLL before and after.
    """
    import torch

    from artdesk.core.paths import app_paths
    from artdesk.ml.checkpoint import load_checkpoint, save_checkpoint
    from artdesk.ml.device import pick_device
    from artdesk.ml.music.data import build_dataset, fixed_split
    from artdesk.ml.music.training import DeviceData, TrainSettings, evaluate_lstm, evaluate_vae_teacher_forced, train_model, vae_windows

    name = request.out_name.strip()
    if not NAME_PATTERN.match(name):
        raise ArtdeskError("Name the new model with letters, digits, spaces, '.', '_' or '-' (at most 64 characters).")
    if not 0 < request.minutes <= 24 * 60:
        raise ArtdeskError("Fine-tune for between a few seconds and 24 hours (minutes > 0).")
    style = request.style.strip() or "mine"
    paths = app_paths()
    dest = paths.user_models / "music" / name
    state_path = paths.user_models / "music" / ".finetune-state" / f"{name}.pt"
    resuming = request.resume and state_path.exists()
    if dest.exists() and not resuming:
        raise ArtdeskError(f"You already have a music model named {name}. Choose another name.")
    melodies, problems = read_midi_folder(request.midi_folder, ctx)
    ctx.report(0.05, "Loading the base model…")
    base = load_checkpoint(Path(request.base_model_path))
    kind = {"melody-lstm": "lstm", "melody-vae": "vae"}.get(base.card.model_type)
    if kind is None:
        raise ArtdeskError(f"{base.card.name} is not a melody model; choose a melody LSTM or VAE to fine-tune.")
    config = base.config
    model = base.model.float()
    if kind == "lstm":
        if style not in config.styles:
            if len(config.styles) >= config.max_styles:
                raise ArtdeskError(f"{base.card.name} has no room for another style (it knows {', '.join(config.styles)}). "
                                   "Fine-tune one of its styles by name instead.")
            config = replace(config, styles=(*config.styles, style))
            with torch.no_grad():
                table = model.style_embedding.weight
                table[len(config.styles) - 1] = table[: len(config.styles) - 1].mean(0)
            model.config = config
        styles = config.styles
    else:
        styles = (style,)
    split = fixed_split(len(melodies), seed=request.seed + 1) if len(melodies) >= 5 else np.zeros(len(melodies), np.int64)
    dataset = build_dataset(melodies, [style] * len(melodies), styles, split)
    train = dataset.subset(dataset.split == 0)
    held_out = dataset.subset(dataset.split == 1) if (dataset.split == 1).any() else train
    held_out_note = ("10% of the files, fixed seed" if held_out is not train
                     else "fewer than 5 files: measured on the training files themselves")
    device = pick_device("auto")
    settings = TrainSettings(minutes=request.minutes, batch_size=16, steps=min(256, getattr(config, "window", 256)),
                             lr=5e-4, warmup=20, seed=request.seed, eval_every_s=max(5.0, request.minutes * 6),
                             save_every_s=30.0)
    if kind == "vae" and len(vae_windows(train, config.window)[0]) == 0:
        raise ArtdeskError("Your melodies are too short for the VAE (it needs 2-bar passages with notes).")

    def held_out_score(m) -> float:
        m.to(device)
        if kind == "lstm":
            return round(evaluate_lstm(m, DeviceData(held_out, device), steps=settings.steps)["nll_per_step"], 4)
        rows, starts = vae_windows(held_out, config.window)
        return round(evaluate_vae_teacher_forced(m, DeviceData(held_out, device), rows, starts, settings.vae)["val_loss"], 4)

    before = held_out_score(model)
    started = time.time()
    result = train_model(kind, model, train, held_out, settings, ctx, device, state_path, resuming)
    after = held_out_score(result.model)
    key = "held_out_nll_per_step" if kind == "lstm" else "held_out_vae_loss"
    metrics = {f"{key}_before": before, key: after, "held_out": held_out_note}
    data = {"source": "the user's own MIDI files", "folder": str(request.midi_folder), "melodies": len(melodies),
            "train": len(train), "held_out": len(held_out) if held_out is not train else 0,
            "licence": "the user's own material (not redistributed)", "skipped": problems[:20]}
    training = {"command": f"fine-tune of {base.card.name} for {request.minutes} min", "updates": result.updates,
                "seconds": round(result.seconds, 1), "wall_seconds": round(time.time() - started, 1),
                "device": result.device, "style": style, "lr": settings.lr}
    ctx.report(1.0, "Saving the model…")
    save_checkpoint(result.model, dest, model_type=base.card.model_type, config=config, name=name,
                    description=f"{base.card.description} Fine-tuned on your MIDI files as style '{style}'.",
                    data=data, training=training, metrics=metrics, parent=base.card.name,
                    labels=["fine-tuned", *base.card.labels])
    state_path.unlink(missing_ok=True)
    return dest
