"""QtPlainSlider: a technical knob behind plain words binds like a spin box, keeps a restored number exactly, and
says the technical name and number in its tooltip."""
from PySide6.QtCore import Qt

from artdesk.core.observable import Settings
from artdesk.ui.binding import bind
from artdesk.ui.plain_slider import QtPlainSlider


def make(qtbot, value=1.0):
    slider = QtPlainSlider(0.1, 2.0, value, 0.05, tip="Technical name: temperature, now {0}.", name="Surprise")
    qtbot.addWidget(slider)
    return slider


def test_it_speaks_in_the_knobs_numbers_and_tells_them_in_the_tooltip(qtbot):
    slider = make(qtbot)
    assert (slider.minimum(), slider.maximum(), slider.value()) == (0.1, 2.0, 1.0)
    assert slider.toolTip() == "Technical name: temperature, now 1.00."
    slider.setValue(9.0)  # clamped, as a spin box would
    assert slider.value() == 2.0 and QtPlainSlider.__mro__[1].value(slider) == 38  # the handle at the last tick


def test_a_restored_number_between_ticks_is_kept_exactly_and_a_hand_move_takes_the_tick(qtbot):
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Knob:
        temperature: float = 1.0

    settings = Settings(Knob())
    slider = make(qtbot)
    bind(settings, {"temperature": slider})
    settings.set(temperature=0.73)  # a record from the command line, between two ticks
    assert slider.value() == 0.73 and settings.value.temperature == 0.73
    assert slider.toolTip().endswith("now 0.73.")
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key.Key_Right)  # the person moves it: one tick up from the handle (0.75)
    assert settings.value.temperature == 0.8 and slider.value() == 0.8
    slider.setValue(0.5)  # code sets it: the settings follow
    assert settings.value.temperature == 0.5
