"""The CLI fine-tune as real processes: two CPU processes under torchrun (gloo) match one; SIGKILL, then resume."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from artdesk.core.paths import app_paths
from artdesk.core.jobs import RecordingContext
from artdesk.ml.canvas.finetune import run
from artdesk.ml.checkpoint import load_training_state
from tests.ml.canvas.finetune_helpers import flowers, request, tiny_base

ROOT = Path(__file__).resolve().parents[3]


def _cli(*args):
    return [sys.executable, "-m", "artdesk", "finetune", "canvas", *map(str, args)]


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def setup(tmp_path):
    torch.set_num_threads(1)
    return tiny_base(tmp_path / "base"), tmp_path / "pictures", flowers(tmp_path / "pictures", 8)


def test_two_processes_under_torchrun_match_one(setup):
    base, folder, files = setup
    knobs = dict(steps=4, snapshot_every=4, norm_only=False, lr=2e-3, batch=8)
    single = run.run_finetune(request(files, base, name="single", **knobs), RecordingContext())
    command = [sys.executable, "-m", "torch.distributed.run", "--nnodes", "1", "--nproc_per_node", "2",
               "--master_addr", "127.0.0.1", "--master_port", str(_free_port()), "-m", "artdesk", "finetune", "canvas",
               str(folder), "--name", "ddp", "--base", str(base), "--steps", "4", "--snapshot-every", "4",
               "--no-norm-only", "--lr", "2e-3", "--batch", "8", "--device", "cpu", "--checkpoint-every", "0"]
    done = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    ddp = single.parent / "ddp"
    card = json.loads((ddp / "card.json").read_text())
    assert card["training"]["world_size"] == 2 and "gloo" in card["training"]["device"]
    start, one, two = (load_file(str(p / "discriminator.safetensors")) for p in (base, single, ddp))
    trained = [k for k in one if k.endswith(("weight", "weight_orig", "bias")) and not torch.equal(one[k], start[k])]
    assert trained and not any(k.startswith(("from_rgb", "down32.", "down16.")) for k in trained)  # FreezeD: 3 frozen
    learned = max(float((one[k] - start[k]).abs().max()) for k in trained)
    apart = max(float((one[k] - two[k]).abs().max()) for k in one)
    assert learned > 1e-3 and apart < learned / 100, (learned, apart)
    g_one, g_two = load_file(str(single / "model.safetensors")), load_file(str(ddp / "model.safetensors"))
    assert max(float((g_one[k].float() - g_two[k].float()).abs().max()) for k in g_one) <= 2e-3  # float16 files


def test_sigkill_mid_run_then_resume_continues_from_the_last_checkpoint(setup):
    base, folder, _ = setup
    args = _cli(folder, "--name", "killed", "--base", base, "--steps", "40", "--snapshot-every", "20",
                "--checkpoint-every", "0", "--device", "cpu", "--threads", "1")
    state_dir = run.runs_root(app_paths().user_models) / "killed"
    process = subprocess.Popen(args, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if json.loads((state_dir / "progress.json").read_text())["step"] >= 8:
                    break
            except (OSError, ValueError):
                pass
            assert process.poll() is None, "the fine-tune ended before it could be killed"
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    saved = load_training_state(state_dir / "state.pt")  # a whole state, not a torn one
    assert 8 <= saved["trainer"]["step"] < 40
    pending = run.unfinished_runs(app_paths().user_models)
    assert [p.name for p in pending] == ["killed"]
    done = subprocess.run(_cli("--resume", "killed", "--device", "cpu", "--threads", "1"), cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"Resuming at step {saved['trainer']['step']}" in done.stderr
    model = state_dir.parent.parent / "killed"
    card = json.loads((model / "card.json").read_text())
    assert card["training"]["steps"] == 40
    from artdesk.ml.checkpoint import load_checkpoint

    load_checkpoint(model)  # hashes and shapes check out
    assert not list(state_dir.glob(".*.tmp")) and not (state_dir / "state.pt").exists()
