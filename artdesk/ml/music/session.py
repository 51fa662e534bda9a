"""The Music panel's state without Qt or torch: its settings, models, validation, replay of an opened melody.

The panel binds its controls to ``settings``, hands the session the piano roll's melody and gets requests
back (each names its job); problems come back as codes the panel words in the user's language. Records are
whole when they leave the worker (``generate`` adds the job and input melodies), so nothing here rebuilds one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError, SessionProblem
from artdesk.core.melody import Melody
from artdesk.core.observable import Settings
from artdesk.core.provenance import describe_missing, find_card
from artdesk.ml.music.replay import request_from_record
from artdesk.ml.music.requests import STYLES, ContinueRequest, GenerateRequest, InterpolateRequest, VariationRequest

LSTM, VAE = "melody-lstm", "melody-vae"
# Why a request cannot start (the panel says each in words)
NO_LSTM, NO_VAE, NO_PRIMER, NO_A, NO_B, NO_MELODY = "no lstm", "no vae", "no primer", "no a", "no b", "no melody"


@dataclass(frozen=True)
class MusicSettings:
    """The side column's settings (tempo and metre belong to the melody itself), starting at the requests' own
    defaults, except ``count``: the panel offers four melodies at once."""

    style: str = GenerateRequest.style
    key: str = GenerateRequest.key
    mode: str = GenerateRequest.mode
    key_lock: bool = GenerateRequest.key_lock
    bars: int = GenerateRequest.bars
    temperature: float = GenerateRequest.temperature
    seed: int = GenerateRequest.seed
    count: int = 4
    amount: float = VariationRequest.amount
    steps: int = InterpolateRequest.steps


@dataclass(frozen=True)
class Restored:
    """What opening a melody's record did: notes for the user; ``settings_only``: its settings came back but it
    cannot be made again (drawn, or recorded before records named their job); ``again``: "Generate again" is armed."""

    notes: list[str]
    settings_only: bool = False
    again: bool = False
    edited: bool = False


class MusicSession:
    """Settings, the two model pickers' choices, melody B and the opened melody's record."""

    def __init__(self) -> None:
        self.settings: Settings[MusicSettings] = Settings(MusicSettings())
        self.lstm_cards: list[ModelCard] = []
        self.vae_cards: list[ModelCard] = []
        self.lstm: ModelCard | None = None
        self.vae: ModelCard | None = None
        self.melody_b: Melody | None = None
        self.record: dict | None = None  # the opened melody's record, when "Generate again" can remake it

    def set_cards(self, cards: list[ModelCard]) -> None:
        """The installed models, split by kind; each choice stays when it is still there."""
        keep_lstm, keep_vae = (self.lstm.id if self.lstm else None), (self.vae.id if self.vae else None)
        self.lstm_cards = [c for c in cards if c.model_type == LSTM]
        self.vae_cards = [c for c in cards if c.model_type == VAE]
        self.lstm = next((c for c in self.lstm_cards if c.id == keep_lstm), self.lstm_cards[0] if self.lstm_cards else None)
        self.vae = next((c for c in self.vae_cards if c.id == keep_vae), self.vae_cards[0] if self.vae_cards else None)

    def styles(self) -> list[str]:
        """The styles the chosen melody model learned (its card's), or the bundled models' styles."""
        styles = (self.lstm.raw.get("config", {}) or {}).get("styles") if self.lstm else None
        return [str(s) for s in styles] if styles else list(STYLES)

    # ----- requests ---------------------------------------------------------------------------------
    def _card(self, kind: str) -> ModelCard:
        card = self.lstm if kind == LSTM else self.vae
        if card is None:
            raise SessionProblem(NO_LSTM if kind == LSTM else NO_VAE)
        return card

    def generate_request(self, melody: Melody) -> GenerateRequest:
        """New melodies in ``melody``'s tempo and metre."""
        s = self.settings.value
        return GenerateRequest(model_path=self._card(LSTM).path, style=s.style, key=s.key, mode=s.mode,
                               key_lock=s.key_lock, tempo_bpm=melody.tempo_bpm, time_signature=melody.time_signature,
                               bars=s.bars, temperature=s.temperature, seed=s.seed, count=s.count)

    def continue_request(self, primer: Melody) -> ContinueRequest:
        card, s = self._card(LSTM), self.settings.value
        if not primer.notes:
            raise SessionProblem(NO_PRIMER)
        return ContinueRequest(model_path=card.path, primer=primer, bars=s.bars, temperature=s.temperature, seed=s.seed,
                               count=s.count, style=s.style, key=s.key if s.key_lock else None,
                               mode=s.mode if s.key_lock else None, key_lock=s.key_lock)

    def interpolate_request(self, a: Melody) -> InterpolateRequest:
        """From ``a`` to melody B; two VAE windows when either is longer than one (2 bars of 4/4)."""
        card = self._card(VAE)
        if not a.notes:
            raise SessionProblem(NO_A)
        if self.melody_b is None or not self.melody_b.notes:
            raise SessionProblem(NO_B)
        segments = 2 if max(a.length_steps, self.melody_b.length_steps) > 32 else 1
        return InterpolateRequest(model_path=card.path, a=a, b=self.melody_b, steps=self.settings.value.steps,
                                  seed=self.settings.value.seed, segments=segments)

    def vary_request(self, melody: Melody) -> VariationRequest:
        card, s = self._card(VAE), self.settings.value
        if not melody.notes:
            raise SessionProblem(NO_MELODY)
        return VariationRequest(model_path=card.path, melody=melody, count=s.count, amount=s.amount, seed=s.seed,
                                key_lock=s.key_lock)

    # ----- replay -----------------------------------------------------------------------------------
    def restore(self, record: Any, name: str) -> Restored:
        """Set the settings (and model) from a melody's record and arm "Generate again" when it can remake it.

        Values of the wrong type or out of the controls' reach are left to the view to clamp or refuse.
        """
        self.record = None
        record = record if isinstance(record, dict) else {}
        restored = self._restore_settings(record)
        missing = describe_missing(record, name)
        notes = [missing] if missing else []
        if missing or "job" not in record:  # a drawn melody, or one from before records named their job
            return Restored(notes, settings_only=restored)
        card, note = find_card(record, self.lstm_cards + self.vae_cards)
        notes += [note] if note else []
        if card is None:
            return Restored(notes)
        try:
            request_from_record(record, card.path)
        except ArtdeskError as error:
            return Restored(notes + [str(error)])
        self.record = dict(record, model_path=str(card.path))
        return Restored(notes, again=True, edited=bool(record.get("edited")))

    def _restore_settings(self, record: dict) -> bool:
        settings = record.get("settings")
        if not isinstance(settings, dict):
            return False
        model = record.get("model")  # first: the melody model decides which styles there are
        self.lstm = next((c for c in self.lstm_cards if c.name == model), self.lstm)
        self.vae = next((c for c in self.vae_cards if c.name == model), self.vae)
        values = {}
        for item in fields(MusicSettings):
            value, default = settings.get(item.name), item.default
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, (int, float)):
                ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            else:
                ok = isinstance(value, str)
            if ok:
                values[item.name] = value if isinstance(default, (bool, str)) else type(default)(value)
        self.settings.set(**values)
        return any(name != "key_lock" for name in values)

    def again_request(self) -> tuple[Any, int] | None:
        """The opened melody's recorded request (checked by ``restore``) and the result it names."""
        if self.record is None:
            return None
        index = self.record.get("index", 0)
        request = request_from_record(self.record, Path(self.record["model_path"]))
        return request, index if isinstance(index, int) and not isinstance(index, bool) else 0
