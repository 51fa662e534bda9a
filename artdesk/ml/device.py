"""Device and thread choice: CUDA, then Apple MPS, then CPU; torch keeps one core free for the UI."""
from __future__ import annotations

import os

import torch


def worker_threads() -> int:
    """Threads for torch on a worker: one fewer than the cores, at least 1."""
    return max(1, (os.cpu_count() or 1) - 1)


def configure_threads(threads: int | None = None) -> int:
    threads = threads or worker_threads()
    torch.set_num_threads(threads)
    return threads


def pick_device(preference: str = "auto") -> torch.device:
    """``auto`` prefers CUDA, then MPS, then CPU; ``cpu``/``cuda``/``mps`` force one (falling back to CPU)."""
    if preference in ("auto", "cuda") and torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if preference in ("auto", "mps") and mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")
