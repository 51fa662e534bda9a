"""What every panel and dialog shares: the runner, the folders, the settings."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from artdesk.core.cards import Discovery, discover_models
from artdesk.core.paths import AppPaths
from artdesk.ui.jobs import Runner


class AppContext(QObject):
    models_changed = Signal()  # a model was imported, deleted or trained; pickers re-read the cards
    status_message = Signal(str)  # a short message for the status bar

    def __init__(self, paths: AppPaths, settings: dict[str, Any], runner: Runner, log_path: Path | None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.runner = runner
        self.log_path = log_path

    def discover(self, domain: str | None = None) -> Discovery:
        return discover_models(self.paths.model_roots, domain)
