"""Model types: an explicit map ``model_type -> ModelSpec``, resolved lazily.

Each domain lists its types in ``artdesk.ml.<domain>.specs.SPECS`` (a module that imports no torch).
PyInstaller cannot see these string imports; the spec collects ``artdesk.ml`` submodules and
a test checks that every entry resolves.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from artdesk.core.errors import ArtdeskError

SPEC_MODULES = (
    "artdesk.ml.canvas.specs",
    "artdesk.ml.music.specs",
    "artdesk.ml.poem.specs",
    "artdesk.ml.style.specs",
    "artdesk.ml.features.specs",
)


@dataclass(frozen=True)
class ModelSpec:
    domain: str
    model: str  # "module:Class", constructed as Class(config)
    config: str  # "module:FrozenDataclass", constructed from the card's config fields
    description: str


class UnknownModelType(ArtdeskError):
    pass


def all_specs() -> dict[str, ModelSpec]:
    specs: dict[str, ModelSpec] = {}
    for module_name in SPEC_MODULES:
        specs.update(importlib.import_module(module_name).SPECS)
    return specs


def get_spec(model_type: str) -> ModelSpec:
    specs = all_specs()
    if model_type not in specs:
        known = ", ".join(sorted(specs)) or "none"
        raise UnknownModelType(
            f"This artdesk does not know the model type {model_type!r} (known: {known}). "
            "The model was probably made by a newer artdesk; update artdesk to use it."
        )
    return specs[model_type]


def resolve(reference: str) -> Any:
    module_name, _, attr = reference.partition(":")
    return getattr(importlib.import_module(module_name), attr)
