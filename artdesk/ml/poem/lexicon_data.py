"""Data preparation: the corpus word resources in ``resources/poem`` (run once, after ``--prepare``).

``python -m artdesk.ml.poem.lexicon_data [--cache DIR]`` reads the prepared training split and writes:

- ``en_words.txt.gz``: English words of the training poems that the CMU dictionary also holds, with
  their counts (the vocabulary that constrains English decoding);
- ``en_related.json.gz`` / ``zh_related.json.gz``: for frequent content words (English) or characters
  (Chinese), the words most associated with them in the same stanza or poem (positive PMI with
  context smoothing, Levy et al. 2015), the keyword expansion of the planner (Wang et al. 2016);
- ``en_wordgrams.npz``: bigrams and trigrams of those words within lines (``wordgram``), fused with the
  character model while English words are spelled;
- ``zh_reduplications.txt``: characters whose doubling (叠字, 青青, 处处) the poems use;
- ``SOURCE.json``: sources, licences, counts, thresholds and the sha256 of each file.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import torch

from artdesk.core.paths import bundle_root, default_cache
from artdesk.ml.poem import english, wordgram
from artdesk.ml.poem.data import EN_STOP, SOURCES, ZH_STOP, load_prepared

MIN_EN_COUNT = 2  # a word seen once in 2.7M lines is as likely a misprint as a word
RELATED = 16
MIN_PAIR = {"en": 4, "zh": 12}
HEADS = {"en": 8000, "zh": 4000}
MIN_REDUP = 5
EN_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
ZH_FUNCTION = ZH_STOP | set("，。的了")
EN_FUNCTION = EN_STOP | set("""for her him she you are was and but nor his its one out how why did let see say too own
may must can now yea nay thus whose itself himself herself myself thyself ourselves through about against among
because before after within without again once still ever never always""".split())


def en_word_counts(bodies: list[str]) -> Counter:
    """Lower-case words of the bodies that the CMU dictionary holds."""
    counts = Counter(w.lower() for body in bodies for w in EN_WORD.findall(body))
    return Counter({w: n for w, n in counts.items() if n >= MIN_EN_COUNT and english.in_dictionary(w)})


def is_content_word(word: str) -> bool:
    return len(word) >= 3 and word.isalpha() and word not in EN_FUNCTION


def related_table(units: list[set[str]], heads: list[str], min_pair: int, keep: int = RELATED) -> dict[str, list[str]]:
    """For each head, up to ``keep`` other heads sharing a unit with it, best positive PMI first
    (context counts raised to 0.75); pairs seen fewer than ``min_pair`` times are left out."""
    position = {h: i for i, h in enumerate(heads)}
    rows, cols = [], []
    for number, unit in enumerate(units):
        ids = [position[u] for u in unit if u in position]
        rows += [number] * len(ids)
        cols += ids
    x = torch.sparse_coo_tensor(torch.tensor([rows, cols]), torch.ones(len(rows)), (len(units), len(heads))).coalesce()
    pairs = torch.sparse.mm(x.t(), x).to_dense()
    single = pairs.diagonal().clone()
    pairs.fill_diagonal_(0)
    context = single.pow(0.75)
    pmi = torch.log(pairs * context.sum() / (single[:, None] * context[None, :]).clamp(min=1))
    pmi[pairs < min_pair] = float("-inf")
    table = {}
    top = torch.topk(pmi, min(keep, len(heads) - 1), dim=1)
    for i, head in enumerate(heads):
        picked = [heads[j] for j, v in zip(top.indices[i].tolist(), top.values[i].tolist()) if v > 0]
        if picked:
            table[head] = picked
    return table


def reduplications(bodies: list[str]) -> list[str]:
    """Characters doubled inside a line (AA, not AAA) at least ``MIN_REDUP`` times."""
    counts = Counter()
    for body in bodies:
        for line in re.split("[，。]", body):
            for i in range(len(line) - 1):
                if line[i] == line[i + 1] and (i + 2 >= len(line) or line[i + 2] != line[i]) and (i == 0 or line[i - 1] != line[i]):
                    counts[line[i]] += 1
    return sorted(ch for ch, n in counts.items() if n >= MIN_REDUP)


def _write_gz(path: Path, text: str) -> str:
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return hashlib.sha256(data).hexdigest()


def write_wordgrams(bodies: list[str], words: list[str], out: Path) -> dict:
    """Write ``en_wordgrams.npz`` (words in ``en_words.txt.gz`` order); returns its SOURCE.json entry."""
    bigrams, trigrams = wordgram.count_ngrams((line for body in bodies for line in body.split("\n")),
                                              {w: i for i, w in enumerate(words)})
    data = wordgram.to_bytes(bigrams, trigrams)
    (out / wordgram.FILE).write_bytes(data)
    return {"bigrams_seen": len(bigrams), "trigrams_seen": len(trigrams), "kept_seen_at_least": wordgram.MIN_COUNT,
            "bigrams_kept": sum(1 for n in bigrams.values() if n >= wordgram.MIN_COUNT),
            "trigrams_kept": sum(1 for n in trigrams.values() if n >= wordgram.MIN_COUNT),
            "word_pairs_counted": sum(bigrams.values()), "sha256": hashlib.sha256(data).hexdigest()}


def build_wordgrams_only(cache: Path, out: Path, log=print) -> dict:
    """Rebuild ``en_wordgrams.npz`` alone (from the training split and the shipped ``en_words.txt.gz``)."""
    from artdesk.ml.poem import lexicon

    en = [r["body"] for r in load_prepared("en", cache, "train")]
    entry = write_wordgrams(en, list(lexicon.en_word_counts()), out)
    source = out / "SOURCE.json"
    record = json.loads(source.read_text(encoding="utf-8"))
    record["files"].pop("en_bigrams.npz", None)
    record["files"][wordgram.FILE] = entry
    source.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(json.dumps(entry))
    return entry


def build(cache: Path, out: Path, log=print) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    record = {"made_by": "python -m artdesk.ml.poem.lexicon_data (from the training split of artdesk train poem --prepare)",
              "sources": {k: {"spec": v["spec"], "licence": v["licence"]} for k, v in SOURCES.items()},
              "method": f"related words: positive PMI within a stanza (en) or poem (zh), context counts ^0.75, "
                        f"pairs seen at least {MIN_PAIR} times, top {RELATED} kept, for the {HEADS} most frequent heads",
              "files": {}}
    en = [r["body"] for r in load_prepared("en", cache, "train")]
    counts = en_word_counts(en)
    words = sorted(counts, key=lambda w: (-counts[w], w))
    record["files"]["en_words.txt.gz"] = {"words": len(words), "min_count": MIN_EN_COUNT,
                                          "sha256": _write_gz(out / "en_words.txt.gz", "".join(f"{w} {counts[w]}\n" for w in words))}
    log(f"en words: {len(words)}")
    record["files"][wordgram.FILE] = write_wordgrams(en, words, out)
    log(f"en word n-grams: {record['files'][wordgram.FILE]}")
    heads = [w for w in words if is_content_word(w)][:HEADS["en"]]
    units = [{w.lower() for w in EN_WORD.findall(body)} for body in en]
    table = related_table(units, heads, MIN_PAIR["en"], keep=2 * RELATED)
    table = {h: [w for w in ws if not english.rhymes(w, h)][:RELATED] for h, ws in table.items()}  # rhyme pairs co-occur by form, not by sense
    record["files"]["en_related.json.gz"] = {"heads": len(table),
                                             "sha256": _write_gz(out / "en_related.json.gz", json.dumps(table, separators=(",", ":")))}
    del en, units
    zh = [r["body"] for r in load_prepared("zh", cache, "train")]
    chars = Counter(ch for body in zh for ch in body if ch not in ZH_FUNCTION)
    heads = [ch for ch, _ in chars.most_common(HEADS["zh"])]
    table = related_table([set(body) for body in zh], heads, MIN_PAIR["zh"])
    record["files"]["zh_related.json.gz"] = {"heads": len(table), "sha256": _write_gz(
        out / "zh_related.json.gz", json.dumps(table, ensure_ascii=False, separators=(",", ":")))}
    doubled = reduplications(zh)
    (out / "zh_reduplications.txt").write_text("".join(doubled) + "\n", encoding="utf-8")
    record["files"]["zh_reduplications.txt"] = {"characters": len(doubled), "min_count": MIN_REDUP,
                                                "sha256": hashlib.sha256(("".join(doubled) + "\n").encode()).hexdigest()}
    (out / "SOURCE.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    log(json.dumps(record["files"], ensure_ascii=False))
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.poem.lexicon_data")
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=bundle_root() / "resources" / "poem")
    parser.add_argument("--wordgrams-only", action="store_true", help="rebuild en_wordgrams.npz alone")
    args = parser.parse_args(argv)
    (build_wordgrams_only if args.wordgrams_only else build)(Path(args.cache or default_cache()), args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
