"""Requests of the poem jobs: frozen dataclasses, no torch (the UI builds them on its thread).

Each job request names its job (``job``), imported by the runner on the worker thread.
"""
from __future__ import annotations

from dataclasses import dataclass

from artdesk.core.jobs import job_request


@dataclass(frozen=True)
class PoemRequest:
    """What to generate; ``locked`` holds (line index, text) pairs fed verbatim."""

    form: str = "qijue"
    keywords: str = ""
    heads: str = ""  # acrostic characters (Chinese) or word (English)
    temperature: float = 0.8
    top_k: int = 0
    top_p: float = 0.9
    seed: int = 0
    candidates: int = 3  # shown, best first
    drafts: int = 0  # written and ranked (0: DRAFTS_PER_SHOWN per candidate shown)
    line_tries: int = 1  # English: each line written this many times from the same state, the most natural kept
    # (2 doubled the time of a quatrain, 0.24 -> 0.13 s, and read no better: 8 quatrains at each, unseen themes)
    lines: int = 0  # free forms: number of lines (0: the model decides, up to 16)
    locked: tuple[tuple[int, str], ...] = ()
    rhyme: bool = True
    tones: bool = False  # Chinese regulated verse: also enforce the level/oblique pattern
    constraints: bool = True  # False: only line count and length are kept (to measure the model alone)
    theme_bias: float = 1.5  # logit bonus toward theme words not used yet (0: the prefix alone conditions)


@job_request("artdesk.ml.poem.jobs:generate_job")
class GenerateJob:
    """Write ``poem`` with the model in ``model_dir`` (``source``: bundled or user); each candidate comes back checked."""

    model_dir: str
    source: str
    poem: PoemRequest
    copy_dir: str | None = None  # the model whose originality index copy-checks each candidate


@job_request("artdesk.ml.poem.jobs:check_job")
class CheckJob:
    """Check ``text`` against its form (rhyme, tones, acrostic ``heads``) and, given ``model_dir``, copying."""

    text: str
    language: str | None = None
    form: str | None = None
    heads: str = ""
    model_dir: str | None = None  # for the copy check
    source: str = "bundled"


@job_request("artdesk.ml.poem.finetune:finetune_job")
class FinetuneRequest:
    """Fine-tune the model in ``base_dir`` on the text file ``text_path`` into the new model ``out_dir``."""

    base_dir: str
    base_source: str
    text_path: str
    out_dir: str  # the new user model's folder
    minutes: float = 5.0
    batch: int = 16
    seq: int = 96
    lr: float = 1e-3
