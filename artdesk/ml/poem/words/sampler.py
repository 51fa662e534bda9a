"""Rhymed English quatrains from the word model: ABAB or AABB, real words only, rhymes by pronunciation.

Each line is sampled word by word under masks:

- a line opens with ``<cap>`` and a word; only vocabulary words of the lexicon (the corpus words the CMU
  dictionary holds) are written, never spelled words, quotes or brackets;
- a line has ``min_syllables``..``max_syllables`` syllables; a word that would leave no room for the
  line's end word is masked once the line is long;
- a line ends with punctuation (the last line with ``.``, ``!`` or ``?``) and then a newline, allowed
  only after a word that may end it: for the first line of a rhyme pair, a content word with rhyming
  partners in the vocabulary whose rhyme is not already taken; for the second, a word that rhymes with
  the first (``english.rhymes``: same rhyming part, not the same word or a homophone), not used before;
- theme words and their corpus expansions get a bonus until used; content words already used get a penalty.

Several drafts are written and the one the model likes best (mean log-probability of its tokens) is kept.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from artdesk.ml.poem import english, lexicon
from artdesk.ml.poem.planning import expansions, theme_words
from artdesk.ml.poem.words.model import WordPoemLSTM
from artdesk.ml.poem.words.tokenizer import BOS, CAP, NL, SEP, WordVocab

MID_MARKS = (",", ";", ":")
STOP_MARKS = (".", "!", "?")
FUNCTION_WORDS = frozenset("""a an the of and or nor but to in on at by for with from as if than that so my thy his her
its our your their me him us them i o is was be are were am been has had have do did does shall will would could should
may might must can this these those which who whom whose what when where while then there here not no yet thee thou
""".split())
SCHEMES = {"abab": "ABAB", "aabb": "AABB"}


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
        word[token_id] = True
        after_cap_only[token_id] = token in ("i", "o")
        syllables[token_id] = english.syllables(token)
        if english.in_dictionary(token):
            keys[token_id] = english.rhyme_key(token)
            by_key.setdefault(keys[token_id], []).append(token_id)
    content = word & np.array([t not in FUNCTION_WORDS for t in vocab.tokens])
    endable = content & np.array([len(by_key.get(k, ())) >= 3 if k else False for k in keys])
    marks = lambda chars: np.isin(np.arange(size), [vocab.index[c] for c in chars if c in vocab.index])  # noqa: E731
    return Tables(syllables, word, after_cap_only, endable, keys, by_key, marks(MID_MARKS), marks(STOP_MARKS),
                  vocab.index[CAP], vocab.index[NL], content)


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
    def quatrain(self, form: str = "abab", theme: str = "", seed: int = 0, drafts: int = 3, temperature: float = 0.8,
                 top_p: float = 0.9, min_syllables: int = 7, max_syllables: int = 11, theme_bonus: float = 1.5,
                 repeat_penalty: float = 2.0) -> Quatrain:
        """The best of ``drafts`` quatrains (seeded) in ``form`` ("abab" or "aabb") on ``theme`` (words)."""
        if form not in SCHEMES:
            raise ValueError(f"unknown rhymed form {form!r} (abab or aabb)")
        if not 1 <= min_syllables <= max_syllables:
            raise ValueError("the syllable range is empty")
        words = theme_words(theme, "en")
        prefix, _ = self.vocab.encode_record(f"<{form}>", " ".join(words), "")
        prefix = prefix[:-1]  # drop <eos>: the body is what we write
        bonus = torch.zeros(len(self.vocab))
        for rank, w in enumerate([*words, *expansions(words, "en")]):
            token_id = self.vocab.index.get(w)
            if token_id is not None and self.tables.word[token_id]:
                bonus[token_id] = theme_bonus if rank < len(words) else theme_bonus / 2
        generator = torch.Generator().manual_seed(seed)
        best = None
        for _ in range(drafts):
            draft = self._draft(prefix, SCHEMES[form], bonus.clone(), generator, temperature, top_p, min_syllables,
                                max_syllables, repeat_penalty)
            if best is None or draft.mean_logprob > best.mean_logprob:
                best = draft
        return best

    def _draft(self, prefix, scheme, bonus, generator, temperature, top_p, min_syl, max_syl, repeat_penalty) -> Quatrain:
        t, size = self.tables, len(self.vocab)
        logp, state = self._step(prefix, None)
        out: list[int] = []
        total, count = 0.0, 0
        anchors: dict[str, int] = {}
        used_ends: set[int] = set()
        taken_keys: set[str] = set()
        for number, letter in enumerate(scheme):
            last_line = number == len(scheme) - 1
            enders = t.stops if last_line else (t.stops | t.mid)
            if letter in anchors:
                may_end = self.rhyme_set(anchors[letter], used_ends)
            else:
                may_end = t.endable & ~np.isin(np.arange(size), list(used_ends))
                if taken_keys:
                    may_end &= np.array([k not in taken_keys for k in t.rhyme_key])
            if not may_end.any():
                may_end = t.endable.copy()  # no rhyme left in the vocabulary: end on any content word
            syl, prev, last_word = 0, "start", None
            while True:
                allowed = self._allowed(prev, syl, last_word, may_end, enders, out, min_syl, max_syl)
                scores = logp + bonus
                content_used = [i for i in out if t.content[i]]
                if content_used:
                    scores[content_used] -= repeat_penalty
                token = self._sample(scores, allowed, generator, temperature, top_p)
                total += float(logp[token])
                count += 1
                out.append(token)
                logp, state = self._step([token], state)
                if token == t.newline:
                    break
                if t.word[token]:
                    syl += int(t.syllables[token])
                    last_word, prev = token, "word"
                    bonus[token] = 0.0
                else:
                    prev = "cap" if token == t.cap else "mark"
            if letter not in anchors:
                anchors[letter] = last_word
                taken_keys.add(t.rhyme_key[last_word])
            used_ends.add(last_word)
        text = self.vocab.decode_body(out)
        ends = [english.last_word(line) for line in text.splitlines()]
        return Quatrain(text.rstrip("\n"), out, total / max(1, count), ends)

    def _allowed(self, prev, syl, last_word, may_end, enders, out, min_syl, max_syl) -> np.ndarray:
        """The tokens that may come next in a line (see the module)."""
        t = self.tables
        allowed = np.zeros(len(self.vocab), dtype=bool)
        if prev == "start":
            allowed[t.cap] = True
            return allowed
        line_done = last_word is not None and syl >= min_syl and bool(may_end[last_word])
        room = t.syllables + syl
        words = t.word & (((room <= max_syl - 1) & ~may_end) | ((room <= max_syl) & may_end))
        if prev != "cap":
            words &= ~t.after_cap_only
        if prev == "cap":
            return words if words.any() else may_end & t.word
        if prev == "word":
            if line_done and syl >= max_syl - 1:
                return enders.copy()  # the line is full: close it
            allowed |= words | t.mid | t.stops
            allowed[t.cap] = syl < max_syl - 1
        else:  # after a mark
            allowed |= words
            allowed[t.cap] = syl < max_syl - 1
            allowed[t.newline] = line_done and bool(enders[out[-1]])
        if not (allowed & t.word).any() and not allowed[t.newline]:
            allowed |= may_end & t.word  # no room left: any word that ends the line
        return allowed

    def _step(self, ids: list[int], state):
        logp, state = self.model(torch.as_tensor([ids]), state)
        return logp[0, -1].float(), state

    @staticmethod
    def _sample(scores: torch.Tensor, allowed: np.ndarray, generator, temperature: float, top_p: float) -> int:
        candidates = torch.as_tensor(np.flatnonzero(allowed))
        values = scores[candidates] / max(temperature, 1e-4)
        probs = torch.softmax(values, dim=0)
        order = torch.argsort(probs, descending=True)
        cumulative = torch.cumsum(probs[order], dim=0)
        keep = order[: int((cumulative < top_p).sum()) + 1]
        pick = keep[torch.multinomial(probs[keep] / probs[keep].sum(), 1, generator=generator)]
        return int(candidates[pick])

