"""Poem generation: incremental sampling with the recurrent state, under form constraints.

One step feeds one token and keeps the GRU/LSTM state (no re-run of the prefix). Constraints:
Chinese line lengths and 句 marks, acrostic heads, rhyme (same 中华新韵 group, level tone) and
optionally the level/oblique pattern, all by masking the next-character distribution; English
syllable counts (word-level retries), acrostic letters and rhyme (the line's last word is replaced
by the best-scoring rhyming word). Locked lines are fed verbatim. The theme is a prefix the model
was trained with and, on top, a logit bonus toward theme words the poem has not used yet
(``ThemeBias``). Candidates are ranked by rule violations, then by theme use, then by the model's
mean log-probability per generated character.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace

import torch

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.poem import chinese, english, pronunciations
from artdesk.ml.poem.checker import check_poem
from artdesk.ml.poem.forms import MAX_ACROSTIC, MAX_FREE_LINES, Form, get_form, zh_tag_for
from artdesk.ml.poem.loader import PoemModel
from artdesk.ml.poem.requests import PoemRequest
from artdesk.ml.poem.vocab import EOS

ZH_MARKS = ("，", "。")
EN_END = ",.;:!?"
MAX_KEYWORDS = 40
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
    uses_theme: bool = False  # a theme word (English) or character (Chinese) appears in the poem

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def mean_logprob(self) -> float:
        return self.logprob / max(1, self.generated)


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
    unknown = [ch for ch in poem.vocab.unknown_chars(request.keywords) if not ch.isspace()]
    if unknown:
        hints = []
        for ch in unknown[:5]:
            near = nearest_known_chars(poem, ch) if language == "zh" else []
            hints.append(f"{ch} (try {'、'.join(near)})" if near else ch)
        notes.append("The model never saw " + ", ".join(hints) + "; those theme characters are left out.")
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
    return form, notes


def theme_words(keywords: str, language: str) -> tuple[str, ...]:
    """The theme's words (English, lower case) or characters (Chinese), in order, without repeats."""
    if language == "en":
        return tuple(dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]+", keywords)))
    return tuple(dict.fromkeys(ch for ch in keywords if chinese.is_hanzi(ch)))


class ThemeBias:
    """Contextual biasing toward the theme (as keyword boosting in speech recognition does).

    Chinese: every theme character the poem has not used yet gets ``strength`` added to its logit.
    English: at each step, the letters that continue an unused theme word from the word being
    written get the bonus (the first letter at a word start, in both cases), and once a whole theme
    word is written the characters that end a word get it. Only sampling sees the bonus: the
    log-probability used to rank candidates is the model's own. The progress (word being written,
    words used) is part of the sampler's snapshot, so retries rewind it too."""

    def __init__(self, vocab, keywords: str, language: str, strength: float,
                 word_ends: torch.Tensor | None = None) -> None:
        self.vocab = vocab
        self.language = language
        self.strength = float(strength)
        self.word_ends = word_ends  # English: the characters that end a word
        self.words = tuple(w for w in theme_words(keywords, language) if all(ch in vocab for ch in w))
        self.progress: tuple[str, frozenset] = ("", frozenset())

    def observe(self, token_text: str) -> None:
        partial, used = self.progress
        if self.language == "zh":
            if token_text in self.words:
                self.progress = (partial, used | {token_text})
        elif token_text.isalpha() and len(token_text) == 1:
            self.progress = (partial + token_text.lower(), used)
        elif partial:
            self.progress = ("", used | {partial} if partial in self.words else used)

    def bonus(self, size: int) -> torch.Tensor | None:
        """Additive logits, or None when no theme word is left to use."""
        partial, used = self.progress
        open_words = [w for w in self.words if w not in used]
        if not open_words or self.strength == 0:
            return None
        bonus = torch.zeros(size)
        index = self.vocab.index
        if self.language == "zh":
            for ch in open_words:
                bonus[index[ch]] = self.strength
            return bonus
        for word in open_words:
            if word == partial and self.word_ends is not None:
                bonus[self.word_ends] = self.strength
            elif word.startswith(partial) and len(word) > len(partial):
                nxt = word[len(partial)]
                for ch in {nxt, nxt.upper()} if not partial else {nxt}:
                    if ch in index:
                        bonus[index[ch]] = self.strength
        return bonus if bool(bonus.any()) else None


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

    def follow_theme(self, keywords: str) -> None:
        """From now on, bias sampling toward ``keywords`` (call after feeding the prefix)."""
        language = self.poem.config.language
        word_ends = None
        if language == "en":
            masks = _en_masks(self.poem)
            word_ends = masks["chars"] & ~masks["letters"]
        self.theme = ThemeBias(self.vocab, keywords, language, self.request.theme_bias, word_ends)

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

    def uses_theme(self) -> bool:
        return bool(self.theme and self.theme.progress[1])

    def sample(self, allowed: torch.Tensor | None = None) -> int:
        """Draw the next token among ``allowed`` (bool mask); records its model log-probability."""
        logits = self.logits
        bonus = self.theme.bonus(len(logits)) if self.theme is not None else None
        if bonus is not None:
            logits = logits + bonus
        if allowed is not None:
            if not bool(allowed.any()):
                allowed = None
            else:
                logits = logits.masked_fill(~allowed, float("-inf"))
        scaled = logits / self.request.temperature
        if self.request.top_k > 0:
            k = min(self.request.top_k, int(torch.isfinite(scaled).sum()))
            threshold = torch.topk(scaled, k).values[-1]
            scaled = scaled.masked_fill(scaled < threshold, float("-inf"))
        probs = torch.softmax(scaled, dim=-1)
        if 0 < self.request.top_p < 1:
            sorted_probs, order = torch.sort(probs, descending=True)
            cumulative = torch.cumsum(sorted_probs, 0)
            drop = cumulative - sorted_probs > self.request.top_p
            sorted_probs[drop] = 0
            probs = torch.zeros_like(probs).scatter_(0, order, sorted_probs)
        token = int(torch.multinomial(probs, 1, generator=self.generator))
        self.logprob += float(torch.log_softmax(self.logits, -1)[token])
        self.generated += 1
        return token


def _zh_masks(poem: PoemModel) -> dict:
    if "zh" not in poem.masks:
        size = len(poem.vocab)
        hanzi = torch.zeros(size, dtype=torch.bool)
        level = torch.zeros(size, dtype=torch.bool)
        groups: dict[str, torch.Tensor] = {}
        for index, token in enumerate(poem.vocab.tokens):
            if len(token) == 1 and chinese.is_hanzi(token):
                hanzi[index] = True
                level[index] = chinese.tone(token) == chinese.LEVEL
                group = chinese.rhyme_group(token)
                if group:
                    groups.setdefault(group, torch.zeros(size, dtype=torch.bool))[index] = True
        poem.masks["zh"] = {"hanzi": hanzi, "level": level & hanzi, "oblique": hanzi & ~level, "groups": groups}
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


def _zh_candidate(poem: PoemModel, request: PoemRequest, form: Form, sampler: Sampler, ctx: JobContext, number: int) -> list[str]:
    masks = _zh_masks(poem)
    vocab = poem.vocab
    heads = re.sub(r"\s+", "", request.heads) if form.acrostic else ""
    locked = dict(request.locked)
    if form.acrostic:
        count = len(heads)
    elif form.lines:
        count = form.lines
    else:
        count = request.lines or 0
    chars = form.chars
    scheme = form.scheme_for(count or MAX_FREE_LINES) if request.rhyme and request.constraints else "x" * 64
    lines: list[str] = []
    anchor_group: str | None = None
    needs = None
    index = 0
    while True:
        ctx.raise_if_cancelled()
        if count and index >= count:
            break
        if not count and index >= MAX_FREE_LINES:
            break
        mark = ZH_MARKS[index % 2]
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
                    if position >= 3:
                        for m in ZH_MARKS:
                            allowed[vocab.index[m]] = True
                    if position == 0 and index >= 2 and not request.lines:
                        allowed[vocab.index[EOS]] = True
                    if position >= 9:
                        allowed = torch.zeros_like(allowed)
                        allowed[vocab.index[mark]] = True
                elif position == length:
                    break
                if request.constraints:
                    if heads and position == 0:
                        head = heads[index] if heads[index] in vocab else heads[index]
                        allowed = _one_hot(len(vocab), vocab.id(head))
                    elif length and position == length - 1 and scheme[index] != "x":
                        allowed = allowed & masks["level"]
                        if anchor_group and anchor_group in masks["groups"]:
                            allowed = allowed & masks["groups"][anchor_group]
                    elif request.tones and form.tones and needs is not None and position in needs[index]:
                        allowed = allowed & masks["level" if needs[index][position] == chinese.LEVEL else "oblique"]
                token = sampler.sample(allowed)
                if token == vocab.index[EOS]:
                    return lines
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
        lines.append(line)
        _publish(ctx, number, lines, "")
        index += 1
    return lines


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


def _pick_word(poem: PoemModel, sampler: Sampler, words: list[str], keep: int = 48) -> str:
    words = [w for w in dict.fromkeys(words) if w and all(ch in poem.vocab for ch in w)]
    if not words:
        return ""
    first = torch.log_softmax(sampler.logits, -1)
    words.sort(key=lambda w: -float(first[poem.vocab.index[w[0]]]))
    words = words[:keep]
    scores = _score_words(poem, sampler, words)
    probs = torch.softmax(scores / sampler.request.temperature, 0)
    return words[int(torch.multinomial(probs, 1, generator=sampler.generator))]


def _words_with_syllables(poem: PoemModel, count: int) -> list[str]:
    """Common words first, then short dictionary words, with exactly ``count`` syllables and known letters."""
    table = poem.masks.setdefault("syllable_words", {})
    if count not in table:
        known = set(poem.vocab.index)
        words = [w for w in FALLBACK_WORDS if english.syllables(w) == count]
        extra = sorted({w for w in pronunciations.words() if w.isalpha() and len(w) <= 9 and set(w) <= known
                        and english.syllables(w) == count}, key=lambda w: (len(w), w))
        table[count] = [w for w in words if set(w) <= known] + extra[:400]
    return table[count]


def rhyme_candidates(anchor: str) -> list[str]:
    """Dictionary words that rhyme with ``anchor`` by the checker's rule (first pronunciations)."""
    words = pronunciations.rhymes(anchor) if english.in_dictionary(anchor) else []
    return [w for w in words if w.isalpha() and 2 <= len(w) <= 10 and english.rhymes(w, anchor)]


def _en_candidate(poem: PoemModel, request: PoemRequest, form: Form, sampler: Sampler, ctx: JobContext, number: int) -> list[str]:
    vocab = poem.vocab
    masks = _en_masks(poem)
    newline = masks["newline"]
    heads = re.sub(r"[^A-Za-z]", "", request.heads) if form.acrostic else ""
    count = len(heads) if form.acrostic else (form.lines or request.lines or 0)
    scheme = form.scheme_for(count or MAX_FREE_LINES) if request.rhyme and request.constraints else "x" * 64
    locked = dict(request.locked)
    lines: list[str] = []
    anchors: dict[str, str] = {}
    index = 0
    while index < (count or MAX_FREE_LINES):
        ctx.raise_if_cancelled()
        if index in locked:
            text = locked[index].strip()
            sampler.feed_many(vocab.encode(text) + [newline])
            line = text
            if scheme[index] != "x":
                anchors.setdefault(scheme[index], english.last_word(line))
        else:
            target = form.syllables[index % len(form.syllables)] if form.syllables and request.constraints else None
            head = heads[index] if heads and index < len(heads) and request.constraints else ""
            line = _en_line(poem, sampler, ctx, number, lines, target, head, masks, allow_end=not count and index >= 1)
            if line is None:
                break
            letter = scheme[index]
            if letter != "x":
                word = english.last_word(line)
                if letter in anchors and not english.rhymes(word, anchors[letter]):
                    line = _fix_rhyme(poem, sampler, line, rhyme_candidates(anchors[letter])) or line
                elif letter not in anchors and scheme.count(letter) > 1 and not rhyme_candidates(word):
                    line = _fix_rhyme(poem, sampler, line, list(ANCHOR_WORDS)) or line  # a word that has rhymes
                else:
                    _finish_line(sampler, newline)
                anchors.setdefault(letter, english.last_word(line))
            else:
                _finish_line(sampler, newline)
        lines.append(line)
        _publish(ctx, number, lines, "")
        index += 1
    return lines


def _finish_line(sampler: Sampler, newline: int) -> None:
    sampler.feed(newline)


def _en_line(poem, sampler: Sampler, ctx, number, lines, target, head, masks, allow_end: bool):
    """One English line, without its newline (the state stops before it); None if the model ended the poem."""
    vocab = poem.vocab
    newline, letters = masks["newline"], masks["letters"]
    allowed_base = masks["chars"].clone()
    text, word, used, words, retries = "", "", 0, 0, 0
    sampler._line_word_start = None
    word_snap = None
    if head:
        choice = head.upper() if head.upper() in vocab else head.lower()
        word_snap = (sampler.snapshot(), text, used)
        sampler.feed(vocab.index[choice])
        text, word = choice, choice
    for _ in range(160):
        ctx.raise_if_cancelled()
        allowed = allowed_base.clone()
        line_full = target is not None and used >= target and not word
        can_end = (words + (1 if word else 0) >= 3) if target is None else line_full
        if line_full:
            allowed &= masks["ends"]
        if not can_end:
            allowed[newline] = False
        if allow_end and not text:
            allowed[vocab.index[EOS]] = True
        if len(text) > 90 and not word:
            allowed = masks["ends"].clone()
        before = sampler.snapshot()  # cheap: references to the state, no copies
        token = sampler.sample(allowed)
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
            if target is not None and counted > target:
                retries += 1
                sampler.restore(word_snap[0])
                text, used, word = word_snap[1], word_snap[2], ""
                if retries > 12:
                    pick = _pick_word(poem, sampler, _words_with_syllables(poem, target - used))
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


def _fix_rhyme(poem: PoemModel, sampler: Sampler, line: str, candidates: list[str]) -> str | None:
    """Replace the line's last word by the best-scoring of ``candidates``, then end the line."""
    snap = getattr(sampler, "_line_word_start", None)
    if snap is None:
        return None
    state, before, _used = snap
    sampler.restore(state)
    masks = _en_masks(poem)
    pick = _pick_word(poem, sampler, candidates)
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


def generate(poem: PoemModel, request: PoemRequest, ctx: JobContext) -> PoemResult:
    """Generate ``request.candidates`` poems; publishes ``{"candidate", "text"}`` as text grows,
    reports after each candidate, checks cancel at every character."""
    started = time.perf_counter()
    form, notes = validate(poem, request)
    language = poem.config.language
    tag = form.tag
    if form.acrostic and language == "zh":
        tag = zh_tag_for(len(re.sub(r"\s+", "", request.heads)), form.chars or 5)
    keywords = request.keywords.strip() if language == "en" else re.sub(r"\s+", "", request.keywords)
    prefix = poem.vocab.prefix(tag, keywords)
    candidates = []
    for number in range(request.candidates):
        ctx.raise_if_cancelled()
        generator = torch.Generator().manual_seed(int(request.seed) * 1000 + number)
        sampler = Sampler(poem, request, generator)
        sampler.feed_many(prefix)
        sampler.follow_theme(keywords)
        if language == "zh":
            lines = _zh_candidate(poem, request, form, sampler, ctx, number)
        else:
            lines = _en_candidate(poem, request, form, sampler, ctx, number)
        report = check_poem("\n".join(lines), language, form, request.heads)
        errors = [i for i in report.errors if request.tones or i.kind != "tone"]  # the pattern counts when asked for
        candidates.append(Candidate(lines, sampler.logprob, sampler.generated, len(errors), [i.message for i in errors],
                                    uses_theme=sampler.uses_theme()))
        ctx.report((number + 1) / request.candidates, f"candidate {number + 1} of {request.candidates}")
    order = sorted(range(len(candidates)), key=lambda i: (candidates[i].violations, not candidates[i].uses_theme,
                                                         -candidates[i].mean_logprob, i))
    ranked = [candidates[i] for i in order]
    return PoemResult(ranked, request, poem.name, poem.weights_sha256, time.perf_counter() - started, notes)


def with_locked(request: PoemRequest, lines: list[str], keep: set[int]) -> PoemRequest:
    """The request with lines ``keep`` of ``lines`` locked (for regenerate-the-rest and regenerate-one-line)."""
    return replace(request, locked=tuple((i, lines[i]) for i in sorted(keep) if i < len(lines)))
