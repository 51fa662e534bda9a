"""Step-by-step sampling from the melody models, with temperature, masks, a seeded generator and cancel checks."""
from __future__ import annotations

from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F

from artdesk.ml.music.events import HOLD, OFF, PAD, VOCAB
from artdesk.ml.music.model import MAX_POSITION, Conditioning, MelodyLSTM, MelodyVAE, StepFeatures, step_features

StepCallback = Callable[[int, int], None]  # (steps done, steps total); may raise Cancelled


def _next_step_features(buffer: torch.Tensor, position: int, steps_per_bar: int,
                        pad: torch.Tensor | None = None, places: torch.Tensor | None = None) -> StepFeatures:
    """``step_features`` for one position of rows that share a metre, by plain indexing (the sampling hot path).

    ``pad`` (PAD per row) and ``places`` ([steps_per_bar, rows, 1] positions in the bar) may be made once per melody.
    """
    rows = buffer.shape[0]
    if pad is None:
        pad = torch.full((rows,), PAD, dtype=torch.long, device=buffer.device)
    if places is None:
        places = _places(rows, steps_per_bar, buffer.device)

    def at(t: int) -> torch.Tensor:
        return buffer[:, t] if t >= 0 else pad

    prev, before1, before2 = at(position - 1), at(position - 1 - steps_per_bar), at(position - 1 - 2 * steps_per_bar)
    repeat = torch.stack([(prev == before1) & (before1 != PAD), (prev == before2) & (before2 != PAD)], -1).float()
    look1, look2 = at(position - steps_per_bar), at(position - 2 * steps_per_bar)
    return StepFeatures(prev[:, None], look1[:, None], look2[:, None], repeat[:, None], places[position % steps_per_bar])


def _places(rows: int, steps_per_bar: int, device) -> torch.Tensor:
    """Each position in the bar as the model sees it, [steps_per_bar, rows, 1] (long)."""
    place = torch.arange(steps_per_bar, device=device).clamp(max=MAX_POSITION - 1)
    return place[:, None, None].expand(-1, rows, 1).contiguous()


def _lstm_step(model: MelodyLSTM, condition: torch.Tensor):
    """``step(features, state) -> (logits [B, vocab], state)`` for one step of ``model`` in eval mode.

    The same operations as ``model.forward`` (dropout is the identity in eval) without the modules' Python
    dispatch; an int8 dynamically quantized LSTM and head (``ml.quantize``) call their kernels directly.
    The numbers are identical: ``sample_lstm`` gives the same melodies for a seed as before.
    """
    event, look, place = (m.weight for m in (model.event_embedding, model.lookback_embedding, model.position_embedding))
    condition = condition[:, None, :]
    lstm, head = model.lstm, model.head
    run_lstm, run_head = lstm, head
    weights = getattr(lstm, "_all_weight_values", None)
    if weights is not None and not lstm.bidirectional and lstm.dtype == torch.qint8:
        params = [w.param for w in weights]

        def run_lstm(x, state):
            if state is None:
                zeros = torch.zeros(lstm.num_layers, x.shape[0], lstm.hidden_size, dtype=x.dtype, device=x.device)
                state = (zeros, zeros)
            result = torch.quantized_lstm(x, state, params, lstm.bias, lstm.num_layers, 0.0, False, False,
                                          lstm.batch_first, dtype=lstm.dtype, use_dynamic=True)
            return result[0], result[1:]
    packed = getattr(getattr(head, "_packed_params", None), "_packed_params", None)
    if packed is not None and head._packed_params.dtype == torch.qint8 and getattr(head, "version", 0) >= 4:
        def run_head(x):
            return torch.ops.quantized.linear_dynamic(x, packed, reduce_range=True)

    def step(features: StepFeatures, state):
        x = torch.cat([F.embedding(features.prev, event), F.embedding(features.look1, look),
                       F.embedding(features.look2, look), features.repeat, F.embedding(features.position, place),
                       condition], dim=-1)
        out, state = run_lstm(x, state)
        return run_head(out[:, -1]), state

    return step


def _choose(logits: torch.Tensor, temperature: float, generator: torch.Generator, mask: torch.Tensor | None) -> torch.Tensor:
    logits = logits.float()
    if mask is not None:
        logits = logits.masked_fill(~mask, float("-inf"))
    if temperature <= 1e-3:
        return logits.argmax(-1)
    probs = torch.softmax(logits / temperature, -1)
    # torch.multinomial(probs, 1) draws exactly this way (exponential race, argmax), after input checks that
    # cost more than the draw here: same generator stream, same choices, a quarter of the time.
    race = torch.empty_like(probs).exponential_(1, generator=generator)
    return probs.div_(race).argmax(-1)


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
    pad = torch.full((rows,), PAD, dtype=torch.long, device=device)
    places = _places(rows, spb, device)
    step = _lstm_step(model, condition) if not model.training else None
    for position in range(start, total):
        if shared_metre:
            features = _next_step_features(buffer, position, spb, pad, places)
        else:
            t = torch.full((rows, 1), position, device=device)
            features = step_features(stream, base, torch.full((rows,), position, device=device), t, cond.steps_per_bar)
        if step is not None:
            logits, state = step(features, state)
        else:
            logits, state = model(features, cond, state, condition)
            logits = logits[:, -1]
        step_mask = allowed
        if position == 0:  # a melody starts with a note
            first = torch.ones(rows, VOCAB, dtype=torch.bool, device=device)
            first[:, [HOLD, OFF]] = False
            step_mask = first if step_mask is None else step_mask & first
        buffer[:, position] = _choose(logits, temperature, generator, step_mask)
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
