"""The runner's signal contract: order for success, error and cancel; no thread left behind."""
import threading

import pytest

from artdesk.ui.jobs import MODEL_WORKER, TRAINING_WORKER, Runner
from tests.helpers import failing_job, gated_job, steps_job


@pytest.fixture
def runner(qtbot):
    runner = Runner()
    yield runner
    assert runner.shutdown(5000)


def test_success_order(qtbot, runner):
    handle = runner.submit(steps_job, 3, "steps")
    results = []
    handle.returned.connect(results.append)
    progress = []
    handle.progress.connect(progress.append)
    with qtbot.waitSignals([handle.started, handle.returned, handle.finished], order="strict", timeout=5000):
        handle.start()
    assert results == [3]
    assert progress[-1].fraction == 1.0  # the last report always arrives


def test_error_order_and_message(qtbot, runner):
    handle = runner.submit(failing_job, None, "fails")
    errors = []
    handle.errored.connect(lambda message, details: errors.append((message, details)))
    with qtbot.waitSignals([handle.started, handle.errored, handle.finished], order="strict", timeout=5000):
        handle.start()
    message, details = errors[0]
    assert "boom" in message and "ValueError" in details


def test_cancel_order(qtbot, runner):
    gate = threading.Event()
    handle = runner.submit(gated_job, gate, "gated")
    returned = []
    handle.returned.connect(returned.append)
    with qtbot.waitSignal(handle.started, timeout=5000):
        handle.start()
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=5000):
        handle.cancel()
    assert returned == []


def test_job_cancelled_before_it_runs_never_starts(qtbot, runner):
    gate = threading.Event()
    first = runner.submit(gated_job, gate, "first")
    second = runner.submit(steps_job, 2, "second")
    started = []
    second.started.connect(lambda: started.append(True))
    with qtbot.waitSignal(first.started, timeout=5000):
        first.start()
    second.start()
    second.cancel()
    with qtbot.waitSignals([second.aborted, second.finished], order="strict", timeout=5000):
        gate.set()
    assert started == []


def test_training_does_not_block_inference(qtbot, runner):
    gate = threading.Event()
    training = runner.submit(gated_job, gate, "training", worker=TRAINING_WORKER)
    with qtbot.waitSignal(training.started, timeout=5000):
        training.start()
    inference = runner.submit(steps_job, 2, "inference")
    with qtbot.waitSignal(inference.finished, timeout=5000):
        inference.start()
    assert not training.is_finished
    with qtbot.waitSignal(training.finished, timeout=5000):
        gate.set()


def test_shutdown_with_a_job_running_ends_cleanly(qtbot):
    runner = Runner()
    gate = threading.Event()
    handle = runner.submit(gated_job, gate, "long")
    with qtbot.waitSignal(handle.started, timeout=5000):
        handle.start()
    with qtbot.waitSignal(handle.aborted, timeout=5000):
        assert runner.shutdown(5000)


def test_a_job_submitted_after_shutdown_is_aborted_and_starts_no_thread(qtbot, runner):
    assert runner.shutdown(5000)
    handle = runner.submit(steps_job, 3, "late")
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=5000):
        handle.start()
    assert not any(worker.isRunning() for worker in runner._workers.values())


def test_model_process_runs_jobs_that_cross_and_keeps_the_rest_on_the_thread(qtbot, runner):
    import os

    from tests.helpers import pid_job

    runner.use_model_process()
    pids = []
    handle = runner.submit(pid_job, None, "pid")
    handle.returned.connect(pids.append)
    with qtbot.waitSignals([handle.started, handle.returned, handle.finished], order="strict", timeout=60000):
        handle.start()
    errors = []
    failing = runner.submit(failing_job, None, "fails")
    failing.errored.connect(lambda message, details: errors.append((message, details)))
    with qtbot.waitSignal(failing.finished, timeout=60000):
        failing.start()
    gate = threading.Event()
    gated = runner.submit(gated_job, gate, "gated")  # an Event does not pickle: this job stays on the thread
    with qtbot.waitSignal(gated.started, timeout=5000):
        gated.start()
    with qtbot.waitSignal(gated.returned, timeout=5000):
        gate.set()
    assert pids[0] != os.getpid()
    message, details = errors[0]
    assert "boom" in message and "ValueError" in details and "failing_job" in details


def test_a_model_process_that_cannot_start_leaves_the_jobs_on_the_thread(qtbot, runner, monkeypatch):
    from artdesk.core.job_process import JobProcess

    def refuse(self):
        raise OSError("no spawning here")

    monkeypatch.setattr(JobProcess, "start", refuse)
    runner.use_model_process()
    handle = runner.submit(steps_job, 2, "steps")
    results = []
    handle.returned.connect(results.append)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        handle.start()
    assert results == [2]


def test_a_named_job_is_imported_and_run_on_the_worker_thread(qtbot, runner):
    import sys

    sys.modules.pop("tests.jobs_probe", None)
    handle = runner.submit("tests.jobs_probe:where_job", None, "probe")
    assert "tests.jobs_probe" not in sys.modules  # submitting imports nothing on the UI thread
    results = []
    handle.returned.connect(results.append)
    with qtbot.waitSignals([handle.returned, handle.finished], order="strict", timeout=5000):
        handle.start()
    imported_on, ran_on = results[0]
    assert imported_on == ran_on != threading.main_thread().ident  # both on the worker, never on the UI thread


@pytest.mark.parametrize("name, says", [
    ("tests.jobs_probe:no_such_job", "tests.jobs_probe has no function 'no_such_job'"),
    ("tests.no_such_module:where_job", "this artdesk has no module 'tests.no_such_module'"),
])
def test_a_job_name_that_names_nothing_errors_with_what_is_missing(qtbot, runner, name, says):
    handle = runner.submit(name, None, "mistyped")
    errors = []
    handle.errored.connect(lambda message, _details: errors.append(message))
    with qtbot.waitSignals([handle.errored, handle.finished], order="strict", timeout=5000):
        handle.start()
    assert errors == [f"There is no job {name!r}: {says}."]


def test_a_malformed_job_name_is_refused_when_submitted(runner):
    from artdesk.core.jobs import UnknownJob

    with pytest.raises(UnknownJob, match="package.module:function"):
        runner.submit("generate_grid", None, "no module")


def test_a_named_job_crosses_to_the_model_process_without_being_imported_here(qtbot, runner):
    import sys

    sys.modules.pop("tests.jobs_probe", None)
    runner.use_model_process()
    handle = runner.submit("tests.jobs_probe:where_job", None, "probe")
    results = []
    handle.returned.connect(results.append)
    with qtbot.waitSignals([handle.returned, handle.finished], order="strict", timeout=60000):
        handle.start()
    assert len(results) == 1
    assert "tests.jobs_probe" not in sys.modules  # imported in the child only


def test_fine_tunes_run_in_a_process_of_their_own(qtbot, runner):
    """The training worker's jobs (fine-tunes) ran on a thread of the UI's process: torch held its GIL."""
    import os

    from tests.helpers import pid_job

    runner.use_model_process()
    pids = {}
    for worker in (MODEL_WORKER, TRAINING_WORKER):
        handle = runner.submit(pid_job, None, worker, worker=worker)
        handle.returned.connect(lambda pid, worker=worker: pids.setdefault(worker, pid))
        with qtbot.waitSignal(handle.finished, timeout=60000):
            handle.start()
    assert os.getpid() not in pids.values() and pids[MODEL_WORKER] != pids[TRAINING_WORKER]


def test_closing_during_the_warm_up_ends_the_model_process_at_once(qtbot):
    """A job waiting for the model process's initializer (torch's import, deaf to cancel) held the close
    until the process was killed for not answering its cancel."""
    from tests.helpers import deaf_job

    runner = Runner()
    runner.use_model_process((deaf_job, 600), start=False).kill_after_s = 600
    handle = runner.submit(steps_job, 1, "behind the warm-up")
    with qtbot.waitSignal(handle.started, timeout=5000):
        handle.start()
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=5000):
        assert runner.shutdown(60000)
    assert not runner._workers[MODEL_WORKER].process.alive


def test_a_fine_tune_that_does_not_stop_at_close_is_ended_with_its_process(qtbot):
    """A training job deaf to cancel left its thread running after the close (a crash at exit)."""
    from tests.helpers import deaf_job

    runner = Runner()
    runner.use_model_process(start=False)
    handle = runner.submit(deaf_job, 600, "stuck fine-tune", worker=TRAINING_WORKER)
    with qtbot.waitSignal(handle.started, timeout=5000):
        handle.start()
    with qtbot.waitSignals([handle.aborted, handle.finished], order="strict", timeout=60000):
        assert runner.shutdown(100)
    assert not runner._workers[TRAINING_WORKER].isRunning()


def test_every_fine_tune_request_crosses_to_the_training_process(tmp_path):
    """A request that does not pickle would quietly run its fine-tune on the training thread of the UI's process."""
    import numpy as np

    from artdesk.core.job_process import JobProcess
    from artdesk.ml.canvas.finetune.plan import FinetuneRequest as CanvasFinetune
    from artdesk.ml.music.requests import FinetuneRequest as MusicFinetune
    from artdesk.ml.poem.requests import FinetuneRequest as PoemFinetune
    from artdesk.ml.style.custom import CustomStyleRequest

    requests = [CanvasFinetune(files=(str(tmp_path / "a.png"),), base_dir=str(tmp_path), name="mine"),
                MusicFinetune(tmp_path, tmp_path, "mine"),
                PoemFinetune(str(tmp_path), "bundled", str(tmp_path / "poems.txt"), str(tmp_path / "mine")),
                CustomStyleRequest("mine", (str(tmp_path / "a.png"),), str(tmp_path), np.zeros((4, 4, 3), np.uint8))]
    assert [JobProcess.crosses(request.job, request) for request in requests] == [True] * 4


def make_cycles(count, ctx):
    """Allocate ``count`` reference cycles on the job's thread: enough to pass the collector's thresholds."""
    for _ in range(count):
        cycle = []
        cycle.append(cycle)
    return count


def test_collections_that_job_threads_trigger_run_on_the_ui_thread(qtbot, runner):
    """Garbage can hold Qt objects, which must not be deleted off the UI thread (a segfault in CI): a job thread
    allocating past the thresholds leaves the collection to the UI thread's collector."""
    import gc

    threads = []

    def note(phase, info):
        if phase == "start":
            threads.append(threading.current_thread())

    gc.callbacks.append(note)
    try:
        handle = runner.submit(make_cycles, 50_000, "cycles")
        with qtbot.waitSignal(handle.returned, timeout=5000):
            handle.start()
        qtbot.waitUntil(lambda: bool(threads), timeout=2000)
    finally:
        gc.callbacks.remove(note)
    assert set(threads) == {threading.main_thread()}


@pytest.mark.parametrize("counts, due", [((10, 0, 0), None), ((700, 0, 0), 0), ((700, 10, 0), 1), ((700, 10, 10), 2),
                                         ((5, 10, 10), None)])
def test_the_collector_collects_the_generation_python_would(counts, due):
    from artdesk.ui.collector import generation_due

    assert generation_due(counts, (700, 10, 10)) == due
