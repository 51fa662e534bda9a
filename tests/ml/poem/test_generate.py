"""Generation under constraints with tiny real models: forms, acrostics, rhyme, locks, seeds,
streaming, cancel, bad input; incremental sampling equals a full re-run."""
import re

import pytest
import torch

from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.poem import chinese, english
from artdesk.ml.poem.checker import check_poem
from artdesk.ml.poem.forms import FORMS
from artdesk.ml.poem.generate import InputProblem, PoemRequest, generate
from tests.ml.poem.fixtures import en, tiny_poem_models, zh  # noqa: F401


@pytest.mark.parametrize("form", ["wujue", "qijue", "wulv", "qilv"])
def test_chinese_forms_keep_lines_lengths_and_rhyme(zh, form):
    result = generate(zh, PoemRequest(form=form, keywords="山水", seed=3, candidates=2), RecordingContext())
    spec = FORMS[form]
    for candidate in result.candidates:
        assert len(candidate.lines) == spec.lines
        assert all(len(line.rstrip("，。")) == spec.chars for line in candidate.lines)
        rhymes = {chinese.rhyme_group(line.rstrip("，。")[-1]) for line in candidate.lines[1::2]}
        assert len(rhymes) == 1
        assert all(chinese.tone(line.rstrip("，。")[-1]) == "平" for line in candidate.lines[1::2])
        assert candidate.violations == 0, candidate.issues


def test_tone_pattern_on_request(zh):
    result = generate(zh, PoemRequest(form="qilv", seed=5, candidates=1, tones=True), RecordingContext())
    assert check_poem(result.best.text, "zh", FORMS["qilv"]).ok


def test_acrostic_heads(zh, en):
    poem = generate(zh, PoemRequest(form="cangtou7", heads="春夏秋冬", seed=1, candidates=1), RecordingContext()).best
    assert [line[0] for line in poem.lines] == list("春夏秋冬") and all(len(line) == 8 for line in poem.lines)
    poem = generate(en, PoemRequest(form="en-acrostic", heads="moon", seed=1, candidates=1), RecordingContext()).best
    assert [line[0] for line in poem.lines] == list("MOON")
    for seed in range(4):  # the same head on every line: a first word redrawn (the opening of the line before,
        # a repeat) keeps its head letter (22 of 36 such acrostics of the shipped model had lost one)
        poem = generate(en, PoemRequest(form="en-acrostic", heads="TTTT", seed=seed, candidates=1), RecordingContext()).best
        assert [line[0] for line in poem.lines] == list("TTTT"), poem.text


def test_haiku_syllables_are_exact(en):
    for seed in range(3):
        poem = generate(en, PoemRequest(form="haiku", seed=seed, candidates=1), RecordingContext()).best
        assert [english.line_syllables(line) for line in poem.lines] == [5, 7, 5], poem.text


def test_english_rhyme_follows_a_locked_anchor(en):
    request = PoemRequest(form="aabb", seed=2, candidates=1, locked=((0, "The sun went down upon the bay"),))
    poem = generate(en, request, RecordingContext()).best
    assert poem.lines[0] == "The sun went down upon the bay"
    assert english.rhymes(english.last_word(poem.lines[1]), "bay"), poem.text


def test_same_seed_same_poem_and_another_seed_differs(zh):
    request = PoemRequest(form="qijue", keywords="明月", seed=11, candidates=2)
    first = generate(zh, request, RecordingContext())
    again = generate(zh, request, RecordingContext())
    other = generate(zh, PoemRequest(form="qijue", keywords="明月", seed=12, candidates=2), RecordingContext())
    assert [c.text for c in first.candidates] == [c.text for c in again.candidates]
    assert [c.text for c in first.candidates] != [c.text for c in other.candidates]


def test_locked_lines_are_kept_and_candidates_ranked(zh):
    locked = ((0, "白日依山尽，"), (2, "欲穷千里目，"))
    result = generate(zh, PoemRequest(form="wujue", seed=4, candidates=4, locked=locked), RecordingContext())
    for candidate in result.candidates:
        assert candidate.lines[0] == "白日依山尽，" and candidate.lines[2] == "欲穷千里目，"
    keys = [(c.violations, -c.mean_logprob) for c in result.candidates]
    assert keys == sorted(keys)


def test_streams_text_and_reports(zh):
    ctx = RecordingContext()
    generate(zh, PoemRequest(form="wujue", seed=1, candidates=2), ctx)
    texts = [p["text"] for p in ctx.partials if p["candidate"] == 0]
    assert len(texts) >= 20 and all(b.startswith(a.rstrip("，。\n")[:1]) for a, b in zip(texts, texts[1:]))
    assert ctx.progress[-1].fraction == 1.0


def test_cancel_mid_poem(zh):
    ctx = RecordingContext()
    ctx.publish = lambda partial: ctx.cancel()  # cancel as soon as the first character streams in
    with pytest.raises(Cancelled):
        generate(zh, PoemRequest(form="qilv", seed=1, candidates=3), ctx)


def test_bad_input_says_what_to_do(zh, en):
    with pytest.raises(InputProblem, match="at most 8"):
        generate(zh, PoemRequest(form="cangtou5", heads="一二三四五六七八九"), RecordingContext())
    with pytest.raises(InputProblem, match="never saw"):
        generate(zh, PoemRequest(form="cangtou5", heads="鑫鑫鑫鑫"), RecordingContext())
    with pytest.raises(InputProblem, match="acrostic needs"):
        generate(en, PoemRequest(form="en-acrostic", heads="  "), RecordingContext())
    with pytest.raises(InputProblem, match="English"):
        generate(zh, PoemRequest(form="haiku"), RecordingContext())
    with pytest.raises(InputProblem, match="drafts"):
        generate(zh, PoemRequest(candidates=3, drafts=2), RecordingContext())
    with pytest.raises(InputProblem, match="each line"):
        generate(en, PoemRequest(form="abab", line_tries=0), RecordingContext())
    result = generate(zh, PoemRequest(form="wujue", keywords="🌙鑫", candidates=1), RecordingContext())
    assert any("never saw" in note for note in result.notes)
    assert len(result.best.lines) == 4
    empty = generate(en, PoemRequest(form="abab", keywords="", candidates=1), RecordingContext())
    assert any("No theme" in note for note in empty.notes)


def test_incremental_state_matches_full_rerun(zh):
    ids = zh.vocab.prefix("<5j>", "山") + zh.vocab.encode("白日依山尽，")
    with torch.no_grad():
        full, _ = zh.model(torch.tensor([ids]))
        state, last = None, None
        for token in ids:
            last, state = zh.model(torch.tensor([[token]]), state)
    assert torch.allclose(full[0, -1], last[0, -1], atol=1e-5)


def test_free_forms_end_and_respect_line_count(zh, en):
    poem = generate(zh, PoemRequest(form="zh-free", seed=1, candidates=1, lines=6), RecordingContext()).best
    assert len(poem.lines) == 6 and all(3 <= len(re.sub(r"[，。]", "", line)) <= 9 for line in poem.lines)
    poem = generate(en, PoemRequest(form="en-free", seed=1, candidates=1, lines=5), RecordingContext()).best
    assert len(poem.lines) == 5


def test_theme_bias_tracks_words_and_rewinds_with_the_sampler(en):
    from artdesk.ml.poem.generate import ThemeBias

    bias = ThemeBias(en.vocab, "Moon river", "en", 2.0)
    size = len(en.vocab)
    first = bias.bonus(size)
    assert first[en.vocab.index["m"]] == 2.0 and first[en.vocab.index["M"]] == 2.0 and first[en.vocab.index["r"]] == 2.0
    for ch in "the mo":
        bias.observe(ch)
    inside = bias.bonus(size)
    assert inside[en.vocab.index["o"]] == 2.0 and int((inside > 0).sum()) == 1  # only "moon" continues "mo"
    saved = bias.progress
    for ch in "on ":
        bias.observe(ch)
    assert bias.progress[1] == {"moon"}
    assert bias.bonus(size) is None  # after a noun, the pull waits for a place where a noun fits
    for ch in "of ":
        bias.observe(ch)
    after_of = bias.bonus(size)
    assert after_of[en.vocab.index["m"]] == 0 and after_of[en.vocab.index["r"]] == 2.0  # a used word gets no more bonus
    bias.progress = saved
    assert bias.progress[1] == frozenset()


def test_theme_bias_brings_the_theme_into_the_poem(zh, en):
    for model, form, theme, found in ((zh, "wujue", "雪", lambda text: "雪" in text),
                                      (en, "en-free", "river", lambda text: "river" in re.findall(r"[a-z]+", text.lower()))):
        plain = [generate(model, PoemRequest(form=form, keywords=theme, seed=s, candidates=1, lines=4, theme_bias=0.0),
                          RecordingContext()).best for s in range(8)]
        biased = [generate(model, PoemRequest(form=form, keywords=theme, seed=s, candidates=1, lines=4, theme_bias=6.0),
                           RecordingContext()).best for s in range(8)]
        assert sum(found(p.text) for p in biased) >= 6, [p.text for p in biased]
        assert sum(found(p.text) for p in biased) > sum(found(p.text) for p in plain)
        assert all(p.uses_theme == found(p.text) for p in biased)


def test_sampling_steps_an_int8_copy_while_scoring_keeps_float32(zh):
    assert zh.stepper is zh.stepper and "quantized" in type(zh.stepper.rnn).__module__
    assert "quantized" not in type(zh.model.rnn).__module__  # held-out scoring and fine-tuning stay float32
    ids = torch.tensor([zh.vocab.prefix("<7j>", "山") + zh.vocab.encode("白日依山尽，")])
    with torch.no_grad():
        full, _ = zh.model(ids)
        fast, _ = zh.stepper(ids)
    assert torch.allclose(torch.softmax(full[0, -1], -1), torch.softmax(fast[0, -1], -1), atol=0.05)


def test_the_numpy_stepper_matches_the_float32_lstm_step_by_step_and_in_batches():
    from artdesk.ml.poem.model import PoemConfig, PoemRNN
    from artdesk.ml.poem.stepper import NumpyLSTMStepper
    from artdesk.ml.quantize import quantized_for_cpu

    torch.manual_seed(0)
    model = PoemRNN(PoemConfig(30, "en", embed=8, hidden=24, layers=2, dropout=0.0, cell="lstm", head="full")).eval()
    assert NumpyLSTMStepper.fits(model) and not NumpyLSTMStepper.fits(PoemRNN(PoemConfig(30, "en", cell="gru")))
    stepper = NumpyLSTMStepper(model, quantized_for_cpu(model))
    ids = torch.randint(0, 30, (1, 12))
    with torch.no_grad():
        full, (h, c) = model(ids)
        state = None
        for t in range(12):
            logits, state = stepper(ids[:, t:t + 1], state)
            assert torch.allclose(logits[0, 0], full[0, t], atol=1e-4)
        assert torch.allclose(state[0], h, atol=1e-4) and torch.allclose(state[1], c, atol=1e-4)
        batch = torch.randint(0, 30, (5, 3))  # batches go to the int8 copy, from the same state
        fast, _ = stepper(batch, tuple(s.expand(-1, 5, -1).contiguous() for s in state))
        exact, _ = model(batch, tuple(s.expand(-1, 5, -1).contiguous() for s in state))
        assert torch.allclose(torch.softmax(fast, -1), torch.softmax(exact, -1), atol=0.05)
