"""Poem generation: incremental sampling with the recurrent state, under form constraints, after a plan.

One step feeds one token and keeps the GRU/LSTM state (no re-run of the prefix). The theme is
expanded into one keyword per line (``planning``); each line is pulled toward its keyword and the
theme's unused words (``ThemeBias``). Constraints, all by masking the next-token distribution:
Chinese line lengths and 句 marks, acrostic heads, rhyme (same 中华新韵 group, level tone, no rhyme
character twice), no character twice in a couplet except a corpus reduplication (叠字), optionally
the level/oblique pattern; English words spelled only from the vocabulary (a ``lexicon.WordTrie``),
lines opening with a capital, syllable counts (word-level retries), acrostic letters and rhyme (the
line's last word is replaced by the best-scoring rhyming word; identical rhymes do not count), and
a last line that ends a sentence. Locked lines are fed verbatim. Several drafts are written and
ranked (``rank``): rules, theme, then model score with the plan's words.
"""
from __future__ import annotations

import math
import random
import re
import time
import zlib
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.originality import Originality
from artdesk.ml.poem import chinese, english, lexicon, mixture, planning, pronunciations, rank, wordgram
from artdesk.ml.poem.checker import CheckReport, check_poem
from artdesk.ml.poem.forms import MAX_ACROSTIC, MAX_FREE_LINES, Form, get_form, zh_tag_for
from artdesk.ml.poem.loader import PoemModel, WordPoemModel
from artdesk.ml.poem.requests import PoemRequest
from artdesk.ml.poem.theme import NOUN_SLOT, ThemeBias
from artdesk.ml.poem.vocab import EOS
from artdesk.ml.poem.words.drafts import write_draft

ZH_MARKS = ("，", "。")
ZH_COMMON = frozenset("不无一人有何此是自相来去中上下天")  # characters poems repeat freely across couplets
ZH_REPEAT_PENALTY = 2.5  # logits off a character an earlier couplet already holds
EN_END = ",.;:!?"
EN_FINAL = ".!?"
DRAFTS_PER_SHOWN = 2  # drafts written per candidate shown, when the request leaves it open
NUCLEUS_SEARCH = 256  # tokens sorted for top-p sampling before falling back to all of them
KEYWORD_BONUS = 0.3  # nats per character a line's tries credit for holding the line's planned keyword
MAX_KEYWORDS = 40
MIN_RHYME_COUNT = 20  # a rhyme word the poems use at least this often ("hummer", "ling" are not offered)
DANGLING = frozenset(("a an the and or nor but of with to from for at into upon unto than that whose which my thy "
                      "your our their its his he she we they who whom shall should would could must if though although because whether "
                      "unless every each").split())
ARTICLES = frozenset("the a an".split())
COMMON = frozenset("and the not all was are were is be been have has had thou thee thine you your".split())
VERB_BOOST = 2.0  # English: while a line holds no verb, the word n-grams' verbs count this many times in the draw
REPEAT_RETRIES = 6  # English: a content word the poem already holds is redrawn up to this many times a line
ANCHOR_WORDS = ("day away night light sea free tree heart sky high eye song long sight bright love above rain again "
                "fire desire sun done moon soon door more shore sand hand land stone alone home sleep deep dream stream "
                "morning air fair care old cold gold away").split()
FALLBACK_WORDS = ("light rain sky sea wind moon dawn stone song home night day heart snow fire "
                  "river morning silver evening shadow quiet flowers summer golden water gentle "
                  "beautiful wandering memory silently yesterday tenderly remember "
                  "everlasting eternity melancholy").split()


@dataclass
class Candidate:
    lines: list[str]
    logprob: float  # sum over generated characters (temperature 1)
    generated: int  # characters generated (locked lines excluded)
    violations: int
    issues: list[str] = field(default_factory=list)
    uses_theme: bool | None = False  # a theme word or one of its expansions appears in the poem (None: no theme given)
    plan: list[str] = field(default_factory=list)  # the keyword planned for each line ("" where none)
    planned_used: int = 0  # planned keywords that appear in the poem
    verbless: int = 0  # English lines without a verb (``WordGrams.has_verb``)
    forced_rhymes: int = 0  # English rhymed lines ending on a word the word model would hardly write there
    reason: str = ""  # why it ranks where it does, in plain words
    report: CheckReport | None = None  # the check the ranking used (the Poem panel shows it)
    copy: Originality | None = None  # the copy check (``jobs.generate_job`` adds it, with the index's model)
    copy_problem: str = ""  # why there is no copy answer
    record: dict = field(default_factory=dict)  # its provenance (``jobs.generate_job`` adds it)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def mean_logprob(self) -> float:
        return self.logprob / max(1, self.generated)

    @property
    def standing(self) -> rank.Standing:
        return rank.Standing(self.violations, self.issues[0] if self.issues else "", self.uses_theme,
                             self.planned_used, sum(1 for k in self.plan if k), self.mean_logprob, self.verbless,
                             self.forced_rhymes)


@dataclass
class PoemResult:
    candidates: list[Candidate]
    request: PoemRequest
    model_name: str
    weights_sha256: str
    seconds: float
    notes: list[str]

    @property
    def best(self) -> Candidate:
        return self.candidates[0]


class InputProblem(ArtdeskError):
    """The request cannot be met as given (the message says why and what to do)."""


def nearest_known_chars(poem: PoemModel, ch: str, limit: int = 3) -> list[str]:
    """Known characters that sound like ``ch`` (same toneless pinyin, then same final), most frequent first."""
    target = chinese.reading(ch)
    if target is None:
        return []
    known = [t for t in poem.vocab.tokens if len(t) == 1 and chinese.is_hanzi(t)]
    same = [t for t in known if (r := chinese.reading(t)) and r[0] == target[0] and r[1] == target[1]]
    if len(same) < limit:
        same += [t for t in known if (r := chinese.reading(t)) and r[1] == target[1] and t not in same]
    return same[:limit]


def validate(poem: PoemModel, request: PoemRequest) -> tuple[Form, list[str]]:
    """Check the request against the model; returns the form and notes, or raises InputProblem."""
    form = get_form(request.form)
    language = poem.config.language
    notes: list[str] = []
    if form.language != language:
        raise InputProblem(f"{form.label} is a {'Chinese' if form.language == 'zh' else 'English'} form, "
                           f"but {poem.name} writes {'Chinese' if language == 'zh' else 'English'}. Pick a matching model.")
    if len(request.keywords) > MAX_KEYWORDS:
        raise InputProblem(f"The theme is too long ({len(request.keywords)} characters); use at most {MAX_KEYWORDS}.")
    other_script = re.findall(r"[A-Za-z]+" if language == "zh" else r"[\u3400-\u9fff]+", request.keywords)
    if other_script:  # a theme in the other language's script: said once, not letter by letter
        notes.append(f"This model takes its theme in {'Chinese characters' if language == 'zh' else 'English words'}; "
                     "left out: " + ", ".join(dict.fromkeys(other_script[:5])) + ".")
    unknown = [ch for ch in poem.vocab.unknown_chars(request.keywords)
               if not ch.isspace() and not any(ch in run for run in other_script)]
    if unknown:
        hints = []
        for ch in unknown[:5]:
            near = nearest_known_chars(poem, ch) if language == "zh" else []
            hints.append(f"{ch} (try {'、'.join(near)})" if near else ch)
        notes.append("The model never saw " + ", ".join(hints) + "; those theme characters are left out.")
    unknown_words = [w for w in planning.theme_words(request.keywords, "en") if not lexicon.is_word(w)] \
        if language == "en" else []
    if unknown_words:
        notes.append("The model never saw the words " + ", ".join(unknown_words[:5]) + "; they are left out of the theme.")
    if not request.keywords.strip():
        notes.append("No theme given: the model picks its own.")
    if form.acrostic:
        heads = re.sub(r"\s+", "", request.heads)
        if language == "en":
            heads = re.sub(r"[^A-Za-z]", "", heads)
        if not heads:
            raise InputProblem("An acrostic needs its head characters (a word or name) in the acrostic field.")
        if len(heads) > MAX_ACROSTIC[language]:
            raise InputProblem(f"The acrostic has {len(heads)} characters; {form.label} allows at most "
                               f"{MAX_ACROSTIC[language]}. Shorten it.")
        missing = [ch for ch in heads if ch not in poem.vocab and ch.lower() not in poem.vocab]
        if missing:
            hints = [f"{ch} (nearest it knows: {'、'.join(nearest_known_chars(poem, ch)) or 'none'})" for ch in missing[:5]]
            raise InputProblem("The model never saw the acrostic character(s) " + ", ".join(hints) + ". Replace them.")
    if not 0.05 <= request.temperature <= 3.0:
        raise InputProblem("Temperature must be between 0.05 and 3.")
    if not 1 <= request.candidates <= 20:
        raise InputProblem("Ask for 1 to 20 candidates.")
    if request.drafts and not request.candidates <= request.drafts <= 40:
        raise InputProblem("Write at least as many drafts as candidates shown, and at most 40.")
    if not 1 <= request.line_tries <= 8:
        raise InputProblem("Try each line 1 to 8 times.")
    return form, notes


class Sampler:
    """Feeds tokens one at a time, keeps the recurrent state, samples with temperature / top-k / top-p."""

    def __init__(self, poem: PoemModel, request: PoemRequest, generator: torch.Generator) -> None:
        self.poem = poem
        self.vocab = poem.vocab
        self.request = request
        self.generator = generator
        self.state = None
        self.logits: torch.Tensor | None = None
        self.logprob = 0.0
        self.generated = 0
        self.theme: ThemeBias | None = None

    def follow_theme(self, keywords: str, plan: list[str]) -> None:
        """From now on, bias sampling toward ``keywords`` and the planned line words (call after feeding the prefix)."""
        language = self.poem.config.language
        word_ends = None
        if language == "en":
            masks = _en_masks(self.poem)
            word_ends = masks["chars"] & ~masks["letters"]
        self.theme = ThemeBias(self.vocab, keywords, language, self.request.theme_bias, word_ends, tuple(plan))

    def focus(self, keyword: str) -> None:
        """Pull the coming line toward its planned ``keyword``."""
        if self.theme is not None:
            self.theme.set_focus(keyword)

    @torch.no_grad()
    def feed(self, token: int) -> None:
        logits, self.state = self.poem.stepper(torch.tensor([[token]]), self.state)
        self.logits = logits[0, -1].float()
        if self.theme is not None:
            self.theme.observe(self.vocab.tokens[token])

    def feed_many(self, tokens: list[int]) -> None:
        for token in tokens:
            self.feed(token)

    def snapshot(self):
        return (self.state, self.logits, self.logprob, self.generated, self.theme.progress if self.theme else None)

    def restore(self, snap) -> None:
        self.state, self.logits, self.logprob, self.generated, progress = snap
        if self.theme is not None:
            self.theme.progress = progress

    def sample(self, allowed: torch.Tensor | None = None, extra: torch.Tensor | None = None,
               model: np.ndarray | None = None) -> int:
        """Draw the next token among ``allowed`` (bool mask), ``extra`` added to the logits for the draw only;
        records its log-probability under the model that writes: ``model`` (log-probabilities, English: the
        character model mixed with the word n-grams) or the character model's logits. The arithmetic is
        NumPy's (a step's dozen small torch calls cost more than the model's step); the uniform draw comes from
        the torch ``generator``, so a seed repeats."""
        model = self.logits.numpy() if model is None else model
        logits = model
        bonus = self.theme.bonus(len(logits)) if self.theme is not None else None
        if bonus is not None:
            logits = logits + bonus.numpy()
        if extra is not None:
            logits = logits + extra.numpy()
        if allowed is not None:
            keep = allowed.numpy()
            if keep.any():
                logits = np.where(keep, logits, -np.inf)
        scaled = logits / self.request.temperature
        if self.request.top_k > 0:
            k = min(self.request.top_k, int(np.isfinite(scaled).sum()))
            threshold = np.partition(scaled, len(scaled) - k)[len(scaled) - k]
            scaled = np.where(scaled < threshold, -np.inf, scaled)
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        order = np.flatnonzero(probs)
        if 0 < self.request.top_p < 1:
            # The nucleus almost always lies among the NUCLEUS_SEARCH likeliest tokens: sort those only
            # (all of them when it does not), and draw among the sorted ones.
            if len(order) > NUCLEUS_SEARCH:
                likeliest = order[np.argpartition(-probs[order], NUCLEUS_SEARCH)[:NUCLEUS_SEARCH]]
                order = likeliest if probs[likeliest].sum() >= self.request.top_p else order
            order = order[np.argsort(-probs[order], kind="stable")]
            kept = probs[order]
            kept = np.where(np.cumsum(kept) - kept > self.request.top_p, 0.0, kept)
        else:
            kept = probs[order]
        cumulative = np.cumsum(kept, dtype=np.float64)
        draw = float(torch.rand((), generator=self.generator, dtype=torch.float64)) * cumulative[-1]
        token = int(order[min(int(np.searchsorted(cumulative, draw, side="right")), len(order) - 1)])
        top = float(model.max())
        self.logprob += float(model[token]) - top - math.log(float(np.exp(model - top).sum()))
        self.generated += 1
        return token


def _zh_masks(poem: PoemModel) -> dict:
    if "zh" not in poem.masks:
        size = len(poem.vocab)
        hanzi = torch.zeros(size, dtype=torch.bool)
        level = torch.zeros(size, dtype=torch.bool)
        groups: dict[str, torch.Tensor] = {}
        sounds: dict[tuple, list[int]] = {}  # (initial, final) -> characters read so (homophones, whatever the tone)
        for index, token in enumerate(poem.vocab.tokens):
            if len(token) == 1 and chinese.is_hanzi(token):
                hanzi[index] = True
                level[index] = chinese.tone(token) == chinese.LEVEL
                group = chinese.rhyme_group(token)
                if group:
                    groups.setdefault(group, torch.zeros(size, dtype=torch.bool))[index] = True
                if (found := chinese.reading(token)) is not None:
                    sounds.setdefault(found[:2], []).append(index)
        poem.masks["zh"] = {"hanzi": hanzi, "level": level & hanzi, "oblique": hanzi & ~level, "groups": groups,
                            "sounds": sounds}
    return poem.masks["zh"]


def _en_masks(poem: PoemModel) -> dict:
    if "en" not in poem.masks:
        size = len(poem.vocab)
        chars = torch.zeros(size, dtype=torch.bool)
        letters = torch.zeros(size, dtype=torch.bool)
        for index, token in enumerate(poem.vocab.tokens):
            if len(token) == 1:
                chars[index] = True
                letters[index] = token.isalpha() or token == "'"
        newline = poem.vocab.index.get("\n")
        ends = torch.zeros(size, dtype=torch.bool)
        for ch in EN_END + "\n":
            if ch in poem.vocab:
                ends[poem.vocab.index[ch]] = True
        poem.masks["en"] = {"chars": chars, "letters": letters, "ends": ends, "newline": newline}
    return poem.masks["en"]


def _one_hot(size: int, index: int) -> torch.Tensor:
    mask = torch.zeros(size, dtype=torch.bool)
    mask[index] = True
    return mask


def _publish(ctx: JobContext, number: int, lines: list[str], current: str) -> None:
    ctx.publish({"candidate": number, "text": "\n".join([*lines, current]) if current else "\n".join(lines)})


def _narrowed(allowed: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
    """``allowed & keep``, or ``allowed`` unchanged when nothing would be left (a softer rule gives way)."""
    narrowed = allowed & keep
    return narrowed if bool(narrowed.any()) else allowed


def _zh_unrepeated(poem: PoemModel, couplet: str, line: str, line_ends: set[str]) -> torch.Tensor:
    """Characters allowed next without repeating one of the couplet (a corpus reduplication may) or, at a
    line end, a character that already ended a line or sounds like one (an identical rhyme)."""
    keep = torch.ones(len(poem.vocab), dtype=torch.bool)
    index = poem.vocab.index
    sounds = _zh_masks(poem)["sounds"]
    for ch in line_ends:
        keep[sounds.get((chinese.reading(ch) or ())[:2], [])] = False
    for ch in set(couplet) | line_ends:
        if ch in index:
            keep[index[ch]] = False
    if line and couplet.count(line[-1]) == 1 and chinese.may_double(line, line[-1]) and line[-1] in index:
        keep[index[line[-1]]] = True
    return keep


def _zh_candidate(poem: PoemModel, request: PoemRequest, form: Form, sampler: Sampler, ctx: JobContext, number: int,
                  plan: list[str], theme: tuple[str, ...]) -> list[str]:
    """One Chinese poem. ``theme``: the theme's characters and their expansions; when the first line has
    none of them by its last free character, that character is drawn among them (if the rules allow one)."""
    masks = _zh_masks(poem)
    vocab = poem.vocab
    on_theme = torch.zeros(len(vocab), dtype=torch.bool)
    on_theme[[vocab.index[ch] for ch in theme if ch in vocab.index]] = True
    heads = re.sub(r"\s+", "", request.heads) if form.acrostic else ""
    locked = dict(request.locked)
    count = _line_count(form, request)
    chars = form.chars
    scheme = form.scheme_for(count or MAX_FREE_LINES) if request.rhyme and request.constraints else "x" * 64
    lines: list[str] = []
    anchor_group: str | None = None
    needs = None
    ends: set[str] = set()  # characters that ended a line: none may end another
    index = 0
    while True:
        ctx.raise_if_cancelled()
        if count and index >= count:
            break
        if not count and index >= MAX_FREE_LINES:
            break
        mark = ZH_MARKS[1] if count and index == count - 1 else ZH_MARKS[index % 2]
        couplet = lines[-1].rstrip("".join(ZH_MARKS)) if index % 2 else ""
        earlier = _zh_repeat_penalty(poem, "".join(lines[:index - index % 2]))
        unsaid = _zh_unsaid(poem, "".join(lines[:index - index % 2]))
        sampler.focus(plan[index] if index < len(plan) else "")
        if index in locked:
            text = locked[index].strip().rstrip("".join(ZH_MARKS) + "，。？！；,.?!;")
            sampler.feed_many(vocab.encode(text) + [vocab.index[mark]])
            line = text + mark
        else:
            line = ""
            length = chars or 0
            position = 0
            while True:
                allowed = masks["hanzi"].clone()
                if not length:  # free form: the model ends the line (3 to 9 characters) and the poem
                    if position >= 3:  # a poem of known length ends its last line with 。
                        for m in (ZH_MARKS[1],) if count and index == count - 1 else ZH_MARKS:
                            allowed[vocab.index[m]] = True
                    if position == 0 and index >= 2 and not request.lines:
                        allowed[vocab.index[EOS]] = True
                    if position >= 9:
                        allowed = torch.zeros_like(allowed)
                        allowed[vocab.index[mark]] = True
                elif position == length:
                    break
                if request.constraints:
                    at_end = bool(length) and position == length - 1
                    if heads and position == 0:
                        allowed = _one_hot(len(vocab), vocab.id(heads[index]))
                    elif at_end and scheme[index] != "x":
                        allowed = allowed & masks["level"]
                        if anchor_group and anchor_group in masks["groups"]:
                            allowed = allowed & masks["groups"][anchor_group]
                    elif request.tones and form.tones and needs is not None and position in needs[index]:
                        allowed = allowed & masks["level" if needs[index][position] == chinese.LEVEL else "oblique"]
                    if not (heads and position == 0):
                        allowed = _narrowed(allowed, _zh_unrepeated(poem, couplet + line, line, ends if at_end else set()))
                        allowed = _narrowed(allowed, unsaid)  # gives way alone when nothing else is left
                    if index == 0 and length >= 3 and position == length - 2 and not any(ch in line for ch in theme):
                        allowed = _narrowed(allowed, on_theme)
                token = sampler.sample(allowed, earlier if request.constraints else None)
                if token == vocab.index[EOS]:
                    return _zh_close(lines)
                ch = vocab.tokens[token]
                if ch in ZH_MARKS:
                    mark = ch
                    break
                sampler.feed(token)
                line += ch
                position += 1
                if request.tones and form.tones and index == 0 and position == 2 and chars:
                    needs = chinese.required_tones(chars, count or 8, chinese.tone(line[1]) or chinese.LEVEL)
                _publish(ctx, number, lines, line)
            sampler.feed(vocab.index[mark])
            line += mark
        body = line.rstrip("".join(ZH_MARKS))
        if index == 0 and request.tones and form.tones and chars and len(body) > 1 and needs is None:
            needs = chinese.required_tones(chars, count or 8, chinese.tone(body[1]) or chinese.LEVEL)
        if scheme[index] != "x" and body and anchor_group is None:
            anchor_group = chinese.rhyme_group(body[-1])
        if body:
            ends.add(body[-1])
        lines.append(line)
        _publish(ctx, number, lines, "")
        index += 1
    return _zh_close(lines)


def _zh_unsaid(poem: PoemModel, earlier: str) -> torch.Tensor:
    """Characters the earlier couplets do not hold, or that poems freely repeat (``ZH_COMMON``): a 律诗 does not
    say 客 twice (a rule of the couplet alone let it), nor 青 again as 青青."""
    keep = torch.ones(len(poem.vocab), dtype=torch.bool)
    said = [poem.vocab.index[ch] for ch in set(earlier) if chinese.is_hanzi(ch) and ch not in ZH_COMMON
            and ch in poem.vocab.index]
    keep[said] = False
    return keep


def _zh_repeat_penalty(poem: PoemModel, earlier: str) -> torch.Tensor | None:
    """Logits off the characters of the earlier couplets that poems repeat freely (``ZH_COMMON``; the others are
    left out by ``_zh_unsaid``): 不 three times in eight lines reads as a tic."""
    chars = {ch for ch in earlier if ch in ZH_COMMON and ch in poem.vocab.index}
    if not chars:
        return None
    penalty = torch.zeros(len(poem.vocab))
    penalty[[poem.vocab.index[ch] for ch in chars]] = -ZH_REPEAT_PENALTY
    return penalty


def _zh_close(lines: list[str]) -> list[str]:
    """A poem ends with 。 (a free poem the model ended after a ， line gets its full stop)."""
    if lines and lines[-1].endswith(ZH_MARKS[0]):
        lines[-1] = lines[-1][:-1] + ZH_MARKS[1]
    return lines


def _line_count(form: Form, request: PoemRequest) -> int:
    """Lines of the poem (0: the model decides, up to MAX_FREE_LINES)."""
    if form.acrostic:
        return len(re.sub(r"[^A-Za-z]", "", request.heads) if form.language == "en" else re.sub(r"\s+", "", request.heads))
    return form.lines or request.lines or 0


@torch.no_grad()
def _score_words(poem: PoemModel, sampler: Sampler, words: list[str]) -> torch.Tensor:
    """Log-probability of each word followed by a non-letter, from the sampler's current state."""
    vocab = poem.vocab
    masks = _en_masks(poem)
    ids = [vocab.encode(w) for w in words]
    longest = max(len(i) for i in ids)
    batch = torch.zeros(len(words), longest, dtype=torch.long)
    for row, word_ids in enumerate(ids):
        batch[row, :len(word_ids)] = torch.tensor(word_ids)
    first = torch.log_softmax(sampler.logits, -1)
    state = sampler.state
    if isinstance(state, tuple):
        state = tuple(s.expand(-1, len(words), -1).contiguous() for s in state)
    else:
        state = state.expand(-1, len(words), -1).contiguous()
    logits, _ = poem.stepper(batch, state)
    logp = torch.log_softmax(logits.float(), -1)
    scores = torch.zeros(len(words))
    non_letter = masks["chars"] & ~masks["letters"]
    for row, word_ids in enumerate(ids):
        score = first[word_ids[0]]
        for t in range(1, len(word_ids)):
            score = score + logp[row, t - 1, word_ids[t]]
        end = torch.logsumexp(logp[row, len(word_ids) - 1][non_letter], 0)
        scores[row] = score + end
    return scores


def _pick_word(poem: PoemModel, sampler: Sampler, words: list[str], keep: int = 24, before: str = "") -> str:
    """One of ``words`` drawn by the model's score from the sampler's state (plus the word n-grams' after
    ``before``, the line so far, as while spelling). Only the ``keep`` best by the cheap part of that score (the
    first letter's probability and the n-grams) are spelled out by the model."""
    words = [w for w in dict.fromkeys(words) if w and all(ch in poem.vocab for ch in w)]
    if not words:
        return ""
    first = torch.log_softmax(sampler.logits, -1).numpy()
    mixed, context = mixture.word_mixture(poem), wordgram.line_context(before)
    words.sort(key=lambda w: -mixed.word_score(float(first[poem.vocab.index[w[0]]]), context, w))
    words = words[:keep]
    scores = torch.tensor([mixed.word_score(float(s), context, w) for s, w in zip(_score_words(poem, sampler, words), words)])
    probs = torch.softmax(scores / sampler.request.temperature, 0)
    return words[int(torch.multinomial(probs, 1, generator=sampler.generator))]


def _words_with_syllables(poem: PoemModel, count: int) -> list[str]:
    """Common words first, then short vocabulary words, with exactly ``count`` syllables and known letters."""
    table = poem.masks.setdefault("syllable_words", {})
    if count not in table:
        known = set(poem.vocab.index)
        words = [w for w in FALLBACK_WORDS if english.syllables(w) == count]
        extra = [w for w in lexicon.en_word_counts() if w.isalpha() and len(w) <= 9 and set(w) <= known
                 and english.syllables(w) == count]  # most frequent first
        table[count] = [w for w in words if set(w) <= known] + extra[:400]
    return table[count]


def rhyme_candidates(anchor: str) -> list[str]:
    """Vocabulary words that rhyme with ``anchor`` by the checker's rule (identical rhymes left out)."""
    words = pronunciations.rhymes(anchor) if english.in_dictionary(anchor) else []
    counts = lexicon.en_word_counts()
    return [w for w in words if w.isalpha() and 2 <= len(w) <= 10 and w not in DANGLING
            and counts.get(w, 0) >= MIN_RHYME_COUNT and english.rhymes(w, anchor)]


def _en_candidate(poem: PoemModel, request: PoemRequest, form: Form, sampler: Sampler, ctx: JobContext, number: int,
                  plan: list[str], words: tuple[str, ...], targets: tuple[str, ...]) -> list[str]:
    """One English poem on the theme ``words``; a line written while the poem holds none of them nor their
    expansions takes one of ``targets`` (those words and expansions in the vocabulary), chosen by the
    model, after its second word."""
    vocab = poem.vocab
    masks = _en_masks(poem)
    newline = masks["newline"]
    heads = re.sub(r"[^A-Za-z]", "", request.heads) if form.acrostic else ""
    count = _line_count(form, request)
    scheme = form.scheme_for(count or MAX_FREE_LINES) if request.rhyme and request.constraints else "x" * 64
    locked = dict(request.locked)
    lines: list[str] = []
    anchors: dict[str, str] = {}
    index = 0
    while index < (count or MAX_FREE_LINES):
        ctx.raise_if_cancelled()
        sampler.focus(plan[index] if index < len(plan) else "")
        if index in locked:
            text = locked[index].strip()
            sampler.feed_many(vocab.encode(text) + [newline])
            line = text
            if scheme[index] != "x":
                anchors.setdefault(scheme[index], english.last_word(line))
        else:
            force = () if planning.uses_theme("\n".join(lines), words, "en") else targets
            line = _best_line(sampler, request, plan[index] if index < len(plan) else "", "en", lambda: _en_line_rhymed(
                poem, request, form, sampler, ctx, number, lines, anchors, scheme[index], heads, index, count, force))
            if line is None:
                break
            if scheme[index] != "x":
                anchors.setdefault(scheme[index], english.last_word(line))
        lines.append(line)
        _publish(ctx, number, lines, "")
        index += 1
    return _en_close(lines, set(locked))


def _best_line(sampler: Sampler, request: PoemRequest, keyword: str, language: str, write):
    """Write a line ``request.line_tries`` times from the same state and keep the one the model finds most
    natural (mean log-probability per character, plus ``KEYWORD_BONUS`` when it holds its planned keyword);
    the sampler continues from the kept line. ``write()`` returns the line, or None when the poem ended.
    English: a try with a verb wins over any without one (a phrase like "The stream and the mountain side." is
    no clause)."""
    start = sampler.snapshot()
    best = None
    clause = wordgram.en_wordgrams().has_verb if language == "en" else (lambda _line: True)
    for attempt in range(max(1, request.line_tries)):
        if attempt:
            sampler.restore(start)
        logprob, generated = sampler.logprob, sampler.generated
        line = write()
        if line is None:
            if attempt == 0:
                return None
            continue
        score = (sampler.logprob - logprob) / max(1, sampler.generated - generated)
        score += KEYWORD_BONUS * bool(keyword and planning.holds(line, keyword, language))
        key = (clause(line), score)
        if best is None or key > best[0]:
            best = (key, line, sampler.snapshot())
    sampler.restore(best[2])
    return best[1]


def _en_line_rhymed(poem: PoemModel, request: PoemRequest, form: Form, sampler: Sampler, ctx: JobContext, number: int,
                    lines: list[str], anchors: dict[str, str], letter: str, heads: str, index: int, count: int,
                    force: tuple[str, ...] = ()) -> str | None:
    """One English line after ``lines``, its last word made to rhyme as ``letter`` of the scheme asks, newline fed;
    ``force``: words of which the line takes one after its second word (unless it already holds one)."""
    masks = _en_masks(poem)
    newline = masks["newline"]
    target = form.syllables[index % len(form.syllables)] if form.syllables and request.constraints else None
    head = heads[index] if heads and index < len(heads) and request.constraints else ""
    line = _en_line(poem, sampler, ctx, number, lines, target, head, masks, allow_end=not count and index >= 1, force=force,
                    opening=bool(force) and index == count - 1)
    if line is None:
        return None
    if letter == "x":
        _finish_line(sampler, newline)
        return line
    word = english.last_word(line)
    used = {english.last_word(previous) for previous in lines}  # a rhyme word once per poem
    if letter in anchors and (not english.rhymes(word, anchors[letter]) or word in used):
        pool = [w for w in rhyme_candidates(anchors[letter]) if w not in used]
        return _fix_rhyme(poem, sampler, line, pool) or line
    if letter not in anchors and not rhyme_candidates(word):
        return _fix_rhyme(poem, sampler, line, list(ANCHOR_WORDS)) or line  # a word that has rhymes
    _finish_line(sampler, newline)
    return line


def _en_close(lines: list[str], locked: set[int]) -> list[str]:
    """The last line ends a sentence: a trailing comma, colon, semicolon or dash becomes a full stop."""
    last = len(lines) - 1
    if last >= 0 and last not in locked:
        text = re.sub(r"[\s,;:\-]+$", "", lines[last])
        lines[last] = text if re.search(r"[.!?][\"')]*$", text) else text + "."
    return lines


def _word_mask(poem: PoemModel, word: str, line_start: bool, sentence_start: bool = False) -> torch.Tensor:
    """Tokens allowed while ``word`` (its letters so far) is written: letters that continue a vocabulary word,
    and a word end only after a whole word; a line opens with a capital, and within a line a word starts with
    one only after a sentence's end (``sentence_start``) or as the pronoun I or the vocative O ("the sea, the
    Stars" is not how poems are capitalised now). A lone lower-case ``i`` or ``o`` cannot end a word."""
    lower = word.lower()
    node = mixture.word_trie(poem).node(lower)
    lone = lower in ("i", "o") and word == lower
    key = (id(node), line_start and not word, lone, sentence_start and not word)
    cache = poem.masks.setdefault("words", {})
    if key in cache:
        return cache[key]
    masks = _en_masks(poem)
    index = poem.vocab.index
    if node is None:  # a word the vocabulary lacks was forced in (an acrostic letter): let it end
        mask = masks["chars"].clone()
    else:
        mask = torch.zeros(len(poem.vocab), dtype=torch.bool)
        for ch in node:
            capital = not word and (line_start or sentence_start or ch in "io")
            for variant in (ch.upper(), ch) if capital else (ch,):
                if ch and variant in index and not (line_start and not word and variant == ch and ch.isalpha()):
                    mask[index[variant]] = True
        if (word and lexicon.WordTrie.END in node and not lone) or (not word and not line_start):
            mask |= masks["chars"] & ~masks["letters"]
    cache[key] = mask
    return mask


@lru_cache(maxsize=4096)
def _line_so_far(done: str) -> tuple[tuple[str, str], bool]:
    """The last two words of a line's whole words ``done`` and whether they hold a verb (asked at every letter)."""
    return wordgram.line_context(done), wordgram.en_wordgrams().has_verb(done)


def _mixed(poem: PoemModel, sampler: Sampler, text: str, word: str, banned: set[str]) -> tuple[np.ndarray, np.ndarray | None]:
    """Log-probabilities of the next token under the mixture that writes English (``mixture``), after the
    line's ``text`` while ``word`` is spelled, the ``banned`` words (refused at this place) left out of the
    n-grams' share: a refused "And" makes "A" less likely, not "Andrew". Second, for the draw only: while
    the line holds no verb yet, the logits that make the n-grams' verbs ``VERB_BOOST`` times likelier (a clause,
    not "The stream and the mountain side"), else None."""
    logits = sampler.logits.numpy()
    probs = np.exp(logits - logits.max())
    probs /= probs.sum()
    before, verbed = _line_so_far(text[:len(text) - len(word)])
    words = mixture.word_mixture(poem)
    banned = frozenset(banned)
    mixed = words.distribution(probs, before, word, banned)
    with np.errstate(divide="ignore"):
        model = np.log(mixed).astype(np.float32)
        if verbed:
            return model, None
        boosted = np.log(words.distribution(probs, before, word, banned, VERB_BOOST)).astype(np.float32)
    return model, np.where(np.isfinite(model), boosted - model, 0.0).astype(np.float32)


def _stem(word: str) -> str:
    """A word for the repeat check: lower case, a plural's s dropped (wind, winds)."""
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _finish_line(sampler: Sampler, newline: int) -> None:
    sampler.feed(newline)


def _en_line(poem, sampler: Sampler, ctx, number, lines, target, head, masks, allow_end: bool, force: tuple[str, ...] = (),
             opening: bool = False):
    """One English line of vocabulary words, without its newline (the state stops before it); None if the
    model ended the poem. ``force``: after the second word, the next word is one of these (the model picks
    which), unless the line holds one already; ``opening`` (the poem's last line, still off its theme): the
    line opens with one of them."""
    vocab = poem.vocab
    newline, letters = masks["newline"], masks["letters"]
    allowed_base = masks["chars"].clone()
    said = {_stem(w) for line in lines for w in english.WORD.findall(line)} - DANGLING - COMMON
    openings = {english.WORD.findall(line)[0].lower() for line in lines[-1:] if english.WORD.findall(line)}
    text, word, used, words, retries = "", "", 0, 0, 0
    banned: set[str] = set()  # words refused at the place being written (each retry draws another)
    whole = False
    sampler._line_word_start = None
    word_snap = None
    if head:
        choice = head.upper() if head.upper() in vocab else head.lower()
        word_snap = (sampler.snapshot(), text, used)
        sampler.feed(vocab.index[choice])
        text, word = choice, choice
    for _ in range(160):
        ctx.raise_if_cancelled()
        if force and not word and (words >= 2 and english.last_word(text) in NOUN_SLOT or opening and not text):
            # where a noun fits; a theme word English does not put after the word before is not offered ("the sent")
            slot = english.last_word(text)
            fits = [w if text else w.capitalize() for w in force if (target is None or english.syllables(w) <= target - used)
                    and not wordgram.en_wordgrams().unheard(slot, w)]
            holds = any(planning.holds(text, w, "en") for w in force)
            force = ()
            if fits and not holds:  # the model picks the word; its end is then drawn and counted as usual
                word_snap = (sampler.snapshot(), text, used)
                if text and not text.endswith(" "):
                    sampler.feed(vocab.index[" "])
                    text += " "
                pick = _pick_word(poem, sampler, fits, before=text)
                sampler.feed_many(vocab.encode(pick))
                text, word, whole = text + pick, pick, True
                continue
        allowed = allowed_base & _word_mask(poem, word, not text, bool(re.search(r"[.!?][\"')]*\s*$", text)))
        line_full = target is not None and used >= target and not word
        hanging = (word or english.last_word(text)).lower() in DANGLING and (word or text.endswith(" ")) and not line_full
        if hanging:  # after "the", "of", "and"... the phrase goes on: more letters, or a space then a word
            allowed &= letters | (_one_hot(len(vocab), vocab.index[" "]) if word else letters)
        if word in ("I", "O") and text != word and not re.search(r"[.!?][\"')]*\s*$", text[:-1]):
            # a capital within a line is the pronoun or the vocative: "I", "I'll", "O'er", not "that Is the"
            allowed &= ~letters | _one_hot(len(vocab), vocab.index["'"]) if "'" in vocab.index else ~letters
        if word and word.lower() in banned:  # refused here already: it may only grow into a longer word
            allowed &= letters
        if whole:  # a picked word ends where it is
            allowed &= ~letters
            whole = False
        can_end = (words + (1 if word else 0) >= 3) if target is None else line_full
        if line_full:
            allowed &= masks["ends"]
        if not can_end:
            allowed[newline] = False
        if allow_end and not text:
            allowed[vocab.index[EOS]] = True
        if len(text) > 90 and not word and not hanging:
            allowed = masks["ends"].clone()
        before = sampler.snapshot()  # cheap: references to the state, no copies
        model, clause = _mixed(poem, sampler, text, word, banned)
        token = sampler.sample(allowed, None if clause is None else torch.from_numpy(clause), model=model)
        if token == vocab.index[EOS]:
            return None
        ch = vocab.tokens[token]
        if letters[token]:
            if not word:
                word_snap = (before, text, used)
            sampler.feed(token)
            text += ch
            word += ch
            _publish(ctx, number, lines, text)
            continue
        if word:  # a word just ended: count the line as the checker does
            counted = english.line_syllables(text)
            stutter = english.WORD.findall(text[:len(text) - len(word)])[-1:] == [word] and retries <= 12
            hanging = target is not None and counted == target and word.lower() in DANGLING and retries <= 12
            earlier = [w.lower() for w in english.WORD.findall(text[:len(text) - len(word)])]
            again = len(word) >= 3 and _stem(word) in said | {_stem(w) for w in earlier} - COMMON and retries <= REPEAT_RETRIES
            odd = retries <= REPEAT_RETRIES and _ungrammatical(word.lower(), earlier, openings)
            if stutter or hanging or again or odd or target is not None and counted > target:
                # too long, a word twice ("not not"), a full line ending on "the"/"of"/"and", a content word
                # the poem holds already ("the wind of the wind"), or a pair English does not say: again
                retries += 1
                banned.add(word.lower())
                sampler.restore(word_snap[0])
                text, used, word = word_snap[1], word_snap[2], ""
                if head and not text:  # an acrostic line's first word keeps its head letter
                    sampler.feed(vocab.index[choice])
                    text, word = choice, choice
                if retries > 12 and target is not None:
                    pick = _pick_word(poem, sampler, [w for w in _words_with_syllables(poem, target - used)
                                                      if w not in DANGLING], before=text)
                    if pick:
                        if not text or text.endswith(" "):
                            pick = pick.capitalize() if not text else pick
                        sampler.feed_many(vocab.encode(pick))
                        text += pick
                        used = english.line_syllables(text)
                        words += 1
                        sampler._line_word_start = word_snap
                continue
            used = counted
            words += 1
            banned = set()
            sampler._line_word_start = word_snap
            word = ""
            if target is not None and used == target and token not in masks["ends"].nonzero().flatten().tolist():
                continue  # the line is full: re-draw the delimiter among line ends
            if target is not None and used < target and token == newline:
                continue  # the line is not full yet: re-draw without the newline
        if token == newline:
            return text
        sampler.feed(token)
        text += ch
        _publish(ctx, number, lines, text)
    return text


def _ungrammatical(word: str, earlier: list[str], openings: set[str]) -> bool:
    """True for a word the line should not take after ``earlier`` (its words so far, lower case): a pair of
    common words the poems never wrote (``WordGrams.unheard``: "the a", "some me"), a second "of" ("the
    beauty of the stream of the wind"), an article two words after an article ("the sea the stars"), or a
    first word that opened the line before (``openings``: "And the ..." line after line)."""
    if not earlier:
        return word in openings
    if wordgram.en_wordgrams().unheard(earlier[-1], word):
        return True
    if word == "of" and "of" in earlier:
        return True
    return word in ARTICLES and len(earlier) >= 2 and earlier[-2] in ARTICLES


def _fix_rhyme(poem: PoemModel, sampler: Sampler, line: str, candidates: list[str]) -> str | None:
    """Replace the line's last word by the best-scoring of ``candidates``, then end the line."""
    snap = getattr(sampler, "_line_word_start", None)
    if snap is None:
        return None
    state, before, _used = snap
    sampler.restore(state)
    masks = _en_masks(poem)
    pick = _pick_word(poem, sampler, candidates, before=before)
    if not pick:
        sampler.feed_many(poem.vocab.encode(line[len(before):]))
        sampler.feed(masks["newline"])
        return None
    if not before:
        pick = pick.capitalize()
    sampler.feed_many(poem.vocab.encode(pick))
    token = sampler.sample(masks["ends"])
    text = before + pick
    if token != masks["newline"]:
        sampler.feed(token)
        text += poem.vocab.tokens[token]
    sampler.feed(masks["newline"])
    return text


def _seed(request: PoemRequest, number: int) -> int:
    """The draft's seed: the request's seed, the form, the theme and the draft number (forms sharing a model
    tag, or themes alike, still open differently at the same seed)."""
    return zlib.crc32(f"{request.form}/{request.keywords}/{int(request.seed)}/{number}".encode())


def generate(poem: PoemModel | WordPoemModel, request: PoemRequest, ctx: JobContext) -> PoemResult:
    """Write ``request.drafts`` drafts (each after its own plan), rank them and return the best
    ``request.candidates``, each with its reason; publishes ``{"candidate", "text"}`` as text grows,
    reports after each draft, checks cancel at every character (a word model: at every token). A word
    model (``WordPoemModel``) writes its drafts with ``words.drafts``; ranking is the same."""
    started = time.perf_counter()
    form, notes = validate(poem, request)
    language = poem.config.language
    tag = form.tag
    if form.acrostic and language == "zh":
        tag = zh_tag_for(len(re.sub(r"\s+", "", request.heads)), form.chars or 5)
    keywords = request.keywords.strip() if language == "en" else re.sub(r"\s+", "", request.keywords)
    words = tuple(w for w in planning.theme_words(keywords, language) if all(ch in poem.vocab for ch in w))
    prefix = poem.vocab.prefix(tag, keywords) if isinstance(poem, PoemModel) else []
    drafts = request.drafts or DRAFTS_PER_SHOWN * request.candidates
    candidates = []
    for number in range(drafts):
        ctx.raise_if_cancelled()
        seed = _seed(request, number)
        plan = planning.plan(words, language, _line_count(form, request) or MAX_FREE_LINES, random.Random(seed))
        if isinstance(poem, WordPoemModel):
            written = write_draft(poem, request, form, plan, seed, ctx, number)
            lines = written.text.split("\n")
            locked = dict(request.locked)
            logprob = written.logprob  # over the written lines' tokens; counted per character, as below
            generated = sum(len(line) + 1 for index, line in enumerate(lines) if index not in locked)
            forced_rhymes = written.forced_rhymes
        else:
            sampler = Sampler(poem, request, torch.Generator().manual_seed(seed))
            sampler.feed_many(prefix)
            sampler.follow_theme(keywords, plan)
            if language == "zh":
                lines = _zh_candidate(poem, request, form, sampler, ctx, number, plan, (*words, *planning.expansions(words, "zh")))
            else:
                known = tuple(w for w in (*words, *planning.expansions(words, "en")) if lexicon.is_word(w))
                lines = _en_candidate(poem, request, form, sampler, ctx, number, plan, words, known)
            logprob, generated, forced_rhymes = sampler.logprob, sampler.generated, 0
        plan = plan[:len(lines)]
        text = "\n".join(lines)
        report = check_poem(text, language, form, request.heads)
        errors = [i for i in report.errors if request.tones or i.kind != "tone"]  # the pattern counts when asked for
        candidates.append(Candidate(lines, logprob, generated, len(errors), [i.message for i in errors],
                                    report=report, plan=plan,
                                    uses_theme=planning.uses_theme(text, words, language) if words else None,
                                    planned_used=sum(1 for k in plan if k and planning.holds(text, k, language)),
                                    verbless=_verbless(lines, language), forced_rhymes=forced_rhymes))
        ctx.report((number + 1) / drafts, f"draft {number + 1} of {drafts}")
    standings = [c.standing for c in candidates]
    ranked = [candidates[i] for i in rank.order(standings)][:request.candidates]
    for candidate, reason in zip(ranked, rank.reasons([c.standing for c in ranked])):
        candidate.reason = reason
    return PoemResult(ranked, request, poem.name, poem.weights_sha256, time.perf_counter() - started, notes)


def _verbless(lines: list[str], language: str) -> int:
    """English lines without a verb (a phrase, not a clause); 0 in Chinese."""
    if language != "en":
        return 0
    grams = wordgram.en_wordgrams()
    return sum(1 for line in lines if not grams.has_verb(line))


def with_locked(request: PoemRequest, lines: list[str], keep: set[int]) -> PoemRequest:
    """The request with lines ``keep`` of ``lines`` locked (for regenerate-the-rest and regenerate-one-line)."""
    return replace(request, locked=tuple((i, lines[i]) for i in sorted(keep) if i < len(lines)))
