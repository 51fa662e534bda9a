"""The job runner: job bodies run on worker threads; a JobHandle turns them into Qt signals.

Usage: ``handle = runner.submit(request.job, request, title=...)``; connect its signals; ``handle.start()``.
A job is named ``"package.module:function"`` and resolved on the worker thread (``core.jobs.resolve_job``),
so the module that holds it (and torch) is never imported on the UI thread.
Exactly one of ``returned``, ``errored``, ``aborted`` fires, then ``finished``, once.
One worker thread owns the loaded models (inference); training runs on its own worker so
inference for one panel never waits behind another panel's fine-tune. ``Runner.use_model_process``
moves each worker's jobs into a child process of its own (``core.job_process``): the model process
and the training process. torch is then never imported in the UI's process, so its imports, model
work and fine-tunes cannot hold the UI thread's GIL, and a generation never waits behind a fine-tune.
"""
from __future__ import annotations

import logging
import queue
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal

from artdesk.core.errors import ArtdeskError
from artdesk.core.job_process import JobProcess, ProcessUnavailable
from artdesk.core.jobs import Cancelled, JobContext, JobFunction, Progress, check_job_name, resolve_job
from artdesk.ui.collector import ui_thread_collector

log = logging.getLogger("artdesk.jobs")

MODEL_WORKER = "model"
TRAINING_WORKER = "training"
TRAINING_KILL_AFTER_S = 120.0  # a fine-tune saves its state when cancelled (pause): a step and a save on a slow laptop


class JobHandle(QObject):
    """One job's life as signals, all delivered on the UI thread."""

    started = Signal()  # the job began on its worker thread
    progress = Signal(object)  # core.jobs.Progress, throttled to <= 20 Hz, last value always delivered
    partial = Signal(object)  # preview payload (numpy array, str, ...); never a QPixmap or widget
    returned = Signal(object)  # the job's result, on success only
    errored = Signal(str, str)  # (message for the user, traceback for the log)
    aborted = Signal()  # cancellation acknowledged; no result
    finished = Signal()  # always last, exactly once

    def __init__(self, job: str | JobFunction, request: Any, title: str, worker: "Worker") -> None:
        super().__init__()
        self.job = check_job_name(job) if isinstance(job, str) else job  # a name, resolved on the worker
        self.request = request
        self.title = title
        self._worker = worker
        self._cancel_event = threading.Event()
        self._started = False
        self.is_finished = False
        self.outcome = ""  # "returned", "errored" or "aborted", set before that signal is emitted
        self.last_progress = Progress(None, "Waiting…")
        self.progress.connect(self._remember_progress)
        self.finished.connect(self._mark_finished)

    def start(self) -> "JobHandle":
        """Queue the job on its worker; connect signals before calling this."""
        if self._started:
            raise RuntimeError("a job handle can be started only once")
        self._started = True
        self._worker.enqueue(self)
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next cancel check; returns at once."""
        self._cancel_event.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    def _remember_progress(self, progress: Progress) -> None:
        self.last_progress = progress

    def _mark_finished(self) -> None:
        self.is_finished = True

    def _run(self) -> None:
        """Run on the worker thread; emits the signals in their contract order."""
        if self._cancel_event.is_set():
            self.outcome = "aborted"
            self.aborted.emit()
            self.finished.emit()
            return
        self.started.emit()
        ctx = JobContext(self.progress.emit, self.partial.emit, self._cancel_event)
        try:
            result = self._worker.call(self.job, self.request, ctx)
            ctx.flush()
        except Cancelled:
            ctx.flush()
            self.outcome = "aborted"
            self.aborted.emit()
        except ArtdeskError as error:
            self.outcome = "errored"
            self.errored.emit(str(error), getattr(error, "details", None) or traceback.format_exc())
        except Exception as error:  # an unexpected failure must reach the user, not kill the worker
            details = getattr(error, "details", None) or traceback.format_exc()
            log.error("job %r failed\n%s", self.title, details)
            self.outcome = "errored"
            self.errored.emit(f"Unexpected error in {self.title}: {error}", details)
        else:
            self.outcome = "returned"
            self.returned.emit(result)
        self.finished.emit()


class Worker(QThread):
    """A thread that runs queued jobs one after another."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(f"artdesk-{name}-worker")
        self._queue: queue.Queue[JobHandle | None] = queue.Queue()
        self._stopped = False
        self.process: JobProcess | None = None  # when set, jobs that can cross run in this child process

    def call(self, job: str | JobFunction, request: Any, ctx: JobContext) -> Any:
        """Run one job body: in the worker's process if it has one and the job crosses, else on this thread.

        A job name crosses as a name: its module is imported in the child only, never in this process.
        """
        if self.process is not None and JobProcess.crosses(job, request):
            try:
                return self.process.run(job, request, ctx)
            except ProcessUnavailable:
                log.exception("jobs run on the %s thread from now on", self.objectName())
                self.process = None
        fn = resolve_job(job) if isinstance(job, str) else job
        return fn(request, ctx)

    def enqueue(self, handle: JobHandle) -> None:
        if self._stopped:  # the app is closing: a late job (a panel built after close) is aborted, not run
            handle.cancel()
            handle._run()
            return
        self._queue.put(handle)
        if not self.isRunning():
            self.start()

    def stop(self) -> None:
        """Finish the queued jobs' cancellation and end the thread; later jobs are aborted at once."""
        self._stopped = True
        self._queue.put(None)

    def run(self) -> None:
        while True:
            handle = self._queue.get()
            if handle is None:
                return
            handle._run()


def _start_early(process: JobProcess) -> None:
    """Start the model process before its first job needs it; a failure is handled when that job runs."""
    try:
        process.start()
    except Exception:  # noqa: BLE001 (Worker.call falls back to the thread)
        log.warning("the model process did not start; its first job will say why", exc_info=True)


class Runner(QObject):
    """Owns the workers; every job of the app goes through ``submit``."""

    job_submitted = Signal(object)  # a new JobHandle, before it starts (for the job status view)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        ui_thread_collector()  # job threads run Python here: their collections must not delete Qt objects
        self._workers = {MODEL_WORKER: Worker(MODEL_WORKER), TRAINING_WORKER: Worker(TRAINING_WORKER)}
        self._handles: list[JobHandle] = []

    def submit(self, job: str | JobFunction, request: Any, title: str, worker: str = MODEL_WORKER) -> JobHandle:
        """A handle for ``job`` (a ``"module:function"`` name, or a function already imported) on ``request``.

        A mistyped name's shape is refused here (UnknownJob); a name that resolves to nothing errors on the worker.
        """
        handle = JobHandle(job, request, title, self._workers[worker])
        self._handles.append(handle)
        handle.finished.connect(lambda h=handle: self._forget(h))
        self.job_submitted.emit(handle)
        return handle

    def use_model_process(self, initializer: tuple[Callable[[Any, JobContext], Any], Any] | None = None,
                          start: bool = True) -> JobProcess:
        """Run the model worker's jobs in a child process from now on (see ``core.job_process``); with ``start``,
        start it now, off the UI thread (else its first job starts it). A second call keeps the first's process.
        The training worker's jobs (fine-tunes) get a process of their own, started by the first of them.

        A job whose function is not module-level or whose request does not pickle still runs on the thread.
        """
        training = self._workers[TRAINING_WORKER]
        if training.process is None:
            training.process = JobProcess(kill_after_s=TRAINING_KILL_AFTER_S, name="artdesk-training-process")
        worker = self._workers[MODEL_WORKER]
        if worker.process is None:
            worker.process = JobProcess(initializer)
            if not start:  # the start's imports and helper process now, in the background
                threading.Thread(target=JobProcess.prepare, name="artdesk-model-process-prepare", daemon=True).start()
        if start and not worker.process.alive:
            threading.Thread(target=_start_early, args=(worker.process,), name="artdesk-model-process-start", daemon=True).start()
        return worker.process

    def active(self) -> list[JobHandle]:
        return [h for h in self._handles if not h.is_finished]

    def _forget(self, handle: JobHandle) -> None:
        if handle in self._handles:
            self._handles.remove(handle)

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel every job and stop the workers; True if all threads ended within the timeout.

        A model process still importing (the warm-up) is ended at once; a job in a process that does not stop
        within the timeout (a fine-tune saves first) is ended by killing its process, so no thread is left.
        """
        for handle in list(self._handles):
            handle.cancel()
        for worker in self._workers.values():
            worker.stop()
            if worker.process is not None:
                worker.process.close()
        clean = True
        for worker in self._workers.values():
            if worker.isRunning() and not worker.wait(timeout_ms):
                if worker.process is not None:
                    log.warning("worker %s did not stop within %d ms; ending its process", worker.objectName(), timeout_ms)
                    worker.process.kill_now()
                if not worker.wait(timeout_ms):
                    log.error("worker %s did not stop within %d ms", worker.objectName(), timeout_ms)
                    clean = False
            if worker.process is not None and not worker.isRunning():  # the child is idle: no need to wait out torch's exit
                worker.process.stop(timeout_s=0.2)
        return clean
