"""Contextual biasing toward the theme and the line's planned keyword (as keyword boosting in speech
recognition does). Only sampling sees the bonus: the log-probability that ranks candidates is the model's own."""
from __future__ import annotations

import torch

from artdesk.ml.poem.planning import theme_words
from artdesk.ml.poem.seasons import SEASON_PENALTY, SEASON_WORDS, out_of_season


NOUN_SLOT = frozenset(("the a an my thy your his her our their its this these those of in on with from by through "
                       "over upon under beneath across into like").split())  # English words a theme noun may follow


class ThemeBias:
    """Pulls sampling toward the theme's words not used yet and toward the current line's keyword.

    Chinese: each such character gets ``strength`` added to its logit. English: at each step, the
    letters that continue such a word from the word being written get the bonus (the first letter
    at a word start, in both cases), and once a whole word is written the characters that end a word
    get it. In English the pull waits for a place where a noun fits: a line's start, or after a determiner
    or a preposition (``NOUN_SLOT``), so "winter" does not land where a verb belongs ("I winter for").
    The progress (word being written, words used, the word before) is part of the sampler's snapshot, so
    retries rewind it too. ``plan`` holds every line's keyword: a planned word counts as used
    wherever it appears. Chinese characters naming another season than the theme's (``seasons.out_of_season``:
    春 in a poem on 寒江) lose ``seasons.SEASON_PENALTY`` at every step; when the theme sets no season, the
    first season the poem names sets it."""

    def __init__(self, vocab, keywords: str, language: str, strength: float,
                 word_ends: torch.Tensor | None = None, plan: tuple[str, ...] = ()) -> None:
        self.vocab = vocab
        self.language = language
        self.strength = float(strength)
        self.word_ends = word_ends  # English: the characters that end a word
        known = lambda w: bool(w) and all(ch in vocab for ch in w)  # noqa: E731
        self.words = tuple(w for w in theme_words(keywords, language) if known(w))
        self.seasons = SEASON_WORDS["zh"] if language == "zh" else {}  # season characters -> their season
        self.tracked = frozenset(self.words) | {w for w in plan if known(w)} | set(self.seasons)
        # Chinese: a theme of several characters is a word (江南): its later characters are pulled in right
        # after the one before them, not alone (南 alone made 湖南)
        self.follows = {} if language != "zh" else {
            phrase[i + 1]: phrase[i] for phrase in keywords.split() for i in range(len(phrase) - 1)
            if known(phrase[i:i + 2])}
        self.off_theme_seasons = self._indices(out_of_season(self.words, language)) if language == "zh" else []
        self.focus = ""  # the keyword of the line being written
        self.progress: tuple[str, frozenset, str] = ("", frozenset(), "")

    def set_focus(self, keyword: str) -> None:
        """Pull the coming line toward ``keyword`` (one of the plan's), besides the theme's words."""
        self.focus = keyword if keyword in self.tracked else ""

    def observe(self, token_text: str) -> None:
        partial, used, before = self.progress
        if self.language == "zh":
            self.progress = (partial, used | {token_text} if token_text in self.tracked else used, token_text)
        elif (token_text.isalpha() or token_text == "'") and len(token_text) == 1:
            self.progress = (partial + token_text.lower(), used, before)
        elif partial:
            self.progress = ("", used | {partial} if partial in self.tracked else used,
                             "" if token_text == "\n" else partial)
        elif token_text == "\n":
            self.progress = ("", used, "")

    @property
    def used(self) -> frozenset:
        return self.progress[1]

    def bonus(self, size: int) -> torch.Tensor | None:
        """Additive logits, or None when there is nothing to pull toward or keep away from."""
        pull = self._pull(size)
        avoided = self.off_theme_seasons or self._other_seasons(self.progress[1])
        if not avoided:
            return pull
        bonus = pull if pull is not None else torch.zeros(size)
        bonus[avoided] -= SEASON_PENALTY
        return bonus

    def _other_seasons(self, used: frozenset) -> list[int]:
        """The characters of the seasons other than those the poem has named so far (none before it names one)."""
        named = {self.seasons[ch] for ch in used if ch in self.seasons}
        return self._indices(ch for ch, season in self.seasons.items() if season not in named) if named else []

    def _indices(self, chars) -> list[int]:
        return [self.vocab.index[ch] for ch in chars if ch in self.vocab.index]

    def _pull(self, size: int) -> torch.Tensor | None:
        """The pull toward the open theme words and the line's keyword, or None."""
        partial, used, before = self.progress
        if self.language == "en" and before and before not in NOUN_SLOT:
            return None
        open_words = [w for w in (*self.words, self.focus) if w and w not in used]
        if not open_words or self.strength == 0:
            return None
        bonus = torch.zeros(size)
        index = self.vocab.index
        if self.language == "zh":
            for ch in open_words:
                if ch not in self.follows or self.follows[ch] == before:
                    bonus[index[ch]] = self.strength * (2 if ch in self.follows else 1)
            return bonus if bool(bonus.any()) else None
        for word in open_words:
            if word == partial and self.word_ends is not None:
                bonus[self.word_ends] = self.strength
            elif word.startswith(partial) and len(word) > len(partial):
                nxt = word[len(partial)]
                for ch in {nxt, nxt.upper()} if not partial else {nxt}:
                    if ch in index:
                        bonus[index[ch]] = self.strength
        return bonus if bool(bonus.any()) else None
