"""Job functions of the Poem panel: generate, check, copy check (each ``fn(request, ctx)``; torch loads lazily)."""
from __future__ import annotations

from dataclasses import dataclass, field

from artdesk.core.jobs import JobContext
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
class CopyReport:
    longest: str  # the longest passage shared with training ("" if none)
    verbatim_lines: list[int] = field(default_factory=list)
    note: str = ""


@dataclass
class CheckResult:
    report: CheckReport
    copy: CopyReport | None


def copy_check(text: str, language: str, poem) -> CopyReport:
    """Longest passage the poem shares with the model's training text and lines found there verbatim (Bloom index)."""
    import numpy as np

    from artdesk.ml.poem.checker import split_lines

    index = poem.copy_index
    if index is None:
        return CopyReport("", [], "This model has no copy index.")
    vocab = poem.vocab
    lines = [line for _, line in split_lines(text, language)]
    if language == "zh":
        marks = ["，" if i % 2 == 0 else "。" for i in range(len(lines))]
        bodies = [line.rstrip("，。？！；,.?!;") for line in lines]
        joined = "".join(b + m for b, m in zip(bodies, marks))
    else:
        bodies = [line.strip() for line in lines]
        joined = "".join(b + "\n" for b in bodies)
    ids = np.asarray([vocab.index["<sep>"]] + vocab.encode(joined))
    found = index.windows_in_training(ids)
    best = (0, 0)
    run_start, covered_to = None, -1
    for start in np.flatnonzero(found):
        end = start + index.n
        if run_start is None or start > covered_to:
            run_start = start
        covered_to = max(covered_to, end)
        if covered_to - run_start > best[1] - best[0]:
            best = (run_start, covered_to)
    longest = vocab.decode(ids[best[0]:best[1]]).strip() if best[1] > best[0] else ""
    verbatim = []
    starts_ok = index.window_starts(ids)
    offset = 1
    for number, body in enumerate(bodies):
        length = len(body) + 1  # the line and its end mark
        span = np.arange(offset, offset + length - index.n + 1)
        span = span[starts_ok[span]] if len(span) else span
        if len(body) >= 3 and len(span) and bool(found[span].all()):
            verbatim.append(number)
        offset += length
    return CopyReport(longest, verbatim, f"Bloom index of {index.n}-character windows; a match may be a false positive (about 1-2%).")


def check_job(request: CheckJob, ctx: JobContext) -> CheckResult:
    """Checks the poem's form; with a model, also runs the copy check. Checks cancel between the two."""
    from artdesk.ml.poem.checker import detect_language

    ctx.report(0.0, "Checking…")
    text = request.text[:200_000]
    language = request.language or detect_language(text)
    form = get_form(request.form) if request.form else None
    if form is not None and form.language != language:
        form = None
    report = check_poem(text, language, form, request.heads)
    ctx.raise_if_cancelled()
    copy = None
    if request.model_dir:
        from artdesk.ml.poem.loader import get_poem_model

        poem = get_poem_model(request.model_dir, request.source)
        if poem.config.language == language:
            copy = copy_check(text[:20_000], language, poem)
    ctx.report(1.0, "Checked")
    return CheckResult(report, copy)
