"""``artdesk finetune canvas`` in-process: bad input gets a message and exit 2; --estimate; --unfinished lists runs."""
import pytest
import torch

from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.canvas.finetune import run
from artdesk.ml.canvas.finetune.cli import finetune_main
from tests.ml.canvas.finetune_helpers import flowers, request, tiny_base


@pytest.fixture
def base(tmp_path):
    torch.set_num_threads(1)
    return tiny_base(tmp_path / "base")


@pytest.mark.parametrize("make, words", [
    (lambda tmp: [str(tmp / "nowhere"), "--name", "x"], "does not exist"),
    (lambda tmp: [str(tmp / "empty"), "--name", "x"], "no pictures to learn from"),
    (lambda tmp: [str(tmp / "one"), "--name", "x"], "at least 3 pictures"),
    (lambda tmp: [str(tmp / "one")], "--name for the new model"),
])
def test_bad_input_exits_2_with_a_message(make, words, base, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    flowers(tmp_path / "one", 1)
    assert finetune_main([*make(tmp_path), "--base", str(base)]) == 2
    assert words in capsys.readouterr().err


def test_estimate_prints_the_time_and_unfinished_lists_paused_runs(base, tmp_path, capsys):
    files = flowers(tmp_path / "pictures", 6)
    assert finetune_main([str(tmp_path / "pictures"), "--name", "x", "--base", str(base), "--steps", "90",
                          "--estimate", "--device", "cpu"]) == 0
    assert "x 90 steps: about" in capsys.readouterr().out

    class StopAtOnce(RecordingContext):
        def report(self, fraction, message=""):
            super().report(fraction, message)
            if message.startswith("Step 10 "):
                self.cancel()

    with pytest.raises(Cancelled):
        run.run_finetune(request(files, base, name="paused", steps=20, snapshot_every=10), StopAtOnce())
    assert finetune_main(["--unfinished"]) == 0
    assert "paused: step 10, 6 pictures" in capsys.readouterr().out
    assert finetune_main(["--resume", "other"]) == 2
    assert "no unfinished fine-tune named other" in capsys.readouterr().err
