"""Poem forms by the names an interface in either language shows (the Chinese forms keep their Chinese names)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from artdesk.ml.poem.forms import FORMS


def form_label(key: str) -> str:
    """A form's display name in the interface language; "" for an unknown key."""
    english = {  # literal calls, so lupdate finds them
        "en-free": QCoreApplication.translate("PoemNames", "Free verse"),
        "aabb": QCoreApplication.translate("PoemNames", "Quatrain (AABB)"),
        "abab": QCoreApplication.translate("PoemNames", "Quatrain (ABAB)"),
        "couplets": QCoreApplication.translate("PoemNames", "Couplets"),
        "haiku": QCoreApplication.translate("PoemNames", "Haiku (5-7-5)"),
        "en-acrostic": QCoreApplication.translate("PoemNames", "Acrostic"),
    }
    form = FORMS.get(key)
    return english.get(key, form.label if form else "")
