"""Step-by-step sampling from the melody models, with temperature, masks, a seeded generator and cancel checks."""
from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from artdesk.ml.music.events import HOLD, OFF, PAD, VOCAB
from artdesk.ml.music.model import MAX_POSITION, Conditioning, MelodyLSTM, MelodyVAE, StepFeatures, step_features

StepCallback = Callable[[int, int], None]  # (steps done, steps total); may raise Cancelled


def _next_step_features(buffer: torch.Tensor, position: int, steps_per_bar: int) -> StepFeatures:
    """``step_features`` for one position of rows that share a metre, by plain indexing (the sampling hot path)."""
    rows = buffer.shape[0]
    pad = torch.full((rows,), PAD, dtype=torch.long, device=buffer.device)

    def at(t: int) -> torch.Tensor:
        return buffer[:, t] if t >= 0 else pad

    prev, before1, before2 = at(position - 1), at(position - 1 - steps_per_bar), at(position - 1 - 2 * steps_per_bar)
    repeat = torch.stack([(prev == before1) & (before1 != PAD), (prev == before2) & (before2 != PAD)], -1).float()
    look1, look2 = at(position - steps_per_bar), at(position - 2 * steps_per_bar)
    place = torch.full((rows, 1), min(position % steps_per_bar, MAX_POSITION - 1), dtype=torch.long, device=buffer.device)
    return StepFeatures(prev[:, None], look1[:, None], look2[:, None], repeat[:, None], place)


def _choose(logits: torch.Tensor, temperature: float, generator: torch.Generator, mask: torch.Tensor | None) -> torch.Tensor:
    logits = logits.float()
    if mask is not None:
        logits = logits.masked_fill(~mask, float("-inf"))
    if temperature <= 1e-3:
        return logits.argmax(-1)
    probs = torch.softmax(logits / temperature, -1)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)


@torch.inference_mode()
def sample_lstm(
    model: MelodyLSTM,
    cond: Conditioning,
    primer: np.ndarray,
    steps: int,
    temperature: float,
    generator: torch.Generator,
    mask: np.ndarray | None = None,
    on_step: StepCallback | None = None,
) -> np.ndarray:
    """Events [B, len(primer) + steps]: every row starts with ``primer`` (uint8 events) and goes on by sampling.

    ``mask`` [B, VOCAB] (or [VOCAB]) marks allowed events. Without a primer the first event is a note.
    """
    device = next(model.parameters()).device
    cond = cond.to(device)
    rows = cond.style.shape[0]
    start = len(primer)
    total = start + steps
    buffer = torch.full((rows, total), HOLD, dtype=torch.long, device=device)
    if start:
        buffer[:, :start] = torch.as_tensor(primer.astype(np.int64), device=device)[None]
    stream = buffer.view(-1)
    base = torch.arange(rows, device=device) * total
    allowed = None if mask is None else torch.as_tensor(np.broadcast_to(mask, (rows, VOCAB)).copy(), device=device)
    state = None
    condition = model.condition_vector(cond)
    if start:
        t = torch.arange(start, device=device)[None].expand(rows, -1)
        features = step_features(stream, base, torch.full((rows,), start, device=device), t, cond.steps_per_bar)
        _, state = model(features, cond, state, condition)
    shared_metre = bool((cond.steps_per_bar == cond.steps_per_bar[0]).all())
    spb = int(cond.steps_per_bar[0])
    for position in range(start, total):
        if shared_metre:
            features = _next_step_features(buffer, position, spb)
        else:
            t = torch.full((rows, 1), position, device=device)
            features = step_features(stream, base, torch.full((rows,), position, device=device), t, cond.steps_per_bar)
        logits, state = model(features, cond, state, condition)
        step_mask = allowed
        if position == 0:  # a melody starts with a note
            first = torch.ones(rows, VOCAB, dtype=torch.bool, device=device)
            first[:, [HOLD, OFF]] = False
            step_mask = first if step_mask is None else step_mask & first
        buffer[:, position] = _choose(logits[:, -1], temperature, generator, step_mask)
        if on_step is not None:
            on_step(position - start + 1, steps)
    return buffer.cpu().numpy().astype(np.uint8)


@torch.inference_mode()
def decode_vae(
    model: MelodyVAE,
    z: torch.Tensor,
    temperature: float,
    generator: torch.Generator,
    mask: np.ndarray | None = None,
    on_step: StepCallback | None = None,
) -> np.ndarray:
    """Events [N, window] decoded from latents ``z`` [N, latent]; temperature 0 takes the likeliest event."""
    rows, window, device = z.shape[0], model.config.window, z.device
    prev = torch.full((rows, 1), VOCAB, dtype=torch.long, device=device)  # PAD starts every segment
    allowed = None if mask is None else torch.as_tensor(np.broadcast_to(mask, (rows, VOCAB)).copy(), device=device)
    state = None
    out = torch.empty(rows, window, dtype=torch.long, device=device)
    for position in range(window):
        logits, state = model.decode_logits(z, prev, start=position, state=state)
        prev = _choose(logits[:, -1], temperature, generator, allowed)[:, None]
        out[:, position] = prev[:, 0]
        if on_step is not None:
            on_step(position + 1, window)
    return out.cpu().numpy().astype(np.uint8)


def slerp(a: torch.Tensor, b: torch.Tensor, alpha: float) -> torch.Tensor:
    """Spherical interpolation between latent rows (linear where they are almost parallel)."""
    a_norm = a / a.norm(dim=-1, keepdim=True).clamp(min=1e-8)
    b_norm = b / b.norm(dim=-1, keepdim=True).clamp(min=1e-8)
    omega = torch.arccos((a_norm * b_norm).sum(-1, keepdim=True).clamp(-1 + 1e-7, 1 - 1e-7))
    so = torch.sin(omega)
    linear = (1 - alpha) * a + alpha * b
    spherical = torch.sin((1 - alpha) * omega) / so * a + torch.sin(alpha * omega) / so * b
    return torch.where(so.abs() < 1e-4, linear, spherical)
