"""English prosody from the CMU Pronouncing Dictionary (``pronunciations``): syllables and rhyme.

Words missing from the dictionary fall back to spelling rules (vowel groups; last three letters
for rhyme) and are reported as guesses by the checker.
"""
from __future__ import annotations

import re
from functools import lru_cache

from artdesk.ml.poem import pronunciations

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")


@lru_cache(maxsize=200_000)
def _phones(word: str) -> str | None:
    found = pronunciations.phones_for_word(word)
    return found[0] if found else None


def in_dictionary(word: str) -> bool:
    return _phones(word.lower().strip("'")) is not None


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables of one word: the dictionary's count, else vowel groups (a final silent e dropped)."""
    word = word.lower().strip("'")
    if not word:
        return 0
    phones = _phones(word)
    if phones is not None:
        return sum(ch.isdigit() for ch in phones)
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def line_syllables(line: str) -> int:
    return sum(syllables(w) for w in WORD.findall(line))


@lru_cache(maxsize=200_000)
def rhyme_key(word: str) -> str:
    """The part of a word that must match for a rhyme: from its last stressed vowel (dictionary), else its last letters."""
    word = word.lower().strip("'")
    phones = _phones(word)
    if phones is not None:
        return pronunciations.rhyming_part(phones)
    return "~" + word[-3:]


def rhymes(a: str, b: str) -> bool:
    """True when two different words rhyme (identical words do not count)."""
    a, b = a.lower().strip("'"), b.lower().strip("'")
    if not a or not b or a == b:
        return False
    return rhyme_key(a) == rhyme_key(b)


def last_word(line: str) -> str:
    words = WORD.findall(line)
    return words[-1].lower() if words else ""
