"""A slider that shows a technical knob (truncation, temperature) in plain words: the person moves between two
plain ends ("Safer" ... "Wilder"); the knob's technical name and exact number are in its tooltip.

``QtPlainSlider.value()`` and ``setValue()`` speak in the knob's own decimals, as a spin box would, so
``ui.binding.bind`` binds it the same way. A value set from code (a restored record) is kept exactly, even
between two ticks, so "Generate again" uses the very number the record holds; moving the slider by hand
gives the tick's value.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget


class QtPlainSlider(QSlider):
    """A horizontal slider over ``minimum``..``maximum`` in ticks of ``step``; ``tip`` is a tooltip with ``{0}``
    where the current number goes."""

    def __init__(self, minimum: float, maximum: float, value: float, step: float, tip: str, name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._minimum, self._maximum, self._step, self._tip = minimum, maximum, step, tip
        self._exact = minimum
        super().setRange(0, round((maximum - minimum) / step))
        self.setPageStep(max(1, round(0.25 / step)))
        self.setAccessibleName(name)
        super().valueChanged.connect(self._on_self_valueChanged)
        self.setValue(value)

    def minimum(self) -> float:  # type: ignore[override]
        return self._minimum

    def maximum(self) -> float:  # type: ignore[override]
        return self._maximum

    def value(self) -> float:  # type: ignore[override]
        return self._exact

    def setValue(self, value: float) -> None:  # type: ignore[override]  # noqa: N802 (Qt naming)
        """Keep ``value`` (clamped) exactly; the handle goes to the nearest tick."""
        exact = min(max(float(value), self._minimum), self._maximum)
        tick = round((exact - self._minimum) / self._step)
        changed = exact != self._exact
        self._exact = exact
        if tick != super().value():
            self.blockSignals(True)  # the tick's own value must not replace the exact one
            super().setValue(tick)
            self.blockSignals(False)
        self._show_value()
        if changed:
            self.valueChanged.emit(tick)

    def _on_self_valueChanged(self, tick: int) -> None:  # noqa: N802 (Qt naming)
        if self.signalsBlocked():
            return
        tick_value = round(self._minimum + tick * self._step, 6)
        if round((self._exact - self._minimum) / self._step) != tick:  # moved by hand (or keys): take the tick
            self._exact = tick_value
        self._show_value()

    def _show_value(self) -> None:
        self.setToolTip(self._tip.format(f"{self._exact:.2f}"))


def between_words(slider: QSlider, low: str, high: str) -> QHBoxLayout:
    """A row: ``low`` word, the slider, ``high`` word (what each end of the slider means)."""
    layout = QHBoxLayout()
    layout.addWidget(QLabel(low))
    layout.addWidget(slider, 1)
    layout.addWidget(QLabel(high))
    return layout
