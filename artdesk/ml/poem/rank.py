"""Ranking poem candidates by the checker, the theme and the model's score, with the reason in plain
words (no torch). Order: fewer broken rules first, then poems that hold their theme, then (English) fewer
lines without a verb (phrases, not clauses: "The stream and the mountain side."), then (English) fewer forced
rhymes (a rhyme word the model would hardly have written there: "the sky worth"), then the model's mean
log-probability per character plus ``PLAN_WEIGHT`` times the share of planned line words used."""
from __future__ import annotations

from dataclasses import dataclass

PLAN_WEIGHT = 0.3  # nats per character for using every planned word: a tie-breaker, not a rule


@dataclass(frozen=True)
class Standing:
    """What ranks a candidate: broken rules, theme held, planned words used of planned, model score."""

    violations: int
    first_issue: str
    uses_theme: bool | None  # None: no theme was given
    planned_used: int
    planned: int
    mean_logprob: float
    verbless: int = 0  # English lines without a verb (``WordGrams.has_verb``); 0 in Chinese
    forced_rhymes: int = 0  # English rhymed lines that end on a word the model would hardly write there

    @property
    def score(self) -> float:
        return self.mean_logprob + PLAN_WEIGHT * self.planned_used / max(1, self.planned)

    @property
    def key(self) -> tuple:
        return (self.violations, not self.uses_theme, self.verbless, self.forced_rhymes, -self.score)


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def order(standings: list[Standing]) -> list[int]:
    """Indices of ``standings``, best first (ties keep generation order)."""
    return sorted(range(len(standings)), key=lambda i: (standings[i].key, i))


BECAUSE = {"rules": "it breaks more rules", "theme": "it drifts from the theme",
           "verbs": "more of its lines are phrases without a verb", "forced": "more of its rhymes are forced", "plan": "it uses fewer of the planned words", "score": "the model finds it less natural"}


def below_because(s: Standing, above: Standing) -> str:
    """Why ``s`` ranks below ``above``: "rules", "theme", "verbs", "forced", "plan" or "score" (keys of
    ``BECAUSE``)."""
    if s.violations > above.violations:
        return "rules"
    if s.uses_theme != above.uses_theme:
        return "theme"
    if s.verbless > above.verbless:
        return "verbs"
    if s.forced_rhymes > above.forced_rhymes:
        return "forced"
    if s.planned_used < above.planned_used:
        return "plan"
    return "score"


def reasons(ranked: list[Standing]) -> list[str]:
    """One sentence per ranked candidate: what it does well, and why it is below the one above it."""
    out = []
    for place, s in enumerate(ranked):
        rules = "keeps every rule of the form" if not s.violations else (
            f"breaks {s.violations} rule{'s' if s.violations > 1 else ''} ({s.first_issue})")
        theme = "" if s.uses_theme is None else "stays on the theme" if s.uses_theme else "drifts from the theme"
        words = f"uses {s.planned_used} of its {s.planned} planned line words" if s.planned else ""
        verbs = f"has {s.verbless} line{'s' if s.verbless > 1 else ''} without a verb" if s.verbless else ""
        forced = f"has {s.forced_rhymes} forced rhyme{'s' if s.forced_rhymes > 1 else ''}" if s.forced_rhymes else ""
        parts = ", ".join(p for p in (rules, theme, verbs, forced, words) if p)
        if place == 0:
            why = "the best: it " + parts
        else:
            because = BECAUSE[below_because(s, ranked[place - 1])]
            why = f"{_ordinal(place + 1)}: it {parts}; below the {_ordinal(place)} because {because}"
        out.append(why[0].upper() + why[1:] + ".")
    return out
