"""Chinese prosody under the 中华新韵 rule set (modern Mandarin readings from ``pypinyin``).

平 (level) = first and second tones; 仄 (oblique) = third and fourth. Rhyme groups are the 14
groups of 中华新韵. Modern readings differ from classical prosody for the old entering tone
(入声: 白, 国, 独 read level today but were oblique); ``eval`` measures the agreement with the
``strains`` field of the Tang data. Each character takes its most common reading.
"""
from __future__ import annotations

from functools import lru_cache

RULE_SET = "中华新韵 (modern Mandarin tones via pypinyin)"
LEVEL, OBLIQUE = "平", "仄"
GROUPS = {
    "麻": ("a", "ia", "ua"), "波": ("o", "e", "uo"), "皆": ("ie", "ve", "üe"), "开": ("ai", "uai"),
    "微": ("ei", "uei"), "豪": ("ao", "iao"), "尤": ("ou", "iou"), "寒": ("an", "ian", "uan", "van", "üan"),
    "文": ("en", "in", "uen", "vn", "ün"), "唐": ("ang", "iang", "uang"), "庚": ("eng", "ing", "ong", "iong", "ueng"),
    "齐": ("i", "er", "v", "ü"), "姑": ("u",),
}
FINAL_GROUP = {final: group for group, finals in GROUPS.items() for final in finals}
APICAL_INITIALS = {"zh", "ch", "sh", "r", "z", "c", "s"}


def is_hanzi(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=50_000)
def reading(ch: str) -> tuple[str, str, int] | None:
    """(initial, final, tone 1-5) of one character's most common reading, or None for a non-hanzi."""
    if not is_hanzi(ch):
        return None
    from pypinyin import Style, pinyin

    tone3 = pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
    if not tone3 or not tone3[0]:
        return None
    syllable = tone3[0][0]
    tone = int(syllable[-1]) if syllable[-1].isdigit() else 5
    final = pinyin(ch, style=Style.FINALS, strict=True)[0][0]
    initial = pinyin(ch, style=Style.INITIALS, strict=True)[0][0]
    return initial, final, tone


def tone(ch: str) -> str | None:
    """平 or 仄 (None for a non-hanzi; a neutral-tone reading counts as 仄)."""
    found = reading(ch)
    if found is None:
        return None
    return LEVEL if found[2] in (1, 2) else OBLIQUE


def rhyme_group(ch: str) -> str | None:
    """The 中华新韵 group of a character (十三支 for zhi/chi/shi/ri/zi/ci/si), or None."""
    found = reading(ch)
    if found is None:
        return None
    initial, final, _ = found
    if final == "i" and initial in APICAL_INITIALS:
        return "支"
    return FINAL_GROUP.get(final)


def may_double(line: str, ch: str) -> bool:
    """True when writing ``ch`` after ``line`` makes a reduplication (叠字) the corpus uses, as in 青青 (not 青青青)."""
    from artdesk.ml.poem import lexicon

    return bool(line) and line[-1] == ch and line[-2:-1] != ch and ch in lexicon.reduplicable()


def couplet_repeats(bodies: list[str]) -> list[tuple[int, int, str]]:
    """(line, position, character) of each character written again within its couplet (lines 1-2, 3-4, ...),
    except the second half of a reduplication the corpus uses."""
    found = []
    for first in range(0, len(bodies), 2):
        seen: dict[str, int] = {}
        for index in (first, first + 1)[: len(bodies) - first]:
            body = bodies[index]
            for pos, ch in enumerate(body):
                if not is_hanzi(ch):
                    continue
                if seen.get(ch) and not (seen[ch] == 1 and may_double(body[:pos], ch)):
                    found.append((index, pos, ch))
                seen[ch] = seen.get(ch, 0) + 1
    return found


def required_tones(line_length: int, lines: int, first_second_tone: str) -> list[dict[int, str]]:
    """For each line, the tone required at positions 2, 4 (and 6) and at the line end (0-based keys).

    Rules: 二四六分明 (2 and 4 differ, 2 and 6 agree), 对 (a couplet's second line opposes its
    first), 粘 (the next couplet's first line follows the line before), rhyming lines end level,
    non-rhyming lines after the first end oblique."""
    flip = {LEVEL: OBLIQUE, OBLIQUE: LEVEL}
    positions = [1, 3, 5] if line_length == 7 else [1, 3]
    out = []
    second = first_second_tone
    for index in range(lines):
        if index > 0:
            second = flip[second] if index % 2 == 1 else second  # 对 on even lines, 粘 on odd ones
        need = {}
        value = second
        for position in positions:
            need[position] = value
            value = flip[value]
        if index % 2 == 1:
            need[line_length - 1] = LEVEL
        elif index > 0:
            need[line_length - 1] = OBLIQUE
        out.append(need)
    return out
