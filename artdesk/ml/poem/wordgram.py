"""English word n-grams of the training poems and their shallow fusion with the character model. No torch.

``resources/poem/en_wordgrams.npz`` (made by ``lexicon_data``) holds, over the vocabulary of
``lexicon.en_word_counts`` (ids in that order; the id ``len(words)`` stands for a line's start), the word
bigrams and trigrams within lines seen at least ``MIN_COUNT`` times, and for every context how often it was
followed by a vocabulary word and by how many different ones (counted before the rare n-grams were dropped).

A character model spells words letter by letter and loses track of grammar between words ("I winter for his").
While a word is spelled, ``letter_scores`` gives each next letter (and the word's end) the log of the n-gram
probability of the vocabulary words it leads to after the line's last two words (interpolated absolute
discounting, Ney et al. 1994: trigram, then bigram, then unigram), for the sampler to add to the model's logits
(shallow fusion, Gulcehre et al. 2015).
"""
from __future__ import annotations

import io
import math
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

import numpy as np

from artdesk.ml.poem import english, lexicon

MIN_COUNT = 2
COMMON_RANK = 2000  # words this frequent or more (by rank) are expected to have met each other (``unheard``)
UNHEARD = 0.05  # a pair of common words this much rarer than its second word alone is not English (``unheard``)
DISCOUNT = 0.75
SUBJECTS = ("he", "she", "they", "i", "we", "you", "thou", "it", "who")
BE = frozenset("is are was were be been am art".split())
VERB_LIFT = 2.0  # a verb follows a subject this many times more often than its share of all words
VERB_MIN = 1e-4  # ... and at least this often after a subject, on average
FILE = "en_wordgrams.npz"
END = ""  # the key of a word's end among ``letter_scores``


def count_ngrams(lines, ids: dict[str, int]) -> tuple[Counter, Counter]:
    """Bigrams and trigrams of vocabulary words within lines, as id tuples (``len(ids)`` opens a line, twice
    for a trigram's context; a word outside the vocabulary breaks the chain)."""
    start = len(ids)
    bigrams: Counter = Counter()
    trigrams: Counter = Counter()
    for line in lines:
        a, b = start, start
        for word in english.WORD.findall(line):
            c = ids.get(word.lower())
            if c is not None and b is not None:
                bigrams[(b, c)] += 1
                if a is not None:
                    trigrams[(a, b, c)] += 1
            a, b = b, c
    return bigrams, trigrams


def _contexts(grams: Counter) -> tuple[Counter, Counter]:
    total, types = Counter(), Counter()
    for gram, n in grams.items():
        total[gram[:-1]] += n
        types[gram[:-1]] += 1
    return total, types


def to_bytes(bigrams: Counter, trigrams: Counter) -> bytes:
    """The npz of the n-grams seen at least ``MIN_COUNT`` times, with full context totals and type counts."""
    arrays = {}
    for name, grams in (("bi", bigrams), ("tri", trigrams)):
        total, types = _contexts(grams)
        kept = sorted((g, n) for g, n in grams.items() if n >= MIN_COUNT)
        contexts = sorted({g[:-1] for g, _ in kept})
        for k in range(len(kept[0][0]) if kept else 0):
            arrays[f"{name}_{k}"] = np.array([g[k] for g, _ in kept], dtype=np.uint16)
        arrays[f"{name}_count"] = np.minimum(np.array([n for _, n in kept], dtype=np.int64), 65535).astype(np.uint16)
        for k in range(len(contexts[0]) if contexts else 0):
            arrays[f"{name}_ctx_{k}"] = np.array([c[k] for c in contexts], dtype=np.uint16)
        arrays[f"{name}_ctx_total"] = np.array([total[c] for c in contexts], dtype=np.uint32)
        arrays[f"{name}_ctx_types"] = np.array([types[c] for c in contexts], dtype=np.uint32)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


class _Level:
    """The kept n-grams of one order, looked up by context key."""

    def __init__(self, arrays, name: str, order: int, base: int) -> None:
        self.base = base
        key = np.zeros(len(arrays[f"{name}_count"]), dtype=np.int64)
        for k in range(order - 1):
            key = key * base + arrays[f"{name}_{k}"].astype(np.int64)
        order_by = np.argsort(key, kind="stable")
        self.keys = key[order_by]
        self.next = arrays[f"{name}_{order - 1}"][order_by]
        self.count = arrays[f"{name}_count"][order_by].astype(np.float64)
        ctx = np.zeros(len(arrays[f"{name}_ctx_total"]), dtype=np.int64)
        for k in range(order - 1):
            ctx = ctx * base + arrays[f"{name}_ctx_{k}"].astype(np.int64)
        self.context = {int(c): (float(t), float(n)) for c, t, n in
                        zip(ctx, arrays[f"{name}_ctx_total"], arrays[f"{name}_ctx_types"])}

    def key(self, ids: tuple[int, ...]) -> int:
        out = 0
        for i in ids:
            out = out * self.base + i
        return out

    def row(self, ids: tuple[int, ...]):
        """(successor ids, counts, context total, context types), or None for a context never kept."""
        key = self.key(ids)
        if key not in self.context:
            return None
        low, high = np.searchsorted(self.keys, [key, key + 1])
        return self.next[low:high], self.count[low:high], *self.context[key]


class WordGrams:
    """Interpolated trigram probabilities of whole words and of word prefixes after the line's last two words."""

    def __init__(self, words: list[str], unigram: np.ndarray, arrays) -> None:
        self.words = words
        self.ids = {w: i for i, w in enumerate(words)}
        self.start = len(words)
        uni = unigram / unigram.sum()
        self.unigram = {w: float(p) for w, p in zip(words, uni)}
        self.prefix_mass: dict[str, float] = {}
        for word, p in self.unigram.items():
            for cut in range(len(word) + 1):
                self.prefix_mass[word[:cut]] = self.prefix_mass.get(word[:cut], 0.0) + float(p)
        self._verbs = None
        self._verb_prefixes = None
        self.levels = {2: _Level(arrays, "bi", 2, self.start + 1), 3: _Level(arrays, "tri", 3, self.start + 1)}

    @classmethod
    def from_bytes(cls, data: bytes) -> "WordGrams":
        arrays = dict(np.load(io.BytesIO(data)))
        counts = lexicon.en_word_counts()
        words = list(counts)
        return cls(words, np.array([counts[w] for w in words], dtype=np.float64), arrays)

    def _id(self, word: str) -> int | None:
        return self.start if not word else self.ids.get(word)

    @lru_cache(maxsize=8192)
    def _successors(self, context: tuple[str, ...]) -> tuple[list[str], list[float], float]:
        """Successor words of ``context`` (sorted), the cumulative discounted probability before each, and the
        weight left for the lower order; "" is a line's start; an unknown context leaves everything to it."""
        ids = tuple(self._id(w) for w in context)
        found = None if None in ids else self.levels[len(context) + 1].row(ids)
        if found is None:
            return [], [0.0], 1.0
        nxt, count, total, _types = found
        pairs = sorted((self.words[int(j)], max(c - DISCOUNT, 0.0) / total) for j, c in zip(nxt, count))
        cumulative = [0.0]
        for _, p in pairs:
            cumulative.append(cumulative[-1] + p)
        return [w for w, _ in pairs], cumulative, 1.0 - cumulative[-1]

    def mass(self, before: tuple[str, str], prefix: str, whole: bool = False) -> float:
        """P(the next word starts with ``prefix``) after the words ``before`` (the older first, "" before a line's
        start); ``whole``: P(the next word is ``prefix``)."""
        if whole:
            out = self.unigram.get(prefix, 0.0)
        else:
            out = self.prefix_mass.get(prefix, 0.0)
        for context in (before[1:], before):
            words, cumulative, rest = self._successors(context)
            low = bisect_left(words, prefix)
            if whole:
                seen = cumulative[low + 1] - cumulative[low] if low < len(words) and words[low] == prefix else 0.0
            else:
                seen = cumulative[bisect_left(words, prefix + "\x7f", low)] - cumulative[low]
            out = seen + rest * out
        return out

    def unheard(self, before: str, word: str) -> bool:
        """True when the poems wrote ``word`` after ``before`` ("" at a line's start) less than ``UNHEARD`` times
        as often as ``word`` anywhere, though both are among the ``COMMON_RANK`` commonest words, so that the
        pair's rarity means something: "the a" (0.001 of expected), "of and" (0.004), "some me" (never); not
        "sea the" (0.49) nor "the sea" (7.7)."""
        ids = (self._id(before), self._id(word))
        if None in ids or max(ids[0] if before else 0, ids[1]) >= COMMON_RANK:
            return False
        words, cumulative, _rest = self._successors((before,))
        low = bisect_left(words, word)
        seen = cumulative[low + 1] - cumulative[low] if low < len(words) and words[low] == word else 0.0
        return seen < UNHEARD * self.unigram[word]

    @property
    def verbs(self) -> frozenset:
        """Words the poems write after a subject pronoun (he, she, they, I, we, you, thou, it, who) at least
        ``VERB_LIFT`` times as often as anywhere, with the forms of "be": the finite verbs a clause needs ("was",
        "came", "shall", "knows"), found without a part-of-speech tagger. A line without one reads as a noun
        phrase ("The stream and the mountain side")."""
        if self._verbs is None:
            after: dict[str, float] = {}
            for subject in SUBJECTS:
                words, cumulative, _rest = self._successors((subject,))
                for k, word in enumerate(words):
                    after[word] = after.get(word, 0.0) + (cumulative[k + 1] - cumulative[k]) / len(SUBJECTS)
            self._verbs = frozenset(w for w, p in after.items() if p >= VERB_MIN and len(w) > 1
                                    and p >= VERB_LIFT * self.unigram.get(w, 1.0)) | BE
        return self._verbs

    def has_verb(self, line: str) -> bool:
        """True when ``line`` holds one of ``verbs``."""
        return any(w.lower() in self.verbs for w in english.WORD.findall(line))

    @lru_cache(maxsize=8192)
    def _verb_cumulative(self, context: tuple[str, ...]) -> list[float]:
        """As ``_successors``' cumulative probabilities, counting the ``verbs`` alone."""
        words, cumulative, _rest = self._successors(context)
        out = [0.0]
        for k, word in enumerate(words):
            out.append(out[-1] + (cumulative[k + 1] - cumulative[k] if word in self.verbs else 0.0))
        return out

    @property
    def _verb_prefix_mass(self) -> dict[str, float]:
        if self._verb_prefixes is None:
            self._verb_prefixes = {}
            for word in self.verbs:
                for cut in range(len(word) + 1):
                    self._verb_prefixes[word[:cut]] = self._verb_prefixes.get(word[:cut], 0.0) + self.unigram.get(word, 0.0)
        return self._verb_prefixes

    def letter_scores(self, before: tuple[str, str], prefix: str, letters, excluded=(), boost: float = 1.0) -> dict[str, float]:
        """Log probability of each next letter of ``letters`` (those that continue a vocabulary word) and of the
        word's end (key ``END``, when ``prefix`` is a whole word), relative to the best of them (the best is 0);
        the words ``excluded`` (refused at this place) take their probability with them; ``boost``: the
        ``verbs``' probabilities are multiplied by it (a line still without a verb looks for one).
        The same sums as ``mass`` for each, but each context's successors are searched within ``prefix``'s range
        once (this runs at every letter the sampler spells)."""
        keys = [prefix + ch for ch in letters]
        extra = boost - 1.0
        found = [self.prefix_mass.get(key, 0.0) + (extra * self._verb_prefix_mass.get(key, 0.0) if extra else 0.0)
                 for key in keys]
        whole = prefix in self.unigram
        end = self.unigram[prefix] * (boost if prefix in self.verbs else 1.0) if whole else 0.0
        for context in (before[1:], before):
            words, cumulative, rest = self._successors(context)
            verbs = self._verb_cumulative(context) if extra else None

            def between(a: int, b: int, cumulative=cumulative, verbs=verbs) -> float:
                """The successors a..b-1, the verbs among them counted (boost - 1) times again."""
                out = cumulative[b] - cumulative[a]
                return out + extra * (verbs[b] - verbs[a]) if verbs else out

            low = bisect_left(words, prefix)
            high = bisect_left(words, prefix + "\x7f", low)
            if low == high:  # no successor starts so: the lower order decides alone, scaled
                found = [rest * value for value in found]
                end *= rest
                continue
            for k, key in enumerate(keys):
                start = bisect_left(words, key, low, high)
                stop = bisect_left(words, key + "\x7f", start, high)
                found[k] = between(start, stop) + rest * found[k]
            seen = between(low, low + 1) if words[low] == prefix else 0.0
            end = seen + rest * end
        out = dict(zip(letters, found))
        if whole:
            out[END] = end
        for word in excluded:
            if word.startswith(prefix):
                key = word[len(prefix):len(prefix) + 1] or END
                if key in out:
                    out[key] = max(out[key] - self.mass(before, word, whole=True), out[key] * 1e-6)
        logs = {k: math.log(v) for k, v in out.items() if v > 0}
        best = max(logs.values(), default=0.0)
        return {k: v - best for k, v in logs.items()}


def line_context(text: str) -> tuple[str, str]:
    """The last two whole words of a line's ``text`` (lower case), "" standing before the line's start."""
    words = [w.lower() for w in english.WORD.findall(text)]
    return tuple((["", ""] + words)[-2:])


@lru_cache(maxsize=1)
def en_wordgrams() -> WordGrams:
    """The shipped n-grams (read once)."""
    path = lexicon.folder() / FILE
    try:
        data = path.read_bytes()
    except OSError as error:
        from artdesk.core.errors import ArtdeskError

        raise ArtdeskError(f"The poem word list {path} cannot be read ({error}). Reinstall artdesk to restore it.") from error
    return WordGrams.from_bytes(data)
