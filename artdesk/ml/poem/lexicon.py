"""The corpus word resources of ``resources/poem`` (made by ``lexicon_data``), read once on first use. No torch.

- English words: the words of the training poems that the CMU dictionary holds; decoding spells only
  these (``WordTrie``) and the checker calls anything else a non-word.
- Related words (English) and characters (Chinese): the planner's keyword expansion.
- Reduplications (叠字): the characters the Chinese poems double (青青, 处处).
"""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import bundle_root


def folder() -> Path:
    return bundle_root() / "resources" / "poem"


def _read(name: str) -> str:
    path = folder() / name
    try:
        data = path.read_bytes()
        return (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise ArtdeskError(f"The poem word list {path} cannot be read ({error}). Reinstall artdesk to restore it.") from error


@lru_cache(maxsize=1)
def en_word_counts() -> dict[str, int]:
    """Lower-case English word -> count in the training poems, most frequent first."""
    out = {}
    for line in _read("en_words.txt.gz").splitlines():
        word, _, count = line.partition(" ")
        out[word] = int(count)
    return out


def is_word(word: str) -> bool:
    """True for a word of the English vocabulary (any case; a leading or trailing apostrophe is ignored)."""
    return word.lower().strip("'") in en_word_counts()


@lru_cache(maxsize=2)
def related(language: str) -> dict[str, list[str]]:
    """Head word (en) or character (zh) -> the words most associated with it in the corpus, best first."""
    return json.loads(_read(f"{language}_related.json.gz"))


@lru_cache(maxsize=1)
def reduplicable() -> frozenset[str]:
    """Characters whose doubling the Chinese poems use at least a few times."""
    return frozenset(_read("zh_reduplications.txt").strip())


class WordTrie:
    """A letter trie of words; a node is a dict of next letters, ``END`` marks a whole word."""

    END = ""

    def __init__(self, words) -> None:
        self.root: dict = {}
        for word in words:
            node = self.root
            for ch in word:
                node = node.setdefault(ch, {})
            node[self.END] = {}

    def node(self, prefix: str) -> dict | None:
        """The node reached by spelling ``prefix`` (lower case), None when no word starts so."""
        node = self.root
        for ch in prefix:
            node = node.get(ch)
            if node is None:
                return None
        return node
