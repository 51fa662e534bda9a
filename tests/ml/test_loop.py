"""The one training loop (ml/loop.py): budget, resume, cancel, periodic atomic saves, clock."""
import pytest

from artdesk.core.jobs import Cancelled, JobContext, RecordingContext
from artdesk.ml.checkpoint import load_training_state
from artdesk.ml import loop as loop_module
from artdesk.ml.loop import Clock, TrainLoop


def _counter(loop: TrainLoop):
    seen = []
    return seen, (lambda loop: seen.append(loop.step)), (lambda: {"step": loop.step, "seconds": loop.clock.total})


def test_steps_budget_counts_over_resumes_and_the_end_state_is_saved(tmp_path):
    path = tmp_path / "state.pt"
    loop = TrainLoop(JobContext(), steps=5, state_path=path)
    seen, step, state = _counter(loop)
    assert loop.run(step, state) is False
    assert seen == [0, 1, 2, 3, 4] and load_training_state(path)["step"] == 5

    again = TrainLoop(JobContext(), steps=8, state_path=path)
    saved = again.saved()
    again.resume(saved["step"], saved["seconds"])
    seen, step, state = _counter(again)
    again.run(step, state)
    assert seen == [5, 6, 7] and again.session_steps == 3 and load_training_state(path)["step"] == 8
    assert TrainLoop(JobContext(), state_path=path, resume=False).saved() is None


def test_cancel_saves_first_then_raises_with_the_message(tmp_path):
    path = tmp_path / "state.pt"
    ctx = JobContext()
    loop = TrainLoop(ctx, steps=100, state_path=path, cancel_message=lambda loop: f"paused at {loop.step}")

    def step(loop):
        if loop.step == 3:
            ctx.cancel()

    with pytest.raises(Cancelled, match="paused at 4"):
        loop.run(step, lambda: {"step": loop.step})
    assert load_training_state(path) == {"step": 4}


def test_periodic_saves_by_steps_and_seconds(tmp_path):
    saves = []
    loop = TrainLoop(JobContext(), steps=10, save_every_steps=4, save_at_end=False)
    loop.run(lambda loop: None, save=lambda: saves.append(loop.step))
    assert saves == [4, 8]

    saves.clear()
    timed = TrainLoop(JobContext(), steps=3, save_every_s=0.0, save_at_end=False)
    timed.run(lambda loop: None, save=lambda: saves.append(timed.step))
    assert saves == [1, 2, 3]


def test_after_can_stop_early_and_errors_save_only_when_asked(tmp_path):
    loop = TrainLoop(JobContext(), steps=100, save_at_end=False)
    assert loop.run(lambda loop: None, save=lambda: None, after=lambda loop: loop.step == 7) is True
    assert loop.step == 7

    saves = []

    def broken(loop):
        raise RuntimeError("out of memory")

    for save_on_error, expected in ((False, []), (True, [0])):
        failing = TrainLoop(JobContext(), steps=3, save_on_error=save_on_error)
        with pytest.raises(RuntimeError):
            failing.run(broken, save=lambda: saves.append(0))
        assert saves == expected


class FakeTime:
    """Stands in for the ``time`` module inside ml/loop.py: time passes only when a test sleeps, so no bound
    depends on how busy the machine is. Steps are powers of two, so every sum is exact."""

    def __init__(self) -> None:
        self.now, self.cpu = 100.0, 7.0

    def monotonic(self) -> float:
        return self.now

    def process_time(self) -> float:
        return self.cpu

    def sleep(self, seconds: float, cpu: float = 0.0) -> None:
        self.now += seconds
        self.cpu += cpu


@pytest.fixture
def fake_time(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(loop_module, "time", fake)
    return fake


def test_seconds_budget_and_a_paused_clock(fake_time):
    loop = TrainLoop(RecordingContext(), seconds=1 / 16)

    def step(loop):
        fake_time.sleep(1 / 64, cpu=1 / 128)

    def after(loop):
        if loop.step == 1:
            with loop.clock.paused():  # an evaluation: not training time
                fake_time.sleep(4.0, cpu=2.0)

    loop.run(step, after=after)
    assert loop.step == 4 and loop.clock.session == 1 / 16  # four 1/64 s steps; the 4 s pause is left out
    assert loop.clock.cpu_total == 4 / 128 and loop.fraction() == 1.0

    resumed = TrainLoop(JobContext(), seconds=10.0, budget_includes_resumed=True)
    resumed.resume(4, 10.0, 2.0)
    assert resumed.spent() and resumed.run(lambda loop: None) is False and resumed.step == 4


def test_a_stopped_clock_no_longer_counts(fake_time):
    clock = Clock(already=5.0)
    fake_time.sleep(1.0)
    clock.stop()
    fake_time.sleep(2.0)
    assert clock.total == 6.0
    with clock.paused():  # the end-of-run save's evaluation: not training time, but none is taken off either
        fake_time.sleep(3.0, cpu=3.0)
    assert clock.total == 6.0
