"""``artdesk generate|finetune poem`` through the domain's main(), with tiny models."""
import re

import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.ml.poem.commands import main
from artdesk.ml.poem.export import read_poem_file
from tests.ml.poem.fixtures import tiny_poem_models  # noqa: F401


def test_generate_writes_a_poem_with_provenance(tiny_poem_models, tmp_path, capsys):
    out = tmp_path / "p.txt"
    assert main("generate", ["--model", str(tiny_poem_models["zh"]), "--form", "wujue", "--theme", "山",
                             "--seed", "4", "--candidates", "2", "--out", str(out)]) == 0
    text, provenance = read_poem_file(out)
    assert len(text.splitlines()) == 4 and provenance["seed"] == 4 and provenance["form"] == "wujue"
    printed = capsys.readouterr().out
    assert provenance["weights_sha256"] and "candidate 2" in printed
    scores = re.findall(r"(-?\d+\.\d\d) bits/char", printed)  # the score in the project's unit, a cost (positive)
    assert len(scores) == 2 and all(float(s) > 0 for s in scores) and "nats" not in printed


def test_bad_names_are_clear_errors(tiny_poem_models):
    with pytest.raises(ArtdeskError, match="unknown poem form"):
        main("generate", ["--model", str(tiny_poem_models["zh"]), "--form", "limerick"])
    with pytest.raises(ArtdeskError, match="No poem model named"):
        main("generate", ["--model", "no-such-model"])
    with pytest.raises(ArtdeskError, match="no 'dance' command"):
        main("dance", [])


def test_finetune_from_the_command_line(tiny_poem_models, tmp_path, isolated_home):
    text = tmp_path / "mine.txt"
    text.write_text("The moon is bright upon the sea\nAnd all the night belongs to me\n\n" * 3, encoding="utf-8")
    assert main("finetune", ["--base", str(tiny_poem_models["en"]), "--text", str(text), "--name", "mine",
                             "--minutes", "0.02"]) == 0
    assert (isolated_home / "data" / "models" / "poem" / "mine" / "card.json").exists()
