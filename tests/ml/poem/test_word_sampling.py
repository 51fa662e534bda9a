"""The word sampler's inner steps: nucleus sampling that orders only the likely tokens draws exactly as a full
sort does; a line's last word taken back leaves the row, its model state and its score as if the word had
never been written; the streamed text of a draft equals its whole decoding at every token."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from artdesk.ml.poem import english
from artdesk.ml.poem.words import mending
from artdesk.ml.poem.words import sampler as sampling
from artdesk.ml.poem.words.drafts import StreamedText
from artdesk.ml.poem.words.sampler import LineSpec, WordPoet

from .fixtures import tiny_word_model


def full_sort_sample(scores, allowed, generator, temperature, top_p, top_k):
    """Nucleus and top-k sampling by sorting every allowed token."""
    probs = np.where(allowed, np.exp((scores - scores[allowed].max()) / temperature), 0.0)
    probs /= probs.sum()
    order = np.flatnonzero(probs > sampling.FLOOR)
    order = order[np.argsort(-probs[order])]
    keep = min(len(order), int((np.cumsum(probs[order]) < top_p).sum()) + 1) if 0 < top_p < 1 else len(order)
    if top_k > 0:
        keep = min(keep, top_k)
    chosen = probs[order[:keep]] / probs[order[:keep]].sum()
    return int(order[generator.choice(keep, p=chosen)])


@pytest.mark.parametrize("spread", [0.5, 3.0, 12.0])  # flat (the nucleus reaches far down), usual, peaked
@pytest.mark.parametrize("top_p, top_k", [(0.9, 0), (0.5, 0), (1.0, 0), (0.9, 40), (1.0, 3000)])
def test_ordering_only_the_likely_tokens_draws_as_a_full_sort_does(spread, top_p, top_k):
    rng = np.random.default_rng(7)
    for trial in range(60):
        scores = (rng.standard_normal(5000) * spread).astype(np.float32)
        allowed = rng.random(5000) < (0.9 if trial % 2 else 0.02)
        allowed[rng.integers(5000)] = True
        ours = WordPoet._sample(scores.copy(), allowed, np.random.default_rng(trial), 0.8, top_p, top_k)
        theirs = full_sort_sample(scores.astype(np.float64), allowed, np.random.default_rng(trial), 0.8, top_p, top_k)
        assert ours == theirs and allowed[ours]


def teacher_forced_logprob(poet: WordPoet, prefix: list[int], body: list[int]) -> float:
    with torch.no_grad():
        logp, _ = poet.model(torch.as_tensor([prefix + body]))
    logp = logp[0].float().numpy()
    return float(sum(logp[len(prefix) + at - 1, token] for at, token in enumerate(body)))


def test_a_word_taken_back_leaves_the_row_and_its_model_state_as_if_never_written(monkeypatch):
    poet = tiny_word_model().poet
    taken_back = []
    undo = mending.Back.undo

    def counting(back, row):
        taken_back.append(back.word)
        undo(back, row)

    monkeypatch.setattr(mending.Back, "undo", counting)
    monkeypatch.setattr(mending, "END_FLOOR", 1.01)  # every word that must end a line is taken back, up to the limit
    specs = [LineSpec("x", n, n) for n in (5, 7, 5)]
    for seed in range(3):
        written = poet.write("<free>", specs, "winter", seed=seed, rows=3)
        lines = written.text.split("\n")
        assert [english.line_syllables(line) for line in lines] == [5, 7, 5], written.text
        prefix = poet.vocab.encode_record("<free>", "winter", "")[0][:-1]
        assert written.logprob == pytest.approx(teacher_forced_logprob(poet, prefix, written.tokens), abs=2e-3)
    assert taken_back, "no word was taken back"


def test_a_line_is_not_taken_back_when_the_model_would_end_it(monkeypatch):
    poet = tiny_word_model().poet
    monkeypatch.setattr(mending, "END_FLOOR", 0.0)
    monkeypatch.setattr(mending.Back, "undo", lambda *args: pytest.fail("a word was taken back"))
    poet.write("<free>", [LineSpec("x", n, n) for n in (5, 7, 5)], "winter", seed=0, rows=3)


def test_the_streamed_text_is_the_whole_decoding_at_every_token():
    poet = tiny_word_model().poet
    tokens = poet.write("<abab>", [LineSpec(letter, 7, 11) for letter in "ABAB"], "sea", seed=3).tokens
    other = poet.write("<abab>", [LineSpec(letter, 7, 11) for letter in "ABAB"], "moon", seed=4).tokens
    stream = StreamedText(poet.vocab)
    for end in range(1, len(tokens) + 1):
        assert stream(tokens[:end]) == poet.vocab.decode_body(tokens[:end]).rstrip("\n")
    for end in range(1, len(other) + 1):  # another row's lines: what was decoded before is not reused
        assert stream(other[:end]) == poet.vocab.decode_body(other[:end]).rstrip("\n")


def test_a_line_that_sets_a_rhyme_leaves_common_words_to_answer_it():
    poet = tiny_word_model().poet
    vocab, tables = poet.vocab, poet.tables
    common = [vocab.tokens[i] for i in range(min(len(vocab), sampling.COMMON_WORDS)) if tables.content[i]]
    for seed in range(4):
        lines = poet.quatrain("abab", "night", seed=seed).text.split("\n")
        for setter in (lines[0], lines[1]):
            end = english.last_word(setter)
            family = [w for w in common if english.rhyme_key(w) == english.rhyme_key(end)]
            assert len(family) >= sampling.RHYME_FAMILY, (end, family)


@pytest.mark.parametrize("floor, forced", [(1.0, 4), (-np.inf, 0)])
def test_rhymed_lines_ending_where_the_model_would_hardly_end_are_counted(monkeypatch, floor, forced):
    monkeypatch.setattr(sampling, "FORCED_RHYME", floor)  # 1.0: every rhyme counts as forced; -inf: none
    poet = tiny_word_model().poet
    assert poet.quatrain("abab", "night", seed=1).forced_rhymes == forced
    locked = [LineSpec(letter, 7, 11) for letter in "AB"] + [LineSpec("A", 7, 11, locked="The moon is on the sea.")]
    assert poet.write("<abab>", locked, "night", seed=1).forced_rhymes == min(forced, 2)  # a locked line is not counted


def test_a_forced_rhyme_sends_the_row_back_to_write_its_ending_again(monkeypatch):
    poet = tiny_word_model().poet
    restarted = []
    forced = mending.forced

    def counting(*args):
        restarted.append(forced(*args))
        return restarted[-1]

    monkeypatch.setattr(mending, "forced", counting)
    monkeypatch.setattr(mending, "FORCED_RHYME", 1.0)  # every rhyme is forced: each row starts over, up to the limit
    for seed in range(2):
        written = poet.quatrain("abab", "night", seed=seed)
        lines = written.text.split("\n")
        assert english.rhymes(english.last_word(lines[0]), english.last_word(lines[2])), written.text
        assert english.rhymes(english.last_word(lines[1]), english.last_word(lines[3])), written.text
        prefix = poet.vocab.encode_record("<abab>", "night", "")[0][:-1]
        assert written.logprob == pytest.approx(teacher_forced_logprob(poet, prefix, written.tokens), abs=2e-3)
    assert sum(restarted) >= 2 * 2 * mending.RESTARTS  # two answering lines, each row restarted to the limit


def test_a_sentence_after_a_spelled_acrostic_head_opens_on_any_word():
    from artdesk.ml.poem.words.sampler import Draft

    poet = tiny_word_model().poet
    letter = next(c for c in "xzqjkvy" if not poet.head_words(c).any())  # the head is spelled, not a vocabulary word
    row = Draft([LineSpec("x", 5, 11, head=letter)], np.zeros(len(poet.vocab), dtype=np.float32))
    poet._start_line(row)
    row.out, row.syl, row.prev = [poet.vocab.index["."], poet.tables.cap], 2, "cap"  # "Xerxes. <cap>"
    allowed = poet._allowed(row)
    assert (allowed & poet.tables.word & ~poet.head_words(letter)).any()


def test_a_theme_word_not_written_yet_is_pulled_harder_at_each_line(monkeypatch):
    """With a weak pull to start with, the growing pull brings the theme's word into more poems; with the
    pull off (a theme bias of 0) it does not grow."""
    poet = tiny_word_model().poet
    specs = [LineSpec("x", 7, 9) for _ in range(6)]
    growing = sampling.THEME_GROWTH

    def uses(growth: float, pull: float = 0.5) -> int:
        monkeypatch.setattr(sampling, "THEME_GROWTH", growth)
        return sum("winter" in poet.write("<free>", specs, "winter", seed=seed, rows=1, theme_bonus=pull).text.lower()
                   for seed in range(8))

    assert uses(growing) >= uses(0.0) + 4
    assert uses(growing, pull=0.0) == uses(0.0, pull=0.0)


def test_of_a_lines_rows_one_with_a_verb_is_preferred(monkeypatch):
    poet = tiny_word_model().poet
    specs = [LineSpec("x", 5, 7) for _ in range(4)]

    def lines_with_verbs(penalty: float) -> int:
        monkeypatch.setattr(sampling, "VERBLESS_PENALTY", penalty)
        verbs = poet.tables.verb
        count = 0
        for seed in range(6):
            tokens = poet.write("<free>", specs, "sea", seed=seed, rows=3).tokens
            lines = np.split(np.array(tokens), np.flatnonzero(np.array(tokens) == poet.tables.newline))
            count += sum(bool(verbs[line].any()) for line in lines if len(line))
        return count

    assert lines_with_verbs(100.0) > lines_with_verbs(0.0)
