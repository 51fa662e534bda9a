"""Preferences: language, theme and device round-trip through the settings file; themes switch and follow the system."""
import tomllib

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QMessageBox

from artdesk.ui.app import build_window, themes


def window_lightness(app) -> int:
    return app.palette().color(QPalette.ColorRole.Window).lightness()


def choose(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def test_preferences_round_trip(qtbot, qapp, isolated_home):
    window = build_window(qapp)
    qtbot.addWidget(window)
    dialog = window.open_preferences()
    choose(dialog.theme, "dark")
    choose(dialog.device, "cpu")
    with qtbot.waitSignal(window.preferences_applied, timeout=3000) as applied:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert applied.args[0] == {"language": "system", "theme": "dark", "device": "cpu"}
    saved = tomllib.loads((isolated_home / "config" / "settings.toml").read_text())
    assert saved["general"] == {"language": "system", "theme": "dark", "device": "cpu"}
    assert window_lightness(qapp) < 100
    window.close()

    again = build_window(qapp)
    qtbot.addWidget(again)
    reopened = again.open_preferences()
    assert (reopened.theme.currentData(), reopened.device.currentData(), reopened.language.currentData()) == ("dark", "cpu", "system")
    reopened.close()
    themes(qapp).apply("light")
    again.close()


def test_theme_switch_and_system_following(qtbot, qapp, monkeypatch):
    manager = themes(qapp)
    assert manager.apply("dark") == "dark" and window_lightness(qapp) < 100
    assert manager.apply("light") == "light" and window_lightness(qapp) > 200
    monkeypatch.setattr("artdesk.ui.theme.system_is_dark", lambda app: True)
    assert manager.apply("system") == "dark"
    monkeypatch.setattr("artdesk.ui.theme.system_is_dark", lambda app: False)
    manager._on_style_hints_color_scheme_changed(None)  # the system switched to light
    assert manager.applied == "light" and window_lightness(qapp) > 200
    manager.apply("dark")
    manager._on_style_hints_color_scheme_changed(None)  # a chosen theme ignores the system
    assert manager.applied == "dark"
    manager.apply("light")


def test_unsaveable_preferences_still_apply_and_say_so(qtbot, qapp, isolated_home):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    config = isolated_home / "config"
    (config / "settings.toml").unlink(missing_ok=True)
    (config / "settings.toml").mkdir(parents=True)  # a folder where the file should be: the write fails
    dialog = window.open_preferences()
    choose(dialog.theme, "dark")
    assert dialog.save() is False
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in qapp.topLevelWidgets()), timeout=3000)
    box = next(w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "could not be saved" in box.text()
    assert window.context.settings["general"]["theme"] == "dark" and window_lightness(qapp) < 100
    box.close()
    dialog.close()
    themes(qapp).apply("light")
    window.close()


def test_preferences_controls_have_accessible_names(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    dialog = window.open_preferences()
    combos = dialog.findChildren(QComboBox)
    assert len(combos) == 3 and all(c.accessibleName() for c in combos)
    dialog.close()
    window.close()
