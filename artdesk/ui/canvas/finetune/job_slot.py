"""One background job of a kind at a time, for the wizard's pages: a new one cancels the stale one, and
signals from a stale job are dropped, so a slow old audit never overwrites a new one."""
from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject

from artdesk.core.jobs import Progress
from artdesk.ui.job_wiring import wire
from artdesk.ui.jobs import MODEL_WORKER, JobHandle, Runner

log = logging.getLogger("artdesk.canvas.finetune")


class QtJobSlot(QObject):
    """Runs a job (a ``"module:function"`` name) on ``worker`` and calls back on the UI thread for the current job only."""

    def __init__(self, runner: Runner, worker: str = MODEL_WORKER, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.worker = worker
        self.handle: JobHandle | None = None
        self._callbacks: dict[str, Callable[..., Any]] = {}

    @property
    def busy(self) -> bool:
        return self.handle is not None and not self.handle.is_finished

    def start(self, job: str, request, title: str, **callbacks: Callable[..., Any]) -> JobHandle:
        """Start ``job`` on ``request``; ``callbacks`` by signal name: returned, partial, progress, errored, aborted, finished."""
        self.cancel()
        handle = self.runner.submit(job, request, title, worker=self.worker)
        self.handle = handle
        self._callbacks = callbacks
        wire(handle, progress=self._on_handle_progress, partial=self._on_handle_partial,
             returned=self._on_handle_returned, errored=self._on_handle_errored, aborted=self._on_handle_aborted,
             finished=self._on_handle_finished)
        handle.start()
        return handle

    def cancel(self) -> None:
        if self.busy:
            self.handle.cancel()

    def _call(self, name: str, *args: Any) -> None:
        if self.sender() is self.handle and name in self._callbacks:
            self._callbacks[name](*args)

    def _on_handle_progress(self, progress: Progress) -> None:
        self._call("progress", progress)

    def _on_handle_partial(self, partial: Any) -> None:
        self._call("partial", partial)

    def _on_handle_returned(self, result: Any) -> None:
        self._call("returned", result)

    def _on_handle_errored(self, message: str, details: str) -> None:
        if self.sender() is self.handle:
            log.info("%s failed: %s", self.handle.title, details)
        self._call("errored", message)

    def _on_handle_aborted(self) -> None:
        self._call("aborted")

    def _on_handle_finished(self) -> None:
        self._call("finished")
