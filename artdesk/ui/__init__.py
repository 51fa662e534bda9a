"""The Qt user interface: the only package that imports PySide6. Importing it first turns off PySide's
per-import source scan (``ui.pyside_imports``), before the interface's own modules are imported."""
from artdesk.ui.pyside_imports import skip_feature_scan

skip_feature_scan()
