"""Names a person would use for what the image models make: a style's display name ("Emoji"), and a
picture's name ("Emoji, pick 3"), for layers and gallery titles instead of job words or file hashes."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def style_label(style: str) -> str:
    """A model style's display name in the interface language (the key itself if unknown)."""
    labels = {  # literal calls, so lupdate finds them
        "clipart": QCoreApplication.translate("CanvasNames", "Clip art"),
        "emoji": QCoreApplication.translate("CanvasNames", "Emoji"),
        "sketch": QCoreApplication.translate("CanvasNames", "Sketch / line art"),
        "sprite": QCoreApplication.translate("CanvasNames", "Game sprite"),
        "kai": QCoreApplication.translate("CanvasNames", "Brush script (kai)"),
        "song": QCoreApplication.translate("CanvasNames", "Print (song)"),
        "hei": QCoreApplication.translate("CanvasNames", "Plain (hei)"),
        "face": QCoreApplication.translate("CanvasNames", "Faces"),
        "animal": QCoreApplication.translate("CanvasNames", "Animals"),
        "food": QCoreApplication.translate("CanvasNames", "Food"),
    }
    return labels.get(style, style)


def picture_name(record: dict) -> str:
    """What a generated picture is, from its provenance: "Emoji, pick 3", "Emoji, variation 2", or the
    model's name when the record has no style; "" when the record says nothing about a model."""
    if not isinstance(record, dict):
        return ""
    what = style_label(str(record["style"])) if record.get("style") else str(record.get("model") or "")
    if not what:
        return ""
    index = record.get("index")
    number = int(index) + 1 if isinstance(index, int) and not isinstance(index, bool) else None
    kinds = {
        "generate": QCoreApplication.translate("CanvasNames", "{0}, pick {1}"),
        "vary": QCoreApplication.translate("CanvasNames", "{0}, variation {1}"),
        "breed": QCoreApplication.translate("CanvasNames", "{0}, offspring {1}"),
        "interpolate": QCoreApplication.translate("CanvasNames", "{0}, blend step {1}"),
        "explore": QCoreApplication.translate("CanvasNames", "{0}, slide step {1}"),
        "project": QCoreApplication.translate("CanvasNames", "{0}, from my drawing"),
        "drawing as the model sees it": QCoreApplication.translate("CanvasNames", "{0}, my drawing as the model sees it"),
    }
    pattern = kinds.get(str(record.get("job") or "generate"), kinds["generate"])
    if number is None and "{1}" in pattern:
        return what
    return pattern.format(what, number)
