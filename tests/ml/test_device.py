import os

import torch

from artdesk.ml.device import configure_threads, pick_device, worker_threads


def test_worker_keeps_a_core_for_the_ui():
    assert worker_threads() == max(1, (os.cpu_count() or 1) - 1)


def test_cpu_is_always_available():
    assert pick_device("cpu").type == "cpu"
    assert pick_device("auto").type in ("cpu", "cuda", "mps")


def test_configure_threads_sets_torch():
    before = torch.get_num_threads()
    try:
        assert configure_threads(1) == 1 and torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)
