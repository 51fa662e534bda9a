"""The domains' command lines share one verb dispatch (ml/commands.py)."""
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.ml.commands import run_verb


def test_run_verb_calls_the_verbs_handler_and_names_a_missing_verb():
    seen = []
    handlers = {"generate": lambda argv: seen.append(argv) or 3}
    assert run_verb("poem", handlers, "generate", ["--seed", "1"]) == 3 and seen == [["--seed", "1"]]
    with pytest.raises(ArtdeskError, match="The poem domain has no 'eval' command"):
        run_verb("poem", handlers, "eval", [])
