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
