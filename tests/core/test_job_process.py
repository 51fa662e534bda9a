"""Jobs in the model process: results, progress, errors and cancel cross the boundary; a stuck or crashed child is replaced."""
import os
import threading
from pathlib import Path

import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.job_process import JobFailed, JobProcess, JobRefused, enterable_start_folder
from artdesk.core.jobs import Cancelled, RecordingContext
from tests.helpers import crashing_job, deaf_job, failing_job, pid_job, refusing_job, steps_job


@pytest.fixture(scope="module")
def process():
    process = JobProcess(kill_after_s=1.0)
    yield process
    process.stop()
    assert not process.alive


def test_a_job_runs_in_another_process_and_its_progress_arrives(process):
    assert process.run(pid_job, None, RecordingContext()) != os.getpid()
    ctx = RecordingContext()
    assert process.run(steps_job, 4, ctx) == 4
    assert [p.fraction for p in ctx.progress][-1] == 1.0


def test_errors_keep_their_kind_message_and_the_child_traceback(process):
    with pytest.raises(JobRefused, match="cannot do this") as refused:
        process.run(refusing_job, "this", RecordingContext())
    assert isinstance(refused.value, ArtdeskError) and "refusing_job" in refused.value.details
    with pytest.raises(JobFailed, match="boom") as failed:
        process.run(failing_job, None, RecordingContext())
    assert "ValueError" in failed.value.details


def test_cancel_reaches_the_job(process):
    ctx = RecordingContext(cancel_after=2)
    with pytest.raises(Cancelled):
        process.run(steps_job, 10_000_000, ctx)
    assert process.run(steps_job, 2, RecordingContext()) == 2  # the next job sees no stale cancel


def test_a_job_deaf_to_cancel_is_killed_and_the_next_job_gets_a_new_child(process):
    first = process.run(pid_job, None, RecordingContext())
    ctx = RecordingContext()
    threading.Timer(0.2, ctx.cancel).start()
    with pytest.raises(Cancelled):
        process.run(deaf_job, 60, ctx)
    assert process.run(pid_job, None, RecordingContext()) != first


def test_a_crash_in_the_child_is_an_error_not_a_crash_here(process):
    with pytest.raises(ArtdeskError, match="stopped unexpectedly"):
        process.run(crashing_job, None, RecordingContext())
    assert process.run(steps_job, 1, RecordingContext()) == 1


def test_only_module_level_functions_and_picklable_requests_cross():
    assert JobProcess.crosses(steps_job, 3)
    assert not JobProcess.crosses(lambda request, ctx: None, 3)
    assert not JobProcess.crosses(steps_job, threading.Event())


def run_in_thread(process, fn, request, ctx):
    """Start ``process.run(fn, request, ctx)`` on a thread; the outcome (result or exception) lands in the list."""
    outcome = []

    def target():
        try:
            outcome.append(process.run(fn, request, ctx))
        except BaseException as error:  # noqa: BLE001 (the test looks at it)
            outcome.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    return thread, outcome


def test_closing_ends_a_child_still_in_its_initializer_at_once():
    """The app closing during the warm-up (torch's import, deaf to cancel) waited kill_after_s for it."""
    process = JobProcess(initializer=(deaf_job, 600), kill_after_s=600)
    process.start()
    assert process.starting  # the initializer sleeps for 10 minutes
    ctx = RecordingContext()
    thread, outcome = run_in_thread(process, steps_job, 1, ctx)  # waits behind the initializer
    ctx.cancel()
    process.close()
    thread.join(60)
    assert not thread.is_alive() and isinstance(outcome[0], Cancelled)
    assert not process.alive
    with pytest.raises(Cancelled):  # closed: no job starts any more
        process.run(steps_job, 1, RecordingContext())


def test_an_idle_child_still_in_its_initializer_is_stopped_without_waiting():
    process = JobProcess(initializer=(deaf_job, 600))
    process.start()
    assert process.starting
    process.stop(timeout_s=600)  # asks an idle child to end after its initializer: it would wait out the sleep
    assert not process.alive


def test_kill_now_ends_a_job_that_honours_no_cancel():
    process = JobProcess(kill_after_s=600)
    first = process.run(pid_job, None, RecordingContext())
    ctx = RecordingContext()
    thread, outcome = run_in_thread(process, deaf_job, 600, ctx)
    process.kill_now()
    thread.join(60)
    assert not thread.is_alive() and isinstance(outcome[0], Cancelled)
    assert not process.alive and first != os.getpid()


def test_a_deleted_working_folder_does_not_stop_the_child_from_starting(tmp_path, monkeypatch):
    """multiprocessing's spawn sends the working folder to the child, which changes to it: a deleted one (or
    one the user may not enter) failed the start. The child starts from the home folder then."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    process = JobProcess()
    try:
        assert process.run(pid_job, None, RecordingContext()) != os.getpid()
    finally:
        process.stop()
    assert os.getcwd() == str(Path.home())


def test_a_folder_the_user_may_not_enter_is_left_for_one_they_may(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.chdir(locked)
    assert enterable_start_folder() is None
    allowed = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: allowed(path, mode) and Path(path) != locked)
    assert enterable_start_folder() == str(Path.home())
