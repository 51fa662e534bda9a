"""The small widgets every form builds the same way: number boxes, buttons, rows, wrapped labels, progress bars.

Each helper sets a widget up in one call, so a panel's ``_build`` reads as the list of its controls.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QLayout, QProgressBar, QPushButton,
                               QSpinBox, QToolButton, QWidget)

PROGRESS_STEPS = 1000  # progress bars count in thousandths of the job


def _described(widget: QWidget, tip: str, name: str) -> None:
    widget.setToolTip(tip)
    if name:
        widget.setAccessibleName(name)  # what a screen reader (and a test) calls it


def int_spin(minimum: int, maximum: int, value: int | None = None, tip: str = "", name: str = "",
             prefix: str = "", suffix: str = "") -> QSpinBox:
    """A whole-number box from ``minimum`` to ``maximum`` showing ``value`` (the minimum when None)."""
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setValue(minimum if value is None else value)
    spin.setPrefix(prefix)
    spin.setSuffix(suffix)
    _described(spin, tip, name)
    return spin


def float_spin(minimum: float, maximum: float, value: float, step: float, decimals: int = 2, tip: str = "",
               name: str = "", prefix: str = "") -> QDoubleSpinBox:
    """A decimal box; ``decimals`` is set before the range so the range keeps its precision."""
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(minimum, maximum)
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setPrefix(prefix)
    _described(spin, tip, name)
    return spin


def choice_combo(items: tuple[tuple[str, Any], ...], current: int = 0, name: str = "") -> QComboBox:
    """A combo box of (words, data) items with item ``current`` chosen."""
    combo = QComboBox()
    for label, data in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(current)
    _described(combo, "", name)
    return combo


def push_button(text: str, clicked: Callable[[], Any] | None = None, tip: str = "",
                enabled: bool = True) -> QPushButton:
    """A button that calls ``clicked()`` with no arguments (Qt's "checked" flag is dropped, so an action method
    with optional parameters can be given as it is)."""
    button = QPushButton(text)
    if clicked is not None:
        button.clicked.connect(lambda _checked=False: clicked())
    button.setToolTip(tip)
    button.setEnabled(enabled)
    return button


def disclosure_button(text: str, toggled: Callable[[bool], Any]) -> QToolButton:
    """A checkable "Advanced"-style button whose arrow points right when closed and down when open; ``toggled(shown)``
    shows or hides what it discloses."""
    button = QToolButton()
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)  # else only the arrow shows
    button.setCheckable(True)
    button.setArrowType(Qt.ArrowType.RightArrow)

    def flip(shown: bool) -> None:
        button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        toggled(shown)

    button.toggled.connect(flip)
    return button


def wrapped_label(text: str = "", style: str = "", selectable: bool = False) -> QLabel:
    """A label that wraps its words; ``style`` is a style sheet (a notice's colours); ``selectable`` lets the
    user copy a message."""
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading_label(scale: float) -> QLabel:
    """A bold label whose font is ``scale`` times the usual size (a page's or a card's title)."""
    label = QLabel()
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def row(*items: QWidget | QLayout | tuple[QWidget | QLayout, int] | None) -> QHBoxLayout:
    """A horizontal row of widgets or layouts; ``(item, stretch)`` gives one item the spare width, and None is
    empty space that takes it (a button pushed to the right)."""
    layout = QHBoxLayout()
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def progress_bar(visible: bool = True) -> QProgressBar:
    """A bar counting thousandths of a job (``PROGRESS_STEPS``)."""
    bar = QProgressBar()
    bar.setRange(0, PROGRESS_STEPS)
    if not visible:
        bar.hide()  # never show(): a bar without a parent yet would open as a window
    return bar


def refill(combo: QComboBox, items: list[tuple[str, Any] | tuple[str, Any, str]], current: Any) -> None:
    """Replace a combo box's (words, data[, tip]) items without signals, choosing ``current`` where it is still
    offered, else the first item."""
    combo.blockSignals(True)
    combo.clear()
    for label, data, *tip in items:
        combo.addItem(label, data)
        if tip:
            combo.setItemData(combo.count() - 1, tip[0], Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)
