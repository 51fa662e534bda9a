"""Dependencies point one way: ui -> ml -> core. Checked in fresh processes (pytest-qt already imported Qt here)."""
import subprocess
import sys


def loaded_modules_after(import_line: str) -> set[str]:
    code = f"import sys; {import_line}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def _core_modules() -> list[str]:
    import pkgutil

    import artdesk.core

    return [f"artdesk.core.{m.name}" for m in pkgutil.iter_modules(artdesk.core.__path__)]


def _ml_modules() -> list[str]:
    import pkgutil

    import artdesk.ml

    return [m.name for m in pkgutil.walk_packages(artdesk.ml.__path__, "artdesk.ml.")]


def test_core_imports_neither_qt_nor_torch():
    modules = loaded_modules_after("; ".join(f"import {m}" for m in _core_modules()))
    assert not any(m.startswith("PySide6") for m in modules)
    assert "torch" not in modules


def test_ml_imports_no_qt():
    modules = loaded_modules_after("; ".join(f"import {m}" for m in _ml_modules()))
    assert "torch" in modules  # the check is real: ml did load its heavy dependency
    assert not any(m.startswith("PySide6") for m in modules)


def test_main_window_module_does_not_import_torch():
    modules = loaded_modules_after("import artdesk.ui.app, artdesk.ui.main_window, artdesk.cli")
    assert "PySide6.QtWidgets" in modules
    assert "torch" not in modules


def test_window_is_shown_before_torch_is_imported(tmp_path):
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from artdesk.ui.app import build_window\n"
        "app = QApplication([]); w = build_window(app); w.show(); app.processEvents()\n"
        "print('torch' in sys.modules, w.isVisible()); w.context.runner.shutdown()\n"
    )
    env = {**__import__("os").environ, "ARTDESK_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.split() == ["False", "True"]


def test_content_credentials_load_lazily_and_without_qt():
    import pkgutil

    import artdesk.core.credentials

    names = [m.name for m in pkgutil.iter_modules(artdesk.core.credentials.__path__, "artdesk.core.credentials.")]
    modules = loaded_modules_after("; ".join(f"import {m}" for m in names))
    assert "c2pa" in modules  # the check is real: signing and reading load the C2PA library
    assert not any(m.startswith("PySide6") for m in modules) and "torch" not in modules
    at_start = loaded_modules_after("import artdesk.ui.app, artdesk.ui.main_window, artdesk.ui.panels.canvas, "
                                    "artdesk.ui.panels.music, artdesk.ui.gallery.panel, artdesk.ui.dialogs.preferences")
    assert "c2pa" not in at_start and "cryptography" not in at_start
