"""The fine-tune's result in plain words: a closer/farther bar, never a negative number, warnings at the limits."""
import re

from artdesk.ui.canvas.finetune.result_view import QtResultView

HEALTHY = {"base_kid_vs_heldout": 0.040, "kid_vs_heldout": -0.002, "diversity": 3.0, "user_diversity": 4.0,
           "too_close_rate": 0.0}


def shown(view):
    return " ".join([view.likeness.format(), view.variety.text(), view.copying.text(), view.warning.text(),
                     view.details.text()])


def test_a_negative_kid_shows_as_closer_and_never_as_a_negative_number(qtbot):
    view = QtResultView()
    qtbot.addWidget(view)
    view.show_metrics(HEALTHY)
    assert view.likeness.format() == "Closer to your pictures than the base model" and view.likeness.value() == 100
    assert "under 0.1" in view.details.text() and "40.0" in view.details.text()
    assert not re.search(r"-\d", shown(view)) and view.warning.isHidden()
    assert "75%" in view.variety.text()


def test_farther_than_the_base_model_reads_so(qtbot):
    view = QtResultView()
    qtbot.addWidget(view)
    view.show_metrics({**HEALTHY, "kid_vs_heldout": 0.080})
    assert view.likeness.format() == "Farther from your pictures than the base model" and view.likeness.value() == 50


def test_too_close_at_the_limit_warns(qtbot):
    view = QtResultView()
    qtbot.addWidget(view)
    view.show_metrics({**HEALTHY, "too_close_rate": 0.05})
    assert not view.warning.isHidden() and "near copies" in view.warning.text()
    view.show_metrics({**HEALTHY, "too_close_rate": 0.049})
    assert view.warning.isHidden()


def test_a_collapse_is_named_with_what_to_try(qtbot):
    view = QtResultView()
    qtbot.addWidget(view)
    view.show_metrics({**HEALTHY, "diversity": 1.0})
    assert "nearly all alike" in view.warning.text() and "Keep the variety" in view.warning.text()


def test_missing_numbers_hide_their_parts(qtbot):
    view = QtResultView()
    qtbot.addWidget(view)
    view.show_metrics({})
    assert view.likeness.isHidden() and view.variety.isHidden() and view.copying.isHidden()
    assert view.details_button.isHidden()
