"""Poem forms: line counts, line lengths or syllables, rhyme schemes, acrostics (no torch)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    key: str
    language: str  # "zh" or "en"
    label: str
    tag: str  # the model's form tag
    lines: int | None = None  # None: the model decides (free forms) or the acrostic's length
    chars: int | None = None  # Chinese characters per line
    syllables: tuple[int, ...] | None = None  # English syllables per line (cycled)
    scheme: str | None = None  # rhyme letters per line, cycled; "x" = free, e.g. "xAxA", "AABB"
    acrostic: bool = False
    tones: bool = False  # regulated verse: level/oblique pattern applies

    def scheme_for(self, count: int) -> str:
        if not self.scheme:
            return "x" * count
        letters = []
        for index in range(count):
            letter = self.scheme[index % len(self.scheme)]
            if letter != "x" and len(self.scheme) < count and self.language == "en":
                letter = chr(ord(letter) + 2 * (index // len(self.scheme)))  # AABB CCDD ... for longer poems
            letters.append(letter)
        return "".join(letters)


FORMS: dict[str, Form] = {f.key: f for f in (
    Form("wujue", "zh", "五言绝句", "<5j>", 4, 5, scheme="xAxA", tones=True),
    Form("qijue", "zh", "七言绝句", "<7j>", 4, 7, scheme="xAxA", tones=True),
    Form("wulv", "zh", "五言律诗", "<5l>", 8, 5, scheme="xAxA", tones=True),
    Form("qilv", "zh", "七言律诗", "<7l>", 8, 7, scheme="xAxA", tones=True),
    Form("cangtou5", "zh", "藏头诗（五言）", "<5j>", None, 5, scheme="xAxA", acrostic=True),
    Form("cangtou7", "zh", "藏头诗（七言）", "<7j>", None, 7, scheme="xAxA", acrostic=True),
    Form("zh-free", "zh", "自由（古体）", "<free>"),
    Form("en-free", "en", "Free verse", "<free>"),
    Form("aabb", "en", "Quatrain (AABB)", "<aabb>", 4, scheme="AABB"),
    Form("abab", "en", "Quatrain (ABAB)", "<abab>", 4, scheme="ABAB"),
    Form("couplets", "en", "Couplets", "<aabb>", 4, scheme="AA"),
    Form("haiku", "en", "Haiku (5-7-5)", "<free>", 3, syllables=(5, 7, 5)),
    Form("en-acrostic", "en", "Acrostic", "<free>", None, acrostic=True),
)}
MAX_ACROSTIC = {"zh": 8, "en": 16}
MAX_FREE_LINES = 16


def forms_for(language: str) -> list[Form]:
    return [f for f in FORMS.values() if f.language == language]


def get_form(key: str) -> Form:
    if key not in FORMS:
        raise KeyError(f"unknown poem form {key!r}; known: {', '.join(FORMS)}")
    return FORMS[key]


def zh_tag_for(lines: int, chars: int) -> str:
    """The form tag that fits a Chinese poem of this shape (acrostics of 4 or 8 lines use regulated tags)."""
    if chars in (5, 7) and lines in (4, 8):
        return f"<{chars}{'j' if lines == 4 else 'l'}>"
    return "<free>"
