"""``artdesk eval poem MODEL``: held-out bits/char beside a Kneser-Ney 5-gram, form and rhyme
compliance, non-words (English), identical and repeated rhymes, theme use (the theme's words or
their planned expansions), distinct-n, copy rate; for Chinese also the tone rule set's agreement
with the Tang ``strains`` field. Results can be written into the model card."""
from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch

from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.jobs import JobContext
from artdesk.ml.poem import chinese, english, lexicon, mixture
from artdesk.ml.poem.checker import check_poem, split_lines
from artdesk.ml.poem.data import load_prepared, read_array
from artdesk.ml.poem.forms import forms_for
from artdesk.ml.poem.generate import DRAFTS_PER_SHOWN, PoemRequest, generate
from artdesk.ml.poem.planning import theme_words, uses_theme
from artdesk.ml.poem.loader import PoemModel, WordPoemModel
from artdesk.ml.poem.ngram import kn_baseline
from artdesk.ml.poem.train import bits_per_char, build_copy_index, target_mask
from artdesk.ml.poem.vocab import Vocab
from artdesk.ml.poem.words.data import char_records, encode_split
from artdesk.ml.poem.words.drafts import LINE_ROWS
from artdesk.ml.poem.words.train import bits_per_char as word_bits_per_char
from artdesk.ml.poem.words.train import comparison_line

ZH_MARKS = "，。"


def _norm_line(line: str, language: str) -> str:
    return line.strip().rstrip(ZH_MARKS + "？！；") if language == "zh" else re.sub(r"[^a-z' ]", "", line.lower()).strip()


def training_lines(records: list[dict], language: str) -> set[str]:
    out = set()
    for record in records:
        for _, line in split_lines(record["body"], language):
            norm = _norm_line(line, language)
            if len(norm) >= (3 if language == "zh" else 8):
                out.add(norm)
    return out


def tone_agreement(cache: Path, limit: int = 5000) -> dict:
    """Share of characters whose 中华新韵 tone (平/仄) matches the Tang ``strains`` field."""
    import gzip

    path = cache / "poem" / "prepared" / "zh_strains.jsonl.gz"
    same = total = entering_like = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                break
            pair = json.loads(line)
            for ch, mark in zip(pair["text"], pair["strains"]):
                ours = chinese.tone(ch)
                if mark not in "平仄" or ours is None:
                    continue
                total += 1
                same += ours == mark
                entering_like += ours == chinese.LEVEL and mark == chinese.OBLIQUE
    return {"tone_agreement_with_strains": round(same / max(1, total), 4), "tone_chars_compared": total,
            "tone_level_here_but_oblique_in_strains": round(entering_like / max(1, total), 4), "tone_poems": min(limit, number + 1)}


def _distinct(units: list[list[str]]) -> tuple[float, float]:
    ones = [u for seq in units for u in seq]
    twos = [(a, b) for seq in units for a, b in zip(seq, seq[1:])]
    return (len(set(ones)) / max(1, len(ones)), len(set(twos)) / max(1, len(twos)))


def _themes(valid: list[dict], language: str, rng: random.Random, count: int) -> list[str]:
    pool = [r["keywords"] for r in valid if r["keywords"].strip()]
    return [rng.choice(pool) for _ in range(count)] if pool else [""] * count


def _heads(poem: PoemModel, valid: list[dict], language: str, rng: random.Random) -> str:
    if language == "zh":
        known = [r["body"][0] for r in valid if r["body"][:1] in poem.vocab] or [t for t in poem.vocab.tokens if len(t) == 1 and t > "\u4e00"]
        chars = [rng.choice(known) for _ in range(4)]
        return "".join(chars)
    words = [w for _ in range(20) for w in re.findall(r"[A-Za-z]{4,6}", rng.choice(valid)["body"])]
    return rng.choice(words).upper() if words else "MOON"


@torch.no_grad()
def mixture_bits(poem: PoemModel, stream, weights, streams: int = 32, chunk: int = 256, ctx: JobContext | None = None) -> dict:
    """Bits per body character of ``stream`` under the English mixture (``mixture.WordMixture``) at each of
    ``weights`` (the word n-grams' share; 0 is the character model alone), sliced and masked exactly as
    ``train.bits_per_char`` slices it: ``streams`` parallel slices, the state carried across chunks, each
    slice's line context starting empty. One pass of the model serves every weight."""
    poem.model.eval()
    vocab, words = poem.vocab, mixture.word_mixture(poem)
    length = (len(stream) - 1) // streams
    ids = torch.as_tensor(stream[: streams * length + 1].astype(np.int64))
    mask = target_mask(stream[: streams * length + 1], vocab)[1:].reshape(streams, length)
    x, y = ids[:-1].view(streams, length), ids[1:].view(streams, length).numpy()
    trackers = [mixture.LineTracker() for _ in range(streams)]
    for row in range(streams):
        trackers[row].feed(vocab.tokens[int(x[row, 0])])
    chars, grams = [], []  # per scored position: P_chars(target), P_words(target)
    state = None
    for start in range(0, length, chunk):
        if ctx is not None:
            ctx.raise_if_cancelled()
        logits, state = poem.model(x[:, start:start + chunk], state)
        probs = torch.softmax(logits.float(), -1).numpy()
        for row in range(streams):
            tracker = trackers[row]
            for t in range(probs.shape[1]):
                target = int(y[row, start + t])
                if mask[row, start + t]:
                    p = probs[row, t]
                    before, prefix = tracker.context
                    part = words.words_part(p, before, prefix)
                    chars.append(float(p[target]))
                    grams.append(float(p[target]) if part is None else float(part[target]))
                tracker.feed(vocab.tokens[target])
    chars, grams = np.array(chars), np.array(grams)
    return {w: float(-np.log2((1 - w) * chars + w * grams).mean()) for w in weights}


def choose_weight(poem: PoemModel, data: Path, tokens: int = 200_000, grid=(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)) -> dict:
    """Bits/char of the mixture at each weight of ``grid`` on the first ``tokens`` of the training split (never
    the held-out one): how ``mixture.WEIGHT`` is chosen."""
    stream = read_array(Path(data) / "en" / "train.u16.gz")[:tokens]
    return mixture_bits(poem, stream, grid)


def evaluate(poem: PoemModel | WordPoemModel, data: Path, cache: Path, poems: int = 500, ctx: JobContext | None = None,
             forms: list[str] | None = None, log=print) -> dict:
    """All metrics of the issue for one model; each form generates ``poems`` poems (seeded)."""
    ctx = ctx or JobContext()
    language = poem.config.language
    metrics: dict = {}
    started = time.time()
    valid_stream = read_array(Path(data) / language / "valid.u16.gz")
    train_stream = read_array(Path(data) / language / "train.u16.gz")
    torch.manual_seed(0)
    from artdesk.core.digest import sha256_file

    word_model = isinstance(poem, WordPoemModel)
    char_vocab = Vocab.from_json((Path(data) / language / "vocab.json").read_bytes()) if word_model else poem.vocab
    card_data = poem.card.get("data", {}) if isinstance(poem.card, dict) else {}
    recorded = (card_data.get("files_sha256") or {}).get("valid.u16.gz")
    known = poem.card.get("metrics", {}).get("held_out_bits_per_char") if isinstance(poem.card, dict) else None
    if known is not None and recorded == sha256_file(Path(data) / language / "valid.u16.gz"):
        model_bpc = float(known)  # measured at the end of training on this very held-out file
    elif word_model:  # every word token's bits over the characters the 5-gram is scored on
        model_bpc = word_bits_per_char(poem.model, encode_split(char_records(Path(data), "valid"), poem.vocab), ctx)
    else:
        model_bpc = bits_per_char(poem.model, valid_stream, poem.vocab, "cpu", ctx=ctx)
    log(f"{'word' if word_model else 'character'} model held-out: {model_bpc:.4f} bits/char")
    if language == "en" and not word_model:  # the character model writes English mixed with the word n-grams
        mixed = mixture_bits(poem, valid_stream, (mixture.WEIGHT,), ctx=ctx)[mixture.WEIGHT]
        metrics["held_out_bits_per_char_mixture"] = round(mixed, 4)
        metrics["mixture"] = (f"characters (1 - {mixture.WEIGHT}) + word trigrams {mixture.WEIGHT}, weight chosen on the "
                              f"first 200,000 tokens of the training split")
        log(f"mixture held-out: {mixed:.4f} bits/char")
    kn_bpc = kn_baseline(Path(data), language, char_vocab, train_stream, valid_stream)
    log(f"5-gram Kneser-Ney held-out: {kn_bpc:.4f} bits/char")
    metrics.update({"held_out_bits_per_char": round(model_bpc, 4), "kn5_held_out_bits_per_char": round(kn_bpc, 4),
                    "held_out_tokens": int(target_mask(valid_stream, char_vocab).sum())})
    records = load_prepared(language, cache)
    train_lines = training_lines([r for r in records if r["split"] == "train"], language)
    valid = [r for r in records if r["split"] == "valid"]
    del records
    rng = random.Random(7)
    per_form = {}
    tally = Counter()
    all_lines, units = [], []
    chosen = [f for f in forms_for(language) if forms is None or f.key in forms]
    for form in chosen:
        themes = _themes(valid, language, rng, poems)
        counts = Counter()
        for number in range(poems):
            ctx.raise_if_cancelled()
            heads = _heads(poem, valid, language, rng) if form.acrostic else ""
            request = PoemRequest(form=form.key, keywords=themes[number], heads=heads, seed=number, candidates=1,
                                  temperature=0.8, top_p=0.9, lines=6 if form.key.endswith("free") else 0)
            on = generate(poem, request, JobContext()).best
            report = check_poem(on.text, language, form, heads)
            kinds = {i.kind for i in report.errors}
            counts["form_ok"] += not (kinds & {"lines", "length", "syllables", "acrostic"})
            counts["rhyme_ok_on"] += "rhyme" not in kinds
            if form.scheme:
                off = generate(poem, PoemRequest(**{**request.__dict__, "constraints": False, "seed": number + 100_000,
                                                    "drafts": 1}), JobContext()).best
                counts["rhyme_ok_off"] += "rhyme" not in {i.kind for i in check_poem(off.text, language, form, heads).errors}
            tally.update(poem_faults(on.text, language, form))
            for line in on.lines:
                all_lines.append(_norm_line(line, language))
            units.append(list(re.sub(r"[，。\s]", "", on.text)) if language == "zh" else re.findall(r"[a-z']+", on.text.lower()))
            words = theme_words(themes[number], language)
            if words:
                tally["themed"] += 1
                tally["on_theme"] += uses_theme(on.text, words, language)
            ctx.report(None, f"{form.label}: {number + 1}/{poems}")
        per_form[form.key] = {"form_compliance": round(counts["form_ok"] / poems, 4)}
        if form.scheme:
            per_form[form.key].update({"rhyme_compliance_constraints_on": round(counts["rhyme_ok_on"] / poems, 4),
                                       "rhyme_compliance_constraints_off": round(counts["rhyme_ok_off"] / poems, 4)})
        log(f"{form.key}: {per_form[form.key]}")
    checked = [line for line in all_lines if len(line) >= (3 if language == "zh" else 8)]
    copied = sum(line in train_lines for line in checked)
    d1, d2 = _distinct(units)
    rhymed = max(1, tally["rhymed_poems"])
    metrics.update({
        "poems_per_form": poems, "forms": per_form,
        "distinct_1": round(d1, 4), "distinct_2": round(d2, 4),
        "copy_rate_lines_verbatim_in_training": round(copied / max(1, len(checked)), 4),
        "theme_use": round(tally["on_theme"] / max(1, tally["themed"]), 4),
        "identical_rhyme_rate": round(tally["identical_rhyme"] / rhymed, 4),
        "sampling": f"temperature 0.8, top-p 0.9, theme bias {PoemRequest.theme_bias}, best of "
                    f"{DRAFTS_PER_SHOWN} drafts, seeds 0..N-1"
                    + (f", each line the best of {LINE_ROWS} written by the word model" if word_model else
                       f", written by the character model mixed with the word trigrams (weight {mixture.WEIGHT})"
                       if language == "en" else ""),
        "eval_seconds": round(time.time() - started, 1),
    })
    if language == "en":
        metrics["non_word_rate"] = round(tally["non_words"] / max(1, tally["words"]), 4)
    else:
        metrics["repeated_rhyme_character_rate"] = round(tally["repeated_rhyme"] / rhymed, 4)
        metrics.update(tone_agreement(cache))
        metrics["tone_rule_set"] = chinese.RULE_SET
    return metrics


def poem_faults(text: str, language: str, form) -> Counter:
    """Counts for one poem: words and non-words (English), and whether it holds an identical rhyme
    (English: same word or homophones; Chinese: rhyme characters read alike) or a rhyme character twice."""
    out = Counter()
    bodies = [line.rstrip(ZH_MARKS + "？！；.,;:!?") for _, line in split_lines(text, language)]
    if language == "en":
        words = english.WORD.findall(text)
        out["words"] = len(words)
        out["non_words"] = sum(not lexicon.is_word(w) for w in words)
    if not form.scheme:
        return out
    out["rhymed_poems"] = 1
    scheme = form.scheme_for(len(bodies))
    groups: dict[str, list[str]] = {}
    for letter, body in zip(scheme, bodies):
        if letter != "x" and body:
            groups.setdefault(letter, []).append(english.last_word(body) if language == "en" else body[-1])
    pairs = [(a, b) for ends in groups.values() for i, a in enumerate(ends) for b in ends[i + 1:]]
    if language == "en":
        out["identical_rhyme"] = int(any(english.identical_rhyme(a, b) for a, b in pairs))
    else:
        out["repeated_rhyme"] = int(any(a == b for a, b in pairs))
        out["identical_rhyme"] = int(any(chinese.reading(a)[:2] == chinese.reading(b)[:2] for a, b in pairs))
    return out


def report_lines(metrics: dict, language: str) -> list[str]:
    """The issue's figures, one per line, ending with ``bits/char: M vs 5-gram B (P% fewer)``, M of the model
    that writes (English: the mixture, with the character model alone on the line before)."""
    chars, base = metrics["held_out_bits_per_char"], metrics["kn5_held_out_bits_per_char"]
    model = metrics.get("held_out_bits_per_char_mixture", chars)
    lines = [f"poems per form: {metrics['poems_per_form']}"]
    if language == "en":
        lines.append(f"non-word rate: {metrics['non_word_rate']:.2%}")
    lines.append(f"identical-rhyme rate: {metrics['identical_rhyme_rate']:.2%}")
    if language == "zh":
        lines.append(f"repeated-rhyme-character rate: {metrics['repeated_rhyme_character_rate']:.2%}")
    lines += [f"theme use: {metrics['theme_use']:.1%}", f"distinct-1: {metrics['distinct_1']:.3f}",
              f"distinct-2: {metrics['distinct_2']:.3f}",
              f"copy rate: {metrics['copy_rate_lines_verbatim_in_training']:.2%}"]
    if model != chars:
        lines.append(f"character model alone: {chars:.3f} bits/char ({100 * (base - chars) / base:.1f}% fewer); "
                     f"the poems are written by it mixed with the word trigrams")
    lines.append(comparison_line(model, base))
    return lines


def write_copy_index(poem: PoemModel | WordPoemModel, data: Path) -> int:
    """(Re)build the model's copy index from the full training stream in ``data``; returns its size in bytes. A
    word model's index is over the characters of that stream, whose vocabulary goes beside it (``vocab.json``)."""
    folder = Path(data) / poem.config.language
    stream = read_array(folder / "train.u16.gz")
    vocab = Vocab.from_json((folder / "vocab.json").read_bytes()) if isinstance(poem, WordPoemModel) else poem.vocab
    blob = build_copy_index(stream, vocab, poem.config.language).to_bytes()
    if isinstance(poem, WordPoemModel):
        atomic_write_bytes(poem.path / "vocab.json", vocab.to_json())
    atomic_write_bytes(poem.path / "copy_index.npz", blob)
    return len(blob)
