"""The one training loop: clock, budget, resume, cancel, periodic atomic save and the figures for the card.

A domain's train file keeps only what is its own (as nanoGPT's ``train.py`` does): the models, one update
and what to save. The loop does the rest::

    loop = TrainLoop(ctx, state_path=path, seconds=minutes * 60, save_every_s=120)
    saved = loop.saved()                         # the resume state, or None (none saved, or resume off)
    if saved is not None and it fits:            # the domain decides what fits and restores its models
        loop.resume(saved["step"], saved["seconds"], saved.get("cpu_seconds", 0.0))

    def step(loop):                              # one update; loop.step counts the updates done before it
        ...
    def after(loop):                             # optional: reports, snapshots, evaluation with the new count;
        ...                                      # returns True to stop early
    def state():                                 # the whole resume state; the domain names its keys
        return {"model": ..., "step": loop.step, "seconds": loop.clock.total}

    loop.run(step, state, after=after)           # then loop.step, loop.clock.total, loop.clock.cpu_total

The contract of ``run``:

- Budget: it stops before an update once ``seconds`` of training time are spent (this session's, or, with
  ``budget_includes_resumed``, counted over resumes) or ``steps`` updates are done (counted over resumes).
- Cancel: before every update it checks the job's cancel (``agree`` lets several processes decide together);
  on cancel it saves, then raises ``Cancelled(cancel_message)`` (a callable gets the loop, to name the step).
- Save: every ``save_every_s`` seconds of training time and every ``save_every_steps`` updates, on cancel and
  at the end (``save_at_end``); with ``save_on_error`` also when anything else goes wrong. A save calls
  ``state()`` and writes it atomically to ``state_path`` (``ml.checkpoint.save_training_state``: a temporary
  sibling, then ``os.replace``); without a ``state_path`` it still calls ``state()``, for what that does (a
  domain may evaluate there). A domain with its own saving (several processes, full-disk handling) passes
  ``save`` instead.
- Clock: training seconds and CPU seconds, over resumes. ``clock.paused()`` leaves out work that is not
  training (a held-out evaluation); with ``saves_count=False`` the loop's saves are left out too. The clock
  starts when ``run`` does and stops when it returns, so setting up, evaluating and writing the model are
  not counted.
"""
from __future__ import annotations

import math
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterator

from artdesk.core.jobs import Cancelled, JobContext
from artdesk.ml.checkpoint import load_training_state, save_training_state


class Clock:
    """Training seconds and CPU seconds: ``already`` from before a resume plus this session's, less pauses."""

    def __init__(self, already: float = 0.0, cpu_already: float = 0.0) -> None:
        self.already, self.cpu_already = already, cpu_already
        self.start, self.cpu_start = time.monotonic(), time.process_time()
        self.stopped: float | None = None
        self.cpu_stopped: float | None = None
        self.paused_seconds = self.paused_cpu = 0.0

    def stop(self) -> None:
        """Freeze the counts (training is over; what follows is not training)."""
        if self.stopped is None:
            self.stopped, self.cpu_stopped = time.monotonic(), time.process_time()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Leave the time spent in the block out of the training time (a stopped clock counts none anyway: the
        end-of-run save's evaluation must not take its time off the run's)."""
        wall, cpu = time.monotonic(), time.process_time()
        try:
            yield
        finally:
            if self.stopped is None:
                self.paused_seconds += time.monotonic() - wall
                self.paused_cpu += time.process_time() - cpu

    @property
    def session(self) -> float:
        """Training seconds of this session."""
        return (self.stopped or time.monotonic()) - self.start - self.paused_seconds

    @property
    def total(self) -> float:
        """Training seconds over resumes."""
        return self.already + self.session

    @property
    def cpu_total(self) -> float:
        """CPU seconds of this process's training, over resumes (every thread of the process counts)."""
        return self.cpu_already + (self.cpu_stopped or time.process_time()) - self.cpu_start - self.paused_cpu


class TrainLoop:
    """Runs a domain's ``step`` under a budget with resume, cancel and periodic atomic saves (see the module)."""

    def __init__(self, ctx: JobContext, *, seconds: float = math.inf, steps: int | None = None,
                 budget_includes_resumed: bool = False, state_path: Path | None = None, resume: bool = True,
                 save_every_s: float = math.inf, save_every_steps: int = 0, save_at_end: bool = True,
                 save_on_error: bool = False, saves_count: bool = True,
                 agree: Callable[[bool], bool] | None = None,
                 cancel_message: str | Callable[["TrainLoop"], str] = "Cancelled.") -> None:
        self.ctx = ctx
        self.seconds, self.steps, self.budget_includes_resumed = seconds, steps, budget_includes_resumed
        self.state_path = Path(state_path) if state_path is not None else None
        self.resuming = resume
        self.save_every_s, self.save_every_steps = save_every_s, save_every_steps
        self.save_at_end, self.save_on_error, self.saves_count = save_at_end, save_on_error, saves_count
        self.agree = agree or (lambda flag: flag)
        self.cancel_message = cancel_message
        self.step = 0  # updates done, over resumes
        self.session_steps = 0  # updates done in this session
        self.clock = Clock()
        self._state: Callable[[], dict[str, Any]] | None = None
        self._save: Callable[[], Any] | None = None

    # ----- resume ------------------------------------------------------------------------------------
    def saved(self) -> dict[str, Any] | None:
        """The saved resume state, or None when there is none or resuming is off."""
        if self.state_path is None or not self.resuming:
            return None
        return load_training_state(self.state_path)

    def resume(self, step: int, seconds: float, cpu_seconds: float = 0.0) -> None:
        """Count on from a resumed (or continued) run's updates, training seconds and CPU seconds."""
        self.step = int(step)
        self.clock = Clock(float(seconds), float(cpu_seconds))

    # ----- budget ------------------------------------------------------------------------------------
    @property
    def elapsed(self) -> float:
        """The training seconds the budget is measured in."""
        return self.clock.total if self.budget_includes_resumed else self.clock.session

    def spent(self) -> bool:
        return self.elapsed >= self.seconds or (self.steps is not None and self.step >= self.steps)

    def fraction(self) -> float:
        """How much of the budget is used (0..1): of the steps or the seconds, whichever runs out first."""
        parts = [self.elapsed / self.seconds if self.seconds < math.inf else 0.0]
        if self.steps:
            parts.append(self.step / self.steps)
        return min(1.0, max(parts))

    # ----- saving ------------------------------------------------------------------------------------
    def save(self) -> None:
        """Save now (the domain's ``save``, or ``state()`` written atomically to ``state_path``)."""
        if self._save is not None:
            self._save()
        elif self._state is not None:
            with nullcontext() if self.saves_count else self.clock.paused():
                state = self._state()
                if self.state_path is not None:
                    save_training_state(self.state_path, state)

    # ----- the loop ----------------------------------------------------------------------------------
    def run(self, step: Callable[["TrainLoop"], Any], state: Callable[[], dict[str, Any]] | None = None, *,
            after: Callable[["TrainLoop"], Any] | None = None, save: Callable[[], Any] | None = None) -> bool:
        """Train until the budget is spent or ``after`` asks to stop (then returns True); see the module."""
        self._state, self._save = state, save
        self.clock = Clock(self.clock.already, self.clock.cpu_already)  # this session's training starts now
        last_save = 0.0
        try:
            while not self.spent():
                if self.agree(self.ctx.cancelled):
                    self.save()
                    message = self.cancel_message
                    raise Cancelled(message if isinstance(message, str) else message(self))
                step(self)
                self.step += 1
                self.session_steps += 1
                stop = bool(after(self)) if after is not None else False
                if self.clock.session - last_save >= self.save_every_s or (
                        self.save_every_steps and self.step % self.save_every_steps == 0):
                    self.save()
                    last_save = self.clock.session
                if stop:
                    break
            else:
                stop = False
        except Cancelled:
            raise
        except BaseException:
            if self.save_on_error:
                self.save()
            raise
        self.clock.stop()
        if self.save_at_end:
            self.save()
        return stop
