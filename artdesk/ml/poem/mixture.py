"""English: the character model mixed with the word n-grams into one distribution over the next token.

The sampler writes from this mixture and ``artdesk eval poem`` scores held-out text with it, so the model that
is measured is the model that writes. Linear interpolation of probabilities:

    P(t) = (1 - WEIGHT) * P_chars(t) + WEIGHT * P_words(t)

``P_words`` is the word n-grams' answer (``WordGrams.letter_scores``, normalised) made into a distribution over
tokens. Within a word: each next letter gets its n-gram probability (lower case), and the word's end is shared
among the non-letter tokens as the character model shares them. At a word's start: the character model's mass
on letters is shared among first letters by the n-grams (each letter's two cases as the character model splits
them), non-letters keep the character model's probability. A word the vocabulary cannot spell leaves the
character model alone (``P_words = P_chars``).

Before, the n-grams' log-probability was added to the character model's logits (a product, Gulcehre et al.
2015 shallow fusion at weight 1). Both models find "the", "and", "of" and words in "st" likely, and the product
counted that twice: lines became chains like "And the stream of the world and the stars".
"""
from __future__ import annotations

import math

import numpy as np

from artdesk.ml.poem import lexicon, wordgram

WEIGHT = 0.7  # the word n-grams' share: the lowest bits/char of 0, 0.1 ... 0.8 on the first 200,000 tokens of the
# training split (``eval.choose_weight``: 2.117 bits/char for the characters alone, 1.953 at 0.5, 1.942 at 0.7, 1.946 at 0.8)


def word_trie(poem) -> lexicon.WordTrie:
    """The vocabulary words this model can spell with its own characters (built once per model)."""
    if "trie" not in poem.masks:
        letters = {t for t in poem.vocab.tokens if len(t) == 1}
        poem.masks["trie"] = lexicon.WordTrie(w for w in lexicon.en_word_counts() if set(w) <= letters)
    return poem.masks["trie"]


def is_letter(token: str) -> bool:
    """A token that continues a word (a letter or the apostrophe), as the sampler's masks count it."""
    return len(token) == 1 and (token.isalpha() or token == "'")


class WordMixture:
    """``distribution(probs, before, prefix)``: the mixture's next-token probabilities, given the character
    model's ``probs`` (softmax, one row), the line's last two whole words ``before`` and the word being spelled."""

    def __init__(self, tokens: list[str], trie: lexicon.WordTrie, grams: wordgram.WordGrams, weight: float = WEIGHT) -> None:
        self.trie, self.grams, self.weight = trie, grams, float(weight)
        self.letter = np.array([is_letter(t) for t in tokens])
        self.other = (~self.letter).astype(np.float64)
        index = {t: i for i, t in enumerate(tokens)}
        # a lower-case letter -> (its token, its capital's token or -1)
        self.cases = {t: (index[t], index.get(t.upper(), -1) if t.upper() != t else -1) for t in tokens if is_letter(t) and t == t.lower()}
        self._letters: dict = {}

    def _letter_probs(self, before: tuple[str, str], prefix: str, banned: frozenset, boost: float):
        """(lower-case tokens, capitals' tokens or -1, the n-grams' probability of each letter, of the word's
        end), normalised; None off the vocabulary."""
        key = (before, prefix, banned, boost)
        if key not in self._letters:
            if len(self._letters) > 50_000:
                self._letters.clear()
            node = self.trie.node(prefix)
            scores = None if node is None else self.grams.letter_scores(
                before, prefix, tuple(ch for ch in node if ch and ch in self.cases), banned, boost)
            if not scores:
                self._letters[key] = None
                return None
            total = sum(math.exp(v) for v in scores.values())
            letters = [ch for ch in scores if ch != wordgram.END]
            self._letters[key] = (np.array([self.cases[ch][0] for ch in letters], dtype=np.int64),
                                  np.array([self.cases[ch][1] for ch in letters], dtype=np.int64),
                                  np.array([math.exp(scores[ch]) / total for ch in letters]),
                                  math.exp(scores.get(wordgram.END, -math.inf)) / total)
        return self._letters[key]

    def words_part(self, probs: np.ndarray, before: tuple[str, str], prefix: str, banned: frozenset = frozenset(),
                   boost: float = 1.0):
        """``P_words`` over tokens (see the module), or None where the n-grams have no answer; ``boost``: the
        n-grams' verbs count that many times (``WordGrams.letter_scores``), for sampling only."""
        found = self._letter_probs(before, prefix.lower(), banned, boost)
        if found is None:
            return None
        lower, upper, shares, end = found
        other = probs * self.other
        if prefix:
            out = other * (end / max(float(other.sum()), 1e-30))
            out[lower] = shares
            return out
        out = other.copy()
        mass = 1.0 - float(other.sum())  # the character model's mass on letters
        capital = upper >= 0
        small, big = probs[lower].astype(np.float64), np.where(capital, probs[np.maximum(upper, 0)], 0.0)
        both = small + big
        low_share = np.divide(small, both, out=np.where(capital, 0.5, 1.0), where=both > 0)
        out[lower] = mass * shares * low_share
        out[upper[capital]] = (mass * shares * (1 - low_share))[capital]
        return out

    def distribution(self, probs: np.ndarray, before: tuple[str, str], prefix: str,
                     banned: frozenset = frozenset(), boost: float = 1.0) -> np.ndarray:
        """The mixture's next-token probabilities (float64, sums to 1)."""
        part = self.words_part(probs, before, prefix, banned, boost)
        probs = probs.astype(np.float64)
        return probs if part is None or self.weight == 0 else (1 - self.weight) * probs + self.weight * part

    def word_score(self, chars_logprob: float, before: tuple[str, str], word: str) -> float:
        """A whole word's log-probability under the mixture, at the word level: the character model's (spelled,
        with its end) mixed with the n-grams' probability of the word after ``before``."""
        grams = self.grams.mass(before, word.lower(), whole=True)
        return math.log((1 - self.weight) * math.exp(chars_logprob) + self.weight * grams + 1e-300)


def word_mixture(poem) -> WordMixture:
    """The mixture of an English model (built once per model)."""
    if "mixture" not in poem.masks:
        poem.masks["mixture"] = WordMixture(list(poem.vocab.tokens), word_trie(poem), wordgram.en_wordgrams(), WEIGHT)
    return poem.masks["mixture"]


class LineTracker:
    """Follows a token stream and says, before each token, the line's last two whole words and the word being
    spelled (``context``); a line ends at a newline or any token longer than one character (``<bos>``...)."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.word = ""

    @property
    def context(self) -> tuple[tuple[str, str], str]:
        return tuple((["", ""] + self.words)[-2:]), self.word

    def feed(self, token: str) -> None:
        if is_letter(token) and (token != "'" or self.word):
            self.word += token.lower()
            return
        if self.word:
            self.words.append(self.word.strip("'"))
            self.word = ""
        if token == "\n" or len(token) != 1:
            self.words = []
