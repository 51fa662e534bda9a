"""The Poem panel with a word-level English model (the kind that ships): quatrain, haiku and acrostic come out
in their form, the copy check is the Gallery's figure, and "Teach it your poems" fine-tunes it. Every wait is
on a signal."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from artdesk.ml.poem import english, lexicon
from tests.ml.poem.fixtures import save_tiny_word_model, tiny_corpus
from tests.ui.test_poem_panel import TIMEOUT, run


@pytest.fixture(scope="module")
def word_model_folder(tmp_path_factory):
    """A tiny word model with a copy index over the tiny English corpus beside it, calibrated, as the shipped one."""
    from artdesk.ml.poem.copyindex import calibrate
    from artdesk.ml.poem.train import build_copy_index

    folder = save_tiny_word_model(tmp_path_factory.mktemp("word-models"))
    vocab, stream, _ = tiny_corpus("en")
    (folder / "vocab.json").write_bytes(vocab.to_json())
    (folder / "copy_index.npz").write_bytes(build_copy_index(stream, vocab, "en").to_bytes())
    calibrate(folder, "en", np.tile(stream, 7))
    return folder


@pytest.fixture
def panel(qtbot, word_model_folder):
    from artdesk.core.paths import app_paths
    from artdesk.ui.context import AppContext
    from artdesk.ui.jobs import Runner
    from artdesk.ui.panels.poem import PoemPanel

    paths = app_paths()
    shutil.copytree(word_model_folder, paths.user_models / "poem" / word_model_folder.name)
    runner = Runner()
    widget = PoemPanel(AppContext(paths, {}, runner, None))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    widget.select_model("tiny-en-words")
    widget.controls.candidates_spin.setValue(2)
    yield widget
    assert runner.shutdown(10_000)


def test_the_panel_streams_a_rhymed_english_quatrain_from_the_word_model(qtbot, panel):
    assert panel.session.card.model_type == "poem-words"
    panel.select_form("abab")
    panel.controls.theme_edit.setText("sea night")
    streamed = []
    panel.streamed.connect(streamed.append)
    run(qtbot, panel, panel.controls.generate_button.click)
    lines = panel.editor.lines()
    assert len(lines) == 4 and all(line[0].isupper() for line in lines) and lines[-1][-1] in ".!?"
    ends = [english.last_word(line) for line in lines]
    assert english.rhymes(ends[0], ends[2]) and english.rhymes(ends[1], ends[3]), lines
    assert all(lexicon.is_word(w) for line in lines for w in english.WORD.findall(line))
    assert len(streamed) > 10 and panel.candidates_list.count() == 2
    assert panel.controls.tones_check.isHidden()


def test_the_panel_writes_a_haiku_and_an_acrostic_with_the_word_model(qtbot, panel):
    panel.select_form("haiku")
    panel.controls.theme_edit.setText("winter")
    run(qtbot, panel, panel.controls.generate_button.click)
    assert [english.line_syllables(line) for line in panel.editor.lines()] == [5, 7, 5]
    panel.select_form("en-acrostic")
    panel.controls.heads_edit.setText("MOON")
    run(qtbot, panel, panel.controls.generate_button.click)
    assert "".join(line[0] for line in panel.editor.lines()) == "MOON"


def test_the_word_models_copy_check_is_the_gallerys_figure(qtbot, panel, tmp_path):
    from artdesk.core.jobs import RecordingContext
    from artdesk.ml.originality import BoardRequest, Work, board_job
    from artdesk.ml.poem.export import export_poem
    from artdesk.ui.widgets.originality import QtOriginalityView

    folder = panel.session.card.path
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


def test_teach_it_your_poems_fine_tunes_the_word_model(qtbot, panel, tmp_path):
    text = tmp_path / "mine.txt"
    text.write_text("The kettle sings upon the stove,\nthe window fogs with morning light;\n\n"
                    "My garden keeps a crooked row\nof beans that lean against the wall;\n", encoding="utf-8")
    with qtbot.waitSignal(panel.job_finished, timeout=TIMEOUT, check_params_cb=lambda kind, _o: kind == "finetune"):
        panel.finetune_from(text, "mine-en", minutes=0.02)
    card = panel.session.card
    assert card.name == "mine-en" and card.is_user and card.parent == "tiny-en-words"
    assert card.model_type == "poem-words"
    panel.select_form("aabb")
    run(qtbot, panel, panel.controls.generate_button.click)
    assert len(panel.editor.lines()) == 4
