"""Brush and fill settings: size, hardness, opacity, colour, pressure response, fill tolerance."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QSpinBox,
    QWidget,
)

from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.forms import int_spin, row

SWATCHES = ((0, 0, 0), (255, 255, 255), (200, 40, 40), (240, 160, 30), (245, 220, 60),
            (60, 160, 70), (40, 110, 200), (120, 60, 170), (130, 85, 50), (128, 128, 128))


def _slider_with_spin(low: int, high: int, value: int, suffix: str = "") -> tuple[QSlider, QSpinBox, QHBoxLayout]:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(low, high)
    spin = int_spin(low, high, suffix=suffix)
    slider.valueChanged.connect(spin.setValue)
    spin.valueChanged.connect(slider.setValue)
    slider.setValue(value)
    return slider, spin, row((slider, 1), spin)


class QtToolOptions(QWidget):
    def __init__(self, editor: QtCanvasEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        brush = editor.brush
        self.size_slider, self.size_spin, size_row = _slider_with_spin(1, 500, round(brush.size), " px")
        self.hardness_slider, _, hardness_row = _slider_with_spin(0, 100, round(brush.hardness * 100), " %")
        self.opacity_slider, _, opacity_row = _slider_with_spin(1, 100, round(brush.opacity * 100), " %")
        self.size_slider.setAccessibleName("Brush size")
        self.hardness_slider.setAccessibleName("Brush hardness")
        self.opacity_slider.setAccessibleName("Brush opacity")
        self.size_spin.valueChanged.connect(self._on_size_spin_valueChanged)
        self.hardness_slider.valueChanged.connect(self._on_hardness_slider_valueChanged)
        self.opacity_slider.valueChanged.connect(self._on_opacity_slider_valueChanged)

        self.colour_button = QPushButton()
        self.colour_button.setAccessibleName("Brush colour")
        self.colour_button.setToolTip(self.tr("Choose the brush colour"))
        self.colour_button.setMinimumHeight(28)
        self.colour_button.clicked.connect(self._on_colour_button_clicked)
        swatch_row = QHBoxLayout()
        swatch_row.setSpacing(2)
        for rgb in SWATCHES:
            swatch = QPushButton()
            swatch.setFixedSize(18, 18)
            swatch.setStyleSheet(f"background: rgb{rgb}; border: 1px solid #555;")
            swatch.setAccessibleName(f"Colour {rgb}")
            swatch.clicked.connect(lambda checked=False, c=rgb: self.set_colour(c))
            swatch_row.addWidget(swatch)
        swatch_row.addStretch(1)

        self.pressure_size = QCheckBox(self.tr("size"))
        self.pressure_size.setChecked(brush.pressure_size)
        self.pressure_size.toggled.connect(self._on_pressure_size_toggled)
        self.pressure_opacity = QCheckBox(self.tr("opacity"))
        self.pressure_opacity.setChecked(brush.pressure_opacity)
        self.pressure_opacity.toggled.connect(self._on_pressure_opacity_toggled)
        pressure_row = row(self.pressure_size, self.pressure_opacity, None)

        self.tolerance_spin = int_spin(0, 255, editor.fill_tolerance,
                                       self.tr("How different a colour may be and still be filled"))
        self.tolerance_spin.valueChanged.connect(self._on_tolerance_spin_valueChanged)
        self.fill_all = QCheckBox(self.tr("Fill looks at all layers"))
        self.fill_all.setChecked(editor.fill_all_layers)
        self.fill_all.toggled.connect(self._on_fill_all_toggled)

        form = QFormLayout(self)
        form.addRow(self.tr("Size"), size_row)
        form.addRow(self.tr("Hardness"), hardness_row)
        form.addRow(self.tr("Opacity"), opacity_row)
        form.addRow(self.tr("Colour"), self.colour_button)
        form.addRow("", swatch_row)
        form.addRow(self.tr("Pen pressure"), pressure_row)
        form.addRow(self.tr("Fill tolerance"), self.tolerance_spin)
        form.addRow("", self.fill_all)
        editor.colour_picked.connect(self._on_editor_colour_picked)
        self._show_colour()

    def set_colour(self, rgb: tuple[int, int, int]) -> None:
        self.editor.set_brush(colour=tuple(int(c) for c in rgb))
        self._show_colour()

    def set_size(self, size: int) -> None:
        self.size_spin.setValue(size)

    def _show_colour(self) -> None:
        r, g, b = self.editor.brush.colour
        text = "#ffffff" if (r * 299 + g * 587 + b * 114) < 128_000 else "#000000"
        self.colour_button.setText(f"#{r:02x}{g:02x}{b:02x}")
        self.colour_button.setStyleSheet(f"background: rgb({r}, {g}, {b}); color: {text};")

    # ----- slots -------------------------------------------------------------------------------
    def _on_size_spin_valueChanged(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.editor.set_brush(size=float(value))

    def _on_hardness_slider_valueChanged(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.editor.set_brush(hardness=value / 100.0)

    def _on_opacity_slider_valueChanged(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.editor.set_brush(opacity=value / 100.0)

    def _on_pressure_size_toggled(self, checked: bool) -> None:
        self.editor.set_brush(pressure_size=checked)

    def _on_pressure_opacity_toggled(self, checked: bool) -> None:
        self.editor.set_brush(pressure_opacity=checked)

    def _on_tolerance_spin_valueChanged(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.editor.fill_tolerance = value

    def _on_fill_all_toggled(self, checked: bool) -> None:
        self.editor.fill_all_layers = checked

    def _on_editor_colour_picked(self, _rgb: tuple) -> None:
        self._show_colour()

    def _on_colour_button_clicked(self) -> None:
        r, g, b = self.editor.brush.colour
        colour = QColorDialog.getColor(QColor(r, g, b), self, self.tr("Brush colour"))
        if colour.isValid():
            self.set_colour((colour.red(), colour.green(), colour.blue()))

    def sync(self) -> None:
        """Show the editor's current brush (after it was changed elsewhere)."""
        self.size_spin.setValue(round(self.editor.brush.size))
        self._show_colour()
