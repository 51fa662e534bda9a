"""Frozen requests of the fine-tune wizard's jobs besides the run itself (no torch: the UI builds them).

The run and its estimate take ``plan.FinetuneRequest``: the run is its ``job``, the estimate is ``ESTIMATE_JOB``.
"""
from __future__ import annotations

from artdesk.core.jobs import job_request


ESTIMATE_JOB = "artdesk.ml.canvas.finetune.jobs:estimate_job"


@job_request("artdesk.ml.canvas.finetune.jobs:snapshot_job")
class SnapshotAction:
    """One action on a fine-tuned model's snapshots: "list", "best", "export" (to ``dest``) or "delete"."""

    model_dir: str
    action: str = "list"
    step: int = 0
    dest: str = ""


@job_request("artdesk.ml.canvas.finetune.jobs:unfinished_job")
class UnfinishedRuns:
    """Look for runs a crash or a quit left behind under the user models folder."""

    user_models: str


@job_request("artdesk.ml.canvas.finetune.jobs:discard_job")
class DiscardRun:
    """Throw away the unfinished run ``name`` under the user models folder."""

    user_models: str
    name: str
