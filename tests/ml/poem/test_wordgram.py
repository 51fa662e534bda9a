"""Word n-grams fused with the character model while English words are spelled (issue 18: word salad)."""
import io
import math

import numpy as np
import pytest

from artdesk.ml.poem import english, wordgram
from artdesk.ml.poem.generate import DANGLING, PoemRequest, generate
from artdesk.core.jobs import RecordingContext
from tests.ml.poem.fixtures import en, tiny_poem_models  # noqa: F401

LINES = ["The sea is calm tonight", "The sea is cold", "The moon is calm", "And the sea is calm",
         "The night is long", "The sea is calm and cold", "The night is long"]
WORDS = sorted({w.lower() for line in LINES for w in english.WORD.findall(line)})


@pytest.fixture(scope="module")
def grams():
    ids = {w: i for i, w in enumerate(WORDS)}
    bigrams, trigrams = wordgram.count_ngrams(LINES, ids)
    arrays = dict(np.load(io.BytesIO(wordgram.to_bytes(bigrams, trigrams))))
    unigram = np.array([sum(w == x.lower() for line in LINES for x in english.WORD.findall(line)) for w in WORDS], float)
    return wordgram.WordGrams(WORDS, unigram, arrays)


def test_probabilities_of_the_next_word_sum_to_one_and_prefixes_add_up(grams):
    for before in (("", ""), ("", "the"), ("the", "sea"), ("sea", "is"), ("unknown", "words")):
        whole = sum(grams.mass(before, w, whole=True) for w in WORDS)
        assert math.isclose(whole, 1.0, rel_tol=1e-9), before
        assert math.isclose(sum(grams.mass(before, ch) for ch in set(w[0] for w in WORDS)), 1.0, rel_tol=1e-9)
        assert math.isclose(grams.mass(before, "c"), grams.mass(before, "calm", whole=True)
                            + grams.mass(before, "cold", whole=True), rel_tol=1e-9)


def test_what_followed_the_context_is_likelier_and_the_trigram_decides_over_the_bigram(grams):
    assert grams.mass(("", "the"), "sea", whole=True) > grams.mass(("", "the"), "is", whole=True)
    # "is long" follows "night" only: the trigram says so, where the bigram alone would not
    assert grams.mass(("night", "is"), "long", whole=True) > 5 * grams.mass(("sea", "is"), "long", whole=True)
    scores = grams.letter_scores(("", "the"), "s", "e")
    assert scores == {"e": 0.0}
    ends = grams.letter_scores(("the", "sea"), "is", "")
    assert ends == {wordgram.END: 0.0}


def test_shipped_wordgrams_know_english_grammar():
    grams = wordgram.en_wordgrams()
    assert grams.mass(("", "the"), "sea", whole=True) > 20 * grams.mass(("", "the"), "of", whole=True)
    assert grams.mass(("i", "have"), "seen", whole=True) > 10 * grams.mass(("i", "have"), "sea", whole=True)
    assert wordgram.line_context("And the") == ("and", "the") and wordgram.line_context("") == ("", "")


def test_no_english_line_ends_on_an_article_a_preposition_or_a_conjunction(en):
    """The tiny model is near random, so without the rule its lines often end on "the" or "and"."""
    for form in ("haiku", "abab", "en-free"):
        for seed in range(4):
            poem = generate(en, PoemRequest(form=form, seed=seed, candidates=1, drafts=1, lines=4),
                            RecordingContext()).best
            for line in poem.lines:
                assert english.last_word(line) not in DANGLING, poem.text


def test_a_refused_word_takes_its_probability_with_it(grams):
    plain = grams.letter_scores(("", "the"), "", "smn")
    without = grams.letter_scores(("", "the"), "", "smn", excluded=("sea",))
    assert without["s"] < plain["s"] - 1.0  # "sea" was most of what "s" led to after "the"
    assert without["m"] > plain["m"]  # the others gain, relative to the best
