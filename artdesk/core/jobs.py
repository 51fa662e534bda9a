"""The job protocol: job bodies are plain functions ``fn(request, ctx) -> result``.

A job body calls ``ctx.report(fraction, message)`` for progress, ``ctx.publish(partial)`` for
previews and ``ctx.raise_if_cancelled()`` at every step, token, batch or epoch boundary.
The same body runs under the Qt runner (``artdesk.ui.jobs``), the CLI and tests.

A request names its job as ``"package.module:function"`` (its ``job`` class attribute); the runner
imports that module with ``resolve_job`` on the worker thread, so the UI thread never loads torch.
"""
from __future__ import annotations

import importlib
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from artdesk.core.errors import ArtdeskError


class Cancelled(ArtdeskError):
    """Raised inside a job body when its cancel was requested."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Progress:
    """How far a job is: ``fraction`` in [0, 1], or None when unknown."""

    fraction: float | None
    message: str = ""


class JobFunction(Protocol):
    def __call__(self, request: Any, ctx: "JobContext") -> Any: ...


JOB_NAME = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*:[A-Za-z_][\w]*$")


class UnknownJob(ArtdeskError):
    """A job name that is mistyped or names nothing this artdesk has."""


def check_job_name(name: str) -> str:
    """``name`` if it is shaped ``"package.module:function"``; UnknownJob otherwise. Imports nothing."""
    if not isinstance(name, str) or not JOB_NAME.match(name):
        raise UnknownJob(f"{name!r} is not a job name: a job is named \"package.module:function\".")
    return name


def job_request(name: str) -> Callable[[type], type]:
    """Class decorator for a request: a frozen dataclass whose ``job`` class attribute is ``name``.

    The name's shape is checked when the request's module is imported (a typo fails at start-up, not at the
    first click); the module it names is imported only by ``resolve_job``, on the worker.
    """
    check_job_name(name)

    def frozen_request(cls: type) -> type:
        cls.job = name  # a class attribute, not a field: asdict and replay see only the settings
        return dataclass(frozen=True)(cls)

    return frozen_request


def resolve_job(name: str) -> JobFunction:
    """The function a job name names, importing its module: call it on the thread that runs the job.

    Raises UnknownJob with a message naming what is missing (the module, or the function in it).
    """
    module_name, _, attr = check_job_name(name).partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name is None or not (module_name == error.name or module_name.startswith(error.name + ".")):
            raise  # the module exists but one of its own imports is missing: a real failure, not a typo
        raise UnknownJob(f"There is no job {name!r}: this artdesk has no module {module_name!r}.") from error
    function = getattr(module, attr, None)
    if not callable(function):
        raise UnknownJob(f"There is no job {name!r}: {module_name} has no function {attr!r}.")
    return function


class JobContext:
    """What a running job may do besides computing: report, publish, check for cancel.

    Progress reports are throttled to ``max_rate_hz``; the last one is always delivered
    by ``flush()`` (the runner calls it when the body returns).
    """

    def __init__(
        self,
        on_progress: Callable[[Progress], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        cancel_event: threading.Event | None = None,
        max_rate_hz: float = 20.0,
    ) -> None:
        self._on_progress = on_progress
        self._on_partial = on_partial
        self.cancel_event = cancel_event or threading.Event()
        self._min_interval = 1.0 / max_rate_hz if max_rate_hz > 0 else 0.0
        self._last_sent = float("-inf")
        self._pending: Progress | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        self.cancel_event.set()

    def raise_if_cancelled(self) -> None:
        if self.cancel_event.is_set():
            raise Cancelled()

    def report(self, fraction: float | None, message: str = "") -> None:
        if fraction is not None:
            fraction = min(1.0, max(0.0, float(fraction)))
        self._pending = Progress(fraction, message)
        now = time.monotonic()
        if now - self._last_sent >= self._min_interval:
            self._send(now)

    def flush(self) -> None:
        """Deliver the last throttled progress report, if it was held back."""
        if self._pending is not None:
            self._send(time.monotonic())

    def publish(self, partial: Any) -> None:
        if self._on_partial is not None:
            self._on_partial(partial)

    def _send(self, now: float) -> None:
        progress, self._pending = self._pending, None
        self._last_sent = now
        if self._on_progress is not None and progress is not None:
            self._on_progress(progress)


@dataclass
class RecordingContext(JobContext):
    """A context that records everything, for tests and scripts; cancels after ``cancel_after`` reports."""

    cancel_after: int | None = None
    progress: list[Progress] = field(default_factory=list)
    partials: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(on_progress=self.progress.append, on_partial=self.partials.append, max_rate_hz=0)

    def report(self, fraction: float | None, message: str = "") -> None:
        super().report(fraction, message)
        if self.cancel_after is not None and len(self.progress) >= self.cancel_after:
            self.cancel()


class ConsoleContext(JobContext):
    """A context for the CLI: progress goes to a stream as one updating line."""

    def __init__(self, stream=None, max_rate_hz: float = 4.0) -> None:
        import sys

        self._stream = stream or sys.stderr
        super().__init__(on_progress=self._print, max_rate_hz=max_rate_hz)

    def _print(self, progress: Progress) -> None:
        pct = "" if progress.fraction is None else f"{progress.fraction * 100:5.1f}% "
        self._stream.write(f"\r{pct}{progress.message}"[:160].ljust(60))
        if progress.fraction is not None and progress.fraction >= 1.0:
            self._stream.write("\n")
        self._stream.flush()
