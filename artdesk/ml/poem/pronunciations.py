"""The CMU Pronouncing Dictionary, vendored as ``resources/cmudict/`` (BSD-2-Clause; SOURCE.json says where from).

Plain Python, no torch. Read once, on first use; the sha256 recorded in SOURCE.json is checked, so a damaged
install is named instead of rhyming wrongly. Same rules as the ``pronouncing`` package this replaces: ``word(2)``
variants join their word, words are lower-cased, each word's pronunciations keep file order (the first is the
main one). Unlike it, the dictionary's trailing ``# notes`` (22 foreign names) are not taken for phones.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import threading
import zlib
from pathlib import Path

from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import bundle_root

_lock = threading.Lock()
_lookup: dict[str, list[str]] | None = None
_rhyme_index: dict[str, list[str]] | None = None


def folder() -> Path:
    """Where the vendored dictionary lives (inside the app folder when frozen)."""
    return bundle_root() / "resources" / "cmudict"


def parse(text: str) -> dict[str, list[str]]:
    """word -> its phone strings in file order; ``;`` comment lines and ``# notes`` dropped."""
    lookup: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(";"):
            continue
        word, _, phones = line.partition(" ")
        lookup.setdefault(word.split("(", 1)[0].lower(), []).append(phones.strip())
    return lookup


def load(where: Path) -> dict[str, list[str]]:
    """Read and check the dictionary in ``where``; ArtdeskError (saying what to do) when missing or damaged."""
    try:
        record = json.loads((where / "SOURCE.json").read_text(encoding="utf-8"))
        data = gzip.decompress((where / record["file"]).read_bytes())
    except (OSError, ValueError, KeyError, TypeError, EOFError, zlib.error) as error:
        raise ArtdeskError(
            f"The English pronouncing dictionary in {where} cannot be read ({error}). Reinstall artdesk to restore it."
        ) from error
    if hashlib.sha256(data).hexdigest() != record.get("sha256"):
        raise ArtdeskError(
            f"The English pronouncing dictionary in {where} is damaged (its checksum does not match). "
            "Reinstall artdesk to restore it."
        )
    return parse(data.decode("utf-8"))


def _dictionary() -> dict[str, list[str]]:
    global _lookup
    with _lock:
        if _lookup is None:
            _lookup = load(folder())
        return _lookup


def phones_for_word(word: str) -> list[str]:
    """Every pronunciation of ``word`` (any case), main one first; [] when it is not in the dictionary."""
    return list(_dictionary().get(word.lower(), ()))


def words() -> list[str]:
    """Every dictionary word, once, in file order."""
    return list(_dictionary())


def rhyming_part(phones: str) -> str:
    """The phones from the last stressed vowel to the end (all of them when none is stressed)."""
    parts = phones.split()
    for index in range(len(parts) - 1, 0, -1):
        if parts[index][-1] in "12":
            return " ".join(parts[index:])
    return phones


def _rhymes_by_part() -> dict[str, list[str]]:
    global _rhyme_index
    lookup = _dictionary()
    with _lock:
        if _rhyme_index is None:
            index: dict[str, list[str]] = {}
            for word, pronunciations in lookup.items():
                for phones in pronunciations:
                    index.setdefault(rhyming_part(phones), []).append(word)
            _rhyme_index = index
        return _rhyme_index


def rhymes(word: str) -> list[str]:
    """Sorted dictionary words, other than ``word``, sharing a rhyming part with any of its pronunciations."""
    word = word.lower()
    index = _rhymes_by_part()
    found = {other for phones in phones_for_word(word) for other in index.get(rhyming_part(phones), ())}
    found.discard(word)
    return sorted(found)
