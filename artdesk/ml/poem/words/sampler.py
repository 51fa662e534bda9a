"""Rhymed English quatrains from the word model: ABAB or AABB, real words only, rhymes by pronunciation.

Each line is sampled word by word under masks:

- a line opens with ``<cap>`` and a word; only vocabulary words of the lexicon (the corpus words the CMU
  dictionary holds) are written, never spelled words, quotes or brackets;
- a line has ``min_syllables``..``max_syllables`` syllables: a word that does not end the line must
  leave room for the shortest word that does;
- no word twice in a row; a mark inside a line only with room left for a short phrase and the end word;
- no punctuation (nor I) right after an article, possessive or preposition; a capital after ``.``/``!``/``?``
  and inside a sentence only for I and O;
- a line ends with punctuation (the last line with ``.``, ``!`` or ``?``) and then a newline, allowed
  only after a word that may end it: for the first line of a rhyme pair, a content word with rhyming
  partners in the vocabulary whose rhyme is not already taken; for the second, a word that rhymes with
  the first (``english.rhymes``: same rhyming part, not the same word or a homophone), not used before;
- theme words and their corpus expansions get a bonus until used, and each line a further bonus for its
  keyword of the plan (``planning.plan``: the theme expanded to one keyword per line); content words
  already used get a penalty.

Each line is written by several candidates in one batch; the one the model likes best (mean log-probability
of its tokens, a little more with a theme word) is kept and the next line goes on from it.
"""
from __future__ import annotations

import copy
import random
from dataclasses import dataclass, field

import numpy as np
import torch

from artdesk.ml.poem import english, lexicon
from artdesk.ml.poem.planning import expansions, plan, theme_words
from artdesk.ml.poem.words.model import WordPoemLSTM
from artdesk.ml.poem.words.tokenizer import CAP, NL, WordVocab

MID_MARKS = (",", ";", ":")
STOP_MARKS = (".", "!", "?")
FUNCTION_WORDS = frozenset("""a an the of and or nor but to in on at by for with from as if than that so my thy his her
its our your their me him us them i o is was be are were am been has had have do did does shall will would could should
may might must can this these those which who whom whose what when where while then there here not no yet thee thou
""".split())
NO_MARK_AFTER = frozenset("a an the my thy his their our your its of from with into upon and or nor but".split())
SCHEMES = {"abab": "ABAB", "aabb": "AABB"}
FLOOR = 1e-6
MARK_ROOM = 3  # a mark inside a line leaves room for this many syllables before the end word
THEME_CREDIT = 0.6  # nats per token a candidate line gains by holding a theme word or expansion
INNER_CAP_IO = -1.72  # log 0.179: of the capitals inside a sentence in the training stream, 17.9% are I or O


@dataclass
class Draft:
    """One quatrain being written: its tokens, rhymes so far and the state of the current line."""

    scheme: str
    bonus: np.ndarray  # added to the log-probabilities: theme words until used, minus a penalty for used content words
    out: list[int] = field(default_factory=list)
    total: float = 0.0
    line: int = 0
    anchors: dict[str, int] = field(default_factory=dict)
    used_ends: set[int] = field(default_factory=set)
    taken_keys: set[str] = field(default_factory=set)
    enders: np.ndarray | None = None
    may_end: np.ndarray | None = None
    syl: int = 0
    prev: str = "start"
    last_word: int | None = None
    shortest_end: int = 1
    focus: list[int] = field(default_factory=list)  # the planned keyword's token per line, -1 for none
    focus_bonus: float = 0.0
    done: bool = False


@dataclass
class Tables:
    """Per-token arrays the masks are built from (computed once per vocabulary)."""

    syllables: np.ndarray  # syllables of a word token, 0 for other tokens
    word: np.ndarray  # a real word the sampler may write
    after_cap_only: np.ndarray  # single letters written only capitalised (I, O)
    endable: np.ndarray  # a content word with rhyming partners among the writable words
    rhyme_key: list[str]
    by_key: dict[str, list[int]]
    mid: np.ndarray
    stops: np.ndarray
    cap: int
    newline: int
    content: np.ndarray
    no_mark_after: np.ndarray  # articles, possessives, prepositions: no punctuation right after them


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
    content = word & np.array([t not in FUNCTION_WORDS and t not in NO_MARK_AFTER for t in vocab.tokens])
    endable = content & np.array([len(by_key.get(k, ())) >= 3 if k else False for k in keys])
    marks = lambda chars: np.isin(np.arange(size), [vocab.index[c] for c in chars if c in vocab.index])  # noqa: E731
    return Tables(syllables, word, after_cap_only, endable, keys, by_key, marks(MID_MARKS), marks(STOP_MARKS),
                  vocab.index[CAP], vocab.index[NL], content,
                  np.array([t in NO_MARK_AFTER for t in vocab.tokens]))


@dataclass
class Quatrain:
    text: str
    tokens: list[int]
    mean_logprob: float  # nats per token under the model, before masks and bonuses
    end_words: list[str] = field(default_factory=list)


class WordPoet:
    """Writes quatrains with one word model (CPU, one token at a time)."""

    def __init__(self, model: WordPoemLSTM, vocab: WordVocab) -> None:
        self.model, self.vocab = model.eval(), vocab
        self.tables = build_tables(vocab)

    def rhyme_set(self, anchor: int, used: set[int]) -> np.ndarray:
        """Writable words that rhyme with token ``anchor`` (not identically) and were not line ends already."""
        t = self.tables
        out = np.zeros(len(self.vocab), dtype=bool)
        word = self.vocab.tokens[anchor]
        for other in t.by_key.get(t.rhyme_key[anchor], ()):
            if other not in used and t.content[other] and english.rhymes(word, self.vocab.tokens[other]):
                out[other] = True
        return out

    @torch.no_grad()
    def quatrain(self, form: str = "abab", theme: str = "", seed: int = 0, candidates: int = 3, temperature: float = 0.8,
                 top_p: float = 0.9, min_syllables: int = 7, max_syllables: int = 11, theme_bonus: float = 3.0,
                 repeat_penalty: float = 2.0) -> Quatrain:
        """A quatrain (seeded) in ``form`` ("abab" or "aabb") on ``theme`` (words), each line the best of
        ``candidates``."""
        if form not in SCHEMES:
            raise ValueError(f"unknown rhymed form {form!r} (abab or aabb)")
        if not 1 <= min_syllables <= max_syllables:
            raise ValueError("the syllable range is empty")
        words = theme_words(theme, "en")
        prefix, _ = self.vocab.encode_record(f"<{form}>", " ".join(words), "")
        prefix = prefix[:-1]  # drop <eos>: the body is what we write
        bonus = np.zeros(len(self.vocab), dtype=np.float32)
        for rank, w in enumerate([*words, *expansions(words, "en")]):
            token_id = self.vocab.index.get(w)
            if token_id is not None and self.tables.word[token_id]:
                bonus[token_id] = theme_bonus if rank < len(words) else theme_bonus / 2
        generator = np.random.default_rng(seed)
        keywords = plan(words, "en", len(SCHEMES[form]), random.Random(seed))
        focus = [self.vocab.index.get(k, -1) for k in keywords]
        focus = [f if f >= 0 and self.tables.word[f] else -1 for f in focus]
        draft = Draft(SCHEMES[form], bonus, focus=focus, focus_bonus=theme_bonus)
        return self._write(prefix, draft, max(1, candidates), generator, temperature, top_p, min_syllables,
                           max_syllables, repeat_penalty)

    def _write(self, prefix, draft: "Draft", candidates: int, generator, temperature, top_p, min_syl, max_syl,
               repeat_penalty) -> Quatrain:
        """Write line by line: ``candidates`` rows write the line in lockstep (one batched model step per token,
        each row with its own masks); the line the model likes best (mean log-probability) is kept and every
        row goes on from it."""
        t = self.tables
        theme = draft.bonus > 0
        logp, state = self._step([prefix] * candidates, None)
        self._start_line(draft)
        while not draft.done:
            rows = [copy.deepcopy(draft) for _ in range(candidates)]
            starts = [len(row.out) for row in rows]
            finished: dict[int, tuple] = {}
            while len(finished) < candidates:
                tokens = []
                for number, row in enumerate(rows):
                    if number in finished:
                        tokens.append(t.newline)
                        continue
                    allowed = self._allowed(row, min_syl, max_syl)
                    scores = logp[number] + row.bonus
                    if row.prev == "word" or (row.prev == "mark" and not t.stops[row.out[-1]]):
                        scores[t.cap] += INNER_CAP_IO  # only I or O may follow: their share of the capital's mass
                    token = self._sample(scores, allowed, generator, temperature, top_p)
                    row.total += float(logp[number, token])
                    row.out.append(token)
                    tokens.append(token)
                    if t.word[token]:
                        row.syl += int(t.syllables[token])
                        row.last_word, row.prev = token, "word"
                        row.bonus[token] = -repeat_penalty if t.content[token] else 0.0
                    elif token != t.newline:
                        row.prev = "cap" if token == t.cap else "mark"
                logp, state = self._step([[token] for token in tokens], state)
                for number, row in enumerate(rows):
                    if number not in finished and row.out[-1] == t.newline:
                        finished[number] = (self._keep(state, number), logp[number].copy())

            def line_score(number: int) -> float:
                line = rows[number].out[starts[number]:]
                mean = (rows[number].total - draft.total) / len(line)
                return mean + THEME_CREDIT * bool(theme[line].any())

            best = max(range(candidates), key=line_score)
            draft = rows[best]
            self._end_line(draft)
            kept_state, kept_logp = finished[best]
            state = self._repeat(kept_state, candidates)
            logp = np.repeat(kept_logp[None], candidates, axis=0)
        text = self.vocab.decode_body(draft.out).rstrip("\n")
        return Quatrain(text, draft.out, draft.total / max(1, len(draft.out)),
                        [english.last_word(line) for line in text.splitlines()])

    def _start_line(self, row: "Draft") -> None:
        t = self.tables
        letter = row.scheme[row.line]
        row.enders = t.stops if row.line == len(row.scheme) - 1 else (t.stops | t.mid)
        if letter in row.anchors:
            row.may_end = self.rhyme_set(row.anchors[letter], row.used_ends)
        else:
            row.may_end = t.endable.copy()
            row.may_end[list(row.used_ends)] = False
            if row.taken_keys:
                row.may_end &= np.array([k not in row.taken_keys for k in t.rhyme_key])
        if not row.may_end.any():
            row.may_end = t.endable.copy()  # no rhyme left in the vocabulary: end on any content word
        row.shortest_end = int(t.syllables[row.may_end].min())
        row.syl, row.prev, row.last_word = 0, "start", None
        focus = row.focus[row.line] if row.focus else -1
        if focus >= 0 and focus not in row.out:
            row.bonus[focus] += row.focus_bonus  # this line's planned keyword, until it is written

    def _end_line(self, row: "Draft") -> None:
        focus = row.focus[row.line] if row.focus else -1
        if focus >= 0 and focus not in row.out:
            row.bonus[focus] -= row.focus_bonus
        letter = row.scheme[row.line]
        if letter not in row.anchors:
            row.anchors[letter] = row.last_word
            row.taken_keys.add(self.tables.rhyme_key[row.last_word])
        row.used_ends.add(row.last_word)
        row.line += 1
        if row.line == len(row.scheme):
            row.done = True
        else:
            self._start_line(row)

    def _allowed(self, row: "Draft", min_syl: int, max_syl: int) -> np.ndarray:
        """The tokens that may come next in the row's line (see the module)."""
        t = self.tables
        allowed = np.zeros(len(self.vocab), dtype=bool)
        if row.prev == "start":
            allowed[t.cap] = True
            return allowed
        ending = row.may_end
        line_done = row.last_word is not None and row.syl >= min_syl and bool(ending[row.last_word])
        after = t.syllables + row.syl
        # a word that does not end the line leaves room for the shortest word that does
        words = t.word & np.where(ending, after <= max_syl, after + row.shortest_end <= max_syl)
        inner_cap = bool((words & t.after_cap_only).any())  # I or O fits
        if row.prev == "cap":
            opening = len(row.out) < 2 or row.out[-2] == t.newline or bool(t.stops[row.out[-2]])
            allowed = words if opening else words & t.after_cap_only  # inside a sentence only I and O
        elif row.prev == "word":
            allowed = words & ~t.after_cap_only
            allowed[row.last_word] = False  # no word twice in a row
            if line_done and not allowed.any():
                allowed = row.enders.copy()
            elif not t.no_mark_after[row.last_word] and (line_done or row.syl + MARK_ROOM + row.shortest_end <= max_syl):
                allowed |= t.mid | t.stops
            allowed[t.cap] = inner_cap and not t.no_mark_after[row.last_word]  # not "the I", "of I"
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

    @staticmethod
    def _keep(state, row: int):
        """The recurrent state of one row."""
        return tuple(s[:, row:row + 1].clone() for s in state)

    @staticmethod
    def _repeat(kept, rows: int):
        """One row's state for ``rows`` rows."""
        return tuple(s.expand(-1, rows, -1).contiguous() for s in kept)

    def _step(self, ids: list[list[int]], state):
        """Feed one sequence per row; the next token's log-probabilities per row (rows, vocab) and the state."""
        logp, state = self.model(torch.as_tensor(ids), state)
        return logp[:, -1].float().numpy(), state

    @staticmethod
    def _sample(scores: np.ndarray, allowed: np.ndarray, generator: np.random.Generator, temperature: float,
                top_p: float) -> int:
        """Nucleus sampling among the allowed tokens (tokens under ``FLOOR`` of probability are left out of the
        ordering: together they hold under 2% and never reach into a 0.9 nucleus in practice)."""
        scores = np.where(allowed, scores / max(temperature, 1e-4), -np.inf)
        probs = np.exp(scores - scores.max())
        probs /= probs.sum()
        pool = np.flatnonzero(probs > FLOOR)
        pool = pool[np.argsort(-probs[pool])]
        keep = min(len(pool), int((np.cumsum(probs[pool]) < top_p).sum()) + 1)
        chosen = probs[pool[:keep]] / probs[pool[:keep]].sum()
        return int(pool[generator.choice(keep, p=chosen)])
