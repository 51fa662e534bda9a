"""The word-level English poem model: lossless tokenizer, bits/char of the same text the 5-gram scores,
training through the project's loop (resume), checkpoint round trip and the quatrain sampler's rules."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch

from artdesk.ml.poem import english, lexicon
from artdesk.ml.poem.data import EN_TAGS, encode_records
from artdesk.ml.poem.train import target_mask
from artdesk.ml.poem.vocab import Vocab
from artdesk.ml.poem.words.data import encode_split
from artdesk.ml.poem.words.model import WordPoemConfig, WordPoemLSTM
from artdesk.ml.poem.words.tokenizer import UNK_CHAR, WordVocab, records_from_char_stream
from artdesk.ml.poem.words.train import bits_per_char, split_bits

from .fixtures import EN_POEMS, lexicon_vocab

CHARS = sorted(set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,.;:!?'\"()&-\n"))
TRICKY = [
    "Shall I compare thee to a summer's day?\nThou art more lovely -- and \"more\" temperate:\n",
    "O'ER THE HILLS, McDonald's zyxwv (qwerty) & 'tis\n  two leading spaces,  two inside; trailing  \n",
    "I\nA\nno newline at the end" + UNK_CHAR + "x",
    "",
    "word\n\n\nblank lines above;\n",
]


def records():
    return [{"form": "<abab>", "keywords": "sea moon", "body": p} for p in EN_POEMS + TRICKY]


def vocab_for(max_words: int = 50) -> WordVocab:
    return WordVocab.build(records(), EN_TAGS, [c for c in CHARS if c != "\n"], max_words)


@pytest.mark.parametrize("max_words", [0, 5, 500])
def test_every_text_round_trips_whatever_the_vocabulary_size(max_words):
    vocab = vocab_for(max_words)
    for record in records():
        ids, start = vocab.encode_record(record["form"], record["keywords"], record["body"])
        assert vocab.decode_body(ids[start:]) == record["body"]
    again = WordVocab.from_json(vocab.to_json())
    assert again.tokens == vocab.tokens and again.gaps == vocab.gaps


def test_words_become_one_token_with_a_case_mark_and_unknown_words_are_spelled():
    vocab = vocab_for(500)
    ids = vocab.encode_line("The sea, THE SEA qzxv")
    tokens = [vocab.tokens[i] for i in ids]
    assert tokens[:4] == ["<cap>", "the", "sea", ","]
    assert tokens[4:8] == ["<upper>", "the", "<upper>", "sea"]
    assert tokens[8:] == ["<spell>", "q", "z", "x", "v", "<end>"]  # no space marks: the usual gaps
    assert "<sp>" not in tokens and "<nosp>" not in tokens


def test_characters_outside_the_vocabulary_are_refused_with_a_message():
    with pytest.raises(ValueError, match="not in the vocabulary"):
        vocab_for().encode_line("a\tb")


def char_stream():
    char_vocab = Vocab.build(EN_TAGS, [c for c in CHARS if c != "\n"] + ["\n"])
    recs = [{**r, "body": r["body"].replace(UNK_CHAR, "#")} for r in records()]  # '#' is not in the vocabulary
    return char_vocab, recs, encode_records(recs, char_vocab)


def test_records_come_back_from_the_character_stream_with_its_unknowns():
    char_vocab, recs, stream = char_stream()
    back = records_from_char_stream(stream, char_vocab.tokens)
    assert [r["body"] for r in back] == [r["body"].replace("#", UNK_CHAR) for r in recs]
    assert [r["keywords"] for r in back] == [r["keywords"] for r in recs]


def test_the_characters_counted_are_the_positions_the_5gram_is_scored_on():
    char_vocab, _, stream = char_stream()
    split = encode_split(records_from_char_stream(stream, char_vocab.tokens), vocab_for())
    assert split.chars == int(target_mask(stream, char_vocab).sum())


class Uniform(torch.nn.Module):
    """Every token has probability 1/size."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def token_nll(self, ids, targets, state=None):
        return torch.full(targets.shape, math.log(self.size)), state


def test_a_uniform_model_costs_log2_v_bits_per_scored_token_spread_over_the_characters():
    vocab = vocab_for(40)
    split = encode_split(records(), vocab)
    scored = sum(len(vocab.encode_record(r["form"], r["keywords"], r["body"])[0])
                 - vocab.encode_record(r["form"], r["keywords"], r["body"])[1] for r in records())
    chars = sum(len(r["body"]) + 1 for r in records())
    assert split.chars == chars
    assert bits_per_char(Uniform(len(vocab)), split) == pytest.approx(scored * math.log2(len(vocab)) / chars)


def test_held_out_bits_are_the_sum_of_each_tokens_bits_under_the_real_model():
    torch.manual_seed(0)
    vocab = vocab_for(40)
    split = encode_split(records(), vocab)
    model = WordPoemLSTM(WordPoemConfig(len(vocab), 8, 8, cutoffs=(60,))).eval()
    with torch.no_grad():
        logp, _ = model(torch.as_tensor(split.ids[:-1])[None])
    direct = -logp[0, np.arange(len(split.ids) - 1), torch.as_tensor(split.ids[1:])]
    expected = float(direct[torch.as_tensor(split.scored[1:])].sum()) / math.log(2)
    bits, count = split_bits(model, split, streams=3, chunk=7)
    assert count == int(split.scored[1:].sum())
    assert bits == pytest.approx(expected, rel=1e-4)


def test_training_resumes_and_the_checkpoint_round_trips(tmp_path):
    from artdesk.core.jobs import JobContext
    from artdesk.ml.poem.words.__main__ import load
    from artdesk.ml.poem.words.data import WordData
    from artdesk.ml.poem.words.train import save_model, train_model

    torch.manual_seed(0)
    vocab = vocab_for(40)
    split = encode_split(records() * 4, vocab)
    data = WordData(vocab, split, split, {})
    model = WordPoemLSTM(WordPoemConfig(len(vocab), 16, 16, cutoffs=(60,)))
    before = bits_per_char(model, split)
    state = tmp_path / "state.pt"
    first = train_model(model, data, seconds=0.6, state_path=state, rows=4, seq=8, lr=1e-2, ctx=JobContext(),
                        save_every=0.2, eval_tokens=200, log=lambda _: None)
    assert state.exists() and first["steps"] > 0
    second = train_model(WordPoemLSTM(model.config), data, seconds=1.2, state_path=state, rows=4, seq=8, lr=1e-2,
                         ctx=JobContext(), save_every=0.2, eval_tokens=200, log=lambda _: None)
    assert second["steps"] > first["steps"] and second["seconds"] >= 1.2
    assert bits_per_char(model, split) < before
    save_model(model, tmp_path / "m", vocab, half=False, name="tiny-words", training=second)
    loaded, loaded_vocab, card = load(tmp_path / "m")
    assert loaded_vocab.tokens == vocab.tokens and card.raw["training"]["steps"] == second["steps"]
    assert bits_per_char(loaded, split) == pytest.approx(bits_per_char(model, split), rel=1e-5)


def test_a_run_continues_a_shipped_checkpoint_and_its_card_counts_both(tmp_path):
    from artdesk.core.errors import ArtdeskError
    from artdesk.ml.poem.train import continued_training
    from artdesk.ml.poem.words.train import continue_checkpoint, save_model

    torch.manual_seed(0)
    vocab = vocab_for(40)
    shipped = WordPoemLSTM(WordPoemConfig(len(vocab), 16, 16, cutoffs=(60,)))
    save_model(shipped, tmp_path / "shipped", vocab, half=False, name="tiny-words",
               training={"steps": 10, "seconds": 5.0, "tokens": 300, "cpu_seconds": 3600.0, "command": "first run"})
    model = WordPoemLSTM(shipped.config)
    parent = continue_checkpoint(model, tmp_path / "shipped", vocab)
    assert all(torch.equal(a, b) for a, b in zip(model.state_dict().values(), shipped.state_dict().values()))
    card = continued_training({"steps": 4, "seconds": 2.0, "tokens": 100, "cpu_seconds": 1800.0, "command": "second run"},
                              parent)
    assert (card["steps"], card["seconds"], card["tokens"], card["cpu_hours"]) == (14, 7.0, 400, 1.5)
    assert card["this_run"]["cpu_seconds"] == 1800.0
    assert card["continued_from"] == "tiny-words" and card["commands"] == ["first run", "second run"]
    with pytest.raises(ArtdeskError, match="another word list"):
        continue_checkpoint(WordPoemLSTM(shipped.config), tmp_path / "shipped", vocab_for(30))
    other = WordPoemConfig(len(vocab), 16, 24, cutoffs=(60,))
    with pytest.raises(ArtdeskError, match="other settings"):
        continue_checkpoint(WordPoemLSTM(other), tmp_path / "shipped", vocab)


@pytest.mark.parametrize("form, pairs", [("abab", [(0, 2), (1, 3)]), ("aabb", [(0, 1), (2, 3)])])
def test_an_untrained_model_still_writes_rhymed_capitalised_punctuated_real_words(form, pairs):
    from artdesk.ml.poem.words.sampler import WordPoet

    torch.manual_seed(1)
    vocab = lexicon_vocab()
    poet = WordPoet(WordPoemLSTM(WordPoemConfig(len(vocab), 16, 32, cutoffs=(200,))), vocab)
    for seed in range(3):
        poem = poet.quatrain(form, "sea night", seed=seed, candidates=2)
        lines = poem.text.split("\n")
        assert len(lines) == 4, poem.text
        for number, line in enumerate(lines):
            assert line[0].isupper(), poem.text
            assert line[-1] in (".!?" if number == 3 else ",;:.!?"), poem.text
            assert all(lexicon.is_word(w) for w in english.WORD.findall(line)), poem.text
            assert 7 <= english.line_syllables(line) <= 11, poem.text
            assert not re.search(r"[^.!?] [A-HJ-NP-Z]", line), poem.text  # capitals open sentences, or I, O
        ends = [english.last_word(line) for line in lines]
        for a, b in pairs:
            assert english.rhymes(ends[a], ends[b]), (ends, poem.text)
        assert len(set(ends)) == 4
        assert not re.search(r"[\"()&]", poem.text)


def test_the_same_seed_writes_the_same_quatrain_and_bad_forms_are_refused():
    from artdesk.ml.poem.words.sampler import WordPoet

    vocab = lexicon_vocab()
    poet = WordPoet(WordPoemLSTM(WordPoemConfig(len(vocab), 16, 32, cutoffs=(200,))), vocab)
    assert poet.quatrain("abab", "moon", seed=4, candidates=1).text == poet.quatrain("abab", "moon", seed=4, candidates=1).text
    with pytest.raises(ValueError, match="form"):
        poet.quatrain("sonnet")


def test_an_empty_or_foreign_theme_still_gives_a_quatrain():
    from artdesk.ml.poem.words.sampler import WordPoet

    vocab = lexicon_vocab()
    poet = WordPoet(WordPoemLSTM(WordPoemConfig(len(vocab), 16, 32, cutoffs=(200,))), vocab)
    for theme in ("", "海 !!", "zzqx"):
        assert len(poet.quatrain("abab", theme, seed=0, candidates=1).text.split("\n")) == 4


def test_the_commands_name_what_is_wrong(tmp_path, capsys):
    from artdesk.ml.poem.words.__main__ import main

    assert main(["sample", str(tmp_path / "missing")]) == 1
    assert "error:" in capsys.readouterr().err
    assert main(["eval", str(tmp_path), "--data", str(tmp_path)]) == 1
    assert "No prepared English poem data" in capsys.readouterr().err
    assert main(["fly"]) == 2


@pytest.mark.parametrize("rows", [1, 3, 6])
def test_the_numpy_stepper_matches_the_model_step_by_step(rows):
    """Tokens fed again come from the stepper's kept inputs; every step still equals torch's forward pass."""
    from artdesk.ml.poem.words.stepper import NumpyWordStepper

    torch.manual_seed(2)
    vocab = vocab_for(40)
    model = WordPoemLSTM(WordPoemConfig(len(vocab), 16, 24, cutoffs=(30, 50))).eval()
    stepper = NumpyWordStepper(model)
    ids = torch.randint(0, len(vocab), (rows, 12))
    ids[:, 6:] = ids[:, :6]  # the second half feeds the same tokens again
    with torch.no_grad():
        expected, _ = model(ids)
    h = np.zeros((rows, 24), dtype=np.float32)
    c = h.copy()
    for t in range(ids.shape[1]):
        logp, h, c = stepper.step(ids[:, t].numpy(), h, c)
        np.testing.assert_allclose(logp, expected[:, t].numpy(), atol=2e-5)
    assert stepper.known.sum() == len(set(ids[:, :6].flatten().tolist()))
