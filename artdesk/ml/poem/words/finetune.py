"""Fine-tuning the word-level English model on the user's poems with the project's loop (``words.train``).

The poems come as ``finetune.audit_text`` made them (form tag, keywords, body). Any text can be taught: a
word outside the vocabulary is spelled letter by letter, a character the tokenizer cannot write becomes
``<unk>``. The fine-tune keeps the base's vocabulary and names it as its parent, so its poems are
copy-checked against the base's training index (``originality.index_cards``).
"""
from __future__ import annotations

import time
from pathlib import Path

from artdesk.core.jobs import JobContext
from artdesk.ml.poem.requests import FinetuneRequest
from artdesk.ml.poem.words.data import WordData, encode_split
from artdesk.ml.poem.words.model import WordPoemLSTM
from artdesk.ml.poem.words.tokenizer import UNK_CHAR, WordVocab
from artdesk.ml.poem.words.train import bits_per_char, save_model, train_model


def writable(records: list[dict], vocab: WordVocab) -> list[dict]:
    """The records with every character the tokenizer cannot write replaced by ``<unk>``'s stand-in."""
    def clean(text: str) -> str:
        return "".join(ch if ch in vocab else UNK_CHAR for ch in text)

    return [{**r, "keywords": clean(r["keywords"]), "body": clean(r["body"])} for r in records]


def finetune_words(base, records: list[dict], request: FinetuneRequest, ctx: JobContext, held_out: str) -> Path:
    """Fine-tune the ``WordPoemModel`` ``base`` on ``records`` (the last tenth held out when there are 10 or
    more, else all of them) for ``request.minutes``; saves into ``request.out_dir`` and returns it."""
    records = writable(records, base.vocab)
    valid_records = records[:max(1, len(records) // 10)] if len(records) >= 10 else records
    train_records = records[len(valid_records):] if len(records) >= 10 else records
    train, valid = encode_split(train_records, base.vocab), encode_split(valid_records, base.vocab)
    data = WordData(base.vocab, train, valid, {})
    seq = int(min(request.seq, max(4, (len(train.ids) - 1) // 2)))
    rows = int(max(1, min(request.batch, (len(train.ids) - 1) // seq)))
    model = WordPoemLSTM(base.config)
    model.load_state_dict(base.model.state_dict())
    out = Path(request.out_dir)
    state_path = out.with_name("." + out.name + ".train-state.pt")
    started = time.time()
    before = bits_per_char(model, valid, ctx)
    summary = train_model(model, data, seconds=request.minutes * 60, state_path=state_path, rows=rows, seq=seq,
                          lr=request.lr, ctx=ctx, save_every=max(10.0, request.minutes * 6),
                          eval_tokens=20_000, log=lambda _line: None)
    after = bits_per_char(model, valid, ctx)
    chars = sum(len(r["body"]) for r in records)
    save_model(model, out, base.vocab, half=False, name=out.name,
               description=f"{base.name} fine-tuned on {Path(request.text_path).name}",
               data={"source": str(request.text_path), "licence": "yours",
                     "counts": {"poems": len(records), "characters": chars}, "split": held_out},
               training={"command": "Poem panel: fine-tune", "device": "cpu",
                         "wall_seconds": round(time.time() - started, 1), **summary},
               metrics={"held_out_bits_per_char_before": round(before, 4), "held_out_bits_per_char": round(after, 4)},
               parent=base.name, labels=["fine-tuned"])
    state_path.unlink(missing_ok=True)
    ctx.report(1.0, f"Saved {out.name}: {before:.2f} → {after:.2f} bits/char on {held_out}")
    return out
