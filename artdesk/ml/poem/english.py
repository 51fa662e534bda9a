"""English prosody from the CMU Pronouncing Dictionary (``pronunciations``): syllables and rhyme.

Words missing from the dictionary fall back to spelling rules (vowel groups; last three letters
for rhyme) and are reported as guesses by the checker.
"""
from __future__ import annotations

import re
from functools import lru_cache

from artdesk.ml.poem import pronunciations

WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
# Words that carry grammar, not a subject: never a theme word, a rhyme family's member or a line's keyword.
FUNCTION_WORDS = frozenset("""a an the of and or nor but to in on at by for with from as if than that so my thy his her
its our your their me him us them i o is was be are were am been has had have do did does shall will would could should
may might must can this these those which who whom whose what when where while then there here not no yet thee thou
""".split())


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


def _onset_rhyme(phones: str) -> str:
    """The rhyming part with the consonant before it (light, delight: L AY1 T)."""
    part = pronunciations.rhyming_part(phones)
    before = phones[: len(phones) - len(part)].split()
    return " ".join(before[-1:] + [part]) if before and not before[-1][-1].isdigit() else part


def identical_rhyme(a: str, b: str) -> bool:
    """True for the same word, homophones (sea, see) or words alike from the consonant before the rhyme on
    (light, delight): an identical rhyme, which poems do not count as a rhyme."""
    a, b = a.lower().strip("'"), b.lower().strip("'")
    if a == b:
        return True
    pa, pb = pronunciations.phones_for_word(a), pronunciations.phones_for_word(b)
    if set(pa) & set(pb):
        return True
    return bool(pa and pb) and _onset_rhyme(pa[0]) == _onset_rhyme(pb[0])


def rhymes(a: str, b: str) -> bool:
    """True when two words rhyme and the rhyme is not an identical one (see ``identical_rhyme``)."""
    a, b = a.lower().strip("'"), b.lower().strip("'")
    if not a or not b or rhyme_key(a) != rhyme_key(b):
        return False
    return not identical_rhyme(a, b)


def last_word(line: str) -> str:
    words = WORD.findall(line)
    return words[-1].lower() if words else ""
