"""The list of a generation's candidates, best first, each saying in plain words why it ranks there."""
from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from artdesk.ml.poem.rank import below_because


class QtPoemCandidates(QListWidget):
    """Shows a PoemResult's candidates; ``currentRowChanged`` says which one the artist picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(self.tr("The best drafts, best first, each with why it ranks there. Click to show."))

    def show_result(self, result, row: int) -> None:
        """List ``result``'s candidates with ``row`` current (no ``currentRowChanged`` for it)."""
        self.blockSignals(True)
        self.clear()
        standings = [candidate.standing for candidate in result.candidates]
        for number, candidate in enumerate(result.candidates):
            first = candidate.lines[0] if candidate.lines else ""
            item = QListWidgetItem(f"{number + 1}. {first} …  {self.reason_text(standings, number)}")
            item.setToolTip(self.tr("Details: %n rule(s) of the form broken; the model's score {0:.2f} (how "
                                    "natural it finds each character on average: nearer 0 is more natural); "
                                    "planned words per line: {1}", "", candidate.violations).format(
                candidate.mean_logprob, " / ".join(k or "–" for k in candidate.plan)))
            self.addItem(item)
        self.setCurrentRow(row)
        self.blockSignals(False)

    def reason_text(self, standings, place: int) -> str:
        """Why candidate ``place`` ranks where it does, in plain words (from its ``rank.Standing``)."""
        s = standings[place]
        parts = [self.tr("keeps every rule") if not s.violations else self.tr("breaks %n rule(s)", "", s.violations)]
        if s.uses_theme is not None:  # None: no theme was given
            parts.append(self.tr("stays on the theme") if s.uses_theme else self.tr("drifts from the theme"))
        if s.verbless:
            parts.append(self.tr("%n line(s) without a verb", "", s.verbless))
        if s.forced_rhymes:
            parts.append(self.tr("%n forced rhyme(s)", "", s.forced_rhymes))
        if s.planned:
            parts.append(self.tr("uses {0} of {1} planned words").format(s.planned_used, s.planned))
        if place == 0:
            return self.tr("Best: {0}.").format(", ".join(parts))
        because = {"rules": self.tr("it breaks more rules"), "theme": self.tr("it drifts from the theme"),
                   "verbs": self.tr("more of its lines are phrases without a verb"),
                   "forced": self.tr("more of its rhymes are forced"),
                   "plan": self.tr("it uses fewer planned words"),
                   "score": self.tr("it reads less naturally")}[below_because(s, standings[place - 1])]
        return self.tr("{0}; below {1} because {2}.").format(", ".join(parts), place, because)
