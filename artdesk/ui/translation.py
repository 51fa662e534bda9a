"""The interface language: English (the source strings) or Simplified Chinese, through Qt translators.

Our strings live in ``resources/i18n/artdesk_<lang>.ts`` (made by ``pyside6-lupdate``; see
resources/i18n/README.md) and ship compiled as ``.qm``; Qt's own (standard buttons, file dialogs)
come from Qt's ``qtbase_<lang>.qm``. "system" follows the system language; any language we do not
ship falls back to English.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtWidgets import QApplication

log = logging.getLogger("artdesk.ui")

# Settings value -> the language's own name (how a user recognises it in a menu).
LANGUAGES = {"system": "", "en": "English", "zh_CN": "简体中文"}
SHIPPED = ("en", "zh_CN")


def system_language(locale: QLocale | None = None) -> str:
    """The shipped language for a system locale: Simplified Chinese for zh in Simplified script, else English."""
    locale = locale or QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return "en"
    traditional = locale.script() == QLocale.Script.TraditionalChineseScript or locale.territory() in (
        QLocale.Country.Taiwan,
        QLocale.Country.HongKong,
        QLocale.Country.Macau,
    )
    return "en" if traditional else "zh_CN"


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """``choice`` from the settings ("system", "en", "zh_CN", or anything unknown) -> a shipped language."""
    if choice in SHIPPED:
        return choice
    return system_language(locale)


def qt_translations_dir() -> Path:
    path = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (path / "qtbase_zh_CN.qm").exists():
        return path
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "translations"


class QtFallbackTranslator(QTranslator):
    """Qt's .qm lookup by (context, source), then by source alone from ``artdesk_<lang>.sources.json``.

    The fallback covers strings whose run-time context differs from the one lupdate recorded
    (``box.tr(...)`` on a plain QMessageBox, a method inherited by a subclass).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.by_source: dict[str, str] = {}

    def load_language(self, i18n_dir: Path, language: str) -> bool:
        if not self.load(str(Path(i18n_dir) / f"artdesk_{language}.qm")):
            return False
        try:
            self.by_source = json.loads((Path(i18n_dir) / f"artdesk_{language}.sources.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            log.warning("translation fallback table unreadable (%s); context lookups only", error)
            self.by_source = {}
        return True

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102 (Qt override)
        found = super().translate(context, source_text, disambiguation, n)
        if found:
            return found
        return self.by_source.get(source_text)  # None is a null QString: Qt then uses the source text


class EnglishPlurals(QTranslator):
    """English plural forms for our counted strings: ``tr("%n rule(s)", "", n)`` reads "1 rule", "2 rules".

    English is the source language, so no .qm gives its plurals; this is installed under every language
    and answers only counted strings (``n >= 0``) that no translation above it answered."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102 (Qt override)
        if n < 0 or "(s)" not in source_text:
            return None  # a null QString: Qt uses the next translator, then the source text
        return source_text.replace("(s)", "" if n == 1 else "s")


def install_english_plurals(app: QApplication) -> None:
    """Install ``EnglishPlurals`` once for ``app``, before any language's translator (so it is asked last)."""
    if app.findChild(EnglishPlurals) is None:
        app.installTranslator(EnglishPlurals(app))


class QtTranslations(QObject):
    """Owns the installed translators; ``install(language)`` swaps them (widgets get a LanguageChange event)."""

    def __init__(self, app: QApplication, i18n_dir: Path) -> None:
        super().__init__(app)
        self.app = app
        self.i18n_dir = Path(i18n_dir)
        self.language = "en"
        self._translators: list[QTranslator] = []
        install_english_plurals(app)

    def install(self, choice: str) -> str:
        """Install the translators for ``choice``; returns the language in effect ("en" if files are missing)."""
        language = resolve_language(choice)
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators = []
        if language != "en":
            ours = QtFallbackTranslator(self)
            if not ours.load_language(self.i18n_dir, language):
                log.warning("translation %s not found in %s; using English", language, self.i18n_dir)
                language = "en"
            else:
                self._translators.append(ours)
                qt_own = QTranslator(self)
                if qt_own.load(f"qtbase_{language}", str(qt_translations_dir())):
                    self._translators.append(qt_own)
        for translator in self._translators:
            self.app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if language == "zh_CN" else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        self.language = language
        return language
