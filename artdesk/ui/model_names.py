"""What the shipped models are called where a person reads them: by what they make ("Glyphs", "Melodies"), in
the interface language, as the manual names them. Their folder names (glyphs-gan, melody-lstm) name a method
and stay in tooltips and records; a model you trained keeps the name you gave it."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from artdesk.core.cards import ModelCard


def shipped_model_name(name: str) -> str:
    """The plain name of a shipped model's folder ``name``; any other name as it is."""
    names = {  # literal calls, so lupdate finds them
        "glyphs-gan": QCoreApplication.translate("ModelNames", "Glyphs"),
        "canvas-gan": QCoreApplication.translate("ModelNames", "Mixed pictures"),
        "melody-lstm": QCoreApplication.translate("ModelNames", "Melodies"),
        "melody-vae": QCoreApplication.translate("ModelNames", "Morphs"),
        "poem-zh-lstm": QCoreApplication.translate("ModelNames", "Chinese poems"),
        "poem-en-words": QCoreApplication.translate("ModelNames", "English poems"),
    }
    return names.get(name, name)


def model_name(card: ModelCard) -> str:
    """A picker's name for ``card``: a shipped model's plain name, or the name you gave your own."""
    return card.name if card.is_user else shipped_model_name(card.name)


def model_tip(card: ModelCard) -> str:
    """A picker item's tooltip: the folder name (the technical one) and the card's description."""
    return f"{card.name}: {card.description}" if card.description else card.name
