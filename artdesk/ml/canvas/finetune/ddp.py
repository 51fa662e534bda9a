"""Several processes, one fine-tune: PyTorch DistributedDataParallel under torchrun (gloo on CPU, NCCL on CUDA).

``torchrun --nproc_per_node N -m artdesk finetune canvas FOLDER ...`` runs the same command in N processes;
each joins the process group here, trains on its slice of every global batch (the random draws are made for
the whole batch from one seeded generator, so N processes compute what one would), and DDP averages the
gradients. Only the first process (rank 0) writes checkpoints, snapshots and the finished model; for
several machines, the user models folder must be shared or the same on each.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class World:
    """This process's place among the training processes; ``size`` 1 is an ordinary single-process run."""

    rank: int = 0
    size: int = 1
    local_rank: int = 0
    backend: str = ""

    @property
    def main(self) -> bool:
        return self.rank == 0

    def wrap(self, module: nn.Module) -> nn.Module:
        """The module itself alone, else DDP around it (buffers are synced once: every rank computes the same after)."""
        if self.size == 1:
            return module
        from torch.nn.parallel import DistributedDataParallel

        device = next(module.parameters()).device
        ids = [device.index] if device.type == "cuda" else None
        return DistributedDataParallel(module, device_ids=ids, forward_sync_buffers=False)

    def agree(self, flag: bool) -> bool:
        """True on every rank when it is true on any (cancel, stop): all ranks leave the loop at the same step."""
        if self.size == 1:
            return flag
        import torch.distributed as dist

        value = torch.tensor([1.0 if flag else 0.0])
        dist.all_reduce(value, op=dist.ReduceOp.MAX)
        return bool(value.item() > 0)

    def device(self, device: torch.device) -> torch.device:
        if self.size > 1 and device.type == "cuda":
            return torch.device("cuda", self.local_rank)
        return device

    def describe(self) -> str:
        return "" if self.size == 1 else f" x {self.size} processes (DistributedDataParallel, {self.backend})"


def join() -> World:
    """Join torchrun's process group when its environment says there are several processes."""
    size = int(os.environ.get("WORLD_SIZE", "1"))
    if size <= 1:
        return World()
    import torch.distributed as dist

    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    local_size = int(os.environ.get("LOCAL_WORLD_SIZE", str(size)))
    backend = "nccl" if torch.cuda.is_available() else "gloo"
    if backend == "nccl":
        torch.cuda.set_device(local_rank)
    else:  # processes on one machine share its cores
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_size))
    if not dist.is_initialized():
        dist.init_process_group(backend)
    return World(dist.get_rank(), dist.get_world_size(), local_rank, backend)


def leave(world: World) -> None:
    if world.size > 1:
        import torch.distributed as dist

        if dist.is_initialized():
            dist.destroy_process_group()
