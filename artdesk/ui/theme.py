"""Light and dark themes: the Fusion style with our palettes, following the system unless the user chose one.

``QtThemeManager(app).apply(choice)`` with ``choice`` in ``THEMES``; "system" re-applies whenever the
system's colour scheme changes (Qt's ``QStyleHints.colorSchemeChanged``). An unknown system scheme is light.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

# (role, light, dark): calm greys with one accent, readable at AA contrast in both.
_COLOURS = (
    (_Role.Window, "#f3f3f5", "#26272e"),
    (_Role.WindowText, "#1d1d22", "#e6e6ea"),
    (_Role.Base, "#ffffff", "#1d1e24"),
    (_Role.AlternateBase, "#eceef2", "#2b2c34"),
    (_Role.ToolTipBase, "#fffbe6", "#32333c"),
    (_Role.ToolTipText, "#1d1d22", "#e6e6ea"),
    (_Role.PlaceholderText, "#7a7b85", "#8b8c96"),
    (_Role.Text, "#1d1d22", "#e6e6ea"),
    (_Role.Button, "#e9e9ee", "#33343d"),
    (_Role.ButtonText, "#1d1d22", "#e6e6ea"),
    (_Role.BrightText, "#c0392b", "#ff7b6b"),
    (_Role.Light, "#ffffff", "#43444e"),
    (_Role.Midlight, "#dcdce2", "#393a44"),
    (_Role.Mid, "#b9bac2", "#2d2e36"),
    (_Role.Dark, "#9c9da6", "#17181d"),
    (_Role.Shadow, "#5c5d66", "#0c0c10"),
    (_Role.Highlight, "#d9653b", "#e07a52"),
    (_Role.HighlightedText, "#ffffff", "#16161a"),
    (_Role.Link, "#b4492a", "#f0a07e"),
    (_Role.LinkVisited, "#8e3a6e", "#d39ac0"),
)
_DISABLED = ((_Role.WindowText, "#9a9aa3", "#74757e"), (_Role.Text, "#9a9aa3", "#74757e"), (_Role.ButtonText, "#9a9aa3", "#74757e"))


def make_palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, light_colour, dark_colour in _COLOURS:
        palette.setColor(role, QColor(dark_colour if dark else light_colour))
    for role, light_colour, dark_colour in _DISABLED:
        palette.setColor(_Group.Disabled, role, QColor(dark_colour if dark else light_colour))
    return palette


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


class QtThemeManager(QObject):
    """Applies a theme to the application and keeps following the system while the choice is "system"."""

    theme_applied = Signal(str)  # "light" or "dark", after each change of the palette

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.choice = "system"
        self.applied = ""
        app.styleHints().colorSchemeChanged.connect(self._on_style_hints_color_scheme_changed)

    def apply(self, choice: str) -> str:
        """Apply "system", "light" or "dark" (anything else means "system"); returns "light" or "dark"."""
        self.choice = choice if choice in THEMES else "system"
        dark = system_is_dark(self.app) if self.choice == "system" else self.choice == "dark"
        if self.app.style().name().lower() != "fusion":
            self.app.setStyle("Fusion")
        self.app.setPalette(make_palette(dark))
        self.applied = "dark" if dark else "light"
        self.theme_applied.emit(self.applied)
        return self.applied

    def _on_style_hints_color_scheme_changed(self, _scheme) -> None:
        if self.choice == "system":
            self.apply("system")
