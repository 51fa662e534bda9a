"""The small widgets every form builds the same way: number boxes, buttons, rows, wrapped labels, progress bars.

Each helper sets a widget up in one call, so a panel's ``_build`` reads as the list of its controls.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QLayout, QProgressBar, QPushButton, QSpinBox,
                               QWidget)

PROGRESS_STEPS = 1000  # progress bars count in thousandths of the job


def int_spin(minimum: int, maximum: int, value: int | None = None, tip: str = "", suffix: str = "") -> QSpinBox:
    """A whole-number box from ``minimum`` to ``maximum`` showing ``value`` (the minimum when None)."""
    spin = QSpinBox()
    spin.setRange(minimum, maximum)
    spin.setValue(minimum if value is None else value)
    spin.setSuffix(suffix)
    spin.setToolTip(tip)
    return spin


def float_spin(minimum: float, maximum: float, value: float, step: float, decimals: int = 2,
               tip: str = "") -> QDoubleSpinBox:
    """A decimal box; ``decimals`` is set before the range so the range keeps its precision."""
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(minimum, maximum)
    spin.setSingleStep(step)
    spin.setValue(value)
    spin.setToolTip(tip)
    return spin


def push_button(text: str, clicked: Callable | None = None, tip: str = "", enabled: bool = True) -> QPushButton:
    button = QPushButton(text)
    if clicked is not None:
        button.clicked.connect(clicked)
    button.setToolTip(tip)
    button.setEnabled(enabled)
    return button


def wrapped_label(text: str = "", style: str = "") -> QLabel:
    """A label that wraps its words; ``style`` is a style sheet (a notice's colours)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


def row(*items: QWidget | QLayout | tuple[QWidget | QLayout, int], margins: bool = True) -> QHBoxLayout:
    """A horizontal row of widgets or layouts; ``(item, stretch)`` gives one item the spare width."""
    layout = QHBoxLayout()
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    for item in items:
        item, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(item, QLayout):
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
