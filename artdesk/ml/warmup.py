"""The start-up job: pay torch's import costs once, on the worker, right after the window shows."""
from __future__ import annotations

from typing import Any

from artdesk.core.jobs import JobContext


def warm_up(request: Any, ctx: JobContext) -> dict[str, str]:
    """Imports torch, sets worker threads, creates an Adam once (it imports torch._dynamo).

    Reports progress at each of its three steps; not cancellable mid-import.
    """
    ctx.report(0.0, "Getting the models ready…")
    import torch

    from artdesk.ml.device import configure_threads, pick_device

    ctx.raise_if_cancelled()
    threads = configure_threads()
    ctx.report(0.5, "Getting the models ready…")
    torch.optim.Adam([torch.nn.Parameter(torch.zeros(1))])
    device = pick_device(str(request or "auto"))
    ctx.report(1.0, "Models ready")
    return {"device": str(device), "threads": str(threads), "torch": str(torch.__version__)}  # a plain str: a TorchVersion would import torch where it is unpickled
