"""Poem planning (Wang et al. 2016, "Chinese Poetry Generation with Planning based Neural Network"):
the theme is expanded into one keyword per line from corpus co-occurrence, and each line is written
toward its keyword. No torch.

The expansion of a theme is the union of its words' related words (``lexicon.related``), merged
best-first; a poem "uses its theme" when it holds a theme word or one of those expansions.
"""
from __future__ import annotations

import random
import re

from artdesk.ml.poem import chinese, english, lexicon
from artdesk.ml.poem.seasons import out_of_season

EXPANSIONS = 12  # expansion words counted as the theme's (and offered to the plan)
COMMON = 100  # English expansions seen at least this often in the training poems come first ("cold" before "spoon")
ZH_PARTICLES = frozenset("的了着吗呢吧啊")  # modern grammar a user may type into a theme ("秋天的江"): not a theme character


def theme_words(keywords: str, language: str) -> tuple[str, ...]:
    """The theme's words (English, lower case) or characters (Chinese), in order, without repeats.

    Grammar words ("the", "of"; 的, 了) are left out unless the theme has nothing else: "the mountain
    snow" is a theme of mountain and snow, and a poem holding "the" does not use it."""
    if language == "en":
        found = [re.sub(r"'s?$", "", w.lower()) for w in english.WORD.findall(keywords)]  # mother's -> mother
        grammar = english.FUNCTION_WORDS
    else:
        found = [ch for ch in keywords if chinese.is_hanzi(ch)]
        grammar = ZH_PARTICLES
    subject = [w for w in found if w not in grammar]
    return tuple(dict.fromkeys(subject or found))


def expansions(words: tuple[str, ...], language: str, limit: int = EXPANSIONS) -> list[str]:
    """Words related to the theme's words, best first, taking from each theme word in turn.

    In English one form of a word stands for the rest: after "drifts", "drifted" is not offered. Words
    of another season than the theme's are never offered (``out_of_season``)."""
    lists = [_related(w, language) for w in words]
    stem = _stem if language == "en" else (lambda word: word)
    seen = {stem(w) for w in (*words, *out_of_season(words, language))}
    out: list[str] = []
    for rank in range(max((len(x) for x in lists), default=0)):
        for found in lists:
            if rank < len(found) and stem(found[rank]) not in seen:
                seen.add(stem(found[rank]))
                out.append(found[rank])
    return out[:limit]


def _related(word: str, language: str) -> list[str]:
    """The corpus's words related to ``word``, best first. In English, words poets rhymed with it by eye
    ("love": prove, move) are left out, and the commoner words go first: PMI favours a rare word seen
    beside ``word`` a few times ("river": spoon, from Spoon River)."""
    found = lexicon.related(language).get(word, [])
    if language != "en":
        return found
    counts = lexicon.en_word_counts()
    found = [w for w in found if _spelled_ending(w) != _spelled_ending(word)]
    return sorted(found, key=lambda w: counts.get(w, 0) < COMMON)  # stable: PMI order within each group


def _spelled_ending(word: str) -> str:
    """The spelling from a word's next-to-last vowel group: love, prove, move -> "ove"; mother "other", father "ather"."""
    groups = list(re.finditer(r"[aeiouy]+", word))
    return word[groups[-min(2, len(groups))].start():] if groups else word


def _stem(word: str) -> str:
    """A crude English stem for telling word forms apart: drifts, drifted, drifting -> drift."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def plan(words: tuple[str, ...], language: str, lines: int, rng: random.Random) -> list[str]:
    """One keyword per line: the theme's words first, then expansions drawn (better ranked, likelier)."""
    keywords = list(words[:lines])
    pool = expansions(words, language)
    while len(keywords) < lines and pool:
        weights = [1.0 / (rank + 2) for rank in range(len(pool))]
        keywords.append(pool.pop(rng.choices(range(len(pool)), weights)[0]))
    while len(keywords) < lines:
        keywords.append("")
    return keywords


def holds(text: str, word: str, language: str) -> bool:
    """True when ``text`` holds ``word`` (a whole word in English, any case)."""
    if language == "en":
        return word in re.findall(r"[a-z']+", text.lower())
    return word in text


def uses_theme(text: str, words: tuple[str, ...], language: str) -> bool:
    """True when ``text`` holds one of the theme's words or their expansions."""
    return bool(words) and any(holds(text, w, language) for w in (*words, *expansions(words, language)))
