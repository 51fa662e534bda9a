"""Music words in the interface language: styles, modes and the built-in instruments (a style a user's
model learned keeps its own name)."""
from __future__ import annotations

import re

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


def melody_title(metadata: dict) -> str:
    """A generated melody's title in the interface language. The models title their results in English in a
    few fixed shapes ("Folk melody in C major (1)", "... continued (2)", "Interpolation 1/5", "Variation 3");
    any other title (an imported tune's) is kept as it is."""
    title = str(metadata.get("title") or QCoreApplication.translate("MusicNames", "Melody"))
    made = re.fullmatch(r"(\w+) melody in (\S+) (major|minor) \((\d+)\)", title)
    if made:
        style, key, mode, number = made.groups()
        return QCoreApplication.translate("MusicNames", "{0} melody in {1} {2} ({3})").format(
            music_style_label(style.lower()).capitalize(), key, mode_label(mode), number)
    continued = re.fullmatch(r"(.*) continued \((\d+)\)", title)
    if continued:
        return QCoreApplication.translate("MusicNames", "{0}, continued ({1})").format(
            melody_title({"title": continued.group(1)}), continued.group(2))
    step = re.fullmatch(r"Interpolation (\d+)/(\d+)", title)
    if step:
        return QCoreApplication.translate("MusicNames", "Interpolation {0} of {1}").format(*step.groups())
    variation = re.fullmatch(r"Variation (\d+)", title)
    if variation:
        return QCoreApplication.translate("MusicNames", "Variation {0}").format(variation.group(1))
    return title
