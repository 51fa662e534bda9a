"""PySide6 wraps Python's ``import``: after each import it reads the imported module's whole source to look for
the word "PySide6" (``PySide6.support.feature``, for ``from __feature__ import snake_case``). artdesk never uses
those features, so the scan only costs: about 15% of the panels' import time, and 283 source files held in
``linecache`` (tens of thousands of objects for the garbage collector), all while the window paints its first
frames. ``skip_feature_scan`` marks every module as one that uses no feature; with no feature ever selected,
PySide never reads that mark (``feature_select.cpp`` keeps the selection it has, none)."""
from __future__ import annotations

import logging

log = logging.getLogger("artdesk.ui")


def _uses_no_feature(_module) -> bool:
    return False


def skip_feature_scan() -> None:
    """Turn off the per-import source scan (a no-op on a PySide6 without it)."""
    try:
        from PySide6.support import feature
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_feature
    else:
        log.debug("this PySide6 has no per-import source scan to turn off")
