"""The poem copy check: a Bloom filter of every character n-gram of the training bodies, its calibration,
and the check itself (``poem_originality``: the one answer the Gallery and the Poem panel give).

The index ships with a model (``copy_index.npz``) so the app can answer, without the training text:
"which lines of this poem occur in training" (a line with its end mark, preceded by a line start)
and "how long is the longest passage this poem shares with training" (the longest run in which every
n-gram window occurs in training). A Bloom filter has false positives (about 2% per window at the
chosen size) and no false negatives; the exact numbers of ``artdesk eval`` use the prepared text.

Its calibration, ``originality.json``, holds the longest shared passage of held-out poems, with the sha256 of
the copy index it was measured with (a replaced index makes the calibration stale, and the check says so).
A Bloom filter cannot say which training poem holds a passage, so poems get the passage and no neighbours.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_write_text
from artdesk.core.originality import (SHARED_STRETCHES_NOTE, Calibration, Originality, OriginalityError, judge,
                                      load_checked_index, longest_run)
from artdesk.ml.poem.vocab import BOS, EOS, SEP, Vocab

MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
P1 = np.uint64(0x9E3779B97F4A7C15)
P2 = np.uint64(0xC2B2AE3D27D4EB4F)
HASHES = 6
CALIBRATION_FILE = "originality.json"
INDEX_FILE = "copy_index.npz"
CALIBRATION_POEMS = 3000


def window_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """A 64-bit hash of every length-``n`` window of ``ids`` (uint64 arithmetic wraps)."""
    ids = np.asarray(ids, dtype=np.uint64)
    if len(ids) < n:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = np.zeros(len(ids) - n + 1, dtype=np.uint64)
        for j in range(n):
            h = (h * P1 + ids[j:len(ids) - n + 1 + j] + np.uint64(1)) & MASK64
        h ^= h >> np.uint64(29)
        h = (h * P2) & MASK64
        h ^= h >> np.uint64(32)
    return h


def _positions(h: np.ndarray, bits: int) -> np.ndarray:
    with np.errstate(over="ignore"):
        h1 = h & np.uint64(0xFFFFFFFF)
        h2 = (h >> np.uint64(32)) | np.uint64(1)
        return np.stack([(h1 + np.uint64(i) * h2) % np.uint64(bits) for i in range(HASHES)])


@dataclass
class CopyIndex:
    n: int
    bits: int
    table: np.ndarray  # packed bits, uint8
    line_start_ids: tuple[int, ...]  # ids that may precede a line (separators, <sep>)
    word_start_ids: tuple[int, ...] = ()  # if set, only windows right after one of these ids are indexed

    def window_starts(self, ids: np.ndarray) -> np.ndarray:
        """True where a window may start (always, or right after a word boundary)."""
        ids = np.asarray(ids)
        count = max(0, len(ids) - self.n + 1)
        if not self.word_start_ids:
            return np.ones(count, dtype=bool)
        previous = np.concatenate([[self.line_start_ids[-1]], ids[:-1]])[:count]
        return np.isin(previous, self.word_start_ids)

    @classmethod
    def build(cls, stream: np.ndarray, n: int, special_ids: list[int], line_start_ids: list[int],
              word_start_ids: list[int] = (), bits_per_item: int = 10, max_bytes: int = 8 << 20) -> "CopyIndex":
        """Index every n-gram of ``stream`` that holds no special token, plus n-grams starting at a line start."""
        stream = np.asarray(stream, dtype=np.int64)
        hashes = window_hashes(stream, n)
        special = np.isin(stream, special_ids).astype(np.int64)
        bad = np.convolve(special, np.ones(n, dtype=np.int64), mode="valid") > 0
        starts_ok = np.isin(stream[:len(hashes)], line_start_ids)  # a window may begin with a line start
        inner = np.convolve(special[1:], np.ones(n - 1, dtype=np.int64), mode="valid")[:len(hashes)] == 0
        keep = ~bad | (starts_ok & inner)
        probe = cls(n, 8, np.zeros(1, np.uint8), tuple(line_start_ids), tuple(word_start_ids))
        keep &= probe.window_starts(stream)
        hashes = hashes[keep]  # duplicates only set the same bits again
        bits = int(min(max_bytes * 8, max(1 << 16, len(hashes) * bits_per_item)))
        flags = np.zeros(bits, dtype=bool)
        for row in _positions(hashes, bits):
            flags[row] = True
        return cls(n, bits, np.packbits(flags), tuple(int(i) for i in line_start_ids), tuple(int(i) for i in word_start_ids))

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        if len(hashes) == 0:
            return np.zeros(0, dtype=bool)
        pos = _positions(hashes, self.bits)
        byte, bit = pos // np.uint64(8), pos % np.uint64(8)
        values = (self.table[byte.astype(np.int64)] >> (np.uint64(7) - bit).astype(np.uint8)) & 1
        return values.all(axis=0)

    def windows_in_training(self, ids: list[int]) -> np.ndarray:
        """Per window start: True if that window occurs in training (False where no window may start)."""
        ids = np.asarray(ids)
        found = self.contains(window_hashes(ids, self.n))
        return found & self.window_starts(ids)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, n=np.int64(self.n), bits=np.int64(self.bits), table=self.table,
                 line_start_ids=np.asarray(self.line_start_ids, dtype=np.int64),
                 word_start_ids=np.asarray(self.word_start_ids, dtype=np.int64))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "CopyIndex":
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            return cls(int(arrays["n"]), int(arrays["bits"]), arrays["table"],
                       tuple(int(i) for i in arrays["line_start_ids"]), tuple(int(i) for i in arrays["word_start_ids"]))


@dataclass
class PoemIndex:
    index: CopyIndex
    vocab: Vocab
    language: str
    calibration: Calibration


def body_ids(text: str, language: str, vocab: Vocab) -> np.ndarray:
    """``<sep>`` and the poem body as the training stream writes it (Chinese lines end in ，/。 alternately;
    English lines as written, stanza breaks kept)."""
    from artdesk.ml.poem.checker import split_lines

    if language == "zh":
        lines = [line for _, line in split_lines(text, language)]
        joined = "".join(line.rstrip("，。？！；,.?!;") + ("，" if i % 2 == 0 else "。") for i, line in enumerate(lines))
    else:  # lines as written, stanza breaks kept
        joined = "".join(line.strip() + "\n" for line in text.strip("\n").split("\n")) if text.strip() else ""
    return np.asarray([vocab.index[SEP]] + vocab.encode(joined), dtype=np.int64)


def shared_span(index: CopyIndex, ids: np.ndarray) -> tuple[int, int]:
    """The longest stretch of the body (``ids[0]`` is ``<sep>``) in which every window that may start
    (English: at word starts) occurs in training."""
    possible = np.flatnonzero(index.window_starts(ids))
    found = index.windows_in_training(ids)[possible]
    start, end = longest_run(found, 1)  # in units of possible starts
    if end == start:
        return 0, 0
    return max(1, int(possible[start])), int(possible[end - 1]) + index.n


def heldout_bodies(stream: np.ndarray, vocab: Vocab, limit: int = CALIBRATION_POEMS) -> list[np.ndarray]:
    """``<sep>`` + body of the first ``limit`` poems of a token stream (``<bos> tag keywords <sep> body <eos>``)."""
    seps = np.flatnonzero(stream == vocab.index[SEP])
    ends = np.flatnonzero(stream == vocab.index[EOS])
    out = []
    for sep in seps[:limit]:
        end = ends[np.searchsorted(ends, sep)] if np.searchsorted(ends, sep) < len(ends) else len(stream)
        body = stream[sep:end]
        if len(body) > 1 and vocab.index[BOS] not in body:
            out.append(body)
    return out


def calibrate(folder: Path, language: str, heldout_stream: np.ndarray) -> dict:
    """Measure held-out poems against the folder's copy index and write ``originality.json``; returns its content."""
    folder = Path(folder)
    vocab = Vocab.from_json((folder / "vocab.json").read_bytes())
    blob = (folder / INDEX_FILE).read_bytes()
    index = CopyIndex.from_bytes(blob)
    values = [end - start for start, end in (shared_span(index, body) for body in heldout_bodies(heldout_stream, vocab))]
    calibration = Calibration.from_heldout(
        "longest shared passage (characters)", values, higher_is_closer=True,
        note=f"longest passage shared with training ({index.n}-character windows of the copy index), measured on "
             f"{len(values)} held-out poems")
    record = {"language": language, "copy_index_sha256": hashlib.sha256(blob).hexdigest(),
              "calibration": calibration.to_dict()}
    atomic_write_text(folder / CALIBRATION_FILE, json.dumps(record, ensure_ascii=False))
    return record


def load_index(folder: Path) -> PoemIndex:
    folder = Path(folder)
    try:
        record = json.loads((folder / CALIBRATION_FILE).read_text(encoding="utf-8"))
        blob = (folder / INDEX_FILE).read_bytes()
        vocab = Vocab.from_json((folder / "vocab.json").read_bytes())
    except FileNotFoundError as error:
        raise OriginalityError(f"The poem model {folder.name} has no originality index ({Path(error.filename).name}).") from error
    except (OSError, ValueError) as error:
        raise OriginalityError(f"The originality files of {folder.name} cannot be read ({error}).") from error
    if record.get("copy_index_sha256") != hashlib.sha256(blob).hexdigest():
        raise OriginalityError(f"The originality calibration of {folder.name} was made for another copy index; "
                               "rebuild it (python -m artdesk.ml.originality).")
    return PoemIndex(CopyIndex.from_bytes(blob), vocab, str(record.get("language", "zh")),
                     Calibration.from_dict(record.get("calibration", {})))


def check_poem_text(poem: PoemIndex, text: str) -> Originality:
    ids = body_ids(text, poem.language, poem.vocab)
    if len(ids) <= 1:
        raise OriginalityError("This poem has no lines to check.")
    start, end = shared_span(poem.index, ids)
    return judge(poem.calibration, end - start, (end - start) / (len(ids) - 1),
                 passage=poem.vocab.decode(ids[start:end]).strip(),
                 note=SHARED_STRETCHES_NOTE)


def poem_originality(model_dir: Path, text: str, cache: dict | None = None) -> Originality:
    """The originality of a poem's text against the index in ``model_dir``: the one answer the Gallery and
    the Poem panel's copy check both give. OriginalityError when there is no index or the poem's language
    is not the model's. ``cache`` keeps loaded indexes over one job."""
    from artdesk.ml.poem.checker import detect_language

    index = load_checked_index(Path(model_dir), CALIBRATION_FILE, load_index, {} if cache is None else cache)
    if detect_language(text) != index.language:
        raise OriginalityError("This poem is not in the language of the model's training poems, so it cannot be compared.")
    return check_poem_text(index, text)
