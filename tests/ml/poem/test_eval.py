"""``evaluate`` on a tiny prepared corpus: every metric of the issue comes out, constraints hold."""
import re

import pytest
import torch

from artdesk.ml.poem.data import write_lang
from artdesk.ml.poem.eval import evaluate, poem_faults, report_lines
from artdesk.ml.poem.forms import FORMS
from artdesk.ml.poem.loader import model_from_parts
from artdesk.ml.poem.model import PoemConfig, PoemRNN
from artdesk.ml.poem.vocab import Vocab
from tests.ml.poem.fixtures import EN_POEMS, ZH_POEMS


@pytest.mark.parametrize("language", ["zh", "en"])
def test_evaluate_reports_all_metrics(tmp_path, language):
    poems = ZH_POEMS if language == "zh" else EN_POEMS * 3
    records = [{"form": "<7j>" if len(p) == 32 else ("<5j>" if language == "zh" else "<abab>"),
                "keywords": p[:2] if language == "zh" else "summer", "body": p} for p in poems]
    records += [{**r, "body": r["body"].replace("。", "。", 1) + ("" if language == "zh" else " ")} for r in records]
    cache, out = tmp_path / "cache", tmp_path / "tokens"
    write_lang(language, records, cache, out, max_chars=500, min_count=1, log=lambda *_: None)
    (out / "manifest.json").write_text("{}")
    vocab = Vocab.from_json((out / language / "vocab.json").read_bytes())
    torch.manual_seed(0)
    poem = model_from_parts(PoemRNN(PoemConfig(len(vocab), language, embed=8, hidden=16, layers=1, dropout=0.0)), vocab)
    forms = ["wujue", "cangtou5"] if language == "zh" else ["abab", "haiku"]
    if language == "zh":
        import pytest as _pytest  # the tone agreement needs the prepared strains file

        (cache / "poem" / "prepared" / "zh_strains.jsonl.gz").parent.mkdir(parents=True, exist_ok=True)
        import gzip
        import json

        with gzip.open(cache / "poem" / "prepared" / "zh_strains.jsonl.gz", "wt", encoding="utf-8") as handle:
            handle.write(json.dumps({"text": "白日依山尽", "strains": "仄仄平平仄", "form": "<5j>"}, ensure_ascii=False) + "\n")
        _pytest.importorskip("pypinyin")
    metrics = evaluate(poem, out, cache, poems=3, forms=forms, log=lambda *_: None)
    assert metrics["held_out_bits_per_char"] > 0 and metrics["kn5_held_out_bits_per_char"] > 0
    assert set(metrics["forms"]) == set(forms)
    for key in forms:
        assert metrics["forms"][key]["form_compliance"] == 1.0
    rhymed = forms[0]
    assert metrics["forms"][rhymed]["rhyme_compliance_constraints_on"] >= metrics["forms"][rhymed]["rhyme_compliance_constraints_off"]
    for key in ("distinct_1", "distinct_2", "copy_rate_lines_verbatim_in_training", "theme_use"):
        assert 0.0 <= metrics[key] <= 1.0
    assert metrics["identical_rhyme_rate"] == 0.0
    assert "word model" not in metrics["sampling"]  # the character model wrote these
    if language == "zh":
        assert metrics["tone_agreement_with_strains"] == pytest.approx(0.8)  # 白 reads level today, oblique in strains
        assert metrics["repeated_rhyme_character_rate"] == 0.0
    else:
        assert metrics["non_word_rate"] == 0.0
    lines = report_lines(metrics, language)
    assert re.fullmatch(r"bits/char: \d+\.\d{3} vs 5-gram \d+\.\d{3} \(-?\d+\.\d% fewer\)", lines[-1])
    if language == "en":  # the model that writes is measured, and the character model alone is on its own line
        assert f"bits/char: {metrics['held_out_bits_per_char_mixture']:.3f} vs" in lines[-1]
        assert lines[-2].startswith(f"character model alone: {metrics['held_out_bits_per_char']:.3f} bits/char")
    else:
        assert not any(line.startswith("character model alone") for line in lines)
    assert any(line.startswith("theme use: ") for line in lines) and any(line.startswith("copy rate: ") for line in lines)


def test_poem_faults_count_non_words_and_identical_or_repeated_rhymes():
    faults = poem_faults("The freen sea\nA gull\nI see\nThe lull.", "en", FORMS["abab"])
    assert (faults["words"], faults["non_words"], faults["identical_rhyme"]) == (9, 1, 1)
    faults = poem_faults("秋风吹雨过，落日满山斜。远客思归去，孤城对晚斜。", "zh", FORMS["wujue"])
    assert faults["repeated_rhyme"] == 1 and faults["identical_rhyme"] == 1
    faults = poem_faults("秋风吹雨过，落日满山花。远客思归去，孤城对晚霞。", "zh", FORMS["wujue"])
    assert faults["repeated_rhyme"] == 0 and faults["identical_rhyme"] == 0
