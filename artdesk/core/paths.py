"""Where artdesk keeps things: user data, user models, cache, logs, and bundled resources.

``ARTDESK_HOME`` redirects every user folder under one directory (tests use it).
In a frozen (PyInstaller) app, bundled ``models/`` and ``resources/`` sit under ``sys._MEIPASS``.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "artdesk"


def bundle_root() -> Path:
    """The folder holding the bundled ``models/`` and ``resources/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path
    bundled_models: Path
    resources: Path

    @property
    def user_models(self) -> Path:
        return self.data / "models"

    @property
    def logs(self) -> Path:
        return self.data / "logs"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.toml"

    @property
    def model_roots(self) -> list[tuple[str, Path]]:
        """(source, folder) pairs searched for checkpoints, bundled first."""
        return [("bundled", self.bundled_models), ("user", self.user_models)]


def default_cache(*parts: str) -> Path:
    """Where raw and prepared training data live (``parts`` below it): ``$ARTDESK_DATA_CACHE``, else
    ``~/.cache/artdesk-data`` (never the repository)."""
    return Path(os.environ.get("ARTDESK_DATA_CACHE") or Path.home() / ".cache" / "artdesk-data").joinpath(*parts)


def app_paths() -> AppPaths:
    root = bundle_root()
    home = os.environ.get("ARTDESK_HOME")
    if home:
        base = Path(home)
        return AppPaths(base / "data", base / "config", base / "cache", root / "models", root / "resources")
    import platformdirs

    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        bundled_models=root / "models",
        resources=root / "resources",
    )
