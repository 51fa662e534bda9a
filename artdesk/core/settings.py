"""User settings in a versioned TOML file, with migrations from older versions.

Loading never fails: a missing file gives defaults; an unreadable or broken one gives
defaults plus a message, and the broken file is kept beside it for the user.
"""
from __future__ import annotations

import copy
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from artdesk.core.atomic import atomic_write_text
from artdesk.core.errors import ArtdeskError

SETTINGS_VERSION = 1

DEFAULTS: dict[str, Any] = {
    "version": SETTINGS_VERSION,
    "general": {"language": "system", "theme": "system", "device": "auto"},
    "gallery": {"disk_budget_mb": 2048},
}

# MIGRATIONS[v] turns a version-v dict into a version-(v+1) dict.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: lambda old: {**old, "version": 1},
}


@dataclass
class LoadedSettings:
    values: dict[str, Any]
    problems: list[str] = field(default_factory=list)


def _merge(defaults: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(defaults)
    for key, value in values.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def migrate(values: dict[str, Any]) -> dict[str, Any]:
    version = int(values.get("version", 0))
    if version > SETTINGS_VERSION:
        raise ValueError(f"settings version {version} is newer than this artdesk understands ({SETTINGS_VERSION})")
    while version < SETTINGS_VERSION:
        values = MIGRATIONS[version](values)
        version = int(values["version"])
    return values


def _keep_aside(path: Path) -> Path | None:
    aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
        return aside
    except OSError:
        return None


def load_settings(path: Path) -> LoadedSettings:
    if not path.exists():
        return LoadedSettings(copy.deepcopy(DEFAULTS))
    try:
        values = migrate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, KeyError, TypeError) as error:
        aside = _keep_aside(path)
        kept = f" It was kept as {aside.name}." if aside else ""
        return LoadedSettings(
            copy.deepcopy(DEFAULTS),
            [f"Settings file {path} could not be read ({error}); using defaults.{kept}"],
        )
    return LoadedSettings(_merge(DEFAULTS, values))


def save_settings(path: Path, values: dict[str, Any]) -> None:
    """Write settings atomically; raises ArtdeskError with a user message on failure."""
    import tomli_w

    try:
        text = tomli_w.dumps({**values, "version": SETTINGS_VERSION})
    except TypeError as error:
        raise ArtdeskError(f"Settings contain a value that cannot be saved: {error}") from error
    atomic_write_text(path, text)
