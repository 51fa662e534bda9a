"""Every request names a job that exists: each ``job`` resolves to a function (as the runner resolves it)."""
import dataclasses
import importlib
import inspect

import pytest

from artdesk.core.jobs import resolve_job

REQUEST_MODULES = ("artdesk.core.music_files", "artdesk.ml.canvas.requests", "artdesk.ml.canvas.finetune.requests", "artdesk.ml.canvas.finetune.plan",
                   "artdesk.ml.music.requests", "artdesk.ml.poem.requests", "artdesk.ml.style.requests",
                   "artdesk.ml.style.custom")


def _requests_with_jobs():
    for module_name in REQUEST_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in vars(module).items():
            if inspect.isclass(cls) and cls.__module__ == module_name and isinstance(getattr(cls, "job", None), str):
                yield cls


@pytest.mark.parametrize("cls", list(_requests_with_jobs()), ids=lambda cls: cls.__qualname__)
def test_each_request_names_a_job_that_resolves(cls):
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    assert "job" not in {f.name for f in dataclasses.fields(cls)}  # a class attribute: not in records or equality
    function = resolve_job(cls.job)
    parameters = inspect.signature(function).parameters
    assert list(parameters)[:2] == ["request", "ctx"]
    assert str(parameters["request"].annotation).split(".")[-1] == cls.__name__  # the job is this request's own


def test_the_estimate_job_resolves():
    from artdesk.ml.canvas.finetune.requests import ESTIMATE_JOB

    assert callable(resolve_job(ESTIMATE_JOB))
