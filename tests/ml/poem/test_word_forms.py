"""The word-level English model as the app uses it: the loader dispatches on the card type, ``generate`` writes
every English form of the Poem panel with it (rhyme, syllables, acrostic heads, locked lines, streaming,
cancel), ``evaluate`` measures it against the 5-gram, and it can be fine-tuned on the user's poems."""
from __future__ import annotations

import re

import pytest

from artdesk.core.jobs import Cancelled, JobContext
from artdesk.ml.poem import english, lexicon
from artdesk.ml.poem.checker import check_poem
from artdesk.ml.poem.forms import get_form
from artdesk.ml.poem.generate import PoemRequest, generate
from artdesk.ml.poem.loader import PoemModel, WordPoemModel, get_poem_model

from .fixtures import EN_POEMS, save_tiny_poem_model, save_tiny_word_model, tiny_word_model


@pytest.fixture(scope="module")
def words():
    return tiny_word_model()


class Recording(JobContext):
    def __init__(self, cancel_after: int | None = None) -> None:
        super().__init__()
        self.partials: list[dict] = []
        self.cancel_after = cancel_after

    def publish(self, payload) -> None:
        self.partials.append(payload)

    def raise_if_cancelled(self) -> None:
        if self.cancel_after is not None and len(self.partials) >= self.cancel_after:
            raise Cancelled()


def test_the_loader_gives_a_word_model_for_a_poem_words_card_and_a_character_model_otherwise(tmp_path):
    word = get_poem_model(save_tiny_word_model(tmp_path))
    char = get_poem_model(save_tiny_poem_model(tmp_path, "en"))
    assert isinstance(word, WordPoemModel) and word.config.language == "en" and word.name == "tiny-en-words"
    assert isinstance(char, PoemModel)
    result = generate(word, PoemRequest(form="abab", keywords="sea", candidates=1, drafts=1), JobContext())
    assert len(result.best.lines) == 4


def test_a_missing_word_vocabulary_is_named(tmp_path):
    folder = save_tiny_word_model(tmp_path, "broken")
    (folder / "words-vocab.json").unlink()
    with pytest.raises(Exception, match="word vocabulary"):
        get_poem_model(folder)


@pytest.mark.parametrize("form, heads", [("abab", ""), ("aabb", ""), ("couplets", ""), ("haiku", ""),
                                         ("en-free", ""), ("en-acrostic", "Max Zoe")])
def test_every_english_form_keeps_its_rules_in_real_words(words, form, heads):
    for seed in range(2):
        request = PoemRequest(form=form, keywords="sea night", heads=heads, seed=seed, candidates=2)
        result = generate(words, request, JobContext())
        assert len(result.candidates) == 2 and all(c.reason for c in result.candidates)
        best = result.best
        report = check_poem(best.text, "en", get_form(form), heads)
        assert not report.errors, (best.text, [i.message for i in report.errors])
        assert all(lexicon.is_word(w) for w in english.WORD.findall(best.text)), best.text
        assert all(line[0].isupper() for line in best.lines) and best.lines[-1][-1] in ".!?", best.text
        assert all(line[-1] in ",;:.!?" for line in best.lines), best.text
    if form == "haiku":
        assert [english.line_syllables(line) for line in best.lines] == [5, 7, 5]
    if form == "en-acrostic":
        assert "".join(line[0] for line in best.lines) == "MAXZOE"  # X: no vocabulary word, so one is spelled


def test_free_verse_takes_its_line_count_or_chooses_one(words):
    six = generate(words, PoemRequest(form="en-free", keywords="moon", lines=6, candidates=1), JobContext()).best
    assert len(six.lines) == 6
    for seed in range(4):
        open_length = generate(words, PoemRequest(form="en-free", seed=seed, candidates=1), JobContext()).best
        assert 4 <= len(open_length.lines) <= 16


def test_forms_open_differently_at_the_same_seed(words):
    openings = {form: generate(words, PoemRequest(form=form, keywords="winter", seed=0, candidates=1),
                               JobContext()).best.lines[0] for form in ("abab", "aabb", "couplets", "haiku", "en-free")}
    assert len(set(openings.values())) == len(openings), openings


def test_locked_lines_stay_and_set_the_rhyme(words):
    locked = ((0, "The quiet water holds the light,"),)
    for seed in range(3):
        best = generate(words, PoemRequest(form="aabb", seed=seed, candidates=1, locked=locked), JobContext()).best
        assert best.lines[0] == locked[0][1]
        assert english.rhymes("light", english.last_word(best.lines[1])), best.text
    later = ((2, "The quiet water holds the light,"),)  # regenerate the rest around a locked third line
    for seed in range(3):
        best = generate(words, PoemRequest(form="abab", seed=seed, candidates=1, locked=later), JobContext()).best
        assert best.lines[2] == later[0][1]
        assert english.rhymes("light", english.last_word(best.lines[0])), best.text


def test_the_first_draft_streams_and_a_cancel_stops_within_a_token(words):
    ctx = Recording()
    result = generate(words, PoemRequest(form="abab", keywords="sea", candidates=1, drafts=2), ctx)
    texts = [p["text"] for p in ctx.partials]
    assert {p["candidate"] for p in ctx.partials} == {0} and len(texts) > 10
    assert any(t.count("\n") == 0 for t in texts) and texts[-1].count("\n") == 3
    assert result.best.text in texts or len(result.candidates) == 1
    with pytest.raises(Cancelled):
        generate(words, PoemRequest(form="abab", candidates=1), Recording(cancel_after=5))


def test_the_theme_bias_reaches_the_word_sampler(words):
    def uses_sea(bias: float, seed: int) -> bool:
        request = PoemRequest(form="abab", keywords="sea", seed=seed, candidates=1, drafts=1, theme_bias=bias)
        return "sea" in re.findall(r"[a-z]+", generate(words, request, JobContext()).best.text.lower())

    assert sum(uses_sea(5.0, seed) for seed in range(4)) == 4  # an untrained model: the bias alone brings it
    assert sum(uses_sea(0.0, seed) for seed in range(4)) <= 1


def test_evaluate_measures_the_word_model_against_the_5gram_on_the_same_characters(tmp_path, words):
    from artdesk.ml.poem.data import write_lang
    from artdesk.ml.poem.eval import evaluate, report_lines

    records = [{"form": "<abab>", "keywords": "summer", "body": p} for p in EN_POEMS * 3]
    records += [{**r, "body": r["body"] + " "} for r in records]
    cache, out = tmp_path / "cache", tmp_path / "tokens"
    write_lang("en", records, cache, out, max_chars=500, min_count=1, log=lambda *_: None)
    (out / "manifest.json").write_text("{}")
    metrics = evaluate(words, out, cache, poems=2, forms=["abab", "haiku"], log=lambda *_: None)
    assert metrics["non_word_rate"] == 0.0 and metrics["identical_rhyme_rate"] == 0.0
    assert metrics["forms"]["abab"]["form_compliance"] == 1.0 and metrics["forms"]["haiku"]["form_compliance"] == 1.0
    assert "held_out_bits_per_char_mixture" not in metrics
    lines = report_lines(metrics, "en")
    model, base = metrics["held_out_bits_per_char"], metrics["kn5_held_out_bits_per_char"]
    assert lines[-1] == f"bits/char: {model:.3f} vs 5-gram {base:.3f} ({100 * (base - model) / base:.1f}% fewer)"
    assert not any(line.startswith("character model alone") for line in lines)
    # an untrained model over 3000 words spells most of this text: far above the 5-gram, and measured, not copied
    assert model > base > 0


def test_the_word_model_fine_tunes_on_any_text_and_names_its_base(tmp_path):
    from artdesk.ml.poem.finetune import finetune_job
    from artdesk.ml.poem.requests import FinetuneRequest

    base = save_tiny_word_model(tmp_path)
    text = tmp_path / "mine.txt"
    text.write_text("\n\n".join(EN_POEMS + ["Zyzzyva and quokka\nwent walking\tby the Loch.\n"]), encoding="utf-8")
    out = tmp_path / "user" / "poem" / "mine"
    path = finetune_job(FinetuneRequest(str(base), "user", str(text), str(out), 0.02), JobContext())
    tuned = get_poem_model(path)
    assert isinstance(tuned, WordPoemModel) and tuned.card["parent"] == "tiny-en-words"
    assert tuned.card["training"]["steps"] > 0 and "held_out_bits_per_char" in tuned.card["metrics"]
    assert len(generate(tuned, PoemRequest(form="haiku", candidates=1), JobContext()).best.lines) == 3


def test_chinese_text_is_refused_before_the_word_model_trains(tmp_path):
    from artdesk.core.errors import ArtdeskError
    from artdesk.ml.poem.finetune import finetune_job
    from artdesk.ml.poem.requests import FinetuneRequest

    from .fixtures import ZH_POEMS

    base = save_tiny_word_model(tmp_path)
    text = tmp_path / "zh.txt"
    text.write_text("\n\n".join(ZH_POEMS), encoding="utf-8")
    with pytest.raises(ArtdeskError, match="Chinese"):
        finetune_job(FinetuneRequest(str(base), "user", str(text), str(tmp_path / "x"), 0.02), JobContext())
    assert not (tmp_path / "x").exists()
