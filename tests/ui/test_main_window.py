"""The main window: lazy panels, window state, closing with a job running, bad input at start-up."""
import json
import threading

from artdesk.ui.app import build_window
from artdesk.ui.panels.lazy import LazyPanel
from tests.helpers import gated_job


def test_panels_are_built_on_first_show(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    current = window.tabs.currentWidget()
    assert all(page.panel is None for page in window.panels.values())  # the window shows first
    qtbot.waitUntil(lambda: current.panel is not None, timeout=10_000)
    assert sum(page.panel is not None for page in window.panels.values()) == 1
    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.tabs.currentWidget().panel is not None, timeout=10_000)
    window.close()


def test_a_panel_imports_off_the_ui_thread_and_the_warm_up_waits_for_it(qtbot, qapp, monkeypatch):
    import artdesk.ui.app
    import artdesk.ui.panels.lazy

    importing_threads, started = [], []
    real_import = artdesk.ui.panels.lazy.import_panel_modules
    monkeypatch.setattr(artdesk.ui.panels.lazy, "import_panel_modules",
                        lambda reference: (importing_threads.append(threading.current_thread()), real_import(reference)))
    monkeypatch.setattr(artdesk.ui.app, "start_warm_up", lambda window: started.append(window.tabs.currentWidget().panel))
    monkeypatch.setattr(artdesk.ui.app, "use_model_process", lambda window, start: None)  # no torch in this test
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    artdesk.ui.app.start_warm_up_after_first_panel(window)
    qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    assert importing_threads and threading.main_thread() not in importing_threads
    assert started[0] is not None  # the warm-up began after the panel shown first was built
    window.close()


def test_a_panel_built_in_steps_paints_once_built_and_its_docks_one_per_turn(qtbot, qapp, monkeypatch):
    """A half-built panel is never painted; once built, its docks (and what it names) paint one per turn."""
    import artdesk.ui.panels.lazy
    from PySide6.QtWidgets import QDockWidget

    seen = []  # (panel paints?, docks that may paint) at each build step
    real_build = artdesk.ui.panels.lazy.LazyPanel._build

    def build(self, all_steps):
        if self._building is not None:
            docks = self._building.findChildren(QDockWidget)
            seen.append((self._building.updatesEnabled(), sum(d.updatesEnabled() for d in docks)))
        return real_build(self, all_steps)

    monkeypatch.setattr(artdesk.ui.panels.lazy.LazyPanel, "_build", build)
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    page = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: page.panel is not None, timeout=10_000)
    assert len(seen) >= 3 and not any(paints for paints, _ in seen)
    later = page.panel.paint_later
    assert set(page.panel.findChildren(QDockWidget)) <= set(later) and page.panel.canvas_actions.toolbar in later
    assert page.panel.updatesEnabled()
    qtbot.waitUntil(lambda: all(widget.updatesEnabled() for widget in later), timeout=5_000)
    window.close()


def test_no_collection_while_the_first_panel_builds_and_start_up_objects_are_frozen(qtbot, qapp, monkeypatch):
    """A full garbage collection walks every start-up object on the UI thread (20 ms): none runs while the first
    panel builds, and the start-up objects are frozen out of its reach when the warm-up starts."""
    import gc

    import artdesk.ui.app
    from artdesk.ui.collector import ui_thread_collector

    monkeypatch.setattr(artdesk.ui.app, "start_warm_up", lambda window: None)
    monkeypatch.setattr(artdesk.ui.app, "use_model_process", lambda window, start: None)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(ui_thread_collector().held))
    frozen = []
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        artdesk.ui.app.start_warm_up_after_first_panel(window)
        assert ui_thread_collector().held and not gc.isenabled()
        qtbot.waitUntil(lambda: bool(frozen), timeout=10_000)
        assert frozen == [True] and not ui_thread_collector().held  # frozen before collecting resumes
    finally:
        ui_thread_collector().resume()
    window.close()


def test_closing_with_a_job_running_ends_cleanly(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    gate = threading.Event()
    handle = window.context.runner.submit(gated_job, gate, "long job")
    with qtbot.waitSignal(handle.started, timeout=5000):
        handle.start()
    assert handle in window.job_status.rows  # start-up checks (e.g. unfinished fine-tunes) may show rows too
    with qtbot.waitSignal(handle.aborted, timeout=5000):
        window.close()
    assert not any(t.name.startswith("Dummy") for t in threading.enumerate())


def test_window_state_is_restored(qtbot, qapp):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    window.resize(700, 500)
    window.tabs.setCurrentIndex(1)
    window.close()
    again = build_window(qapp)
    qtbot.addWidget(again)
    assert again.tabs.currentIndex() == 1
    assert (again.width(), again.height()) == (700, 500)
    again.close()


def test_broken_settings_still_start_and_say_so(qtbot, qapp, isolated_home):
    config = isolated_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("[[[ broken")
    window = build_window(qapp)
    qtbot.addWidget(window)
    assert "could not be read" in window.status_label.text()
    window.close()


def test_model_library_lists_and_reports_broken_cards(qtbot, qapp, isolated_home):
    from tests.core.test_cards import make_card_folder

    user_models = isolated_home / "data" / "models"
    make_card_folder(user_models, name="mine")
    broken = make_card_folder(user_models, name="broken")
    (broken / "card.json").write_text("{")
    window = build_window(qapp)
    qtbot.addWidget(window)
    dialog = window.open_model_library()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "mine" in names
    assert "damaged" in dialog.problems.text()
    card = next(c for c in dialog.cards if c.name == "mine")
    assert dialog.delete(card)
    assert "mine" not in [c.name for c in dialog.cards]
    dialog.close()
    window.close()


def test_a_panel_that_fails_to_build_shows_a_message(qtbot, qapp):
    window = build_window(qapp)
    page = LazyPanel("artdesk.ui.panels.nonexistent:Nothing", window.context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.panel is not None, timeout=5000)
    assert "could not be opened" in page.panel.text()
    window.close()


def test_unwritable_user_folder_still_starts(qtbot, qapp, isolated_home):
    isolated_home.mkdir(parents=True)
    (isolated_home / "data").write_text("a file where the data folder should be")
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    assert window.context.log_path is None
    assert [c for c in window.context.discover().cards if c.is_user] == []
    window.close()


def test_unexpected_exceptions_are_logged_and_shown(qtbot, qapp):
    from PySide6.QtWidgets import QMessageBox

    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    try:
        raise RuntimeError("planted failure")
    except RuntimeError as error:
        window.exception_reporter._hook(RuntimeError, error, error.__traceback__)
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in qapp.topLevelWidgets()), timeout=3000)
    box = next(w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
    assert "planted failure" in box.text() and str(window.context.log_path) in box.text()
    assert "planted failure" in window.context.log_path.read_text()
    box.close()
    window.close()


def test_gallery_items_open_in_their_panel(qtbot, qapp, tmp_path):
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    item = window.context.keep_output("poem", "春眠不觉晓，\n处处闻啼鸟。\n".encode(), "txt", {"seed": 1}, title="kept")
    window.context.open_path_requested.emit(str(window.context.gallery().path(item)))
    assert window.tabs.currentWidget() is window.panels["poem"]
    assert "春眠不觉晓" in window.panels["poem"].panel.editor.text_edit.toPlainText()
    window.close()
