"""Job functions of the Poem panel: generate, and check with originality (each ``fn(request, ctx)``; torch loads lazily)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from artdesk.core.jobs import JobContext
from artdesk.core.originality import Originality, OriginalityError
from artdesk.ml.poem.checker import CheckReport, check_poem
from artdesk.ml.poem.forms import get_form
from artdesk.ml.poem.requests import CheckJob, GenerateJob


def generate_job(request: GenerateJob, ctx: JobContext):
    """Loads the model (cached), then generates; publishes ``{"candidate", "text"}`` per character,
    reports after each candidate, checks cancel at every character."""
    from artdesk.ml.poem.generate import generate
    from artdesk.ml.poem.loader import get_poem_model

    ctx.report(0.0, "Loading the poem model…")
    poem = get_poem_model(request.model_dir, request.source)
    ctx.raise_if_cancelled()
    return generate(poem, request.poem, ctx)


@dataclass
class CheckResult:
    report: CheckReport
    copy: Originality | None = None  # the Gallery's originality answer for this text
    copy_problem: str = ""  # why there is no answer, when a model was given


def check_job(request: CheckJob, ctx: JobContext) -> CheckResult:
    """Checks the poem's form; with a model, also its originality (the Gallery's answer, from
    ``copyindex.poem_originality``). Checks cancel between the two."""
    from artdesk.ml.poem.checker import detect_language

    ctx.report(0.0, "Checking…")
    text = request.text[:200_000]
    language = request.language or detect_language(text)
    form = get_form(request.form) if request.form else None
    if form is not None and form.language != language:
        form = None
    report = check_poem(text, language, form, request.heads)
    ctx.raise_if_cancelled()
    result = CheckResult(report)
    if request.model_dir:
        from artdesk.ml.poem.copyindex import poem_originality

        try:
            result.copy = poem_originality(Path(request.model_dir), text[:20_000])
        except OriginalityError as error:
            result.copy_problem = str(error)
    ctx.report(1.0, "Checked")
    return result
