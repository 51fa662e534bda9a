"""Job bodies run in a child process: torch's imports and model work never hold the UI process's GIL.

``JobProcess.run(fn, request, ctx)`` blocks the calling worker thread (waiting without the GIL) while
``fn(request, child_ctx)`` runs in the child; the child's progress and partials are relayed to ``ctx``,
and ``ctx``'s cancel is forwarded. A job that does not stop within ``kill_after_s`` of its cancel is
ended by killing the child, and a child that crashes is reported as an error: either way the next job
starts a new child. Only what pickles crosses: ``crosses(fn, request)`` says whether a job can.
``close()`` (the app is closing) ends a child still in its initializer at once, and ``kill_now()`` any job.

The child starts in a folder it can enter: multiprocessing's spawn makes it change to the parent's working
folder, which fails when that folder was deleted or cannot be entered (see ``enterable_start_folder``).
"""
from __future__ import annotations

import importlib
import logging
import multiprocessing
import os
import pickle
import sys
import threading
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Callable

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, JobContext, Progress, check_job_name

log = logging.getLogger("artdesk.jobs")

POLL_S = 0.05


class JobFailed(Exception):
    """An unexpected error in the child; ``details`` is the child's traceback."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.details = details


class ProcessUnavailable(RuntimeError):
    """The child process could not be started (the job has not run)."""


class JobRefused(ArtdeskError):
    """An expected (user-caused) error in the child, raised again here with the child's traceback."""

    def __init__(self, message: str, details: str) -> None:
        super().__init__(message)
        self.details = details


def function_reference(fn: Callable | str) -> tuple[str, str] | None:
    """``(module, qualified name)`` if ``fn`` is importable under that name (a module-level function), else None.

    A job name (``"package.module:function"``) is split without importing anything: the child imports it.
    """
    if isinstance(fn, str):
        module, _, name = check_job_name(fn).partition(":")
        return module, name
    module, name = getattr(fn, "__module__", None), getattr(fn, "__qualname__", "")
    if not module or "<" in name:
        return None
    try:
        return (module, name) if _resolve(module, name) is fn else None
    except (ImportError, AttributeError):
        return None


def _resolve(module: str, name: str) -> Any:
    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


class _CancelFlag:
    """The child's cancel event: set when the parent sends this job's number on the cancel pipe."""

    def __init__(self, conn) -> None:
        self._conn = conn
        self.job = -1
        self._set = False

    def is_set(self) -> bool:
        while not self._set and self._conn.poll():
            self._set = self._conn.recv() == self.job
        return self._set

    def set(self) -> None:
        self._set = True

    def start(self, job: int) -> None:
        self.job, self._set = job, False


def _serve(jobs, cancels, initializer, ready) -> None:
    """The child's loop: run each ``(number, module, name, request)`` and send back what happens.

    ``ready`` is set once the initializer has run: until then the child holds nothing worth keeping."""
    flag = _CancelFlag(cancels)
    if initializer is not None:
        _run_one(*initializer[0], initializer[1], JobContext(cancel_event=flag))
    ready.set()
    while True:
        try:
            message = jobs.recv()
        except EOFError:
            return
        if message is None:
            return
        number, module, name, request = message
        flag.start(number)
        ctx = JobContext(lambda p: jobs.send(("progress", p)), lambda x: jobs.send(("partial", x)), flag)
        outcome = _run_one(module, name, request, ctx)
        ctx.flush()
        try:
            jobs.send(outcome)
        except Exception as error:  # an unpicklable result must still end the job
            jobs.send(("failed", f"the result could not be sent back ({error})", traceback.format_exc()))


def _run_one(module: str, name: str, request: Any, ctx: JobContext) -> tuple:
    try:
        return ("returned", _resolve(module, name)(request, ctx))
    except Cancelled:
        return ("cancelled",)
    except ArtdeskError as error:
        return ("refused", str(error), traceback.format_exc())
    except Exception as error:
        return ("failed", str(error) or type(error).__name__, traceback.format_exc())


def enterable_start_folder() -> str | None:
    """None if the working folder can be entered again (by a child), else a folder that can: the user's home,
    else the temporary folder. A deleted folder, or one the user may not enter (the app started from such a
    folder by ``sudo -u``, a launcher or a test), cannot: nothing relative to it can be opened either."""
    try:
        here = os.getcwd()
    except OSError:  # deleted
        here = None
    if here is not None and os.access(here, os.X_OK):
        return None
    for folder in (Path.home(), Path(tempfile.gettempdir()), Path(os.sep)):
        if folder.is_dir() and os.access(folder, os.X_OK):
            return str(folder)
    return None


def _leave_unenterable_folder() -> None:
    """Change to an enterable folder if the working folder is not one (spawn would fail in the child)."""
    folder = enterable_start_folder()
    if folder is not None:
        log.warning("the working folder cannot be entered (deleted, or not yours to enter); "
                    "artdesk works from %s from now on", folder)
        os.chdir(folder)


class JobProcess:
    """One child process that runs jobs one at a time; started on first use, restarted after a crash or kill.

    ``initializer`` is ``(fn, request)``, a job run silently at each child's start (e.g. importing torch); it
    must write nothing that matters, as a ``close`` during it kills the child. ``name`` names the child.
    """

    def __init__(self, initializer: tuple[Callable, Any] | None = None, kill_after_s: float = 5.0,
                 name: str = "artdesk-model-process") -> None:
        self._initializer = None
        if initializer is not None:
            reference = function_reference(initializer[0])
            if reference is None:
                raise ValueError(f"{initializer[0]!r} is not a module-level function")
            self._initializer = (reference, initializer[1])
        self.kill_after_s = kill_after_s
        self.name = name
        self._context = multiprocessing.get_context("spawn")
        self._process = None
        self._ready = None  # the child's "initializer done" event
        self._closing = False  # close() was called: no new job; a child still starting is killed
        self._kill = False  # kill_now() was called: the running job is ended by killing the child
        self._jobs = self._cancels = None
        self._number = 0
        self._lock = threading.Lock()

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        """The child's process id, while it runs."""
        return self._process.pid if self.alive else None

    @property
    def starting(self) -> bool:
        """True while the child runs its initializer (it holds nothing worth keeping yet)."""
        ready = self._ready
        return self.alive and ready is not None and not ready.is_set()

    @staticmethod
    def prepare() -> None:
        """Import what starting a child needs and start multiprocessing's resource tracker (a process of its own,
        started with the first child otherwise), so that ``start`` is short; call it off the UI thread."""
        from multiprocessing import spawn  # noqa: F401 (imported for the start)

        if sys.platform != "win32":
            from multiprocessing import popen_spawn_posix, resource_tracker  # noqa: F401

            resource_tracker.ensure_running()

    def start(self) -> None:
        """Start the child now if it is not running (it imports what the initializer imports); not once closed."""
        with self._lock:
            if self.alive or self._closing:
                return
            self._stop_child()
            _leave_unenterable_folder()
            self._jobs, child_jobs = self._context.Pipe()
            child_cancels, self._cancels = self._context.Pipe(duplex=False)
            self._ready = self._context.Event()
            self._process = self._context.Process(target=_serve, name=self.name, daemon=True,
                                                  args=(child_jobs, child_cancels, self._initializer, self._ready))
            self._process.start()
            child_jobs.close()
            child_cancels.close()

    @staticmethod
    def crosses(fn: Callable, request: Any) -> bool:
        """True if the job can run in the child: a module-level function and a request that pickles."""
        if function_reference(fn) is None:
            return False
        try:
            pickle.dumps(request)
        except Exception:
            return False
        return True

    def run(self, fn: Callable, request: Any, ctx: JobContext) -> Any:
        """Run ``fn(request, ...)`` in the child; returns its result or raises as the body did (see module doc)."""
        module, name = function_reference(fn) or (None, None)
        if module is None:
            raise ValueError(f"{fn!r} is not a module-level function; it cannot run in the model process")
        if self._closing:
            raise Cancelled()
        try:
            self.start()
        except Exception as error:  # e.g. a frozen build that cannot spawn: the caller may run the job itself
            raise ProcessUnavailable(f"the model process could not start: {error}") from error
        if self._closing and not self.alive:  # closed meanwhile: start() started nothing
            raise Cancelled()
        self._number += 1
        number = self._number
        self._jobs.send((number, module, name, request))
        cancel_sent_at = None
        while True:
            if ctx.cancelled and cancel_sent_at is None:
                self._cancels.send(number)
                cancel_sent_at = time.monotonic()
            if self._must_kill(cancel_sent_at):
                self.stop(timeout_s=0)
                raise Cancelled()
            try:
                ready = self._jobs.poll(POLL_S)
                message = self._jobs.recv() if ready else None
            except (EOFError, OSError):
                ready, message = True, None
            if ready and message is None:
                code = self._process.exitcode if self._process is not None else None
                self._stop_child()
                raise ArtdeskError(f"The model worker stopped unexpectedly (exit code {code}). "
                                   "It starts again with your next action; if this repeats, see the log.")
            if message is None:  # a quiet moment: the last progress held back by ctx's throttle goes out now
                ctx.flush()
                continue
            kind = message[0]
            if kind == "progress":
                progress: Progress = message[1]
                ctx.report(progress.fraction, progress.message)
            elif kind == "partial":
                ctx.publish(message[1])
            elif kind == "returned":
                return message[1]
            elif kind == "cancelled":
                raise Cancelled()
            elif kind == "refused":
                raise JobRefused(message[1], message[2])
            else:
                raise JobFailed(message[1], message[2])

    def _must_kill(self, cancel_sent_at: float | None) -> bool:
        """Whether the running job is to be ended by killing the child (see ``close`` and ``kill_now``)."""
        if self._kill or (self._closing and self.starting):
            log.info("%s ended: the app is closing", self.name)
            return True
        if cancel_sent_at is not None and time.monotonic() - cancel_sent_at > self.kill_after_s:
            log.warning("%s did not stop within %.0f s of a cancel; ending it", self.name, self.kill_after_s)
            return True
        return False

    def close(self) -> None:
        """The app is closing; returns at once. No job starts from now on; a job waiting while the child still
        runs its initializer ends at once (the child is killed: it holds nothing yet), any other job keeps
        ``kill_after_s`` after its cancel to stop (e.g. to save). Call ``stop`` once the jobs have ended."""
        self._closing = True

    def kill_now(self) -> None:
        """``close``, and end the running job at once by killing the child (from any thread; its ``run`` raises
        Cancelled): for a job that did not stop within the time the app gives it to close."""
        self._closing = self._kill = True

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ask the child to end after its current job; kill it if it has not ended within ``timeout_s``
        (at once if it is still in its initializer)."""
        with self._lock:
            if self._process is not None and self._process.is_alive() and timeout_s > 0 and not self.starting:
                try:
                    self._jobs.send(None)
                except OSError:
                    pass
                self._process.join(timeout_s)
            self._stop_child()

    def _stop_child(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(5)
            self._process = self._ready = None
        for conn in (self._jobs, self._cancels):
            if conn is not None:
                conn.close()
        self._jobs = self._cancels = None
