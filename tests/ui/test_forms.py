"""The shared form pieces (ui.forms) and job wiring (ui.job_wiring): each sets a widget up as its callers expect."""
import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from artdesk.ui.forms import (choice_combo, float_spin, heading_label, int_spin, progress_bar, push_button, refill, row,
                              wrapped_label)
from artdesk.ui.job_wiring import wire


def test_number_boxes(qtbot):
    seed = int_spin(0, 100, tip="seed tip", name="Seed", suffix=" px")
    assert (seed.value(), seed.maximum(), seed.toolTip(), seed.accessibleName(), seed.suffix()) == (0, 100, "seed tip",
                                                                                                    "Seed", " px")
    lr = float_spin(0.0, 0.01, 0.005, 0.001, decimals=5, prefix="lr ")
    assert lr.decimals() == 5 and lr.value() == pytest.approx(0.005) and lr.prefix() == "lr "  # not rounded to 0.01
    for widget in (seed, lr):
        qtbot.addWidget(widget)


def test_a_button_calls_its_action_without_qts_checked_flag(qtbot):
    calls = []

    def action(resume=None):  # an action with an optional parameter, as open_finetune_wizard has
        calls.append(resume)

    button = push_button("Go", action, tip="tip", enabled=True)
    qtbot.addWidget(button)
    button.click()
    assert calls == [None] and button.toolTip() == "tip"
    assert not push_button("Stop", enabled=False).isEnabled()


def test_labels_rows_and_bars(qtbot):
    label = wrapped_label("a long message", "QLabel { color: red; }", selectable=True)
    assert label.wordWrap() and "red" in label.styleSheet()
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert heading_label(1.5).font().bold()
    host = QWidget()
    qtbot.addWidget(host)
    first, second = QLabel("a"), QLabel("b")
    layout = row((first, 1), None, second)
    host.setLayout(layout)
    assert layout.count() == 3 and layout.stretch(0) == 1 and layout.itemAt(1).spacerItem() is not None
    bar = progress_bar(visible=False)
    qtbot.addWidget(bar)
    assert bar.maximum() == 1000 and bar.isHidden()


def test_combos_keep_the_current_choice_when_refilled(qtbot):
    combo = choice_combo((("One", 1), ("Two", 2), ("Three", 3)), 1, name="Count")
    qtbot.addWidget(combo)
    assert combo.currentData() == 2 and combo.accessibleName() == "Count"
    changes = []
    combo.currentIndexChanged.connect(changes.append)
    refill(combo, [("Three", 3, "the tip"), ("Two", 2)], 2)
    assert combo.currentData() == 2 and combo.itemData(0, Qt.ItemDataRole.ToolTipRole) == "the tip"
    refill(combo, [("Four", 4)], 2)
    assert combo.currentData() == 4 and changes == []  # gone: the first item, and no signal while refilling
    assert isinstance(combo, QComboBox)


class FakeHandle(QObject):
    progress = Signal(object)
    returned = Signal(object)
    finished = Signal()


def test_wire_connects_in_order_and_refuses_unknown_signals():
    handle, heard = FakeHandle(), []
    assert wire(handle, returned=lambda r: heard.append(("first", r)), finished=lambda: heard.append("done"),
                progress=None) is handle
    handle.returned.connect(lambda r: heard.append(("later", r)))
    handle.returned.emit(5)
    handle.finished.emit()
    assert heard == [("first", 5), ("later", 5), "done"]
    with pytest.raises(TypeError, match="no signal 'returnd'"):
        wire(handle, returnd=print)
