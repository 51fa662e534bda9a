"""What every panel and dialog shares: the runner, the folders, the settings."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from artdesk.core.cards import Discovery, discover_models
from artdesk.core.errors import ArtdeskError
from artdesk.core.gallery import Gallery, GalleryItem
from artdesk.core.paths import AppPaths
from artdesk.ui.jobs import Runner


class AppContext(QObject):
    models_changed = Signal()  # a model was imported, deleted or trained; pickers re-read the cards
    status_message = Signal(str)  # a short message for the status bar
    gallery_changed = Signal()  # an output was kept in the gallery
    open_path_requested = Signal(str)  # open this file in the panel that handles its type
    credentials_read = Signal(str, object)  # (file name, core.credentials.read.Credentials) of a file just opened

    def __init__(self, paths: AppPaths, settings: dict[str, Any], runner: Runner, log_path: Path | None) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        self.runner = runner
        self.log_path = log_path
        self._gallery: Gallery | None = None
        self.credentials_read.connect(self._on_credentials_read)
        self.last_credentials: tuple[str, object] | None = None  # for a Gallery panel built after the read

    def gallery(self, reconcile: bool = True) -> Gallery | None:
        """The user's gallery, opened on first use; None (with a status message) if it cannot be.

        ``reconcile=False`` (the gallery panel) skips matching the index to the files on this first open;
        the caller then runs ``core.gallery.reconcile_job`` on a worker.
        """
        if self._gallery is None:
            budget_mb = int(self.settings.get("gallery", {}).get("disk_budget_mb", 2048))
            try:
                self._gallery = Gallery.open(self.paths.data / "gallery", budget_mb * 1_000_000, reconcile=reconcile)
            except ArtdeskError as error:
                self.status_message.emit(str(error))
        return self._gallery

    def keep_output(self, panel: str, data: bytes, extension: str, provenance: dict[str, Any], *,
                    title: str = "", thumbnail_png: bytes | None = None) -> GalleryItem | None:
        """Keep one generated output in the gallery; a full budget or disk is reported, never raised."""
        gallery = self.gallery()
        if gallery is None:
            return None
        try:
            item = gallery.keep(panel, data, extension, provenance, title=title, thumbnail_png=thumbnail_png)
        except ArtdeskError as error:
            self.status_message.emit(str(error))
            return None
        self.gallery_changed.emit()
        return item

    def _on_credentials_read(self, name: str, credentials: object) -> None:
        self.last_credentials = (name, credentials)

    def discover(self, domain: str | None = None) -> Discovery:
        return discover_models(self.paths.model_roots, domain)
