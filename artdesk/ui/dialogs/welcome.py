"""The first-run welcome page: what each panel is for, with a one-click way into each.

The page only asks to open a panel (``example_requested``); the main window decides what that means,
so the page knows nothing of the panels' insides.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QPushButton, QScrollArea, QVBoxLayout, QWidget

from artdesk.ui.forms import heading_label, push_button, row, wrapped_label

DOMAINS = ("canvas", "music", "poem")


class QtWelcomeCard(QFrame):
    """One panel's introduction: a title, two sentences, and a button that opens it with an example."""

    def __init__(self, domain: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.domain = domain
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = heading_label(1.25)
        self.text = wrapped_label()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row(None, self.button))


class QtWelcomePage(QWidget):
    """Shown in a dock on the first start, and again from Help > Welcome."""

    example_requested = Signal(str)  # a domain ("canvas", "music", "poem"): open that panel with an example
    dismissed = Signal()  # the user closed the page with its own button

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        self.heading = heading_label(1.6)
        self.intro = wrapped_label()
        self.cards = {domain: QtWelcomeCard(domain) for domain in DOMAINS}
        for domain, card in self.cards.items():
            card.button.clicked.connect(lambda checked=False, d=domain: self.example_requested.emit(d))
        self.tips = wrapped_label()
        self.close_button = push_button("", self._on_close_button_clicked)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        for card in self.cards.values():
            layout.addWidget(card)
        layout.addWidget(self.tips)
        layout.addStretch(1)
        layout.addLayout(row(None, self.close_button))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Welcome to artdesk"))
        self.intro.setText(
            self.tr(
                "Make pictures, melodies and poems together with small models that run on this computer. "
                "Nothing is uploaded and nothing is downloaded: your work stays yours."
            )
        )
        texts = {
            "canvas": (
                self.tr("Canvas"),
                self.tr("Paint in layers, and let a picture model suggest images in a style you pick. "
                        "Keep the ones you like, vary them, or paint over them."),
                self.tr("Try the Canvas"),
            ),
            "music": (
                self.tr("Music"),
                self.tr("Let a melody model start or continue a tune, listen to it right away, "
                        "and save it as MIDI for your own music software."),
                self.tr("Try the Music panel"),
            ),
            "poem": (
                self.tr("Poem"),
                self.tr("Give a first line or a theme, in English or Chinese, and let the poem model "
                        "write on. Edit freely; every draft can be kept."),
                self.tr("Try the Poem panel"),
            ),
        }
        for domain, (title, text, button) in texts.items():
            card = self.cards[domain]
            card.title.setText(title)
            card.text.setText(text)
            card.button.setText(button)
            card.button.setAccessibleName(button)
            card.setAccessibleName(title)
        self.tips.setText(
            self.tr(
                "Switch panels with Ctrl+1, Ctrl+2 and Ctrl+3. Press F1 for all keyboard shortcuts. "
                "You can open this page again from Help > Welcome."
            )
        )
        self.close_button.setText(self.tr("Start creating"))
        self.close_button.setAccessibleName(self.tr("Close the welcome page"))
        self.setAccessibleName(self.tr("Welcome"))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_close_button_clicked(self) -> None:
        self.dismissed.emit()
