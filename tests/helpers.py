"""Tiny models and job functions shared by tests."""
from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True)
class TinyConfig:
    width: int = 8
    depth: int = 2


def make_tiny_model(config: TinyConfig):
    import torch

    layers = []
    for _ in range(config.depth):
        layers += [torch.nn.Linear(config.width, config.width), torch.nn.Tanh()]
    return torch.nn.Sequential(*layers)


def steps_job(request, ctx):
    """Reports ``request`` steps, checking cancel at each; returns the number done."""
    for step in range(request):
        ctx.raise_if_cancelled()
        ctx.report((step + 1) / request, f"step {step + 1}")
    return request


def failing_job(request, ctx):
    raise ValueError("boom")


def gated_job(gate: threading.Event, ctx):
    """Waits (checking cancel) until the test opens the gate."""
    while not gate.wait(0.005):
        ctx.raise_if_cancelled()
    return "opened"


def refusing_job(request, ctx):
    from artdesk.core.errors import ArtdeskError

    raise ArtdeskError(f"cannot do {request}")


def deaf_job(seconds, ctx):
    """Sleeps ``seconds`` without ever checking cancel (a stuck model call)."""
    import time

    time.sleep(seconds)
    return seconds


def crashing_job(request, ctx):
    """Ends its process at once, as a crash in native code would."""
    import os

    os._exit(3)


def pid_job(request, ctx):
    """The process id the job ran in."""
    import os

    return os.getpid()
