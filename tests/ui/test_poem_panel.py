"""The Poem panel end to end with tiny real models: generate and stream, lock and regenerate,
regenerate one line, cancel mid-poem, the checker marks a planted violation, export round trip,
bad input keeps the user's text, fine-tune appears in the picker. Every wait is on a signal."""
from __future__ import annotations

import shutil

import pytest

from tests.ml.poem.fixtures import tiny_poem_models  # noqa: F401

TIMEOUT = 120_000  # the first job imports torch on a shared, busy machine


@pytest.fixture
def poem_context(qtbot, tiny_poem_models):
    from artdesk.core.paths import app_paths
    from artdesk.ui.context import AppContext
    from artdesk.ui.jobs import Runner

    paths = app_paths()
    for folder in tiny_poem_models.values():
        shutil.copytree(folder, paths.user_models / "poem" / folder.name)
    runner = Runner()
    context = AppContext(paths, {}, runner, None)
    yield context
    assert runner.shutdown(10_000)


@pytest.fixture
def panel(qtbot, poem_context):
    from artdesk.ui.panels.poem import PoemPanel

    widget = PoemPanel(poem_context)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.select_model("tiny-zh")
    widget.controls.candidates_spin.setValue(2)
    return widget


def run(qtbot, panel, action, kind="generate", expect="returned"):
    """Start ``action`` and wait until the panel's ``kind`` job has finished; no other job may run meanwhile
    (a generation's candidates come back checked: no second check job)."""
    seen: list[tuple[str, str]] = []

    def done(job_kind: str, outcome: str) -> bool:
        seen.append((job_kind, outcome))
        return job_kind == kind

    with qtbot.waitSignal(panel.job_finished, timeout=TIMEOUT, check_params_cb=done):
        action()
    assert [k for k, _o in seen] == [kind], seen
    assert seen[-1][1] == expect, (seen, panel.message.text())
    return seen


def test_generate_streams_and_fills_candidates(qtbot, panel):
    panel.select_form("qijue")
    panel.controls.theme_edit.setText("明月")
    streamed = []
    panel.streamed.connect(streamed.append)
    shown = []
    panel.streamed.connect(lambda _text: shown.append(panel.controls.progress_bar.text()))
    run(qtbot, panel, panel.controls.generate_button.click)
    assert any(shown) and panel.controls.progress_bar.text() == ""  # the bar empties when the job ends
    lines = panel.editor.lines()
    assert len(lines) == 4 and all(len(line) == 8 for line in lines)
    assert len(streamed) >= 28 and all(len(a) <= len(b) for a, b in zip(streamed, streamed[1:28]))
    assert panel.candidates_list.count() == 2
    assert panel.check_label.text()
    first = panel.editor.text()
    run(qtbot, panel, panel.controls.generate_button.click)
    assert panel.editor.text() == first  # same seed, same settings, same poem


def test_lock_and_regenerate_the_rest_then_one_line(qtbot, panel):
    panel.select_form("wujue")
    run(qtbot, panel, panel.controls.generate_button.click)
    before = panel.editor.lines()
    panel.editor.set_locked(0, True)
    panel.editor.set_locked(2, True)
    panel.controls.seed_spin.setValue(99)
    run(qtbot, panel, panel.controls.regenerate_button.click)
    after = panel.editor.lines()
    assert after[0] == before[0] and after[2] == before[2] and after != before
    panel.controls.seed_spin.setValue(5)
    run(qtbot, panel, lambda: panel.regenerate_line(1))
    again = panel.editor.lines()
    assert [again[i] for i in (0, 2, 3)] == [after[i] for i in (0, 2, 3)]


def test_cancel_mid_poem_keeps_the_previous_text(qtbot, panel):
    panel.select_form("zh-free")
    panel.controls.lines_spin.setValue(16)
    panel.controls.candidates_spin.setValue(20)
    panel.editor.set_text("我的草稿")
    panel.streamed.connect(lambda _text: panel.controls.cancel_button.click())
    run(qtbot, panel, panel.controls.generate_button.click, expect="aborted")
    assert panel.editor.text() == "我的草稿"
    assert not panel.editor.text_edit.isReadOnly()


def test_checker_marks_a_planted_violation(qtbot, panel):
    panel.select_form("wujue")
    text = "白日依山尽，\n黄河入海流。\n欲穷千里目，\n更上一层天。"
    panel.editor.set_text(text)
    run(qtbot, panel, panel.controls.check_button.click, kind="check")
    bad = text.index("天")
    assert (bad, bad + 1) in panel.editor.marked_spans()
    assert "does not rhyme" in panel.check_label.text()
    assert "仄" in panel.editor.lines_list.item(0).text()  # per-line tone marks beside the text


def test_english_check_and_copy_check(qtbot, panel):
    panel.select_model("tiny-en")
    panel.select_form("abab")
    panel.editor.set_text("Shall I compare thee to a summer's day?\nThou art more lovely and more temperate:\n"
                          "Rough winds do shake the darling buds of May,\nAnd summer's lease hath all too short a date:")
    run(qtbot, panel, panel.controls.check_button.click, kind="check")
    assert "“date” does not rhyme with “temperate”" in panel.check_label.text()  # Shakespeare's rhyme, not today's
    assert "no originality index" in panel.copy_view.label.text()  # the tiny model ships no calibration: said so


def test_copy_check_gives_the_gallerys_figure(qtbot, panel, tmp_path):
    """The Poem panel's copy check and the Gallery's "Check originality" show one and the same answer."""
    import numpy as np

    from artdesk.ml.poem.copyindex import calibrate
    from tests.ml.poem.fixtures import tiny_corpus

    folder = panel.context.paths.user_models / "poem" / "tiny-en"
    calibrate(folder, "en", np.tile(tiny_corpus("en")[1], 7))  # 21 held-out poems: enough to calibrate
    panel.select_model("tiny-en")
    assert_copy_check_is_the_gallerys(qtbot, panel, folder, tmp_path)


def assert_copy_check_is_the_gallerys(qtbot, panel, folder, tmp_path):
    """A free verse whose first line is a training line: the panel's copy check shows the Gallery's answer
    against the index in ``folder``."""
    from artdesk.core.jobs import RecordingContext
    from artdesk.ml.originality import BoardRequest, Work, board_job
    from artdesk.ml.poem.export import export_poem
    from artdesk.ui.widgets.originality import QtOriginalityView

    panel.select_form("en-free")
    text = ("The sea is calm tonight, the moon lies fair\nUpon the straits; on the French coast the light\n"
            "Is mine and gone, the stars are far away.")
    panel.editor.set_text(text)
    run(qtbot, panel, panel.controls.check_button.click, kind="check")
    path = export_poem(tmp_path / "poem.txt", text, {"settings": {"form": "en-free"}})
    answer = board_job(BoardRequest((Work("1", "poem", "poem", str(path), str(folder)),)), RecordingContext()).originality["1"]
    gallery = QtOriginalityView()
    gallery.show_answer(answer)
    assert answer.value >= 20  # the first line is a training line
    assert panel.copy_view.label.text() == gallery.label.text()
    assert panel.copy_view.passage.text() == gallery.passage.text()


def test_rhythm_check_is_hidden_for_english_and_candidates_say_why(qtbot, panel):
    panel.select_form("qijue")
    assert not panel.controls.tones_check.isHidden()
    panel.select_model("tiny-en")
    panel.select_form("abab")
    assert panel.controls.tones_check.isHidden()  # hidden, not greyed
    run(qtbot, panel, panel.controls.generate_button.click)
    items = [panel.candidates_list.item(i).text() for i in range(panel.candidates_list.count())]
    assert len(items) == 2 and "Best:" in items[0] and "below 1 because" in items[1]


def test_export_round_trip_restores_settings(qtbot, panel, tmp_path):
    panel.select_form("qijue")
    panel.controls.theme_edit.setText("秋")
    panel.controls.seed_spin.setValue(42)
    panel.controls.theme_pull_spin.setValue(2.5)
    run(qtbot, panel, panel.controls.generate_button.click)
    poem = panel.editor.text()
    path = panel.export_to(tmp_path / "poem.txt")
    assert path is not None and poem in path.read_text(encoding="utf-8")
    panel.controls.seed_spin.setValue(1)
    panel.controls.theme_edit.setText("")
    panel.controls.theme_pull_spin.setValue(0)
    panel.editor.set_text("")
    assert panel.open_file(path)
    assert panel.editor.text() == poem
    assert panel.controls.seed_spin.value() == 42 and panel.controls.theme_edit.text() == "秋" and panel.controls.form_combo.currentData() == "qijue"
    assert panel.controls.theme_pull_spin.value() == 2.5
    panel._on_copy_button_clicked()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == poem


def test_bad_input_gives_a_message_and_keeps_the_text(qtbot, panel, tmp_path):
    panel.select_form("cangtou5")
    panel.controls.heads_edit.setText("一二三四五六七八九十")
    panel.editor.set_text("我的诗")
    run(qtbot, panel, panel.controls.generate_button.click, expect="errored")
    assert "at most 8" in panel.message.text() and panel.editor.text() == "我的诗"
    panel.controls.heads_edit.setText("")
    assert panel.generate() is None and "acrostic needs" in panel.message.text()
    panel.editor.set_text("白日依山尽，" * 300_000)  # a huge paste: checked in part, said so
    run(qtbot, panel, panel.controls.check_button.click, kind="check")
    assert "Only the first" in panel.check_label.text()
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8garbage")  # UTF-16 cut inside a surrogate pair
    assert not panel.open_file(tmp_path / "broken.txt")
    assert panel.editor.text().startswith("白日依山尽")


def test_finetune_on_a_text_file_adds_a_model(qtbot, panel, tmp_path):
    text = tmp_path / "mine.txt"
    text.write_text("白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。\n\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n",
                    encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    run(qtbot, panel, lambda: panel.finetune_from(empty, "mine"), kind="finetune", expect="errored")
    assert "empty" in panel.message.text()
    run(qtbot, panel, lambda: panel.finetune_from(text, "mine", minutes=0.02), kind="finetune")
    assert panel.session.card.name == "mine" and panel.session.card.is_user
    assert panel.session.card.parent == "tiny-zh"


def test_generate_without_a_form_says_so_instead_of_failing(panel):
    panel.controls.form_combo.setCurrentIndex(-1)
    assert panel.generate() is None
    assert panel.message.text() == "Pick a form first."


def test_tone_rule_shows_only_where_it_applies(panel):
    panel.controls.tones_check.setChecked(True)
    panel.select_form("qijue")
    assert not panel.controls.tones_check.isHidden() and panel.session.poem_request(panel.editor.lines()).tones
    panel.select_form("zh-free")  # free Chinese verse has no level/oblique pattern: not greyed-and-ticked, hidden
    assert panel.controls.tones_check.isHidden() and not panel.session.poem_request(panel.editor.lines()).tones


def test_an_earlier_acrostics_heads_do_not_leak_into_a_free_verse_record(panel):
    panel.select_model("tiny-en")
    panel.select_form("en-acrostic")
    panel.controls.heads_edit.setText("MOON")
    assert panel.session.poem_request(panel.editor.lines()).heads == "MOON"
    panel.select_form("en-free")
    assert panel.session.poem_request(panel.editor.lines()).heads == ""
    from artdesk.ml.poem.replay import request_settings

    assert request_settings(panel.session.poem_request(panel.editor.lines()))["heads"] == ""  # what a free-verse record stores
    panel.select_form("en-acrostic")
    assert panel.controls.heads_edit.text() == "MOON"  # the field keeps it for the next acrostic


def test_the_surface_speaks_plain_words_and_the_terms_wait_behind_advanced(panel):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFormLayout, QLabel

    surface = [label.text() for label in panel.controls.findChildren(QLabel) if label.isVisibleTo(panel.controls)]
    assert "Surprise" in surface and not {"Temperature", "Likeliest choices", "Likeliest share"} & set(surface)
    assert "temperature" in panel.controls.temperature_spin.toolTip()  # the term, for those who know it
    assert panel.controls.top_p_spin.isHidden() or not panel.controls.top_p_spin.isVisibleTo(panel.controls)
    panel.controls.advanced_button.setChecked(True)
    assert panel.controls.advanced_button.arrowType() == Qt.ArrowType.DownArrow
    assert panel.controls.top_k_spin.isVisibleTo(panel.controls) and panel.controls.top_p_spin.isVisibleTo(panel.controls)
    labels = panel.controls.advanced.layout()
    assert isinstance(labels, QFormLayout) and labels.labelForField(panel.controls.top_k_spin).text() == "Likeliest choices"
