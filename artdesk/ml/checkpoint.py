"""Checkpoints: a folder with ``card.json`` and ``model.safetensors``, saved atomically, loaded strictly.

Loading reads the card, refuses unknown formats and model types, verifies the weights' sha256,
builds the model from its config dataclass and loads the weights with ``strict=True``.
No pickle is involved; resumable training state (optimizer etc.) uses ``torch.load(weights_only=True)``.
"""
from __future__ import annotations

import dataclasses
import io
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

import artdesk
from artdesk.core.atomic import atomic_directory, atomic_write_bytes
from artdesk.core.cards import CARD_FILE, CARD_FORMAT_VERSION, WEIGHTS_FILE, CardError, ModelCard, read_card
from artdesk.core.digest import sha256_file
from artdesk.ml.registry import get_spec, resolve


class CheckpointError(CardError):
    """A checkpoint that cannot be loaded; the message says why and what to do."""


@dataclass
class Checkpoint:
    model: torch.nn.Module
    config: Any
    card: ModelCard

    @property
    def path(self) -> Path:
        return self.card.path


def _weights_for_saving(model: torch.nn.Module, half: bool) -> dict[str, torch.Tensor]:
    state = {}
    for key, tensor in model.state_dict().items():
        tensor = tensor.detach().to("cpu").contiguous()
        if half and tensor.is_floating_point():
            tensor = tensor.half()
        state[key] = tensor.clone()
    return state


def save_checkpoint(
    model: torch.nn.Module,
    dest: Path,
    *,
    model_type: str,
    config: Any,
    name: str | None = None,
    description: str = "",
    data: dict[str, Any] | None = None,
    training: dict[str, Any] | None = None,
    metrics: dict[str, Any] | None = None,
    parent: str | None = None,
    labels: list[str] | None = None,
    assets: dict[str, bytes] | None = None,
    half: bool = True,
) -> Path:
    """Write the checkpoint folder ``dest`` atomically; ``assets`` maps file names to contents."""
    spec = get_spec(model_type)
    with atomic_directory(Path(dest)) as tmp:
        weights_path = tmp / WEIGHTS_FILE
        save_file(_weights_for_saving(model, half), str(weights_path), metadata={"model_type": model_type})
        for filename, content in (assets or {}).items():
            (tmp / filename).write_bytes(content)
        card = {
            "format_version": CARD_FORMAT_VERSION,
            "model_type": model_type,
            "domain": spec.domain,
            "name": name or Path(dest).name,
            "description": description or spec.description,
            "artdesk_version": artdesk.__version__,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "parent": parent,
            "labels": labels or [],
            "config": dataclasses.asdict(config),
            "data": data or {},
            "training": training or {},
            "metrics": metrics or {},
            "weights_sha256": sha256_file(weights_path),
            "weights_dtype": "float16" if half else "float32",
        }
        (tmp / CARD_FILE).write_text(json.dumps(card, indent=2, ensure_ascii=False), encoding="utf-8")
    return Path(dest)


def load_checkpoint(folder: Path, source: str = "user", device: str | torch.device = "cpu") -> Checkpoint:
    """Load a checkpoint for inference (``eval()`` mode); raises CheckpointError with a user message."""
    card = read_card(Path(folder), source)
    spec = get_spec(card.model_type)
    if spec.domain != card.domain:
        raise CheckpointError(f"The model {card.name} says it is a {card.domain} model, but its type is {spec.domain}.")
    weights_path = card.path / WEIGHTS_FILE
    expected = card.raw.get("weights_sha256")
    if expected != sha256_file(weights_path):
        raise CheckpointError(
            f"The weights of {card.name} do not match its card (the file is damaged or was changed). "
            "Re-import or re-train this model."
        )
    try:
        state = load_file(str(weights_path))
    except (SafetensorError, OSError, ValueError) as error:
        raise CheckpointError(f"The weights of {card.name} cannot be read ({error}). Re-import or re-train it.") from error
    config_class = resolve(spec.config)
    try:
        config = config_class(**card.raw.get("config", {}))
    except TypeError as error:
        raise CheckpointError(f"The settings of {card.name} do not fit this artdesk's {card.model_type} ({error}).") from error
    model = resolve(spec.model)(config)
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as error:
        first_line = str(error).splitlines()[0] if str(error) else "shape mismatch"
        raise CheckpointError(
            f"The weights of {card.name} do not fit its model ({first_line}). It was made by another artdesk version."
        ) from error
    model.to(device).eval()
    return Checkpoint(model, config, card)


def save_training_state(path: Path, state: dict[str, Any]) -> None:
    """Save resumable training state (model, optimizer, step, rng) atomically."""
    buffer = io.BytesIO()
    torch.save(state, buffer)
    atomic_write_bytes(Path(path), buffer.getvalue())


def load_training_state(path: Path) -> dict[str, Any] | None:
    """The saved training state, or None if there is none; never unpickles arbitrary objects."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # a truncated or foreign file: start over rather than crash
        raise CheckpointError(f"The saved training state {path} cannot be read ({error}); delete it to start over.") from error
