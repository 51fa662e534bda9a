"""Job functions of the Poem panel: generate (each candidate checked, copy-checked and recorded), and check
a typed poem with originality (each ``fn(request, ctx)``; torch loads lazily)."""
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
    reports after each candidate, checks cancel at every character. Each candidate comes back with its
    check report (from the ranking), its copy check (against ``request.copy_dir``'s index) and its record."""
    from artdesk.core.cards import read_card
    from artdesk.ml.poem.generate import generate
    from artdesk.ml.poem.loader import get_poem_model
    from artdesk.ml.poem.session import poem_record

    ctx.report(0.0, "Loading the poem model…")
    poem = get_poem_model(request.model_dir, request.source)
    ctx.raise_if_cancelled()
    result = generate(poem, request.poem, ctx)
    card = read_card(Path(request.model_dir), request.source)
    cache: dict = {}
    for number, candidate in enumerate(result.candidates):
        ctx.raise_if_cancelled()
        candidate.record = poem_record(result, card, number)
        if request.copy_dir:
            candidate.copy, candidate.copy_problem = _copy_check(Path(request.copy_dir), candidate.text, cache)
    return result


def _copy_check(model_dir: Path, text: str, cache: dict) -> tuple[Originality | None, str]:
    """(the Gallery's originality answer, "") or (None, why there is none)."""
    from artdesk.ml.poem.copyindex import poem_originality

    try:
        return poem_originality(model_dir, text[:20_000], cache), ""
    except OriginalityError as error:
        return None, str(error)


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
        result.copy, result.copy_problem = _copy_check(Path(request.model_dir), text, {})
    ctx.report(1.0, "Checked")
    return result
