"""What the fine-tune jobs send back crosses from their process to the UI's without importing torch there."""
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np

from artdesk.ml.canvas.finetune.plan import FinetuneRequest
from artdesk.ml.canvas.finetune.results import Estimate, Snapshot, UnfinishedRun

UNPICKLE = """
import pickle, sys, json
objects = pickle.loads(sys.stdin.buffer.read())
print(json.dumps({"kinds": [type(o).__name__ for o in objects], "torch": "torch" in sys.modules}))
"""


def test_snapshots_unfinished_runs_and_estimates_unpickle_without_torch(tmp_path):
    """They lived in run.py and trainer.py, which import torch: the UI's process imported it to unpickle the
    first snapshot of a fine-tune (or the look for unfinished runs), holding the UI thread's GIL."""
    samples = np.zeros((2, 4, 4, 3), np.uint8)
    request = FinetuneRequest(name="mine", base_dir=str(tmp_path), files=(str(tmp_path / "a.png"),))
    objects = [Snapshot(3, 1.5, samples, {"d": 0.5}, [(3, 0.5, 1.0)], 0.1, 0.2, [(samples[0], samples[1], 0.3)]),
               UnfinishedRun("mine", request, 3, 0.0, tmp_path / "state.pt"), Estimate(0.5, 10, 5.0)]
    root = Path(__file__).resolve().parents[3]
    out = subprocess.run([sys.executable, "-c", UNPICKLE], input=pickle.dumps(objects), capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(root)}, cwd=root, check=True, timeout=120).stdout
    result = json.loads(out.decode().strip().splitlines()[-1])
    assert result == {"kinds": ["Snapshot", "UnfinishedRun", "Estimate"], "torch": False}
