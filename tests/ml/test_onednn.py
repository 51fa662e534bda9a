"""Step-by-step recurrent inference without oneDNN: same numbers, and the global flag comes back."""
import threading

import torch

from artdesk.ml.onednn import onednn_disabled
from artdesk.ml.poem.model import PoemConfig, PoemRNN


def test_the_flag_is_restored_after_nested_and_concurrent_use():
    before = torch._C._get_mkldnn_enabled()
    with onednn_disabled():
        assert not torch._C._get_mkldnn_enabled()
        with onednn_disabled():
            pass
        assert not torch._C._get_mkldnn_enabled()
    assert torch._C._get_mkldnn_enabled() == before

    started, release = threading.Barrier(2), threading.Event()

    def hold():
        with onednn_disabled():
            started.wait()
            release.wait()

    worker = threading.Thread(target=hold)
    worker.start()
    started.wait()
    with onednn_disabled():
        pass
    assert not torch._C._get_mkldnn_enabled()  # the other thread still holds it
    release.set()
    worker.join()
    assert torch._C._get_mkldnn_enabled() == before


def test_stepping_one_token_at_a_time_matches_the_whole_sequence():
    torch.manual_seed(0)
    model = PoemRNN(PoemConfig(50, "en", embed=8, hidden=16, layers=2, dropout=0.0, cell="lstm")).eval()
    ids = torch.randint(50, (1, 12))
    with torch.no_grad():
        whole, _ = model(ids)
        state, steps = None, []
        for t in range(ids.shape[1]):
            logits, state = model(ids[:, t:t + 1], state)
            steps.append(logits)
    assert torch.allclose(torch.cat(steps, 1), whole, atol=1e-5)
