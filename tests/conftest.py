"""Test setup: Qt offscreen, user folders in a temporary directory, no dangling threads."""
import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own ARTDESK_HOME; the real home is never touched."""
    home = tmp_path / "artdesk-home"
    monkeypatch.setenv("ARTDESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def no_dangling_threads():
    """Fail a test that leaves a Python or Qt worker thread running (napari's guard)."""
    before = set(threading.enumerate())
    yield
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon]
    assert not leftover, f"threads outlived the test: {leftover}"


@pytest.fixture(autouse=True)
def english_plurals(request):
    """Widgets under test read counted strings as the app shows them ("1 rule", "2 rules")."""
    if "qapp" in request.fixturenames or "qtbot" in request.fixturenames:
        from artdesk.ui.translation import install_english_plurals

        install_english_plurals(request.getfixturevalue("qapp"))


@pytest.fixture(autouse=True)
def collections_between_tests():
    """Once a Runner exists, collections run from the UI thread's event loop (``ui.collector``); a test that
    runs none still gets the collections its garbage is due, as the app's loop would run them."""
    yield
    import sys

    collector = sys.modules.get("artdesk.ui.collector")
    if collector is not None:
        collector.collect_due_garbage()


class DiscardAnswers:
    """Answers the "may I discard?" question in tests: ``answers`` are used in turn (then ``default``);
    ``asked`` records each question's text. A real modal dialog would wait forever offscreen."""

    def __init__(self):
        from PySide6.QtWidgets import QMessageBox

        self.buttons = QMessageBox.StandardButton
        self.default = self.buttons.Discard
        self.answers = []
        self.asked = []

    def __call__(self, _panel, unsaved):
        self.asked.append(unsaved)
        return self.answers.pop(0) if self.answers else self.default


@pytest.fixture(autouse=True)
def discard_answers(monkeypatch):
    """Every test answers the discard guard through this (Discard unless the test says otherwise)."""
    import artdesk.ui.discard

    answers = DiscardAnswers()
    monkeypatch.setattr(artdesk.ui.discard, "ask", answers)
    return answers


class RestartAnswers:
    """Answers "restart now?" after a language change in tests: ``answer`` (Later by default); ``asked`` counts."""

    def __init__(self):
        self.answer = False
        self.asked = 0

    def __call__(self, _parent):
        self.asked += 1
        return self.answer


@pytest.fixture(autouse=True)
def restart_answers(monkeypatch):
    """Every test answers the restart question through this (a real modal box would wait forever offscreen)."""
    import artdesk.ui.restart

    answers = RestartAnswers()
    monkeypatch.setattr(artdesk.ui.restart, "ask", answers)
    return answers
