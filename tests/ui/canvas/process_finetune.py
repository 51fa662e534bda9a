"""A scripted canvas fine-tune that runs in the training process (a test cannot monkeypatch a child's run.py).

It behaves as ``run.run_finetune`` does towards the wizard: progress per step, a ``Snapshot`` every second
step, the state saved on cancel (then Cancelled) and resumed by the same request, the model folder returned.
It holds at each step of ``request.holds`` until the test creates ``release-<step>`` in the run folder (or
cancels, or kills the process), so the test decides where a pause or a kill lands.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import numpy as np

from artdesk.core.jobs import JobContext
from artdesk.core.paths import app_paths
from artdesk.ml.canvas.finetune.results import Snapshot


@dataclass(frozen=True)
class ScriptedRequest:
    job: ClassVar[str] = "tests.ui.canvas.process_finetune:scripted_finetune"

    name: str
    model: str  # the folder copied as the finished model
    steps: int = 6
    holds: tuple[int, ...] = ()


def run_folder(name: str) -> Path:
    return app_paths().user_models / "canvas" / ".scripted" / name


def scripted_finetune(request: ScriptedRequest, ctx: JobContext) -> Path:
    folder = run_folder(request.name)
    folder.mkdir(parents=True, exist_ok=True)
    state = folder / "state.json"
    step = json.loads(state.read_text())["step"] if state.is_file() else 0
    if step:
        ctx.report(step / request.steps, f"Resuming at step {step} of {request.steps}")
    while step < request.steps:
        ctx.flush()
        while step in request.holds and not (folder / f"release-{step}").exists():
            if ctx.cancelled:
                break
            time.sleep(0.01)
        if ctx.cancelled:
            state.write_text(json.dumps({"step": step}))  # as run.py saves its state before Cancelled
            ctx.raise_if_cancelled()
        step += 1
        ctx.report(step / request.steps, f"step {step} of {request.steps}")
        if step % 2 == 0:
            ctx.publish(Snapshot(step, float(step), np.full((3, 16, 16, 3), step * 20, np.uint8), {"d": 1.0},
                                 [(s, 1.0 / (s + 1), 2.0 - s / 10) for s in range(step + 1)], 0.1, 0.01))
    folder_out = app_paths().user_models / "canvas" / request.name
    shutil.copytree(request.model, folder_out)
    return folder_out
