"""The app speaks to artists in plain words: what a person sees on the Canvas, Music and Gallery panels, their
docks and the menus (English and Chinese) names no machine-learning term. The technical name and number of a
control live in its tooltip (or a folded Details section), which this scan leaves out on purpose."""
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDockWidget, QWidget

from artdesk.ui.app import build_window, translations
from tests.ui.test_zh_complete import visible_texts

PANELS = ("canvas", "music", "gallery", "poem")
JARGON = re.compile(
    r"\b(temperature|truncat\w*|latent|kid|seeds?|logits?|top[- ]?[kp]|epochs?|learning rate|lr|gan|vae|lstm|"
    r"encoder|decoder|optimi[sz]\w*|interpolat\w*|stylizer|upscaler|nearest neighbour|checkpoint|tensor|"
    r"inference|sampling|project(ion)?)\b"
    r"|温度|截断|潜|种子|对数|轮次|学习率|编码器|解码器|优化|插值|采样|检查点|张量|推理|投影",
    re.IGNORECASE)
SHOWN_AS_IS = ("toolTip", "action tip")  # where the technical words belong


def jargon_on(widgets, proper_names: list[str]) -> list[str]:
    """'<widget> <what>: <text> -> <terms>' for each shown text naming a term (model names are proper names)."""
    found = set()
    for widget in widgets:
        for what, text in visible_texts(widget):
            if what in SHOWN_AS_IS or not text:
                continue
            for name in proper_names:
                text = text.replace(name, " ")
            terms = [m.group(0) for m in JARGON.finditer(text)]
            if terms:
                found.add(f"{type(widget).__name__} {what}: {text!r} -> {terms}")
    return sorted(found)


def shown_widgets(qtbot, window) -> list[QWidget]:
    """Every widget a person sees on the panels (each tabbed dock raised in turn) and the menus."""
    widgets = []
    for name in PANELS:
        page = window.show_panel(name)
        qtbot.waitUntil(page.panel.isVisible)  # a built panel is shown on the next event-loop turn
        docks = page.findChildren(QDockWidget)
        for dock in docks or [None]:
            if dock is not None:
                dock.show()
                dock.raise_()
                qtbot.waitUntil(dock.widget().isVisible)
            widgets += [w for w in [page, *page.findChildren(QWidget)] if w.isVisibleTo(window)]
    for menu in (window.file_menu, window.edit_menu, window.models_menu, window.view_menu, window.help_menu):
        menu.aboutToShow.emit()
        widgets.append(menu)
    for dialog in dialogs(window):
        dialog.show()
        widgets += [w for w in [dialog, *dialog.findChildren(QWidget)] if w.isVisibleTo(dialog)]
        dialog.close()
    return widgets


def dialogs(window) -> list[QWidget]:
    """The dialogs the Canvas, Music and Gallery panels open, and the menus' (the fine-tune wizard has its own
    checks)."""
    from artdesk.core.board import BoardRow
    from artdesk.ui.gallery.board import BoardDialog
    from artdesk.ui.music.finetune_dialog import FinetuneDialog
    from artdesk.ui.panels.canvas import QtNewCanvasDialog

    return [window.open_preferences(), window.open_about(), window.open_model_library(), window.open_shortcuts(),
            QtNewCanvasDialog((640, 480), window), FinetuneDialog(Path("melody-lstm"), "melody-lstm", window),
            BoardDialog([BoardRow("a", "canvas", "画", 0, technique=3.0)], lambda *_: None, window)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_panels_and_menus_speak_plain_words(qtbot, qapp, isolated_home, language):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(f'version = 1\n[general]\nlanguage = "{language}"\n')
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        names = [card.name for card in window.context.discover().cards]
        found = jargon_on(shown_widgets(qtbot, window), names)
    finally:
        window.shut_down()
        window.close()
        translations(qapp, window.context.paths.resources / "i18n").install("en")
    assert not found, f"{len(found)} technical texts shown ({language}):\n" + "\n".join(found)


def test_the_scan_catches_jargon_and_spares_tooltips_and_model_names(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel("Truncation 截断 glyphs-gan")
    label.setToolTip("Technical name: temperature")
    assert jargon_on([label], ["glyphs-gan"]) == ["QLabel text: 'Truncation 截断  ' -> ['Truncation', '截断']"]


PROGRESS = ("Generating 1-16 of 16", "Walking 3 of 16", "Breeding 1-8 of 8", "Projecting: step 3 of 60, distance 0.123",
            "Projected", "Painting strokes (1 of 3)…", "Painting: step 5/150, style distance 0.0123",
            "Preparing oil painting…", "Mine: step 10/600, style 0.1234, content 0.123, overshoot 0.0001",
            "Mine: measuring held-out metrics…", "update 20: loss 1.234/step", "update 40: recon 0.12 kl 3.4",
            "Resumed at update 120", "Interpolating…", "Composing…", "draft 2 of 6")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_progress_messages_are_said_plainly_without_technical_numbers(qapp, language):
    from artdesk.core.paths import app_paths
    from artdesk.ui.job_titles import progress_text

    translations(qapp, app_paths().resources / "i18n").install(language)
    try:
        shown = {message: progress_text(message) for message in PROGRESS}
    finally:
        translations(qapp, app_paths().resources / "i18n").install("en")
    for message, text in shown.items():
        assert not JARGON.search(text) and not re.search(r"\d\.\d|loss|distance|held-out|update", text), (message, text)
        assert language == "en" or re.search(r"[\u4e00-\u9fff]", text), (message, text)
    assert shown["Walking 3 of 16"].count("3") == 1 and "16" in shown["Walking 3 of 16"]  # the counts stay
