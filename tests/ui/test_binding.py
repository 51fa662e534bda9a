"""Widgets bound to a session's settings: both ways, clamped, and a combo keeps what it offers."""
from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

from artdesk.core.observable import Settings
from artdesk.ui.binding import bind, none_at_minimum


@dataclass(frozen=True)
class Knobs:
    seed: int = 3
    weight: float = 0.5
    name: str = ""
    on: bool = False
    form: str = "b"


def widgets(qtbot):
    seed, weight, name, on, form = QSpinBox(), QDoubleSpinBox(), QLineEdit(), QCheckBox(), QComboBox()
    seed.setRange(0, 100)
    weight.setRange(0.0, 2.0)
    for key in ("a", "b"):
        form.addItem(key.upper(), key)
    for widget in (seed, weight, name, on, form):
        qtbot.addWidget(widget)
    return {"seed": seed, "weight": weight, "name": name, "on": on, "form": form}


def test_widgets_set_the_settings_and_the_settings_set_the_widgets(qtbot):
    settings = Settings(Knobs())
    bound = widgets(qtbot)
    bind(settings, bound)
    assert settings.value == Knobs(seed=0, weight=0.0, name="", on=False, form="a")  # the widgets' values first
    bound["seed"].setValue(42)
    bound["name"].setText("moon")
    bound["form"].setCurrentIndex(1)
    assert settings.value == Knobs(seed=42, weight=0.0, name="moon", on=False, form="b")
    settings.set(seed=7, weight=1.25, name="sea", on=True, form="a")
    assert (bound["seed"].value(), bound["weight"].value(), bound["name"].text()) == (7, 1.25, "sea")
    assert bound["on"].isChecked() and bound["form"].currentData() == "a"


def test_forged_values_are_clamped_or_refused_and_the_settings_say_what_is_shown(qtbot):
    settings = Settings(Knobs())
    bound = widgets(qtbot)
    bind(settings, bound)
    settings.set(seed=10**12, weight=-5.0, form="zzz")  # would overflow Qt; below the range; not offered
    assert (bound["seed"].value(), bound["weight"].value(), bound["form"].currentData()) == (100, 0.0, "a")
    assert (settings.value.seed, settings.value.weight, settings.value.form) == (100, 0.0, "a")


def test_a_combo_without_item_data_binds_its_text(qtbot):
    settings = Settings(Knobs(form="folk"))
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["celtic", "folk"])
    bind(settings, {"form": combo})
    assert settings.value.form == "celtic"
    settings.set(form="folk")
    assert combo.currentText() == "folk"


@dataclass(frozen=True)
class Dials:
    strength: int = 50
    steps: int | None = None


def test_a_slider_clamps_and_an_auto_spin_box_stands_for_none(qtbot):
    """Only a spin box marked none_at_minimum gives None; "off" at another's minimum stays a number (the poem's top-k)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QSlider

    strength, steps = QSlider(Qt.Orientation.Horizontal), QSpinBox()
    strength.setRange(0, 100)
    steps.setRange(-1, 1000)
    steps.setSpecialValueText("auto")
    steps.setValue(-1)
    none_at_minimum(steps)
    for widget in (strength, steps):
        qtbot.addWidget(widget)
    settings = Settings(Dials(strength=30, steps=5))
    bind(settings, {"strength": strength, "steps": steps})
    assert settings.value == Dials(strength=0, steps=None)  # -1 shows "auto": no number chosen
    strength.setValue(70)
    steps.setValue(250)
    assert settings.value == Dials(strength=70, steps=250)
    settings.set(strength=400, steps=None)
    assert (strength.value(), steps.value(), settings.value) == (100, -1, Dials(strength=100, steps=None))
    off = QSpinBox()
    off.setSpecialValueText("off")
    qtbot.addWidget(off)
    plain = Settings(Dials(steps=3))
    bind(plain, {"steps": off})
    assert plain.value.steps == 0
