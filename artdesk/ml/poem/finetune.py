"""Fine-tuning a poem model on the user's own text (a .txt of poems separated by blank lines)."""
from __future__ import annotations

import random
import re
import time
from pathlib import Path

import numpy as np
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.text_io import decode_named
from artdesk.ml.poem.checker import detect_language
from artdesk.ml.poem.data import SEED, en_scheme, pick_keywords_en, pick_keywords_zh, zh_body, zh_form, zh_lines
from artdesk.ml.poem.loader import WordPoemModel, get_poem_model
from artdesk.ml.poem.requests import FinetuneRequest
from artdesk.ml.poem.train import bits_per_char, save_model, train_model
from artdesk.ml.poem.words.finetune import finetune_words

MAX_BYTES = 20 << 20
MIN_CHARS = 40
MAX_POEM_LINES = 40  # a "poem" longer than this in a file without blank lines is a file of many poems
STANZA = 4
MAX_UNKNOWN = 0.2  # share of characters the base model never saw, above which the text is refused


def read_user_text(path: Path) -> tuple[str, str]:
    """The user's text and the encoding it was read in ("UTF-8", "UTF-16", "GBK (Chinese)"), or an
    ArtdeskError saying why it cannot be used (empty, binary, huge, an encoding it cannot tell)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ArtdeskError(f"Could not open {path}: {error.strerror or error}.") from error
    if size == 0:
        raise ArtdeskError(f"{path.name} is empty. Pick a .txt file with your poems, separated by blank lines.")
    if size > MAX_BYTES:
        raise ArtdeskError(f"{path.name} is {size / 1e6:.0f} MB; fine-tuning takes at most {MAX_BYTES >> 20} MB of text. "
                           "Use a smaller selection of your poems.")
    return decode_named(path.read_bytes(), path.name)


def split_poems(text: str, language: str) -> tuple[list[str], str]:
    """The poems of ``text`` (separated by blank lines) and a note when the file had to be cut otherwise: a
    file without blank lines and over ``MAX_POEM_LINES`` lines is cut into one poem per line (Chinese lines
    holding whole poems) or into stanzas of ``STANZA`` lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    poems = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(poems) != 1 or len(lines := poems[0].splitlines()) <= MAX_POEM_LINES:
        return poems, ""
    lines = [line for line in lines if line.strip()]
    whole = language == "zh" and sum(len(re.findall("[，。？！；]", line)) >= 2 for line in lines) > len(lines) / 2
    if whole:
        return lines, f"The file has no blank lines between poems: each of its {len(lines):,} lines was taken as one poem."
    stanzas = ["\n".join(lines[i:i + STANZA]) for i in range(0, len(lines), STANZA)]
    return stanzas, (f"The file has no blank lines between poems: its {len(lines):,} lines were cut into "
                     f"{len(stanzas):,} stanzas of {STANZA} lines.")


def user_records(poems: list[str], language: str, rng: random.Random) -> list[dict]:
    records = []
    for poem in poems:
        if language == "zh":
            lines = zh_lines(poem.splitlines())
            if not lines:
                continue
            body = zh_body(lines)
            records.append({"form": zh_form(lines), "keywords": pick_keywords_zh(body, rng), "body": body})
        else:
            lines = [re.sub(r"\s+", " ", line).strip() for line in poem.splitlines() if line.strip()]
            body = "\n".join(lines) + "\n"
            records.append({"form": en_scheme(lines), "keywords": pick_keywords_en(body, rng), "body": body})
    return records


def audit_text(text: str, base, name: str) -> tuple[list[dict], list[str]]:
    """The training records of ``text`` for ``base`` and notes for the user; ArtdeskError, before any
    training, when the text is too short or in another script than the model writes."""
    language = base.config.language
    script = "Chinese" if language == "zh" else "English"
    poems, note = split_poems(text, language)
    records = user_records(poems, language, random.Random(SEED))
    chars = sum(len(r["body"]) for r in records)
    unknown = sum(ch not in base.vocab for r in records for ch in r["body"])
    found = detect_language(text)
    if chars and unknown > MAX_UNKNOWN * chars and found == language == "zh":
        raise ArtdeskError(f"{unknown / chars:.0%} of the characters in {name} are ones {base.name} never saw. It writes "
                           "Simplified Chinese, so Traditional characters (such as 舉, 鄉) are unknown to it: convert "
                           "the file to Simplified Chinese and try again.")
    if chars and unknown > MAX_UNKNOWN * chars or chars >= MIN_CHARS and found != language:
        other = "Chinese" if found == "zh" else "English"
        raise ArtdeskError(f"{name} holds {other} text, but {base.name} writes {script}: "
                           f"{unknown / max(1, chars):.0%} of its characters are unknown to the model. "
                           f"Pick a {other} model to fine-tune on it.")
    if chars < MIN_CHARS:
        raise ArtdeskError(f"Found only {chars} characters of {script} verse in the file; fine-tuning needs at least "
                           f"{MIN_CHARS}. Check that the file holds {script} poems, separated by blank lines.")
    return records, [n for n in (note,) if n]


def finetune_job(request: FinetuneRequest, ctx: JobContext) -> str:
    """Fine-tune ``base_dir`` on the user's text for ``minutes``; resumes from saved state after a cancel. A
    word-level model is fine-tuned by ``words.finetune`` (its own tokens, the same loop).

    Reports progress every 20 steps and at each evaluation; checks cancel at every step (the state is
    saved on cancel). Returns the new model folder."""
    from artdesk.ml.poem.data import encode_records

    ctx.report(0.0, "Reading your text…")
    text, encoding = read_user_text(Path(request.text_path))
    base = get_poem_model(request.base_dir, request.base_source)
    records, notes = audit_text(text, base, Path(request.text_path).name)
    chars = sum(len(r["body"]) for r in records)
    unknown = sum(ch not in base.vocab for r in records for ch in r["body"])
    ctx.report(0.0, " ".join([f"Read {len(records):,} poems ({encoding}).", *notes]))
    held_out = "last 10% of your poems" if len(records) >= 10 else "your poems themselves (fewer than 10 poems)"
    if isinstance(base, WordPoemModel):
        return str(finetune_words(base, records, request, ctx, held_out))
    valid_records = records[:max(1, len(records) // 10)] if len(records) >= 10 else records
    train_records = records[len(valid_records):] if len(records) >= 10 else records
    train = encode_records(train_records, base.vocab).astype(np.int64)
    valid = encode_records(valid_records, base.vocab).astype(np.int64)
    seq = int(min(request.seq, max(8, len(train) - 2)))
    model = type(base.model)(base.config)
    model.load_state_dict(base.model.state_dict())
    out = Path(request.out_dir)
    state_path = out.with_name("." + out.name + ".train-state.pt")
    started = time.time()
    before = bits_per_char(model, valid, base.vocab, "cpu", streams=1, chunk=128, ctx=ctx)
    summary = train_model(model, train, valid, base.vocab, seconds=request.minutes * 60, state_path=state_path,
                          device="cpu", batch=request.batch, seq=seq, lr=request.lr, ctx=ctx,
                          eval_every=max(10.0, request.minutes * 6), eval_tokens=20_000)
    after = bits_per_char(model, valid, base.vocab, "cpu", streams=1, chunk=128, ctx=ctx)
    save_model(model, out, base.vocab, train, name=out.name, description=f"{base.name} fine-tuned on {Path(request.text_path).name}",
               data={"source": str(request.text_path), "licence": "yours", "counts": {"poems": len(records), "characters": chars,
                     "unknown_characters": unknown}, "split": held_out},
               training={"command": "Poem panel: fine-tune", "device": "cpu", "wall_seconds": round(time.time() - started, 1), **summary},
               metrics={"held_out_bits_per_char_before": round(before, 4), "held_out_bits_per_char": round(after, 4)},
               parent=base.name, labels=["fine-tuned"])
    state_path.unlink(missing_ok=True)
    ctx.report(1.0, f"Saved {out.name}: {before:.2f} → {after:.2f} bits/char on {held_out}")
    return str(out)
