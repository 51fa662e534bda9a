"""Data cleaning, the Kneser-Ney baseline, the copy index, poem files with provenance."""
import numpy as np
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.ml.poem.copyindex import CopyIndex
from artdesk.ml.poem.data import ascii_line, dedupe_and_split, en_scheme, zh_body, zh_form, zh_lines
from artdesk.ml.poem.export import export_poem, read_poem_file
from artdesk.ml.poem.ngram import KneserNey
from artdesk.ml.poem.train import build_copy_index
from tests.ml.poem.fixtures import tiny_corpus


def test_chinese_cleaning_and_forms():
    lines = zh_lines(["白日依山尽，黄河入海流（一作海）。", "欲穷千里目，更上一层楼。"])
    assert lines == ["白日依山尽", "黄河入海流", "欲穷千里目", "更上一层楼"]
    assert zh_form(lines) == "<5j>" and zh_form(lines * 2) == "<5l>" and zh_form(lines[:3]) == "<free>"
    assert zh_body(lines[:2]) == "白日依山尽，黄河入海流。"
    assert zh_lines(["白日□山尽，黄河入海流。"]) is None


def test_english_cleaning_and_scheme():
    assert ascii_line("  Café\x01 of  dreams  ") == "Cafe of dreams"
    assert ascii_line("Chapter 12") is None
    assert en_scheme(["I saw the day", "it went away", "and then the night", "was full of light"]) == "<aabb>"
    assert en_scheme(["I saw the day", "and then the night", "it went away", "was full of light"]) == "<abab>"


def test_split_is_deterministic_and_dedupes():
    records = [{"form": "<free>", "keywords": "", "body": f"poem {i % 50}"} for i in range(100)]
    train, valid = dedupe_and_split(records)
    assert len(train) + len(valid) == 50 and not {r["body"] for r in train} & {r["body"] for r in valid}
    assert dedupe_and_split(list(reversed(records))) == (train, valid)


def test_kneser_ney_is_a_distribution_and_learns():
    rng = np.random.default_rng(0)
    stream = rng.integers(0, 6, size=3000)
    model = KneserNey(stream, 6, order=5)
    total = sum(model.probabilities(np.array([1, 2, 3, 4, w]), np.array([4]))[0] for w in range(6))
    assert total == pytest.approx(1.0)
    periodic = np.tile(np.arange(6), 500)
    assert KneserNey(periodic, 6).bits_per_char(periodic[:300], np.ones(300, bool)) < 0.1
    held_out = rng.integers(0, 6, size=300)
    assert model.bits_per_char(held_out, np.ones(300, bool)) > 2.3  # unseen random text stays near log2(6) = 2.58


def test_copy_index_finds_training_windows_only():
    vocab, stream, _ = tiny_corpus("zh")
    index = CopyIndex.from_bytes(build_copy_index(stream, vocab, "zh").to_bytes())
    seen = vocab.encode("举头望明月，")
    unseen = vocab.encode("春夏秋冬山水")
    assert index.windows_in_training(seen).all()
    assert not index.windows_in_training(unseen).any()


def test_poem_file_round_trip_and_bad_files(tmp_path):
    path = export_poem(tmp_path / "p.txt", "床前明月光，\n疑是地上霜。", {"model": "m", "seed": 3, "theme": "月"})
    text, provenance = read_poem_file(path)
    assert text == "床前明月光，\n疑是地上霜。" and provenance["seed"] == 3
    with pytest.raises(ArtdeskError, match="no poem"):
        export_poem(tmp_path / "q.txt", "  ", {})
    (tmp_path / "plain.txt").write_text("just a poem\n", encoding="utf-8")
    assert read_poem_file(tmp_path / "plain.txt") == ("just a poem", {})
