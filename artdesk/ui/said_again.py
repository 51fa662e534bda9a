"""English written by core and ml code, said again in the interface language: each entry of a table pairs a
pattern the English must match whole with the words to show, where the matched groups fill {0}, {1}…"""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

Patterns = tuple[tuple[re.Pattern, str], ...]


def compile_patterns(table: tuple[tuple[str, str], ...]) -> Patterns:
    return tuple((re.compile(pattern), words) for pattern, words in table)


def said_again(context: str, patterns: Patterns, message: str) -> str | None:
    """``message`` in the interface language by the first pattern that matches it whole; None if none does."""
    for pattern, words in patterns:
        match = pattern.fullmatch(message)
        if match:
            return QCoreApplication.translate(context, words).format(*match.groups())
    return None
