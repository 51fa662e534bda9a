"""The training loops for the melody LSTM and VAE: time-budgeted, resumable, cancellable.

``train_model`` runs until ``minutes`` of training time have passed in total (over resumes), keeps the
weights with the best held-out loss, saves resumable state every ``save_every_s`` seconds and on cancel.
Batches are built on the device from the flat event stream (``model.step_features``), with random
transposition (``augment``) of note-ons and key.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from artdesk.core.jobs import JobContext
from artdesk.ml.music import events as ev
from artdesk.ml.music.data import MelodyDataset
from artdesk.ml.loop import TrainLoop
from artdesk.ml.music.model import Conditioning, MelodyLSTM, MelodyVAE, gather_events, step_features

MAX_SHIFT_DOWN = 5
MAX_SHIFT_UP = 6


class DeviceData:
    """A dataset's arrays as tensors on ``device``, plus each melody's transposition range."""

    def __init__(self, data: MelodyDataset, device: torch.device) -> None:
        self.count = len(data)
        self.device = device
        self.stream = torch.as_tensor(data.stream.astype(np.uint8), device=device)
        self.base = torch.as_tensor(data.offsets[:-1], device=device)
        self.length = torch.as_tensor(data.lengths, device=device)
        for name in ("style", "tonic", "mode", "steps_per_bar", "metre"):
            setattr(self, name, torch.as_tensor(getattr(data, name), device=device))
        low, high = [], []
        for index in range(len(data)):
            notes = data.events(index)
            notes = notes[notes >= 2]
            low.append(int(notes.min()) if len(notes) else 2)
            high.append(int(notes.max()) if len(notes) else 2)
        self.shift_low = torch.as_tensor(np.maximum(-MAX_SHIFT_DOWN, 2 - np.array(low)), device=device)
        self.shift_high = torch.as_tensor(np.minimum(MAX_SHIFT_UP, ev.VOCAB - 1 - np.array(high)), device=device)
        weights = data.lengths.astype(np.float64)
        self.weights = torch.as_tensor(weights / weights.sum(), dtype=torch.float32, device=device)

    def conditioning(self, rows: torch.Tensor, shift: torch.Tensor | None) -> Conditioning:
        tonic = self.tonic[rows] if shift is None else (self.tonic[rows] + shift) % 12
        return Conditioning(self.style[rows], self.metre[rows], tonic, self.mode[rows], self.steps_per_bar[rows])

    def sample_shift(self, rows: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
        low, high = self.shift_low[rows], self.shift_high[rows]
        u = torch.rand(rows.shape, generator=generator, device=self.device)
        return (low + torch.floor(u * (high - low + 1).clamp(min=1)).long()).clamp(max=high).clamp(min=low.minimum(high))


def lstm_batch(data: DeviceData, rows: torch.Tensor, starts: torch.Tensor, steps: int, shift: torch.Tensor | None):
    t = starts[:, None] + torch.arange(steps, device=data.device)[None]
    features = step_features(data.stream, data.base[rows], data.length[rows], t, data.steps_per_bar[rows], shift)
    targets = gather_events(data.stream, data.base[rows], data.length[rows], t, shift)
    return features, data.conditioning(rows, shift), targets


def vae_batch(data: DeviceData, rows: torch.Tensor, starts: torch.Tensor, window: int, shift: torch.Tensor | None):
    t = starts[:, None] + torch.arange(window, device=data.device)[None]
    segments = gather_events(data.stream, data.base[rows], data.length[rows], t, shift)
    return torch.where(segments == ev.PAD, torch.zeros_like(segments), segments)  # past the end: rests


def lstm_loss(model: MelodyLSTM, batch) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(mean NLL over real steps, number of steps, number predicted right)."""
    features, cond, targets = batch
    logits, _ = model(features, cond)
    valid = targets != ev.PAD
    nll = F.cross_entropy(logits[valid].float(), targets[valid], reduction="sum")
    correct = (logits[valid].argmax(-1) == targets[valid]).sum()
    count = valid.sum()
    return nll / count.clamp(min=1), count, correct


@dataclass
class VAELossWeights:
    beta: float = 0.2
    free_bits: float = 48.0  # nats per segment not penalised (keeps the latent in use, as MusicVAE did)
    word_dropout: float = 0.25


def vae_loss(model: MelodyVAE, segments: torch.Tensor, weights: VAELossWeights, beta_scale: float, train: bool):
    logits, mu, logvar = model(segments, word_dropout=weights.word_dropout if train else 0.0)
    recon = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), segments.reshape(-1), reduction="sum") / segments.shape[0]
    kl = (0.5 * (mu.float() ** 2 + logvar.float().exp() - 1 - logvar.float())).sum(-1).mean()
    loss = recon + weights.beta * beta_scale * torch.clamp(kl, min=weights.free_bits)
    correct = (logits.argmax(-1) == segments).float().mean()
    return loss, recon, kl, correct


def vae_windows(data: MelodyDataset, window: int, stride: int | None = None, min_notes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """(rows, starts) of every ``window``-step segment at ``stride`` with at least ``min_notes`` note-ons."""
    stride = stride or window
    rows, starts = [], []
    for index in range(len(data)):
        events = data.events(index)
        for start in range(0, max(1, len(events) - window // 2), stride):
            if int((events[start:start + window] >= 2).sum()) >= min_notes:
                rows.append(index)
                starts.append(start)
    return np.array(rows, np.int64), np.array(starts, np.int64)


@dataclass
class TrainSettings:
    minutes: float = 10.0
    batch_size: int = 64
    steps: int = 256  # LSTM window
    lr: float = 2e-3
    weight_decay: float = 1e-4
    warmup: int = 200
    seed: int = 0
    eval_every_s: float = 60.0
    save_every_s: float = 120.0
    max_updates: int | None = None
    augment: bool = True
    vae: VAELossWeights = field(default_factory=VAELossWeights)


@dataclass
class TrainResult:
    model: torch.nn.Module  # with the best held-out weights loaded
    updates: int
    seconds: float
    best_val: float
    history: list[dict[str, float]]
    device: str
    cpu_seconds: float = 0.0


@torch.no_grad()
def evaluate_lstm(model: MelodyLSTM, data: DeviceData, steps: int = 512, batch_rows: int = 64) -> dict[str, float]:
    """Held-out NLL per step and event accuracy, over every step of every melody (windows of ``steps``)."""
    was_training = model.training
    model.eval()
    windows = []  # (steps in the window, row, start), sorted so each batch pads only to its longest window
    for row in range(data.count):
        length = int(data.length[row])
        for start in range(0, length, steps):
            windows.append((min(steps, length - start), row, start))
    windows.sort()
    total_nll, total, right = 0.0, 0, 0
    for i in range(0, len(windows), batch_rows):
        batch = windows[i:i + batch_rows]
        rows = torch.as_tensor([w[1] for w in batch], device=data.device)
        starts = torch.as_tensor([w[2] for w in batch], device=data.device)
        nll, count, correct = lstm_loss(model, lstm_batch(data, rows, starts, max(w[0] for w in batch), None))
        total_nll += float(nll) * int(count)
        total += int(count)
        right += int(correct)
    model.train(was_training)
    return {"nll_per_step": total_nll / max(1, total), "accuracy": right / max(1, total), "steps": total}


@torch.no_grad()
def evaluate_vae_teacher_forced(model: MelodyVAE, data: DeviceData, rows: np.ndarray, starts: np.ndarray,
                                weights: VAELossWeights, batch: int = 256) -> dict[str, float]:
    was_training = model.training
    model.eval()
    recon_sum, kl_sum, n = 0.0, 0.0, 0
    for i in range(0, len(rows), batch):
        r = torch.as_tensor(rows[i:i + batch], device=data.device)
        s = torch.as_tensor(starts[i:i + batch], device=data.device)
        segments = vae_batch(data, r, s, model.config.window, None)
        mu, _ = model.encode(segments)
        prev = torch.cat([torch.full_like(segments[:, :1], ev.PAD), segments[:, :-1]], 1)
        logits, _ = model.decode_logits(mu, prev)
        recon_sum += float(F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), segments.reshape(-1), reduction="sum"))
        _, _, kl, _ = vae_loss(model, segments, weights, 1.0, False)
        kl_sum += float(kl) * len(r)
        n += len(r)
    model.train(was_training)
    recon, kl = recon_sum / max(1, n), kl_sum / max(1, n)
    return {"recon_nll_per_segment": recon, "kl": kl, "val_loss": recon + weights.beta * max(kl, weights.free_bits)}


def _lr(settings: TrainSettings, update: int, fraction: float) -> float:
    warm = min(1.0, (update + 1) / max(1, settings.warmup))
    return settings.lr * warm * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * min(1.0, fraction))))


def train_model(
    kind: str,
    model: torch.nn.Module,
    train: MelodyDataset,
    held_out: MelodyDataset,
    settings: TrainSettings,
    ctx: JobContext,
    device: torch.device,
    state_path: Path | None = None,
    resume: bool = True,
) -> TrainResult:
    """Train ``model`` ("lstm" or "vae") for ``settings.minutes`` of training time in total.

    Reports progress every update (throttled by ctx) and checks cancel every update; on cancel it saves
    resumable state and raises Cancelled. Held-out evaluation every ``eval_every_s``; best weights win.
    """
    torch.manual_seed(settings.seed)
    model.to(device).train()
    train_data, val_data = DeviceData(train, device), DeviceData(held_out, device)
    generator = torch.Generator(device=device).manual_seed(settings.seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=settings.lr, weight_decay=settings.weight_decay)
    budget = settings.minutes * 60.0
    history: list[dict[str, float]] = []
    best_val, best_state = float("inf"), None
    if kind == "vae":
        window = model.config.window
        train_rows, train_starts = vae_windows(train, window, stride=4)
        val_rows, val_starts = vae_windows(held_out, window)
        if len(train_rows) == 0 or len(val_rows) == 0:
            raise ValueError("no 2-bar segments with notes to train the VAE on")
        train_rows_t = torch.as_tensor(train_rows, device=device)
        train_starts_t = torch.as_tensor(train_starts, device=device)
    # the budget and the saves count training time over resumes: evaluation and saving are left out
    loop = TrainLoop(ctx, seconds=budget, steps=settings.max_updates, budget_includes_resumed=True,
                     state_path=state_path, resume=resume, save_every_s=settings.save_every_s, save_at_end=False,
                     saves_count=False)
    state = loop.saved()
    if state is not None and state.get("kind") == kind:
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        loop.resume(state["updates"], state["elapsed"], state.get("cpu_seconds", 0.0))
        history = list(state.get("history", []))
        best_val = float(state["best_val"])
        best_state = state.get("best_model")
        generator.manual_seed(settings.seed + loop.step)
        ctx.report(min(1.0, loop.clock.total / budget), f"Resumed at update {loop.step}")

    def saved_state() -> dict[str, Any]:
        return {"kind": kind, "model": model.state_dict(), "optimizer": optimizer.state_dict(), "updates": loop.step,
                "elapsed": loop.clock.total, "cpu_seconds": loop.clock.cpu_total, "best_val": best_val,
                "best_model": best_state, "history": history}

    def validate() -> None:
        nonlocal best_val, best_state
        if kind == "lstm":
            metrics = evaluate_lstm(model, val_data, steps=settings.steps)
            score = metrics["nll_per_step"]
        else:
            metrics = evaluate_vae_teacher_forced(model, val_data, val_rows, val_starts, settings.vae)
            score = metrics["val_loss"]
        history.append({"update": loop.step, "seconds": round(loop.clock.total, 1),
                        **{k: round(float(v), 4) for k, v in metrics.items()}})
        if score < best_val:
            best_val = score
            best_state = {k: v.detach().to("cpu").clone() for k, v in model.state_dict().items()}

    message: str | None = None

    def step(loop: TrainLoop) -> None:
        nonlocal message
        updates, fraction = loop.step, loop.clock.total / budget
        for group in optimizer.param_groups:
            group["lr"] = _lr(settings, updates, fraction)
        if kind == "lstm":
            rows = torch.multinomial(train_data.weights, settings.batch_size, replacement=True, generator=generator)
            room = (train_data.length[rows] - settings.steps // 2).clamp(min=1)
            starts = torch.floor(torch.rand(rows.shape, generator=generator, device=device) * room).long()
            shift = train_data.sample_shift(rows, generator) if settings.augment else None
            loss, _, _ = lstm_loss(model, lstm_batch(train_data, rows, starts, settings.steps, shift))
            message = f"update {updates}: loss {loss.detach().item():.3f}/step" if updates % 20 == 0 else None
        else:
            pick = torch.randint(0, len(train_rows), (settings.batch_size,), generator=generator, device=device)
            rows, starts = train_rows_t[pick], train_starts_t[pick]
            shift = train_data.sample_shift(rows, generator) if settings.augment else None
            segments = vae_batch(train_data, rows, starts, model.config.window, shift)
            beta_scale = min(1.0, fraction / 0.3)
            loss, recon, kl, _ = vae_loss(model, segments, settings.vae, beta_scale, True)
            message = f"update {updates}: recon {recon.detach().item():.2f} kl {kl.detach().item():.1f}" if updates % 20 == 0 else None
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

    last_eval = loop.clock.total

    def after(loop: TrainLoop) -> None:
        nonlocal last_eval
        if message:
            ctx.report(min(1.0, loop.clock.total / budget), message)
        if loop.clock.total - last_eval >= settings.eval_every_s:
            with loop.clock.paused():  # validation time is not training time
                validate()
            last_eval = loop.clock.total

    loop.run(step, saved_state, after=after)
    validate()
    loop.save()
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return TrainResult(model, loop.step, loop.clock.total, best_val, history, str(device), loop.clock.cpu_total)


def training_info(result: TrainResult, settings: TrainSettings, command: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "command": command,
        "updates": result.updates,
        "seconds": round(result.seconds, 1),
        "cpu_seconds": round(result.cpu_seconds, 1),
        "device": result.device,
        "batch_size": settings.batch_size,
        "lr": settings.lr,
        "augment": "random transposition -5..+6 semitones within the pitch range" if settings.augment else "none",
        "seed": settings.seed,
        "best_held_out_loss": round(result.best_val, 4),
        "history": result.history[-12:],
        **(extra or {}),
    }
