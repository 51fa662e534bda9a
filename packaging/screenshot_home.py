"""A throw-away artdesk session for the screenshot scripts beside this file: a fresh home in one interface
language, whose scripted work is discarded without asking when its windows close."""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def fresh_home(language: str = "en"):
    """Point ARTDESK_HOME at an empty folder whose settings choose ``language``; yields the folder.

    Inside, the discard guard answers Discard: a screenshot's painting is not the artist's, and a
    Save / Discard / Cancel question on close would wait forever in a script."""
    from PySide6.QtWidgets import QMessageBox

    from artdesk.ui import discard

    asked = discard.ask
    with tempfile.TemporaryDirectory() as home:
        os.environ["ARTDESK_HOME"] = home
        config = Path(home) / "config"
        config.mkdir(parents=True)
        (config / "settings.toml").write_text(f'version = 1\n[general]\nlanguage = "{language}"\n', encoding="utf-8")
        discard.ask = lambda _panel, _unsaved: QMessageBox.StandardButton.Discard
        try:
            yield Path(home)
        finally:
            discard.ask = asked
