"""The three measures of a finished fine-tune in plain words: a "closer / farther than the base model" bar,
how varied the pictures are, how many come too close to one of the user's, and the numbers under Details.

The numbers come from the model card only (one value per run). KID's unbiased estimate can dip below
zero; the user never sees a negative number: the bar shows the direction and size of the change, and
Details says "under 0.1" for a KID that small.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QToolButton, QVBoxLayout, QWidget

from artdesk.ml.canvas.finetune.plan import COLLAPSE_SHARE, TOO_CLOSE_LIMIT

WARNING_STYLE = "QLabel { background: #fff3cd; color: #533f03; padding: 4px; }"


def kid_text(kid: float) -> str:
    """KID x1000 for people: never negative (the estimate's noise), one decimal."""
    value = kid * 1000
    return QCoreApplication.translate("QtResultView", "under 0.1") if value < 0.1 else f"{value:.1f}"


def likeness_change(base_kid: float, tuned_kid: float) -> float:
    """-1..1, positive when the fine-tuned model is closer to the user's pictures than the base model."""
    scale = max(abs(base_kid), abs(tuned_kid), 1e-9)
    return max(-1.0, min(1.0, (base_kid - tuned_kid) / scale))


class QtResultView(QWidget):
    """Shows a fine-tuned model card's ``metrics`` (see ``run._finish``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.likeness = QProgressBar()
        self.likeness.setRange(0, 100)
        self.likeness.setAccessibleName("Likeness to your pictures")
        self.variety = QLabel()
        self.variety.setWordWrap(True)
        self.copying = QLabel()
        self.copying.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setCheckable(True)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.likeness, self.variety, self.copying, self.warning, self.details_button, self.details):
            layout.addWidget(widget)

    def show_metrics(self, metrics: dict) -> None:
        """Fill from a card's metrics; parts whose numbers are missing are hidden."""
        base, tuned = metrics.get("base_kid_vs_heldout"), metrics.get("kid_vs_heldout")
        warnings, details = [], []
        self.likeness.setVisible(base is not None and tuned is not None)
        if base is not None and tuned is not None:
            change = likeness_change(base, tuned)
            self.likeness.setValue(round(abs(change) * 100))
            self.likeness.setFormat(self.tr("Closer to your pictures than the base model") if change > 0 else
                                    self.tr("Farther from your pictures than the base model"))
            details.append(self.tr("Likeness (KID x1000 against your held-out pictures; lower is closer, "
                                   "noisy with few pictures): base model {0}, fine-tuned {1}")
                           .format(kid_text(base), kid_text(tuned)))
        diversity, user = metrics.get("diversity"), metrics.get("user_diversity")
        self.variety.setVisible(diversity is not None and bool(user))
        if diversity is not None and user:
            share = diversity / user
            self.variety.setText(self.tr("Variety: its pictures differ from one another {0:.0%} as much as yours "
                                         "do.").format(share))
            if share < COLLAPSE_SHARE:
                warnings.append(self.tr("Its pictures are nearly all alike. Try again with more of \"Keep the "
                                        "variety of the original model\", a shorter training, or more pictures."))
            details.append(self.tr("Diversity (mean distance between two of its pictures, in the measuring "
                                   "network's features): {0:.2f}; among your pictures: {1:.2f}").format(diversity, user))
        too_close = metrics.get("too_close_rate")
        self.copying.setVisible(too_close is not None)
        if too_close is not None:
            self.copying.setText(self.tr("Too close to one of your pictures: {0:.0%} of its pictures (under 5% is "
                                         "healthy).").format(too_close))
            if too_close >= TOO_CLOSE_LIMIT:
                warnings.append(self.tr("Many of its pictures are near copies of yours. Compare the closest pairs; "
                                        "an earlier snapshot, a shorter training or more pictures copy less."))
            details.append(self.tr("Too close: nearer to one of your training pictures than 95% of your held-out "
                                   "pictures are."))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        self.details.setText("\n".join(details))
        self.details_button.setVisible(bool(details))

    def _on_details_button_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
