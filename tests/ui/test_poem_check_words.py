"""The poem check in the interface language: every finding the checker writes is matched by a pattern, and in
Chinese the summary line of a Chinese poem's check has no English left in it."""
import re
from pathlib import Path

import pytest

from artdesk.ml.poem.checker import check_poem
from artdesk.ml.poem.forms import get_form
from artdesk.ui.app import translations
from artdesk.ui.poem.check_words import ISSUE_PATTERNS, RULE_SETS, check_summary, copy_problem_text, issue_text

ROOT = Path(__file__).resolve().parents[2]
POEMS = [  # (text, language, form, acrostic heads): together they break every rule the checker knows
    ("白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层天。", "zh", "wujue", ""),  # rhyme group, tone
    ("白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层楼楼。", "zh", "wujue", ""),  # length
    ("白日依山尽，\n黄河入海流。", "zh", "wujue", ""),  # lines
    ("山高依日尽，\n黄河入海流。\n欲穷千里目，\n更上一层楼。", "zh", "wujue", ""),  # tones
    ("白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层流。", "zh", "wujue", ""),  # the same rhyme twice
    ("白日依山尽，\n黄河入海留。\n欲穷千里目，\n更上一层流。", "zh", "wujue", ""),  # a rhyme that sounds the same
    ("春风A山尽，\n黄河入海去。\n日穷千日目，\n更上一层楼。", "zh", "cangtou5", "春江花月"),  # script, oblique rhyme, acrostic, repeat
    ("The sea at night\nis dark and blue\nthe wind is light\nthe moon is new", "en", "abab", ""),
    ("The sea at night is calm\nThe sea at night is calm and wide\nO see\nA sea\n", "en", "abab", "XYZW"),
    ("An old silent pond\nA frog jumps into the pond\nsplash! Silence again. zyxqv ü", "en", "haiku", ""),
    ("The sea at night\n\n,\nthe moon", "en", "aabb", ""),
]


def findings():
    for text, language, form, heads in POEMS:
        yield from check_poem(text, language, get_form(form), heads).issues


def test_the_poems_break_every_kind_of_rule():
    assert {issue.kind for issue in findings()} >= {"lines", "script", "length", "acrostic", "repeat", "rhyme", "tone",
                                                    "unknown-word", "syllables"}


def test_the_rule_sets_are_the_checkers():
    assert {check_poem("月", "zh").rule_set, check_poem("moon", "en").rule_set} == RULE_SETS


@pytest.mark.parametrize("message", sorted({issue.message for issue in findings()}))
def test_every_finding_is_matched_by_a_pattern(message):
    assert any(re.fullmatch(pattern, message) for pattern, _ in ISSUE_PATTERNS), message


def test_in_chinese_the_check_of_a_chinese_poem_has_no_english(qapp):
    manager = translations(qapp, ROOT / "resources" / "i18n")
    manager.install("zh_CN")
    try:
        report = check_poem(POEMS[6][0], "zh", get_form("cangtou5"), POEMS[6][3])
        said = check_summary(report) + " ".join(issue_text(issue.message) for issue in report.issues)
    finally:
        manager.install("en")
    assert not report.ok and not re.search(r"[A-Za-z]{2,}", said.replace("'A'", "")), said


def test_a_cut_check_says_so():
    assert "Only the first 20,000 characters were checked." in check_summary(check_poem("白日依山尽，" * 5000, "zh"))


@pytest.mark.parametrize("text", ["", "The moon on the river"])
def test_in_chinese_why_the_copy_check_cannot_answer_has_no_english(qapp, text):
    from artdesk.core.originality import OriginalityError
    from artdesk.ml.poem.copyindex import poem_originality

    with pytest.raises(OriginalityError) as raised:
        poem_originality(ROOT / "models" / "poem" / "poem-zh-lstm", text)
    manager = translations(qapp, ROOT / "resources" / "i18n")
    manager.install("zh_CN")
    try:
        said = copy_problem_text(str(raised.value))
    finally:
        manager.install("en")
    assert said != str(raised.value) and not re.search(r"[A-Za-z]{2,}", said), said


def generation_notes() -> list[str]:
    """Every note ``generate.validate`` writes: a character and a word the models never saw, and no theme."""
    from artdesk.ml.poem.generate import PoemRequest, validate
    from artdesk.ml.poem.loader import get_poem_model
    from tests.ml.poem.fixtures import tiny_word_model

    english = tiny_word_model()
    chinese = get_poem_model(ROOT / "models" / "poem" / "poem-zh-lstm", "bundled")
    return [*validate(english, PoemRequest(form="abab", keywords="the bakery of zorblax"))[1],
            *validate(english, PoemRequest(form="abab", keywords=""))[1],
            *validate(chinese, PoemRequest(form="qijue", keywords="寒江㐀"))[1],
            *validate(chinese, PoemRequest(form="qijue", keywords="moon river"))[1],
            *validate(english, PoemRequest(form="abab", keywords="明月 sea"))[1]]


def test_every_generation_note_is_said_in_chinese(qapp):
    from artdesk.ui.poem.notes import note_text

    notes = generation_notes()
    assert len(notes) == 5 and "bakery, zorblax" in notes[0] and notes[3].endswith("left out: moon, river.")
    assert notes[4].endswith("left out: 明月.")  # the other script is named once, not letter by letter
    manager = translations(qapp, ROOT / "resources" / "i18n")
    manager.install("zh_CN")
    try:
        said = [note_text(note) for note in notes]
    finally:
        manager.install("en")
    for note, text in zip(notes, said):
        assert text != note and re.search(r"[\u4e00-\u9fff]", text), (note, text)
