"""One draft of a Poem panel request written by the word model (``generate.generate`` ranks the drafts).

The form becomes one ``LineSpec`` per line: rhyme letters from the form's scheme (none when rhyme is off),
syllables (a haiku's exact counts, else a range), acrostic head letters, locked lines verbatim. Free verse
without a line count is of open length: at least ``OPEN_MIN_LINES`` lines, at most ``MAX_FREE_LINES``.
The first draft's text is published as it grows ({"candidate", "text"}), and cancel is checked at every token.
"""
from __future__ import annotations

import re

from artdesk.core.jobs import JobContext
from artdesk.ml.poem.forms import MAX_FREE_LINES, Form
from artdesk.ml.poem.requests import PoemRequest
from artdesk.ml.poem.words.sampler import LineSpec, Written
from artdesk.ml.poem.words.tokenizer import NL

RHYMED_SYLLABLES = (7, 11)  # quatrains and couplets
FREE_SYLLABLES = (5, 11)  # free verse and acrostics
OPEN_MIN_LINES = 4
LINE_ROWS = 3  # each line written this many times in one batch, the most natural kept (request.line_tries if more)
THEME_BONUS_PER_BIAS = 2.0  # the word sampler's theme bonus (nats) per unit of the request's theme bias


def line_specs(form: Form, request: PoemRequest) -> tuple[list[LineSpec], int | None]:
    """The lines the draft must write and, for open-length free verse, the lines after which it may end."""
    heads = re.sub(r"[^A-Za-z]", "", request.heads).lower() if form.acrostic else ""
    count = len(heads) if form.acrostic else form.lines or request.lines or MAX_FREE_LINES
    open_length = not form.acrostic and not form.lines and not request.lines
    scheme = form.scheme_for(count) if request.rhyme and request.constraints else "x" * count
    locked = dict(request.locked)
    specs = []
    for index in range(count):
        if form.syllables and request.constraints:
            low = high = form.syllables[index % len(form.syllables)]
        else:
            low, high = RHYMED_SYLLABLES if form.scheme else FREE_SYLLABLES
        head = heads[index] if heads and request.constraints else ""
        specs.append(LineSpec(scheme[index], low, high, head, locked.get(index)))
    return specs, OPEN_MIN_LINES if open_length else None


class StreamedText:
    """The text of a draft as it grows, token by token: finished lines are decoded once, and only the line
    being written at each token (a decoded prefix is dropped when the tokens before it change)."""

    def __init__(self, vocab) -> None:
        self.vocab, self.newline = vocab, vocab.index[NL]
        self.lines: list[int] = []  # the tokens of the finished lines, up to their last newline
        self.lines_text = ""

    def __call__(self, tokens: list[int]) -> str:
        if tokens[:len(self.lines)] != self.lines:
            self.lines, self.lines_text = [], ""
        tail = tokens[len(self.lines):]
        if self.newline in tail:
            self.lines = tokens[:len(tokens) - tail[::-1].index(self.newline)]
            self.lines_text = self.vocab.decode_body(self.lines)
            tail = tokens[len(self.lines):]
        return (self.lines_text + self.vocab.decode_body(tail)).rstrip("\n")


def write_draft(poem, request: PoemRequest, form: Form, plan: list[str], seed: int, ctx: JobContext,
                number: int) -> Written:
    """Draft ``number`` (seeded by ``seed``) after the line keywords ``plan``."""
    specs, min_lines = line_specs(form, request)
    text = StreamedText(poem.vocab)

    def on_token(tokens: list[int]) -> None:
        ctx.raise_if_cancelled()
        if number == 0:
            ctx.publish({"candidate": 0, "text": text(tokens)})

    return poem.poet.write(form.tag, specs, request.keywords, seed=seed, rows=max(LINE_ROWS, request.line_tries),
                           temperature=request.temperature, top_p=request.top_p, top_k=request.top_k,
                           theme_bonus=THEME_BONUS_PER_BIAS * request.theme_bias, min_lines=min_lines,
                           keywords=plan, on_token=on_token)
