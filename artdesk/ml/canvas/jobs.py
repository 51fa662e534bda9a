"""Canvas job entry points for the UI: each imports the torch code on the worker thread, on first use.

Every function here is a job body ``fn(request, ctx)``; the real work, its progress reports and
cancel checks are documented on the function of the same name in ``artdesk.ml.canvas.generate``.
"""
from __future__ import annotations

from typing import Any

from artdesk.core.jobs import JobContext


def generate_grid(request: Any, ctx: JobContext) -> Any:
    """See ``generate.generate_grid``: reports per picture batch, checks cancel between batches."""
    from artdesk.ml.canvas import generate

    return generate.generate_grid(request, ctx)


def vary(request: Any, ctx: JobContext) -> Any:
    """See ``generate.vary``: reports per batch, checks cancel between batches."""
    from artdesk.ml.canvas import generate

    return generate.vary(request, ctx)


def interpolate(request: Any, ctx: JobContext) -> Any:
    """See ``generate.interpolate``: reports per frame, checks cancel between frames."""
    from artdesk.ml.canvas import generate

    return generate.interpolate(request, ctx)


def breed(request: Any, ctx: JobContext) -> Any:
    """See ``generate.breed``: reports per batch, checks cancel between batches."""
    from artdesk.ml.canvas import generate

    return generate.breed(request, ctx)


def project(request: Any, ctx: JobContext) -> Any:
    """See ``generate.project``: reports and publishes a preview per optimisation step, checks cancel at each."""
    from artdesk.ml.canvas import generate

    return generate.project(request, ctx)


def explore(request: Any, ctx: JobContext) -> Any:
    """See ``generate.explore``: reports per batch, checks cancel between batches."""
    from artdesk.ml.canvas import generate

    return generate.explore(request, ctx)


def upscale(request: Any, ctx: JobContext) -> Any:
    """See ``generate.upscale``: reports per tile row, checks cancel between rows."""
    from artdesk.ml.canvas import generate

    return generate.upscale(request, ctx)
