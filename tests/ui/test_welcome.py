"""The welcome page: shown on the first start only, explains the panels, opens them with one click; shortcuts page."""
from PySide6.QtWidgets import QAbstractButton

from artdesk.ui.app import build_window


def test_welcome_shows_on_first_start_only(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    assert window.welcome_dock.isVisible()
    assert "Canvas" in window.welcome.cards["canvas"].title.text()
    window.close()
    again = build_window(qapp)
    qtbot.addWidget(again)
    again.show()
    assert not again.welcome_dock.isVisible()
    again.welcome_action.trigger()  # Help > Welcome brings it back
    assert again.welcome_dock.isVisible()
    again.close()


def test_example_buttons_open_their_panel(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    for domain in ("music", "poem", "canvas"):
        window.welcome.cards[domain].button.click()
        assert window.tabs.currentWidget() is window.panels[domain]
        assert window.panels[domain].panel is not None
    window.welcome.close_button.click()
    assert not window.welcome_dock.isVisible()
    window.close()


def test_welcome_controls_have_accessible_names(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    buttons = window.welcome.findChildren(QAbstractButton)
    assert len(buttons) == 4
    assert all(b.accessibleName() for b in buttons)
    window.close()


def test_shortcuts_page_lists_the_common_actions(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_shortcuts()
    rows = dict(dialog.rows())
    assert rows["Model library"] == "Ctrl+L"
    assert rows["Manual"] == "F1"
    assert rows["Keyboard shortcuts"] == "Ctrl+/"
    assert rows["Show the Music panel"] == "Ctrl+2"
    assert "Quit" in rows and "Preferences" in rows
    window.shortcuts_action.trigger()
    dialog.close()
    window.close()


def test_a_file_given_at_start_opens_in_its_panel_or_says_why_not(qtbot, qapp, tmp_path):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    strange = tmp_path / "notes.xyz"
    strange.write_text("?")
    window.open_paths([str(strange)])
    assert "cannot open notes.xyz" in window.status_label.text()
    window.close()
