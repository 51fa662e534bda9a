"""Wiring a job handle to its receivers in one call: ``wire(handle, progress=..., returned=..., finished=...)``.

Each keyword names one of ``JobHandle``'s signals (progress, partial, returned, errored, aborted, finished); the
signals are connected in the order given, so a receiver connected later (a "job finished" notice) runs after them.
"""
from __future__ import annotations

from typing import Any, Callable

SIGNALS = ("progress", "partial", "returned", "errored", "aborted", "finished")


def wire(handle: Any, **receivers: Callable[..., Any] | None) -> Any:
    """Connect each named signal of ``handle`` to its receiver (None: left unconnected); returns the handle."""
    for name, receiver in receivers.items():
        if name not in SIGNALS:
            raise TypeError(f"a job handle has no signal {name!r}")
        if receiver is not None:
            getattr(handle, name).connect(receiver)
    return handle
