"""Snapshots of a fine-tune: the averaged (EMA) generator every few hundred steps, its strip and its metrics.

They live beside the run's state, in ``<user models>/canvas/.finetune/<name>/snapshots/step-NNNNNN/``
(``generator.safetensors``, ``samples.npy``, ``pairs.npy``, ``info.json``), each written atomically. The
finished model is ``<user models>/canvas/<name>/``; any snapshot can be marked best (the model then uses
its weights), exported as a model of its own, or deleted.
"""
from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_directory, atomic_write_text
from artdesk.core.errors import ArtdeskError

RUNS = ".finetune"
WEIGHTS = "generator.safetensors"
BEST = "best.json"


@dataclass(frozen=True)
class SnapshotInfo:
    step: int
    path: Path
    kid: float | None
    too_close: float | None
    is_best: bool


def run_folder(model_dir: Path) -> Path:
    """Where the run (state, pictures, snapshots) of the model folder ``model_dir`` lives."""
    model_dir = Path(model_dir)
    return model_dir.parent / RUNS / model_dir.name


def snapshot_folder(run_dir: Path, step: int) -> Path:
    return Path(run_dir) / "snapshots" / f"step-{step:06d}"


def _npy(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def write_snapshot(run_dir: Path, step: int, generator, samples: np.ndarray, pairs: np.ndarray, info: dict) -> Path:
    """Save one snapshot atomically (raises ArtdeskError, e.g. on a full disk, leaving older ones intact)."""
    from safetensors.torch import save_file

    dest = snapshot_folder(run_dir, step)
    with atomic_directory(dest) as tmp:
        state = {k: v.detach().cpu().half().contiguous() if v.is_floating_point() else v.detach().cpu().contiguous()
                 for k, v in generator.state_dict().items()}
        save_file(state, str(tmp / WEIGHTS))
        (tmp / "samples.npy").write_bytes(_npy(samples))
        (tmp / "pairs.npy").write_bytes(_npy(pairs))
        (tmp / "info.json").write_text(json.dumps({"step": step, **info}, indent=1), encoding="utf-8")
    return dest


def read_snapshot(folder: Path) -> tuple[dict, np.ndarray, np.ndarray]:
    """(info, samples, closest pairs) of one snapshot folder."""
    info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
    return info, np.load(folder / "samples.npy", allow_pickle=False), np.load(folder / "pairs.npy", allow_pickle=False)


def _best_step(run_dir: Path) -> int | None:
    try:
        return int(json.loads((run_dir / "snapshots" / BEST).read_text())["step"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _folders(run_dir: Path) -> list[Path]:
    base = Path(run_dir) / "snapshots"
    return sorted(p for p in base.glob("step-*") if (p / "info.json").is_file()) if base.is_dir() else []


def list_snapshots(model_dir: Path) -> list[SnapshotInfo]:
    """The snapshots of a fine-tuned model (or of a run in progress, by its model folder), oldest first."""
    run_dir = run_folder(model_dir)
    best = _best_step(run_dir)
    out = []
    for folder in _folders(run_dir):
        info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
        step = int(info["step"])
        out.append(SnapshotInfo(step, folder, info.get("kid"), info.get("too_close"), step == best))
    return out


def _find(model_dir: Path, step: int) -> Path:
    folder = snapshot_folder(run_folder(model_dir), step)
    if not (folder / WEIGHTS).is_file():
        raise ArtdeskError(f"There is no snapshot at step {step} of {Path(model_dir).name}.")
    return folder


def _save_from_snapshot(model_dir: Path, step: int, dest: Path, name: str) -> Path:
    """Write the model of ``model_dir`` with the generator of snapshot ``step`` to ``dest``."""
    from safetensors.torch import load_file

    from artdesk.core.cards import read_card
    from artdesk.ml.canvas.model import GanConfig, Generator
    from artdesk.ml.checkpoint import save_checkpoint

    folder = _find(model_dir, step)
    card = read_card(Path(model_dir), "user")
    info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
    config = GanConfig(**card.raw["config"])
    generator = Generator(config)
    generator.load_state_dict(load_file(str(folder / WEIGHTS)), strict=True)
    generator.eval()
    assets = {p.name: p.read_bytes() for p in Path(model_dir).iterdir()
              if p.is_file() and p.name not in ("card.json", "model.safetensors")}
    metrics = {**card.metrics, "kid_vs_heldout": info.get("kid"), "too_close_rate": info.get("too_close"),
               "snapshot_step": step}
    return save_checkpoint(generator, dest, model_type=card.model_type, config=config, name=name,
                           description=card.description, data=card.raw.get("data"),
                           training={**card.raw.get("training", {}), "snapshot_step": step}, metrics=metrics,
                           parent=card.parent or None, labels=card.labels, assets=assets)


def mark_best(model_dir: Path, step: int) -> Path:
    """Make snapshot ``step`` the model's weights (the model folder is rewritten atomically) and remember it."""
    _find(model_dir, step)
    if (Path(model_dir) / "card.json").is_file():
        _save_from_snapshot(model_dir, step, Path(model_dir), Path(model_dir).name)
    remember_best(run_folder(model_dir), step)
    return Path(model_dir)


def remember_best(run_dir: Path, step: int) -> None:
    atomic_write_text(Path(run_dir) / "snapshots" / BEST, json.dumps({"step": step}))


def export_snapshot(model_dir: Path, step: int, dest_dir: Path) -> Path:
    """Write snapshot ``step`` as a model of its own, ``dest_dir/<name>-step<step>``; returns its folder."""
    name = f"{Path(model_dir).name}-step{step}"
    dest = Path(dest_dir) / name
    if dest.exists():
        raise ArtdeskError(f"{dest} already exists. Choose another folder or delete it first.")
    return _save_from_snapshot(model_dir, step, dest, name)


def delete_snapshot(model_dir: Path, step: int) -> None:
    folder = _find(model_dir, step)
    run_dir = run_folder(model_dir)
    try:
        shutil.rmtree(folder)
    except OSError as error:
        raise ArtdeskError(f"Could not delete the snapshot at step {step}: {error.strerror or error}.") from error
    if _best_step(run_dir) == step:
        (run_dir / "snapshots" / BEST).unlink(missing_ok=True)
