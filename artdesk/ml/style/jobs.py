"""The style job functions, importable without torch (the UI thread imports this module).

Each wrapper imports its torch-using module when it runs, on the worker thread.
"""
from __future__ import annotations

from typing import Any

from artdesk.core.jobs import JobContext


def apply_job(request: Any, ctx: JobContext) -> Any:
    """See ``artdesk.ml.style.apply.apply_job``: reports on load and when done; cancel before and after the pass."""
    from artdesk.ml.style.apply import apply_job as run

    return run(request, ctx)


def optimize_job(request: Any, ctx: JobContext) -> Any:
    """See ``artdesk.ml.style.optimize.optimize_job``: progress every step, previews, cancel before each step."""
    from artdesk.ml.style.optimize import optimize_job as run

    return run(request, ctx)


def train_custom_job(request: Any, ctx: JobContext) -> str:
    """See ``artdesk.ml.style.custom.train_custom_job``: progress and cancel every step, previews every ~10%."""
    from artdesk.ml.style.custom import train_custom_job as run

    return run(request, ctx)


def render_job(request: Any, ctx: JobContext) -> Any:
    """See ``artdesk.ml.style.media.render.render_job``: progress and cancel inside every pass of the renderer."""
    from artdesk.ml.style.media.render import render_job as run

    return run(request, ctx)
