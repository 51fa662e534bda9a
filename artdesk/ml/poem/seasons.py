"""The seasons a poem's theme sets, in English and Chinese (no torch): a poem on 寒江 or "winter river"
keeps the other seasons' words out of its plan (``planning.expansions``) and its lines (the theme pull)."""
from __future__ import annotations

SEASON_PENALTY = 4.0  # nats (logits) off a season's word when the theme is set in another season
# The words that name a season, and the theme words that set one (snow: winter; frost and 寒: autumn or winter).
SEASON_WORDS = {
    "en": {"spring": "spring", "springtime": "spring", "summer": "summer", "summers": "summer", "summertime": "summer",
           "autumn": "autumn", "autumns": "autumn", "winter": "winter", "winters": "winter", "wintry": "winter"},
    "zh": {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"},
}
SEASON_CUES = {
    "en": {"snow": "winter", "snows": "winter", "snowy": "winter", "ice": "winter", "icy": "winter", "sleet": "winter",
           "frost": "autumn winter", "frosty": "autumn winter", "harvest": "autumn"},
    "zh": {"雪": "winter", "冰": "winter", "寒": "autumn winter", "霜": "autumn winter", "暑": "summer"},
}


def out_of_season(words: tuple[str, ...], language: str) -> frozenset[str]:
    """The words (characters) naming a season other than the one the theme sets; empty when it sets none.
    寒江 is autumn or winter, so 春 and 夏 are out of season; "winter river" leaves out summer and spring."""
    names, cues = SEASON_WORDS[language], SEASON_CUES[language]
    seasons = {s for w in words for s in (names.get(w, "") + " " + cues.get(w, "")).split()}
    return frozenset(w for w, season in names.items() if season not in seasons) if seasons else frozenset()
