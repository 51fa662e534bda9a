"""The base of the fine-tune wizard's pages: each is a view of the wizard's one ``FinetuneSession``."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizardPage

from artdesk.ml.canvas.finetune.session import FinetuneSession

NOTICE_STYLE = "QLabel { background: #fff3cd; color: #533f03; padding: 4px; }"  # a warning the user should read


class QtFinetunePage(QWizardPage):
    """``context``: the app's; ``session``: the wizard's pictures, options and run."""

    def __init__(self, context, session: FinetuneSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = session
