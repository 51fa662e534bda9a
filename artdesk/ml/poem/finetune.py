"""Fine-tuning a poem model on the user's own text (a .txt of poems separated by blank lines)."""
from __future__ import annotations

import random
import re
import time
from pathlib import Path

import numpy as np
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.text_io import decode_text
from artdesk.ml.poem.data import SEED, en_scheme, pick_keywords_en, pick_keywords_zh, zh_body, zh_form, zh_lines
from artdesk.ml.poem.loader import get_poem_model
from artdesk.ml.poem.requests import FinetuneRequest
from artdesk.ml.poem.train import bits_per_char, save_model, train_model

MAX_BYTES = 20 << 20
MIN_CHARS = 40


def read_user_text(path: Path) -> str:
    """The user's text, or an ArtdeskError saying why it cannot be used (empty, binary, huge, unreadable)."""
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
    return decode_text(path.read_bytes(), path.name)


def user_records(text: str, language: str, rng: random.Random) -> list[dict]:
    poems = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
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


def finetune_job(request: FinetuneRequest, ctx: JobContext) -> str:
    """Fine-tune ``base_dir`` on the user's text for ``minutes``; resumes from saved state after a cancel.

    Reports progress every 20 steps and at each evaluation; checks cancel at every step (the state is
    saved on cancel). Returns the new model folder."""
    from artdesk.ml.poem.data import encode_records

    ctx.report(0.0, "Reading your text…")
    text = read_user_text(Path(request.text_path))
    base = get_poem_model(request.base_dir, request.base_source)
    language = base.config.language
    records = user_records(text, language, random.Random(SEED))
    chars = sum(len(r["body"]) for r in records)
    if chars < MIN_CHARS:
        script = "Chinese" if language == "zh" else "English"
        raise ArtdeskError(f"Found only {chars} characters of {script} verse in the file; fine-tuning needs at least "
                           f"{MIN_CHARS}. Check that the file holds {script} poems, separated by blank lines.")
    unknown = sum(ch not in base.vocab for r in records for ch in r["body"])
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
    held_out = "last 10% of your poems" if len(records) >= 10 else "your poems themselves (fewer than 10 poems)"
    save_model(model, out, base.vocab, train, name=out.name, description=f"{base.name} fine-tuned on {Path(request.text_path).name}",
               data={"source": str(request.text_path), "licence": "yours", "counts": {"poems": len(records), "characters": chars,
                     "unknown_characters": unknown}, "split": held_out},
               training={"command": "Poem panel: fine-tune", "device": "cpu", "wall_seconds": round(time.time() - started, 1), **summary},
               metrics={"held_out_bits_per_char_before": round(before, 4), "held_out_bits_per_char": round(after, 4)},
               parent=base.name, labels=["fine-tuned"])
    state_path.unlink(missing_ok=True)
    ctx.report(1.0, f"Saved {out.name}: {before:.2f} → {after:.2f} bits/char on {held_out}")
    return str(out)
