"""A panel's Content Credentials helper: remembers the files a work came from, signs exports, reads opened files.

All C2PA work runs as runner jobs (``core.credentials.jobs``); this object only submits them and turns their
answers into messages. A panel calls ``opened(path, relationship)`` when a picture becomes its document
("parentOf") or a layer ("componentOf"), ``forget()`` for a new document, and ``sign(path, record)`` after it
has written an export. What a read finds also goes to ``context.credentials_read`` for the Gallery's
"Content Credentials" box.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject

from artdesk.ui.context import AppContext
from artdesk.ui.jobs import JobHandle


class QtCredentials(QObject):
    def __init__(self, context: AppContext, show_message: Callable[..., None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.show_message = show_message  # show_message(text, warning: bool) in the panel's message line
        self.sources: list[tuple[Path, str]] = []

    def forget(self) -> None:
        self.sources = []

    def opened(self, path: Path, relationship: str) -> JobHandle:
        """Remember ``path`` as a source of the work and read its credentials on the worker."""
        from artdesk.core.credentials.jobs import ReadRequest, read_job

        if relationship == "parentOf":
            self.sources = []
        self.sources.append((Path(path), relationship))
        handle = self.context.runner.submit(read_job, ReadRequest((Path(path),)), self.tr("Check Content Credentials"))
        handle.returned.connect(lambda found, name=Path(path).name: self._on_read_returned(name, found[0]))
        handle.start()
        return handle

    def _on_read_returned(self, name: str, credentials) -> None:
        self.context.credentials_read.emit(name, credentials)
        if credentials.state == "none":
            return  # a file without credentials opens as before
        if credentials.state == "tampered":
            self.show_message(self.tr("%s has been tampered with since it was signed: see Gallery › Content Credentials.")
                              % name, True)
        elif credentials.state == "valid":
            self.show_message(self.tr("%s carries Content Credentials: see Gallery › Content Credentials.") % name)
        else:
            self.show_message(credentials.sentences[0], True)

    def sign(self, path: Path, record: dict) -> JobHandle:
        """Add Content Credentials to the export at ``path`` on the worker, with the remembered sources."""
        from artdesk.core.credentials.jobs import SignItem, SignRequest, sign_job

        request = SignRequest(self.context.paths.data, (SignItem(Path(path), dict(record), tuple(self.sources)),))
        handle = self.context.runner.submit(sign_job, request, self.tr("Add Content Credentials"))
        handle.returned.connect(self._on_sign_returned)
        handle.errored.connect(lambda message, _details: self.show_message(message, True))
        handle.start()
        return handle

    def _on_sign_returned(self, result) -> None:
        if result.signed:
            text = self.tr("Signed %s with Content Credentials.") % result.signed[0].name
            self.show_message(" ".join([text, *result.notes]))
        else:
            self.show_message(" ".join(result.notes), True)
