"""The fine-tune wizard's job bodies besides the run (``run.run_finetune``): estimate, look for and discard
unfinished runs, act on snapshots. Each is ``fn(request, ctx)``, run by the runner on a worker thread."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from artdesk.core.jobs import JobContext
from artdesk.ml.canvas.finetune import plan, snapshots
from artdesk.ml.canvas.finetune.requests import DiscardRun, SnapshotAction, UnfinishedRuns


def estimate_job(request: plan.FinetuneRequest, ctx: JobContext) -> tuple[dict[str, tuple[Any, str]], Any]:
    """The automatic settings with their reasons, then ``trainer.estimate`` (a few real steps; it reports and
    checks for cancel at each)."""
    from artdesk.ml.canvas.finetune import trainer  # torch: imported by the job, on its worker

    settings = plan.resolved_settings(request, len(request.files), plan.base_has_discriminator(request.base_dir))
    return settings, trainer.estimate(request, ctx)


def unfinished_job(request: UnfinishedRuns, ctx: JobContext) -> list[Any]:
    """``run.unfinished_runs`` under the user models folder (runs a crash or a quit left behind).

    Without a runs folder there is nothing to resume, and run.py (which imports torch) is not loaded.
    """
    root = Path(request.user_models)
    if not (root / "canvas" / snapshots.RUNS).is_dir():
        return []
    ctx.raise_if_cancelled()
    from artdesk.ml.canvas.finetune.run import unfinished_runs  # torch: only when there is a run to look at

    return list(unfinished_runs(root))


def snapshot_job(request: SnapshotAction, ctx: JobContext) -> tuple[list[Any], str]:
    """Do ``request.action`` (``snapshots.mark_best`` / ``export_snapshot`` / ``delete_snapshot``), then list the
    snapshots; returns (list, the exported folder or ""). One step: checks for cancel before it starts."""
    ctx.raise_if_cancelled()
    model_dir, exported = Path(request.model_dir), ""
    if request.action == "best":
        snapshots.mark_best(model_dir, request.step)
    elif request.action == "export":
        exported = str(snapshots.export_snapshot(model_dir, request.step, Path(request.dest)))
    elif request.action == "delete":
        snapshots.delete_snapshot(model_dir, request.step)
    return snapshots.list_snapshots(model_dir), exported


def discard_job(request: DiscardRun, ctx: JobContext) -> list[Any]:
    """``run.discard_run`` of the named run, then the runs still left."""
    from artdesk.ml.canvas.finetune.run import discard_run

    ctx.raise_if_cancelled()
    discard_run(Path(request.user_models), request.name)
    return unfinished_job(UnfinishedRuns(request.user_models), ctx)
