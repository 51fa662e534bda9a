"""Poem originality: the longest passage a poem shares with training, from the model's ``copy_index.npz``.

The copy index (a Bloom filter of character n-grams, ``copyindex.py``) ships with each poem model; this module adds
its calibration, ``originality.json``: the longest shared passage of held-out poems, with the sha256 of the copy
index it was measured with (a replaced index makes the calibration stale, and the check says so).
A Bloom filter cannot say which training poem holds a passage, so poems get the passage and no neighbours.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_write_text
from artdesk.core.originality import Calibration, Originality, OriginalityError, judge, longest_run
from artdesk.ml.poem.copyindex import CopyIndex
from artdesk.ml.poem.vocab import BOS, EOS, SEP, Vocab

CALIBRATION_FILE = "originality.json"
INDEX_FILE = "copy_index.npz"
CALIBRATION_POEMS = 3000


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
                 note=f"Bloom index of {poem.index.n}-character windows: it cannot name the training poem, "
                      "and about 1-2% of windows match falsely.")
