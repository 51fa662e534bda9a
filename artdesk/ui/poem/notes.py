"""The notes a poem generation comes back with (``ml.poem.generate.validate``, in English as the command line
shows them), said again in the interface language; a note no pattern matches is shown as written."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from artdesk.ui.said_again import compile_patterns, said_again

CONTEXT = "PoemNotes"
NOTE_PATTERNS = (
    (r"The model never saw (.+); those theme characters are left out\.",
     QT_TRANSLATE_NOOP("PoemNotes", "The model never saw {0}; those theme characters are left out.")),
    (r"The model never saw the words (.+); they are left out of the theme\.",
     QT_TRANSLATE_NOOP("PoemNotes", "The model never saw the words {0}; they are left out of the theme.")),
    (r"This model takes its theme in Chinese characters; left out: (.+)\.",
     QT_TRANSLATE_NOOP("PoemNotes", "This model takes its theme in Chinese characters; left out: {0}.")),
    (r"This model takes its theme in English words; left out: (.+)\.",
     QT_TRANSLATE_NOOP("PoemNotes", "This model takes its theme in English words; left out: {0}.")),
    (r"No theme given: the model picks its own\.", QT_TRANSLATE_NOOP("PoemNotes", "No theme given: the model picks its own.")),
)
_COMPILED = compile_patterns(NOTE_PATTERNS)


def note_text(note: str) -> str:
    """One note in the interface language."""
    return said_again(CONTEXT, _COMPILED, note) or note
