"""The checker: tones and rhyme under 中华新韵, English syllables and rhyme scheme, bad input."""
from artdesk.ml.poem import chinese
from artdesk.ml.poem.checker import MAX_CHECK_CHARS, check_poem
from artdesk.ml.poem.forms import FORMS

DENGGUAN = "白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层楼。"


def test_a_regulated_quatrain_passes_and_gets_tone_marks():
    report = check_poem(DENGGUAN, "zh", FORMS["wujue"])
    assert report.ok, report.errors
    assert [line.mark for line in report.lines] == ["平仄平平仄", "平平仄仄平", "仄平平仄仄", "仄仄平平平"]
    assert report.scheme == "尤"


def test_planted_rhyme_violation_is_marked_at_its_character():
    text = DENGGUAN.replace("楼", "天")
    report = check_poem(text, "zh", FORMS["wujue"])
    rhyme = [i for i in report.errors if i.kind == "rhyme"]
    assert len(rhyme) == 1 and text[rhyme[0].start] == "天"


def test_tone_pattern_violation_and_line_length():
    text = "白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层长楼。"
    kinds = {i.kind for i in check_poem(text, "zh", FORMS["wujue"]).errors}
    assert "length" in kinds
    text = "白日依山尽，黄河入海流。欲穷千里目，更上一楼层。"  # 楼 at position 4 is level, 层 ends: the pattern breaks
    assert any(i.kind in ("tone", "rhyme") for i in check_poem(text, "zh", FORMS["wujue"]).errors)


def test_rhyme_groups_and_tones_of_the_rule_set():
    assert chinese.rhyme_group("流") == chinese.rhyme_group("楼") == "尤"
    assert chinese.rhyme_group("知") == "支" and chinese.rhyme_group("衣") == "齐"
    assert chinese.tone("山") == "平" and chinese.tone("目") == "仄"
    assert chinese.tone("白") == "平"  # modern reading of an old entering tone: the documented limitation


def test_english_haiku_and_quatrain():
    haiku = "An old silent pond\nA frog jumps into the pond\nsplash! Silence again."
    assert check_poem(haiku, "en", FORMS["haiku"]).ok
    bad = check_poem("An old silent pond is here\nA frog jumps into the pond\nsplash! Silence again.", "en", FORMS["haiku"])
    assert [i.line for i in bad.errors if i.kind == "syllables"] == [0]
    quatrain = "The sun went down upon the bay\nThe night came softly from the hill\nAnd all the light had gone away\nThe world was calm and very still"
    report = check_poem(quatrain, "en", FORMS["abab"])
    assert report.ok and report.scheme == "ABAB"
    broken = check_poem(quatrain.replace("still", "cold"), "en", FORMS["abab"])
    assert [i.line for i in broken.errors if i.kind == "rhyme"] == [3]


def test_acrostic_heads_are_checked():
    text = "春风吹绿岸，\n夏雨落青山。\n秋月照寒水，\n冬云满故关。"
    assert not [i for i in check_poem(text, "zh", FORMS["cangtou5"], "春夏秋冬").errors if i.kind == "acrostic"]
    assert [i.line for i in check_poem(text, "zh", FORMS["cangtou5"], "春夏秋雪").errors if i.kind == "acrostic"] == [3]


def test_huge_paste_is_cut_and_said_so():
    report = check_poem("白日依山尽，" * 2_000_000, "zh", None)
    assert report.truncated
    assert sum(len(line.text) for line in report.lines) <= MAX_CHECK_CHARS


def test_emoji_and_mixed_scripts_are_reported_not_fatal():
    report = check_poem("白日🌞山尽，\n黄河 river 流。", "zh", FORMS["wujue"])
    assert any(i.kind == "script" for i in report.issues)
    english = check_poem("The moon 🌙 is bright\n月光", "en", None)
    assert any(i.kind == "script" for i in english.issues)
    assert check_poem("", "zh", FORMS["wujue"]).errors  # an empty poem breaks the line count, nothing crashes
