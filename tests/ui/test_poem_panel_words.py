"""The Poem panel with a word-level English model (the kind that ships): quatrain, haiku and acrostic come out
in their form, the copy check is the Gallery's figure, and "Teach it your poems" fine-tunes it. Every wait is
on a signal."""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from artdesk.ml.poem import english, lexicon
from tests.ml.poem.fixtures import save_tiny_word_model, tiny_corpus
from tests.ml.poem.fixtures import tiny_poem_models  # noqa: F401
from tests.ui.test_poem_panel import TIMEOUT, assert_copy_check_is_the_gallerys, poem_context, run  # noqa: F401
from tests.ui.test_poem_panel import panel as char_panel  # noqa: F401


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
def panel(qtbot, char_panel, word_model_folder):
    """The Poem panel of ``test_poem_panel`` once the tiny word model is installed, with it chosen."""
    shutil.copytree(word_model_folder, char_panel.context.paths.user_models / "poem" / word_model_folder.name)
    char_panel.context.models_changed.emit()
    char_panel.select_model("tiny-en-words")
    return char_panel


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
    first = panel.editor.text()
    run(qtbot, panel, panel.controls.generate_button.click)
    assert panel.editor.text() == first  # same seed, same settings, same poem


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
    assert_copy_check_is_the_gallerys(qtbot, panel, panel.session.card.path, tmp_path)


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
