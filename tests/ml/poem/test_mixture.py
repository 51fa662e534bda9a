"""English is written by, and measured as, the character model mixed with the word n-grams (issue 18: the
verse read as chains of noun phrases; the product of the two models counted "the", "and", "of" twice)."""
import math

import numpy as np
import pytest
import torch

from artdesk.core.jobs import RecordingContext
from artdesk.ml.poem import mixture, rank, wordgram
from artdesk.ml.poem.eval import mixture_bits
from artdesk.ml.poem.generate import PoemRequest, Sampler, _best_line, _mixed, generate
from artdesk.ml.poem.train import bits_per_char
from tests.ml.poem.fixtures import en, tiny_corpus, tiny_poem_models  # noqa: F401

CONTEXTS = [(("", ""), ""), (("", ""), "Th"), (("", "the"), "s"), (("the", "sea"), "is"), (("and", "the"), ""),
            (("", ""), "xqzj"), (("", "i"), "wan")]


def test_the_mixture_is_a_distribution_between_its_two_models(en):
    words = mixture.word_mixture(en)
    rng = np.random.default_rng(0)
    for before, prefix in CONTEXTS:
        probs = rng.dirichlet(np.ones(len(en.vocab))).astype(np.float32)
        mixed = words.distribution(probs, before, prefix)
        assert math.isclose(mixed.sum(), 1.0, rel_tol=1e-6), (before, prefix)
        part = words.words_part(probs, before, prefix)
        if part is None:  # a word the vocabulary cannot spell: the character model alone
            assert prefix == "xqzj" and np.allclose(mixed, probs)
            continue
        assert math.isclose(part.sum(), 1.0, rel_tol=1e-9)
        low, high = np.minimum(probs, part), np.maximum(probs, part)
        assert np.all(mixed >= low - 1e-9) and np.all(mixed <= high + 1e-9)  # interpolated, not multiplied
    letters = words.words_part(np.full(len(en.vocab), 1 / len(en.vocab), np.float32), ("", "the"), "")
    index = en.vocab.index
    assert letters[index["s"]] + letters[index["S"]] > 3 * (letters[index["x"]] + letters[index["X"]])  # "the sea"


def test_the_sampler_records_the_mixtures_log_probability(en):
    sampler = Sampler(en, PoemRequest(form="abab"), torch.Generator().manual_seed(3))
    sampler.feed_many(en.vocab.prefix("<abab>", "sea"))
    logprobs, _clause = _mixed(en, sampler, "The", "The", set())
    token = sampler.sample(model=logprobs)
    assert sampler.logprob == pytest.approx(float(logprobs[token]), abs=1e-5)
    assert sampler.logprob != pytest.approx(float(torch.log_softmax(sampler.logits, -1)[token]), abs=1e-3)


def test_held_out_bits_of_the_mixture_at_weight_0_are_the_character_models(en):
    vocab, stream, _ = tiny_corpus("en")
    stream = np.concatenate([stream] * 3)
    measured = mixture_bits(en, stream, (0.0, 0.3), streams=2, chunk=64)
    assert measured[0.0] == pytest.approx(bits_per_char(en.model, stream, vocab, "cpu", streams=2, chunk=64), rel=1e-4)
    assert measured[0.3] < measured[0.0]  # the n-grams of real poems know these lines better than a random model


def test_a_line_tracker_gives_the_generators_context():
    tracker = mixture.LineTracker()
    seen = []
    for ch in "And the sea-wind's\nO":
        seen.append(tracker.context)
        tracker.feed(ch)
    assert seen[8] == (("and", "the"), "") and seen[9] == (("and", "the"), "s")
    assert seen[14] == (("the", "sea"), "wi") and seen[18] == (("the", "sea"), "wind's")
    assert seen[-1] == (("", ""), "")  # a new line


def test_shipped_verbs_tell_a_clause_from_a_phrase():
    grams = wordgram.en_wordgrams()
    for line in ("He took his sorrow like the thing.", "The sun shall be a friend of grace.", "The wind is cold"):
        assert grams.has_verb(line), line
    for line in ("The stream and the mountain side.", "And the moon of the way.", "With the stars of the forest"):
        assert not grams.has_verb(line), line


def test_a_poem_of_phrases_ranks_below_one_of_clauses_and_says_why():
    clauses = rank.Standing(0, "", True, 2, 4, -1.4, verbless=0)
    phrases = rank.Standing(0, "", True, 4, 4, -1.0, verbless=3)
    assert rank.order([phrases, clauses]) == [1, 0]
    assert "because more of its lines are phrases without a verb" in rank.reasons([clauses, phrases])[1]


def test_of_two_tries_a_line_with_a_verb_wins(en):
    sampler = Sampler(en, PoemRequest(), torch.Generator().manual_seed(0))
    sampler.feed_many(en.vocab.prefix("<free>", ""))
    tries = iter(["The sea and the moon", "Qzx was jj"])  # the first is far more natural, and no clause

    def write():
        text = next(tries)
        sampler.feed_many([en.vocab.index[ch] for ch in text])
        return text

    assert _best_line(sampler, PoemRequest(line_tries=2), "", "en", write) == "Qzx was jj"


def test_english_poems_come_out_whole_with_the_mixture(en):
    for seed in range(3):
        best = generate(en, PoemRequest(form="abab", keywords="sea", seed=seed, candidates=1, drafts=2),
                        RecordingContext()).best
        assert len(best.lines) == 4 and best.mean_logprob < 0


def test_a_line_without_a_verb_looks_for_one_in_the_draw_only(en):
    grams = wordgram.en_wordgrams()
    plain = grams.letter_scores(("the", "sea"), "", "iwa")
    boosted = grams.letter_scores(("the", "sea"), "", "iwa", boost=3.0)
    assert boosted["i"] - boosted["a"] > plain["i"] - plain["a"]  # "is" (a verb) over "and"
    sampler = Sampler(en, PoemRequest(form="abab"), torch.Generator().manual_seed(3))
    sampler.feed_many(en.vocab.prefix("<abab>", "sea"))
    model, clause = _mixed(en, sampler, "The sea ", "", set())
    assert clause is not None and clause[en.vocab.index["i"]] > clause[en.vocab.index["a"]]
    assert _mixed(en, sampler, "The sea is ", "", set())[1] is None  # the line has its verb: no pull
    recorded = sampler.logprob
    token = sampler.sample(None, torch.from_numpy(clause), model=model)
    assert sampler.logprob - recorded == pytest.approx(float(model[token]), abs=1e-5)  # the unbiased mixture's
