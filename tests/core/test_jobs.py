import pytest

from artdesk.core.jobs import Cancelled, JobContext, Progress, RecordingContext
from tests.helpers import steps_job


def test_recording_context_sees_every_report():
    ctx = RecordingContext()
    assert steps_job(5, ctx) == 5
    assert [p.fraction for p in ctx.progress] == [0.2, 0.4, 0.6, 0.8, 1.0]


def test_cancel_is_raised_at_the_next_check():
    ctx = RecordingContext(cancel_after=2)
    with pytest.raises(Cancelled):
        steps_job(10, ctx)
    assert len(ctx.progress) == 2


def test_throttled_reports_deliver_the_last_one_on_flush():
    seen: list[Progress] = []
    ctx = JobContext(on_progress=seen.append, max_rate_hz=1e-6)
    for i in range(100):
        ctx.report(i / 99, f"{i}")
    assert len(seen) == 1  # the first goes out, the rest are held back
    ctx.flush()
    assert seen[-1] == Progress(1.0, "99")


def test_report_clamps_fractions():
    ctx = RecordingContext()
    ctx.report(1.7)
    ctx.report(-3)
    assert [p.fraction for p in ctx.progress] == [1.0, 0.0]


def test_resolve_job_imports_the_named_function():
    from artdesk.core.jobs import resolve_job

    assert resolve_job("tests.helpers:steps_job") is steps_job


def test_resolve_job_raises_a_real_import_failure_inside_the_module(tmp_path, monkeypatch):
    from artdesk.core.jobs import resolve_job

    (tmp_path / "broken_jobs.py").write_text("import a_package_that_is_not_installed\ndef job(r, c): pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="a_package_that_is_not_installed"):
        resolve_job("broken_jobs:job")


def test_job_request_makes_a_frozen_request_and_refuses_a_misshapen_job_name():
    import dataclasses

    from artdesk.core.jobs import UnknownJob, job_request

    @job_request("artdesk.core.jobs:resolve_job")
    class Probe:
        path: str
        count: int = 1

    probe = Probe("a")
    assert Probe.job == probe.job == "artdesk.core.jobs:resolve_job"
    assert [f.name for f in dataclasses.fields(Probe)] == ["path", "count"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        probe.count = 2  # type: ignore[misc]
    with pytest.raises(UnknownJob, match="package.module:function"):
        job_request("artdesk.core.jobs.resolve_job")
