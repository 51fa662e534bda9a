"""Jobs in the model process: results, progress, errors and cancel cross the boundary; a stuck or crashed child is replaced."""
import os
import threading

import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.job_process import JobFailed, JobProcess, JobRefused
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
