"""The wizard's job bodies: thin wrappers that import the fine-tune backend on the worker thread, so
opening the wizard never imports torch on the UI thread (see ``artdesk.ml.canvas.finetune``)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


def make_request(**fields: Any):
    """A ``plan.FinetuneRequest`` (plan is imported here: torch is loaded by the time a user gets this far)."""
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest

    return FinetuneRequest(**fields)


def request_problem(request) -> str:
    """"" if ``plan.check_request`` accepts the request, else its message (plan does not import torch)."""
    from artdesk.core.errors import ArtdeskError
    from artdesk.ml.canvas.finetune.plan import check_request

    try:
        check_request(request)
    except ArtdeskError as error:
        return str(error)
    return ""


def estimate_job(request, ctx) -> tuple[dict[str, tuple[Any, str]], Any]:
    """The automatic settings with their reasons, then ``trainer.estimate`` (a few real steps; it reports and
    checks for cancel at each)."""
    from artdesk.ml.canvas.finetune import plan, trainer

    settings = plan.resolved_settings(request, len(request.files), plan.base_has_discriminator(request.base_dir))
    return settings, trainer.estimate(request, ctx)


def run_job(request, ctx) -> Path:
    """``run.run_finetune``: publishes Snapshots, reports step, loss and ETA, saves state and raises
    Cancelled on cancel (the same request resumes)."""
    from artdesk.ml.canvas.finetune.run import run_finetune

    return Path(run_finetune(request, ctx))


def unfinished_job(user_models_root: Path, ctx) -> list[Any]:
    """``run.unfinished_runs`` under the user models folder (runs a crash or a quit left behind).

    Without a runs folder there is nothing to resume, and run.py (which imports torch) is not loaded.
    """
    from artdesk.ml.canvas.finetune.snapshots import RUNS

    if not (Path(user_models_root) / "canvas" / RUNS).is_dir():
        return []
    ctx.raise_if_cancelled()
    from artdesk.ml.canvas.finetune.run import unfinished_runs

    return list(unfinished_runs(Path(user_models_root)))


@dataclass(frozen=True)
class SnapshotAction:
    """One action on a fine-tuned model's snapshots: "list", "best", "export" (to ``dest``) or "delete"."""

    model_dir: str
    action: str = "list"
    step: int = 0
    dest: str = ""


def snapshot_job(request: SnapshotAction, ctx) -> tuple[list[Any], str]:
    """Do ``request.action`` (``snapshots.mark_best`` / ``export_snapshot`` / ``delete_snapshot``), then list the
    snapshots; returns (list, the exported folder or ""). One step: checks for cancel before it starts."""
    from artdesk.ml.canvas.finetune import snapshots

    ctx.raise_if_cancelled()
    model_dir, exported = Path(request.model_dir), ""
    if request.action == "best":
        snapshots.mark_best(model_dir, request.step)
    elif request.action == "export":
        exported = str(snapshots.export_snapshot(model_dir, request.step, Path(request.dest)))
    elif request.action == "delete":
        snapshots.delete_snapshot(model_dir, request.step)
    return snapshots.list_snapshots(model_dir), exported


def discard_job(request: tuple[Path, str], ctx) -> list[Any]:
    """``run.discard_run(root, name)`` for ``request = (user models root, run name)``, then the runs still left."""
    from artdesk.ml.canvas.finetune.run import discard_run

    root, name = request
    ctx.raise_if_cancelled()
    discard_run(Path(root), name)
    return unfinished_job(root, ctx)
