"""English and Simplified Chinese: every string translated, the system language followed, switching in preferences."""
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from artdesk.ui.app import build_window, translations
from artdesk.ui.translation import resolve_language, system_language

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def load_i18n_tool():
    spec = importlib.util.spec_from_file_location("artdesk_i18n", ROOT / "packaging" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_user_visible_string_has_a_chinese_translation():
    """Runs pyside6-lupdate over artdesk/ui now, so a new tr() string without Chinese fails here."""
    problems = load_i18n_tool().check()
    assert not problems, f"{len(problems)} problems; fix with packaging/i18n.py (see its docstring):\n" + "\n".join(problems[:40])


def test_the_check_catches_a_missing_translation(tmp_path, monkeypatch):
    i18n = load_i18n_tool()
    scanned = tmp_path / "ui"
    scanned.mkdir()
    (scanned / "fresh.py").write_text("from PySide6.QtWidgets import QWidget\nclass Fresh(QWidget):\n    def f(self):\n        return self.tr('A string nobody translated yet')\n")
    monkeypatch.setattr(i18n, "SCANNED", scanned)
    assert any("A string nobody translated yet" in p for p in i18n.check())


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("zh_TW", "en"), ("zh_HK", "en"), ("de_DE", "en"), ("en_GB", "en"), ("C", "en")],
)
def test_system_language_falls_back_to_english(locale, expected):
    assert system_language(QLocale(locale)) == expected


def test_choice_overrides_the_system_and_unknown_choices_follow_it():
    assert resolve_language("zh_CN", QLocale("de_DE")) == "zh_CN"
    assert resolve_language("en", QLocale("zh_CN")) == "en"
    assert resolve_language("klingon", QLocale("zh_CN")) == "zh_CN"
    assert resolve_language("system", QLocale("fr_FR")) == "en"


def test_chinese_setting_translates_the_window(qtbot, qapp, isolated_home):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('version = 1\n[general]\nlanguage = "zh_CN"\n')
    window = build_window(qapp)
    qtbot.addWidget(window)
    try:
        assert CJK.search(window.tabs.tabText(0)), window.tabs.tabText(0)
        assert CJK.search(window.file_menu.title())
        assert CJK.search(window.welcome.heading.text())
    finally:
        translations(qapp, window.context.paths.resources / "i18n").install("en")
        window.close()


def test_switching_language_in_preferences_retranslates_at_once(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    assert window.file_menu.title() == "&File"
    dialog = window.open_preferences()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.save()
    dialog.close()
    try:
        qtbot.waitUntil(lambda: CJK.search(window.file_menu.title()) is not None, timeout=3000)
        assert CJK.search(window.welcome.close_button.text())
        dialog = window.open_preferences()
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.save()
        dialog.close()
        qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=3000)
    finally:
        translations(qapp, window.context.paths.resources / "i18n").install("en")
        window.close()


def test_missing_translation_files_fall_back_to_english(qtbot, qapp, tmp_path):
    from artdesk.ui.translation import QtTranslations

    manager = QtTranslations(qapp, tmp_path / "nowhere")
    try:
        assert manager.install("zh_CN") == "en"
    finally:
        manager.deleteLater()


def test_job_titles_and_fixed_progress_messages_show_in_chinese(qapp):
    from artdesk.ui.job_titles import job_title, progress_text

    manager = translations(qapp, ROOT / "resources" / "i18n")
    try:
        assert manager.install("zh_CN") == "zh_CN"
        assert job_title("Generate pictures") == "生成图片"
        assert progress_text("Checked") == "已检查"
        assert CJK.search(job_title("Fine-tune My sprites")) and job_title("Fine-tune My sprites").endswith("My sprites")
        assert job_title("Some new job") == "Some new job"  # not a fixed title: left as the code wrote it
        assert progress_text("Step 3 of 10") == "Step 3 of 10"
    finally:
        manager.install("en")
    assert job_title("Generate pictures") == "Generate pictures"


def test_counted_strings_read_as_english_and_as_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    def broken(n: int) -> str:
        return QCoreApplication.translate("QtPoemCandidates", "breaks %n rule(s)", "", n)

    manager = translations(qapp, ROOT / "resources" / "i18n")
    try:
        assert manager.install("en") == "en"
        assert (broken(1), broken(3)) == ("breaks 1 rule", "breaks 3 rules")
        assert QCoreApplication.translate("Nowhere", "a (s) not counted") == "a (s) not counted"
        assert manager.install("zh_CN") == "zh_CN"
        assert CJK.search(broken(3)) and "3" in broken(3)
    finally:
        manager.install("en")
