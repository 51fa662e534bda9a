"""The melody models: a conditioned lookback LSTM and a recurrent 2-bar VAE (torch, never Qt).

Both read the event sequences of ``events.py``. Input features for step ``t`` (the event being
predicted) come from ``step_features``: the previous event, the events one and two bars before
``t`` (Magenta's lookback), whether the last step repeated those, the position in the bar, plus
per-melody conditioning: style, metre, key (tonic and mode).
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import torch
from torch import nn

from artdesk.ml.music.events import PAD, VOCAB

MAX_POSITION = 32
NUM_METRES = 5


def _tupled(config) -> None:
    for f in fields(config):
        value = getattr(config, f.name)
        if isinstance(value, list):
            object.__setattr__(config, f.name, tuple(value))


@dataclass(frozen=True)
class MelodyLSTMConfig:
    hidden: int = 512
    layers: int = 2
    embed: int = 64
    dropout: float = 0.3
    max_styles: int = 8
    styles: tuple[str, ...] = ("classical", "folk", "celtic")
    window: int = 256  # training window in steps; longer primers are cut to their last ``window`` steps
    vocab: int = VOCAB

    def __post_init__(self) -> None:
        _tupled(self)
        if len(self.styles) > self.max_styles:
            raise ValueError(f"{len(self.styles)} styles do not fit in {self.max_styles} slots")


@dataclass(frozen=True)
class MelodyVAEConfig:
    window: int = 32  # steps per segment: 2 bars of 4/4
    embed: int = 64
    enc_hidden: int = 512
    latent: int = 128
    dec_hidden: int = 512
    dec_layers: int = 2
    dropout: float = 0.1
    vocab: int = VOCAB


@dataclass
class Conditioning:
    """Per-row conditioning tensors, each of shape [B] (long)."""

    style: torch.Tensor
    metre: torch.Tensor
    tonic: torch.Tensor
    mode: torch.Tensor  # 0 major, 1 minor
    steps_per_bar: torch.Tensor

    def to(self, device) -> "Conditioning":
        return Conditioning(*(getattr(self, f).to(device) for f in ("style", "metre", "tonic", "mode", "steps_per_bar")))


@dataclass
class StepFeatures:
    prev: torch.Tensor  # [B, T] long
    look1: torch.Tensor
    look2: torch.Tensor
    repeat: torch.Tensor  # [B, T, 2] float
    position: torch.Tensor  # [B, T] long


def gather_events(stream: torch.Tensor, base: torch.Tensor, length: torch.Tensor, t: torch.Tensor,
                  shift: torch.Tensor | None = None) -> torch.Tensor:
    """Events at positions ``t`` [B, T] of rows starting at ``base`` [B] with ``length`` [B] in the flat
    ``stream``; PAD outside a row. ``shift`` [B] transposes note-ons by semitones."""
    inside = (t >= 0) & (t < length[:, None])
    index = base[:, None] + t.clamp(min=0).minimum((length[:, None] - 1).clamp(min=0))
    events = stream[index.clamp(0, max(0, stream.numel() - 1))].long()
    if shift is not None:
        is_on = events >= 2
        events = torch.where(is_on, events + shift[:, None], events)
    return torch.where(inside, events, torch.full_like(events, PAD))


def step_features(stream, base, length, t, steps_per_bar, shift=None) -> StepFeatures:
    """Features for predicting the events at positions ``t`` [B, T]."""
    spb = steps_per_bar[:, None]
    prev = gather_events(stream, base, length, t - 1, shift)
    look1 = gather_events(stream, base, length, t - spb, shift)
    look2 = gather_events(stream, base, length, t - 2 * spb, shift)
    before1 = gather_events(stream, base, length, t - 1 - spb, shift)
    before2 = gather_events(stream, base, length, t - 1 - 2 * spb, shift)
    repeat = torch.stack([(prev == before1) & (before1 != PAD), (prev == before2) & (before2 != PAD)], -1).float()
    position = (t % spb).clamp(max=MAX_POSITION - 1)
    return StepFeatures(prev, look1, look2, repeat, position)


class MelodyLSTM(nn.Module):
    """Next-event model: p(event_t | events before t, style, metre, key)."""

    def __init__(self, config: MelodyLSTMConfig) -> None:
        super().__init__()
        self.config = config
        e = config.embed
        self.event_embedding = nn.Embedding(config.vocab + 1, e)
        self.lookback_embedding = nn.Embedding(config.vocab + 1, e // 2)
        self.position_embedding = nn.Embedding(MAX_POSITION, 16)
        self.metre_embedding = nn.Embedding(NUM_METRES, 8)
        self.style_embedding = nn.Embedding(config.max_styles, 16)
        self.key_embedding = nn.Embedding(24, 16)
        width = e + 2 * (e // 2) + 2 + 16 + 8 + 16 + 16
        self.lstm = nn.LSTM(width, config.hidden, config.layers, batch_first=True,
                            dropout=config.dropout if config.layers > 1 else 0.0)
        self.dropout = nn.Dropout(config.dropout)
        self.head = nn.Linear(config.hidden, config.vocab)

    def condition_vector(self, cond: Conditioning) -> torch.Tensor:
        """The per-melody part of the input [B, 40]: metre, style and key embeddings."""
        return torch.cat([self.metre_embedding(cond.metre), self.style_embedding(cond.style),
                          self.key_embedding(cond.tonic + 12 * cond.mode)], dim=-1)

    def forward(self, features: StepFeatures, cond: Conditioning, state=None, condition: torch.Tensor | None = None):
        """Logits [B, T, vocab] and the LSTM state; ``condition`` may be a precomputed ``condition_vector``."""
        steps = features.prev.shape[1]
        if condition is None:
            condition = self.condition_vector(cond)
        x = torch.cat([
            self.event_embedding(features.prev),
            self.lookback_embedding(features.look1),
            self.lookback_embedding(features.look2),
            features.repeat,
            self.position_embedding(features.position),
            condition[:, None, :].expand(-1, steps, -1),
        ], dim=-1)
        out, state = self.lstm(self.dropout(x), state)
        return self.head(self.dropout(out)), state


class MelodyVAE(nn.Module):
    """A recurrent VAE over ``window``-step segments: a BiLSTM encoder, an LSTM decoder fed z at every step."""

    def __init__(self, config: MelodyVAEConfig) -> None:
        super().__init__()
        self.config = config
        self.event_embedding = nn.Embedding(config.vocab + 1, config.embed)
        self.position_embedding = nn.Embedding(config.window, 16)
        self.encoder = nn.LSTM(config.embed + 16, config.enc_hidden, batch_first=True, bidirectional=True)
        self.to_latent = nn.Linear(4 * config.enc_hidden, 2 * config.latent)
        self.to_state = nn.Linear(config.latent, 2 * config.dec_layers * config.dec_hidden)
        self.decoder = nn.LSTM(config.embed + 16 + config.latent, config.dec_hidden, config.dec_layers, batch_first=True,
                               dropout=config.dropout if config.dec_layers > 1 else 0.0)
        self.head = nn.Linear(config.dec_hidden, config.vocab)

    def _positions(self, batch: int, steps: int, device) -> torch.Tensor:
        return self.position_embedding(torch.arange(steps, device=device))[None].expand(batch, -1, -1)

    def encode(self, events: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(mu, logvar) [B, latent] for event segments [B, window]."""
        batch, steps = events.shape
        x = torch.cat([self.event_embedding(events), self._positions(batch, steps, events.device)], -1)
        _, (h, c) = self.encoder(x)
        summary = torch.cat([h[0], h[1], c[0], c[1]], -1)
        mu, logvar = self.to_latent(summary).chunk(2, -1)
        return mu, logvar.clamp(-10, 5)

    def initial_state(self, z: torch.Tensor):
        layers, hidden = self.config.dec_layers, self.config.dec_hidden
        h, c = torch.tanh(self.to_state(z)).view(z.shape[0], 2, layers, hidden).permute(1, 2, 0, 3).contiguous()
        return h, c

    def decode_logits(self, z: torch.Tensor, prev: torch.Tensor, start: int = 0, state=None):
        """Teacher-forced logits [B, T, vocab] given previous events ``prev`` [B, T] (PAD first)."""
        batch, steps = prev.shape
        if state is None:
            state = self.initial_state(z)
        positions = self.position_embedding(torch.arange(start, start + steps, device=z.device))[None].expand(batch, -1, -1)
        x = torch.cat([self.event_embedding(prev), positions, z[:, None, :].expand(-1, steps, -1)], -1)
        out, state = self.decoder(x, state)
        return self.head(out), state

    def forward(self, events: torch.Tensor, word_dropout: float = 0.0):
        """Training pass: (logits, mu, logvar) for segments [B, window]."""
        mu, logvar = self.encode(events)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        prev = torch.cat([torch.full_like(events[:, :1], PAD), events[:, :-1]], 1)
        if word_dropout > 0:
            drop = torch.rand(prev.shape, device=prev.device) < word_dropout
            prev = torch.where(drop, torch.full_like(prev, PAD), prev)
        logits, _ = self.decode_logits(z, prev)
        return logits, mu, logvar
