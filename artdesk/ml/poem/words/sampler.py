"""English poems from the word model in any form of the Poem panel: rhymed quatrains and couplets, haiku,
free verse and acrostics; real words only, rhymes by pronunciation.

Each line follows its ``LineSpec`` and is sampled word by word under masks:

- a line opens with ``<cap>`` and a word (an acrostic line: a word that starts with its head letter); only
  vocabulary words of the lexicon (the corpus words the CMU dictionary holds) are written, never spelled
  words, quotes or brackets;
- a line has ``min_syllables``..``max_syllables`` syllables (a haiku line exactly its 5 or 7): a word that
  does not end the line must leave room for the shortest word that does;
- no word twice in a row; a mark inside a line only with room left for a short phrase and the end word;
- no punctuation (nor I) right after an article, possessive or preposition; a capital after ``.``/``!``/``?``
  and inside a sentence only for I and O;
- a line ends with punctuation (the last line with ``.``, ``!`` or ``?``) and then a newline, allowed
  only after a word that may end it: for an unrhymed line (``x``) any word but an article, possessive,
  preposition or conjunction; for the first line of a rhyme pair, a content word whose rhyme is not already
  taken and has ``RHYME_FAMILY`` content words among the commonest, so the line that answers it has natural
  choices (a rare rhyme such as "floated" left "coated" and "noted" to force onto the answer); for the second, a word that rhymes with the first
  (``english.rhymes``: same rhyming part, not the same word or a homophone), not used before;
- theme words and their corpus expansions get a bonus until used, and each line a further bonus for its
  keyword of the plan (``planning.plan``: the theme expanded to one keyword per line); content words
  already used get a penalty, and so does a line's first word that opened an earlier line; words naming another
  season than the theme's get one throughout (``seasons.out_of_season``).

A row mends its line as it goes (``mending``): it takes back a last word the model would not end the line
on ("And the summer is."), and a line that answers a rhyme starts its ending again when only forced rhymes
are left ("the sky worth"); of a line's rows, one that still ends on a forced rhyme counts less.

A locked line is fed verbatim; its last word anchors its rhyme, for the lines before it as well. A poem of open length (free verse with no
line count) may end after a line that ends a sentence, once ``min_lines`` are written, as the model's
``<eos>`` against ``<cap>`` decides.

Each line is written by several rows in one batch; the one the model likes best (mean log-probability
of its tokens, a little more with a theme word, less on a forced rhyme) is kept and the next line goes on
from it.
"""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

import numpy as np
import torch

from artdesk.ml.poem import english, lexicon, wordgram
from artdesk.ml.poem.planning import expansions, plan, theme_words
from artdesk.ml.poem.seasons import SEASON_PENALTY, out_of_season
from artdesk.ml.poem.words.mending import FORCED_RHYME, RowMending
from artdesk.ml.poem.words.model import WordPoemLSTM
from artdesk.ml.poem.words.stepper import NumpyWordStepper
from artdesk.ml.poem.words.tokenizer import CAP, EOS, NL, WordVocab

MID_MARKS = (",", ";", ":")
STOP_MARKS = (".", "!", "?")
NO_MARK_AFTER = frozenset("a an the my thy his their our your its of from with into upon and or nor but".split())
NO_LINE_END = NO_MARK_AFTER | frozenset("to at by for as if than that whose which i o".split())  # an unrhymed line's end
SCHEMES = {"abab": "ABAB", "aabb": "AABB"}
FLOOR = 1e-6  # tokens under this probability are never drawn
LIKELY = 1e-3  # nucleus sampling orders the tokens of at least this share of the likeliest one's probability first
RHYME_FAMILY = 8  # a line that sets a rhyme ends on a word with this many rhyming content words among the commonest
COMMON_WORDS = 2000  # the vocabulary lists words by frequency: ids below this are the commonest
VERBLESS_PENALTY = 0.5  # nats per token off a line without a verb (a phrase: "The woods, the morning, ..."), rows compared
FORCED_PENALTY = 1.0  # nats per token off a line ending on a forced rhyme, when the line's rows are compared
MARK_ROOM = 3  # a mark inside a line leaves room for this many syllables before the end word
THEME_CREDIT = 0.6  # nats per token a candidate line gains by holding a theme word or expansion
THEME_GROWTH = 3.0  # nats more for the theme's own words at each line that starts with no theme word written yet
OPENING_PENALTY = 2.0  # nats off a word that opened an earlier line, as a line's first word ("And the ..." line after line)
INNER_CAP_IO = -1.72  # log 0.179: of the capitals inside a sentence in the training stream, 17.9% are I or O


@dataclass(frozen=True)
class LineSpec:
    """What one line must be: its rhyme letter ("x": unrhymed), its syllables, its acrostic head letter
    (lower case, "" for none), or the text of a locked line fed verbatim."""

    letter: str = "x"
    min_syllables: int = 7
    max_syllables: int = 11
    head: str = ""
    locked: str | None = None


@dataclass
class Draft:
    """One poem being written: its tokens, rhymes so far and the state of the current line."""

    specs: list[LineSpec]
    bonus: np.ndarray  # added to the log-probabilities: theme words until used, minus a penalty for used content words
    min_lines: int | None = None  # open length: the poem may end after this many lines (None: all of ``specs``)
    out: list[int] = field(default_factory=list)
    total: float = 0.0
    line: int = 0
    anchors: dict[str, str] = field(default_factory=dict)  # rhyme letter -> the word that set it
    used_ends: set[str] = field(default_factory=set)
    taken_keys: set[str] = field(default_factory=set)
    enders: np.ndarray | None = None
    may_end: np.ndarray | None = None
    syl: int = 0
    prev: str = "start"
    last_word: int | None = None
    word_logprob: float = 0.0  # the model's log-probability of the last word where it was written
    forced_rhymes: int = 0  # rhymed lines so far whose last word the model gave under ``FORCED_RHYME``
    line_first: int | None = None  # the current line's first word
    openings: set[int] = field(default_factory=set)  # first words of the lines before
    shortest_end: int = 1
    focus: list[int] = field(default_factory=list)  # the planned keyword's token per line, -1 for none
    focus_bonus: float = 0.0
    theme_tokens: frozenset = frozenset()  # the theme's words and expansions: any of them written, the theme is used
    own_words: list[int] = field(default_factory=list)  # the theme's own words, pulled harder each line it is not
    # (none when the theme's pull is off)
    done: bool = False

    @property
    def spec(self) -> LineSpec:
        return self.specs[self.line]

    @property
    def ends_forced(self) -> bool:
        """The line just written is rhymed, not locked, and ends on a word the model gave under
        ``FORCED_RHYME`` where it stands."""
        return self.spec.letter != "x" and self.spec.locked is None and self.word_logprob < FORCED_RHYME

    def fork(self) -> "Draft":
        """A copy to write the current line on: its tokens and word bonuses are its own (a line changes
        those and the counters); the rhymes and sets, which change only between lines, are shared."""
        other = copy.copy(self)
        other.out, other.bonus = list(self.out), self.bonus.copy()
        return other


@dataclass
class Tables:
    """Per-token arrays the masks are built from (computed once per vocabulary)."""

    syllables: np.ndarray  # syllables of a word token, 0 for other tokens
    word: np.ndarray  # a real word the sampler may write
    after_cap_only: np.ndarray  # single letters written only capitalised (I, O)
    endable: np.ndarray  # a content word with ``RHYME_FAMILY`` rhyming words among the commonest (rhymes to answer)
    free_end: np.ndarray  # a word an unrhymed line may end on
    by_key: dict[str, list[int]]  # rhyming part -> the words that have it
    initial: np.ndarray  # a word token's first letter ("" for other tokens)
    mid: np.ndarray
    stops: np.ndarray
    cap: int
    newline: int
    eos: int
    content: np.ndarray
    no_mark_after: np.ndarray  # articles, possessives, prepositions: no punctuation right after them
    within: list[np.ndarray] = field(default_factory=list)  # within[k]: the words of at most k syllables
    verb: np.ndarray | None = None  # a word the corpus uses as a verb (``WordGrams.verbs``)

    def fitting(self, room: int) -> np.ndarray:
        """The words of at most ``room`` syllables."""
        return self.within[max(0, min(room, len(self.within) - 1))]


def build_tables(vocab: WordVocab) -> Tables:
    size = len(vocab)
    syllables = np.zeros(size, dtype=np.int64)
    word = np.zeros(size, dtype=bool)
    after_cap_only = np.zeros(size, dtype=bool)
    keys = [""] * size
    by_key: dict[str, list[int]] = {}
    for token_id, token in enumerate(vocab.tokens):
        single = token in ("a", "i", "o")
        if not (single or (vocab.is_word_token(token_id) and lexicon.is_word(token) and "'" not in token.strip("'"))):
            continue
        syllables[token_id] = english.syllables(token)
        word[token_id] = syllables[token_id] > 0  # every word moves the line on
        after_cap_only[token_id] = token in ("i", "o")
        if english.in_dictionary(token):
            keys[token_id] = english.rhyme_key(token)
            by_key.setdefault(keys[token_id], []).append(token_id)
    content = word & np.array([t not in english.FUNCTION_WORDS and t not in NO_MARK_AFTER for t in vocab.tokens])
    common = content & (np.arange(size) < COMMON_WORDS)
    family = {key: int(common[members].sum()) for key, members in by_key.items()}
    endable = content & np.array([family.get(k, 0) >= RHYME_FAMILY for k in keys])
    free_end = word & np.array([t not in NO_LINE_END for t in vocab.tokens])
    initial = np.array([t[0] if word[i] else "" for i, t in enumerate(vocab.tokens)])
    marks = lambda chars: np.isin(np.arange(size), [vocab.index[c] for c in chars if c in vocab.index])  # noqa: E731
    within = [word & (syllables <= room) for room in range(int(syllables.max()) + 1)]
    return Tables(syllables, word, after_cap_only, endable, free_end, by_key, initial, marks(MID_MARKS),
                  marks(STOP_MARKS), vocab.index[CAP], vocab.index[NL], vocab.index[EOS], content,
                  np.array([t in NO_MARK_AFTER for t in vocab.tokens]), within,
                  word & np.array([t in wordgram.en_wordgrams().verbs for t in vocab.tokens]))


@lru_cache(maxsize=32)
def spelled_head(letter: str) -> str:
    """The training poems' most frequent real word of three letters or more that starts with ``letter``, "" if none."""
    counts = lexicon.en_word_counts()
    found = [w for w in counts if w.startswith(letter) and len(w) >= 3 and w.isalpha() and lexicon.is_word(w)]
    return max(found, key=lambda w: counts[w], default="")


@dataclass
class Written:
    text: str
    tokens: list[int]
    logprob: float  # nats of the written tokens under the model, before masks and bonuses
    mean_logprob: float  # per token
    end_words: list[str] = field(default_factory=list)
    forced_rhymes: int = 0  # rhymed lines whose last word the model gave under ``FORCED_RHYME`` (locked lines aside)


def rhymed_specs(form: str, min_syllables: int = 7, max_syllables: int = 11) -> list[LineSpec]:
    """The four lines of an ABAB or AABB quatrain."""
    if form not in SCHEMES:
        raise ValueError(f"unknown rhymed form {form!r} (abab or aabb)")
    if not 1 <= min_syllables <= max_syllables:
        raise ValueError("the syllable range is empty")
    return [LineSpec(letter, min_syllables, max_syllables) for letter in SCHEMES[form]]


class WordPoet:
    """Writes poems with one word model (CPU, one token at a time, the line's rows in one batch)."""

    def __init__(self, model: WordPoemLSTM, vocab: WordVocab) -> None:
        self.model, self.vocab = model.eval(), vocab
        self.stepper = NumpyWordStepper(model) if NumpyWordStepper.fits(model) else None
        self.tables = build_tables(vocab)
        self._heads: dict[str, np.ndarray] = {}

    def head_words(self, letter: str) -> np.ndarray:
        """Writable words that start with ``letter`` (lower case)."""
        if letter not in self._heads:
            self._heads[letter] = self.tables.word & (self.tables.initial == letter)
        return self._heads[letter]

    def rhyme_set(self, anchor: str, used: set[str]) -> np.ndarray:
        """Writable words that rhyme with ``anchor`` (not identically) and were not line ends already."""
        t = self.tables
        out = np.zeros(len(self.vocab), dtype=bool)
        key = english.rhyme_key(anchor) if anchor else ""
        for other in t.by_key.get(key, ()):
            word = self.vocab.tokens[other]
            if word not in used and t.content[other] and english.rhymes(anchor, word):
                out[other] = True
        return out

    def quatrain(self, form: str = "abab", theme: str = "", seed: int = 0, candidates: int = 3, temperature: float = 0.8,
                 top_p: float = 0.9, min_syllables: int = 7, max_syllables: int = 11, theme_bonus: float = 3.0,
                 repeat_penalty: float = 2.0) -> Written:
        """A quatrain (seeded) in ``form`` ("abab" or "aabb") on ``theme`` (words), each line the best of
        ``candidates``."""
        specs = rhymed_specs(form, min_syllables, max_syllables)
        return self.write(f"<{form}>", specs, theme, seed=seed, rows=candidates, temperature=temperature, top_p=top_p,
                          theme_bonus=theme_bonus, repeat_penalty=repeat_penalty)

    @torch.no_grad()
    def write(self, tag: str, specs: list[LineSpec], theme: str = "", *, seed: int = 0, rows: int = 3,
              temperature: float = 0.8, top_p: float = 0.9, top_k: int = 0, theme_bonus: float = 3.0,
              repeat_penalty: float = 2.0, min_lines: int | None = None, keywords: list[str] | None = None,
              on_token: Callable[[list[int]], None] | None = None) -> Written:
        """A poem (seeded) after the form ``tag`` with one line per spec of ``specs`` (fewer when ``min_lines``
        lets the model end it early) on ``theme``; each line the best of ``rows``. ``keywords``: the planned
        word per line (default: ``planning.plan`` of the theme). ``on_token(tokens)`` hears the first row's
        tokens after every step (to show them, or to raise when the user cancels)."""
        if not specs:
            raise ValueError("a poem needs at least one line")
        for spec in specs:
            if not 1 <= spec.min_syllables <= spec.max_syllables:
                raise ValueError("the syllable range is empty")
            if spec.head and not (self.head_words(spec.head).any() or spelled_head(spec.head)):
                raise ValueError(f"no English word starts with {spec.head!r}")
        words = theme_words(theme, "en")
        prefix, _ = self.vocab.encode_record(tag, " ".join(words), "")
        prefix = prefix[:-1]  # drop <eos>: the body is what we write
        bonus = np.zeros(len(self.vocab), dtype=np.float32)
        theme_ids = [self.vocab.index[w] for w in [*words, *expansions(words, "en")]
                     if w in self.vocab.index and self.tables.word[self.vocab.index[w]]]
        own = [i for i in theme_ids if self.vocab.tokens[i] in words] if theme_bonus > 0 else []
        bonus[theme_ids] = theme_bonus / 2
        bonus[own] = theme_bonus
        for w in out_of_season(words, "en"):  # no summer in a poem on a winter river
            if w in self.vocab.index:
                bonus[self.vocab.index[w]] = -SEASON_PENALTY
        generator = np.random.default_rng(seed)
        if keywords is None:
            keywords = plan(words, "en", len(specs), random.Random(seed))
        focus = [self.vocab.index.get(k, -1) if k else -1 for k in keywords]
        focus = [f if f >= 0 and self.tables.word[f] else -1 for f in focus]
        draft = Draft(list(specs), bonus, min_lines, focus=focus, focus_bonus=theme_bonus,
                      theme_tokens=frozenset(theme_ids), own_words=own)
        for spec in specs:  # a locked line sets its rhyme for the lines before it too
            end = english.last_word(spec.locked) if spec.locked is not None else ""
            if end and spec.letter != "x" and spec.letter not in draft.anchors:
                draft.anchors[spec.letter] = end
                draft.taken_keys.add(english.rhyme_key(end))
                draft.used_ends.add(end)
        sampling = (temperature, top_p, top_k, repeat_penalty)
        return self._write(prefix, draft, max(1, rows), generator, sampling, on_token)

    def _write(self, prefix, draft: Draft, rows_count: int, generator, sampling, on_token) -> Written:
        """Write line by line: ``rows_count`` rows write the line in lockstep (one batched model step per token,
        each row with its own masks); the line the model likes best (mean log-probability) is kept and every
        row goes on from it."""
        t = self.tables
        temperature, top_p, top_k, repeat_penalty = sampling
        theme = draft.bonus > 0
        logp, state = self._step([prefix] * rows_count, None)
        while not draft.done:
            if draft.spec.locked is not None:
                logp, state = self._feed_locked(draft, rows_count, state)
                continue
            self._start_line(draft)
            if draft.spec.head and not self.head_words(draft.spec.head).any():
                logp, state = self._feed_head(draft, rows_count, state)
            rows = [draft.fork() for _ in range(rows_count)]
            start = len(draft.out)
            finished: dict[int, tuple] = {}
            mending = [RowMending() for _ in range(rows_count)]
            while len(finished) < rows_count:
                live = [number for number in range(rows_count) if number not in finished]
                tokens = []
                for number in live:
                    row, allowed = mending[number].mend(self, rows, number, state, logp)
                    scores = logp[number] + row.bonus
                    if row.prev == "word" or (row.prev == "mark" and not t.stops[row.out[-1]]):
                        scores[t.cap] += INNER_CAP_IO  # only I or O may follow: their share of the capital's mass
                    elif row.prev == "cap" and row.last_word is None and row.openings:
                        scores[list(row.openings)] -= OPENING_PENALTY
                    token = self._sample(scores, allowed, generator, temperature, top_p, top_k)
                    mending[number].before(self, row, token, state, logp, number)
                    row.total += float(logp[number, token])
                    row.out.append(token)
                    tokens.append(token)
                    if t.word[token]:
                        if row.last_word is None:
                            row.line_first = token
                        row.word_logprob = float(logp[number, token])
                        row.syl += int(t.syllables[token])
                        row.last_word, row.prev = token, "word"
                        row.bonus[token] = -repeat_penalty if t.content[token] else 0.0
                    elif token != t.newline:
                        row.prev = "cap" if token == t.cap else "mark"
                logp, state = self._step_rows(live, tokens, logp, state)
                for number in live:
                    if rows[number].out[-1] == t.newline:
                        finished[number] = (self._keep(state, number), logp[number].copy())
                if on_token is not None:
                    on_token(rows[0].out if 0 not in finished else rows[0].out[:-1])

            def line_score(number: int) -> float:
                line = rows[number].out[start:]
                mean = (rows[number].total - draft.total) / len(line)
                return (mean + THEME_CREDIT * bool(theme[line].any()) - FORCED_PENALTY * rows[number].ends_forced
                        - VERBLESS_PENALTY * (not t.verb[line].any()))

            best = max(range(rows_count), key=line_score)
            draft = rows[best]
            kept_state, kept_logp = finished[best]
            self._end_line(draft, self.vocab.tokens[draft.last_word], kept_logp, generator)
            state = self._repeat(kept_state, rows_count)
            logp = np.repeat(kept_logp[None], rows_count, axis=0)
        text = self.vocab.decode_body(draft.out).rstrip("\n")
        return Written(text, draft.out, draft.total, draft.total / max(1, len(draft.out)),
                       [english.last_word(line) for line in text.splitlines()], draft.forced_rhymes)

    def _feed_locked(self, draft: Draft, rows_count: int, state):
        """Feed the draft's locked line and its newline to every row; the rhyme it sets is kept."""
        text = draft.spec.locked.strip()
        tokens = self.vocab.encode_line(text) + [self.tables.newline]
        draft.out += tokens
        for token in tokens:
            if self.tables.content[token]:
                draft.bonus[token] = min(draft.bonus[token], 0.0)
        logp, state = self._step([tokens] * rows_count, state)
        self._end_line(draft, english.last_word(text), None, None)
        return logp, state

    def _feed_head(self, draft: Draft, rows_count: int, state):
        """Open the line with the lexicon's word for a head letter no vocabulary word starts with (X: Xerxes),
        spelled, fed to every row."""
        word = spelled_head(draft.spec.head).capitalize()
        tokens = self.vocab.encode_line(word)
        draft.out += tokens
        draft.syl, draft.prev = english.syllables(word), "word"
        return self._step([tokens] * rows_count, state)

    def _start_line(self, row: Draft) -> None:
        t = self.tables
        spec = row.spec
        last = row.line == len(row.specs) - 1
        row.enders = t.stops if last else (t.stops | t.mid)
        if spec.letter == "x":
            row.may_end = t.free_end.copy()
        elif spec.letter in row.anchors:
            row.may_end = self.rhyme_set(row.anchors[spec.letter], row.used_ends)
        else:
            row.may_end = t.endable.copy()
            used = [self.vocab.index[w] for w in row.used_ends if w in self.vocab.index]
            row.may_end[used] = False
            for key in row.taken_keys:  # a rhyme already set is not set again
                row.may_end[t.by_key.get(key, [])] = False
        if not row.may_end.any():
            row.may_end = t.endable.copy()  # no rhyme left in the vocabulary: end on any content word
        fits = row.may_end & (t.syllables <= spec.max_syllables)
        row.shortest_end = int(t.syllables[fits if fits.any() else row.may_end].min())
        row.syl, row.prev, row.last_word, row.line_first = 0, "start", None, None
        focus = row.focus[row.line] if row.line < len(row.focus) else -1
        if focus >= 0 and focus not in row.out:
            row.bonus[focus] += row.focus_bonus  # this line's planned keyword, until it is written
        if row.line and row.own_words and not row.theme_tokens.intersection(row.out):
            row.bonus[row.own_words] += THEME_GROWTH  # a rare theme word ("lighthouse") still finds its place

    def _end_line(self, row: Draft, end_word: str, logp: np.ndarray | None, generator) -> None:
        """Close the current line (ended on ``end_word``); an open-length poem may stop here (``logp``: the
        model's next-token log-probabilities after the newline)."""
        focus = row.focus[row.line] if row.line < len(row.focus) else -1
        if focus >= 0 and focus not in row.out and row.spec.locked is None:
            row.bonus[focus] -= row.focus_bonus
        letter = row.spec.letter
        if row.ends_forced:
            row.forced_rhymes += 1
        if letter != "x" and letter not in row.anchors and end_word:
            row.anchors[letter] = end_word
            row.taken_keys.add(english.rhyme_key(end_word))
        if end_word:
            row.used_ends.add(end_word)
        if row.line_first is not None:
            row.openings.add(row.line_first)
        row.line += 1
        if row.line == len(row.specs):
            row.done = True
        elif (row.min_lines is not None and row.line >= row.min_lines and logp is not None
              and self.tables.stops[row.out[-2]]):
            stop, go_on = np.exp(logp[self.tables.eos]), np.exp(logp[self.tables.cap])
            row.done = bool(generator.random() < stop / max(stop + go_on, 1e-12))

    def _allowed(self, row: Draft) -> np.ndarray:
        """The tokens that may come next in the row's line (see the module)."""
        t = self.tables
        spec = row.spec
        allowed = np.zeros(len(self.vocab), dtype=bool)
        if row.prev == "start":
            allowed[t.cap] = True
            return allowed
        ending = row.may_end
        line_done = row.last_word is not None and row.syl >= spec.min_syllables and bool(ending[row.last_word])
        room = spec.max_syllables - row.syl
        # a word that does not end the line leaves room for the shortest word that does
        words = np.where(ending, t.fitting(room), t.fitting(room - row.shortest_end))
        inner_cap = bool((words & t.after_cap_only).any())  # I or O fits
        if row.prev == "cap":
            line_start = row.last_word is None and row.syl == 0  # not after a spelled acrostic head (X: Xerxes)
            opening = line_start or bool(t.stops[row.out[-2]])
            allowed = words if opening else words & t.after_cap_only  # inside a sentence only I and O
            if line_start and spec.head:  # an acrostic line's first word keeps its head letter
                heads = self.head_words(spec.head)
                allowed = allowed & heads
                if not allowed.any():
                    allowed = heads & (t.syllables == t.syllables[heads].min())
                return allowed
        elif row.prev == "word":
            allowed = words & ~t.after_cap_only
            dangling = row.last_word is not None and bool(t.no_mark_after[row.last_word])
            if row.last_word is not None:
                allowed[row.last_word] = False  # no word twice in a row
            if line_done and not allowed.any():
                allowed = row.enders.copy()
            elif not dangling and (line_done or row.syl + MARK_ROOM + row.shortest_end <= spec.max_syllables):
                allowed |= t.mid | t.stops
            allowed[t.cap] = inner_cap and not dangling  # not "the I", "of I"
        else:  # after a mark: a stop opens a new sentence with a capital
            stop = bool(t.stops[row.out[-1]])
            if not stop:
                allowed |= words & ~t.after_cap_only
            allowed[t.cap] = bool(words.any()) if stop else inner_cap
            allowed[t.newline] = line_done and bool(row.enders[row.out[-1]])
        if not allowed.any():  # nothing fits: the shortest words that end the line
            fits = ending & t.word
            allowed = fits & (t.syllables == t.syllables[fits].min())
        return allowed

    def _step_rows(self, live: list[int], tokens: list[int], logp: np.ndarray, state):
        """Feed ``tokens[i]`` to row ``live[i]``; rows not in ``live`` (their line written) are not stepped and
        keep their log-probabilities and state."""
        if len(live) == len(logp):
            return self._step([[token] for token in tokens], state)
        live_logp, live_state = self._step([[token] for token in tokens], self._rows(state, live))
        logp[live] = live_logp
        for index, number in enumerate(live):
            self._put(state, number, self._keep(live_state, index))
        return logp, state

    @staticmethod
    def _rows(state, numbers: list[int]):
        """The state of rows ``numbers``, in that order."""
        return tuple(s[:, numbers] for s in state)

    @staticmethod
    def _keep(state, row: int):
        """The recurrent state of one row."""
        return tuple(s[:, row:row + 1].clone() for s in state)

    @staticmethod
    def _put(state, row: int, kept) -> None:
        """Give one row of ``state`` the state ``kept`` (from ``_keep``)."""
        for whole, part in zip(state, kept):
            whole[:, row:row + 1] = part

    @staticmethod
    def _repeat(kept, rows: int):
        """One row's state for ``rows`` rows."""
        return tuple(s.expand(-1, rows, -1).contiguous() for s in kept)

    def _step(self, ids: list[list[int]], state):
        """Feed one sequence per row; the next token's log-probabilities per row (rows, vocab) and the state
        (torch's ``(h, c)``); one token per row steps in NumPy when the model allows (``NumpyWordStepper``)."""
        if self.stepper is not None and state is not None and all(len(row) == 1 for row in ids):
            logp, h, c = self.stepper.step(np.array([row[0] for row in ids]), state[0][0].numpy(), state[1][0].numpy())
            return logp, (torch.from_numpy(h[None]), torch.from_numpy(c[None]))
        logp, state = self.model(torch.as_tensor(ids), state)
        return logp[:, -1].float().numpy(), state

    @staticmethod
    def _sample(scores: np.ndarray, allowed: np.ndarray, generator: np.random.Generator, temperature: float,
                top_p: float, top_k: int = 0) -> int:
        """Nucleus (and top-k) sampling among the allowed tokens. Only the tokens of at least ``LIKELY`` of the
        likeliest one's probability are ordered, which is exact when they hold the nucleus (and ``top_k``); all
        tokens over ``FLOOR`` are ordered when they do not."""
        scores = np.where(allowed, scores, -np.inf)
        scores -= scores.max()
        scores *= 1.0 / max(temperature, 1e-4)
        weights = np.exp(scores, out=scores)  # the likeliest token weighs 1
        total = float(weights.sum())
        nucleus = (top_p if 0 < top_p < 1 else 1.0) * total
        pool = np.flatnonzero(weights >= LIKELY)
        if top_k > len(pool) or weights[pool].sum() < nucleus:
            pool = np.flatnonzero(weights > FLOOR * total)
        pool = pool[np.argsort(-weights[pool])]
        keep = min(len(pool), int((np.cumsum(weights[pool]) < nucleus).sum()) + 1)
        if top_k > 0:
            keep = min(keep, top_k)
        chosen = weights[pool[:keep]] / weights[pool[:keep]].sum()
        return int(pool[generator.choice(keep, p=chosen)])
