"""Music words in the interface language: styles, modes and the built-in instruments (a style a user's
model learned keeps its own name)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def music_style_label(style: str) -> str:
    labels = {  # literal calls, so lupdate finds them
        "classical": QCoreApplication.translate("MusicNames", "classical"),
        "folk": QCoreApplication.translate("MusicNames", "folk"),
        "celtic": QCoreApplication.translate("MusicNames", "celtic"),
    }
    return labels.get(style, style)


def mode_label(mode: str) -> str:
    labels = {"major": QCoreApplication.translate("MusicNames", "major"),
              "minor": QCoreApplication.translate("MusicNames", "minor")}
    return labels.get(mode, mode)


def instrument_label(name: str, fallback: str) -> str:
    """A built-in instrument's name (``fallback``, the synthesizer's English label, for any other)."""
    labels = {"piano": QCoreApplication.translate("MusicNames", "Piano"),
              "plucked": QCoreApplication.translate("MusicNames", "Plucked string"),
              "organ": QCoreApplication.translate("MusicNames", "Organ"),
              "square": QCoreApplication.translate("MusicNames", "Soft square")}
    return labels.get(name, fallback)
