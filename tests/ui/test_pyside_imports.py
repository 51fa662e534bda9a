"""PySide's per-import source scan is off in the UI's process: importing a module does not read its source."""
import linecache
import sys

from artdesk.ui.pyside_imports import skip_feature_scan


def test_importing_a_module_does_not_read_its_source(tmp_path, monkeypatch):
    skip_feature_scan()
    module = tmp_path / "artdesk_scan_probe.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import PySide6.QtCore  # noqa: F401 (the wrapped import is in place once PySide6 is loaded)

    try:
        __import__("artdesk_scan_probe")
        assert str(module) not in linecache.cache
    finally:
        sys.modules.pop("artdesk_scan_probe", None)
