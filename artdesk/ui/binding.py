"""Two-way binding of a widget to one field of a session's settings (napari's small widgets over an evented model).

The widget's change sets the field; the field's change (a restored record, another view) sets the widget.
Spin boxes and sliders clamp what they are given, so a forged record cannot overflow Qt; a combo box given a
value it does not list keeps its own and puts that back in the settings. A spin box marked with
``none_at_minimum`` (its minimum reads "auto") stands for None there.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit, QWidget

from artdesk.core.observable import Settings

NONE_AT_MINIMUM = "none_at_minimum"  # a spin box property: its minimum stands for None ("auto")


def none_at_minimum(spin: QAbstractSpinBox) -> QAbstractSpinBox:
    """Mark ``spin`` so that its minimum binds as None (a knob left to the program)."""
    spin.setProperty(NONE_AT_MINIMUM, True)
    return spin


def widget_value(widget: QWidget) -> Any:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):  # its item data (None too: "auto"), or its text where no item carries data
        if all(widget.itemData(i) is None for i in range(widget.count())):
            return widget.currentText()
        return widget.currentData()
    if isinstance(widget, QAbstractSpinBox) and widget.property(NONE_AT_MINIMUM) and widget.value() == widget.minimum():
        return None
    return widget.value()


def set_widget_value(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        index = widget.findText(value) if index < 0 and isinstance(value, str) else index
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, (QAbstractSpinBox, QAbstractSlider)):
        value = widget.minimum() if value is None else min(max(value, widget.minimum()), widget.maximum())
        widget.setValue(type(widget.value())(value))
    else:
        raise TypeError(f"cannot bind a {type(widget).__name__}")


def changed_signal(widget: QWidget):
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QLineEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    return widget.valueChanged


def bind(settings: Settings, bindings: dict[str, QWidget]) -> None:
    """Bind each widget to its field, both ways; the settings take the widgets' values first."""

    def on_widget(name: str, widget: QWidget) -> None:
        settings.set(**{name: widget_value(widget)})

    def on_settings(names: set[str]) -> None:
        for name in names & bindings.keys():
            widget = bindings[name]
            set_widget_value(widget, settings.get(name))
            if widget_value(widget) != settings.get(name):  # clamped, or not offered: the widget's value holds
                settings.set(**{name: widget_value(widget)})

    for name, widget in bindings.items():
        changed_signal(widget).connect(lambda *_args, n=name, w=widget: on_widget(n, w))
    settings.connect(on_settings)
    settings.set(**{name: widget_value(widget) for name, widget in bindings.items()})
