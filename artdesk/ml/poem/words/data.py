"""Word-token streams made from the character model's prepared English streams (the same poems, the same split).

``load_word_data(data_dir, cache_dir)`` decodes ``<data_dir>/en/{train,valid}.u16.gz`` with their
``vocab.json`` back to (form, keywords, body) records, builds the word vocabulary from the training
split and encodes both splits; the result is cached in ``cache_dir`` keyed by the source files' hashes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_write_bytes, atomic_write_text
from artdesk.core.digest import sha256_file
from artdesk.ml.poem.data import read_array
from artdesk.ml.poem.words.tokenizer import WordVocab, records_from_char_stream

MAX_WORDS = 16_000
SOURCE_FILES = ("vocab.json", "train.u16.gz", "valid.u16.gz")


@dataclass
class Split:
    ids: np.ndarray  # int64 tokens of all records, concatenated
    scored: np.ndarray  # bool: body tokens and <eos> (what bits/char counts)
    chars: int  # characters those tokens spell: body characters plus one per <eos>, as the 5-gram counts them


@dataclass
class WordData:
    vocab: WordVocab
    train: Split
    valid: Split
    source_sha256: dict[str, str]


def encode_split(records: list[dict], vocab: WordVocab) -> Split:
    ids: list[int] = []
    scored: list[bool] = []
    chars = 0
    for record in records:
        tokens, start = vocab.encode_record(record["form"], record["keywords"], record["body"])
        ids += tokens
        scored += [False] * start + [True] * (len(tokens) - start)
        chars += len(record["body"]) + 1
    return Split(np.asarray(ids, dtype=np.int64), np.asarray(scored, dtype=bool), chars)


def char_records(data_dir: Path, split: str) -> list[dict]:
    folder = Path(data_dir) / "en"
    char_tokens = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))["tokens"]
    return records_from_char_stream(read_array(folder / f"{split}.u16.gz"), char_tokens)


def load_word_data(data_dir: Path, cache_dir: Path, max_words: int = MAX_WORDS, log=print) -> WordData:
    folder = Path(data_dir) / "en"
    key = {name: sha256_file(folder / name) for name in SOURCE_FILES}
    key["max_words"] = str(max_words)
    cache_dir = Path(cache_dir)
    meta_path = cache_dir / "words-meta.json"
    if meta_path.exists() and json.loads(meta_path.read_text(encoding="utf-8")).get("key") == key:
        vocab = WordVocab.from_json((cache_dir / "words-vocab.json").read_bytes())
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        with np.load(cache_dir / "words-streams.npz") as arrays:
            train = Split(arrays["train_ids"].astype(np.int64), arrays["train_scored"], meta["train_chars"])
            valid = Split(arrays["valid_ids"].astype(np.int64), arrays["valid_scored"], meta["valid_chars"])
        return WordData(vocab, train, valid, key)
    log("decoding the character streams into records")
    train_records, valid_records = char_records(data_dir, "train"), char_records(data_dir, "valid")
    char_tokens = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))["tokens"]
    tags = [t for t in char_tokens if t.startswith("<") and t not in ("<pad>", "<bos>", "<eos>", "<sep>", "<unk>")]
    vocab = WordVocab.build(train_records, tags, [t for t in char_tokens if len(t) == 1], max_words)
    log(f"word vocabulary: {len(vocab)} tokens; encoding")
    train, valid = encode_split(train_records, vocab), encode_split(valid_records, vocab)
    cache_dir.mkdir(parents=True, exist_ok=True)
    import io

    buffer = io.BytesIO()
    np.savez(buffer, train_ids=train.ids.astype(np.uint16), train_scored=train.scored,
             valid_ids=valid.ids.astype(np.uint16), valid_scored=valid.scored)
    atomic_write_bytes(cache_dir / "words-streams.npz", buffer.getvalue())
    atomic_write_bytes(cache_dir / "words-vocab.json", vocab.to_json())
    atomic_write_text(meta_path, json.dumps({"key": key, "train_chars": train.chars, "valid_chars": valid.chars,
                                             "train_records": len(train_records), "valid_records": len(valid_records)}))
    return WordData(vocab, train, valid, key)
