"""The log file in the user data folder."""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "artdesk.log"


def setup_logging(log_dir: Path) -> Path | None:
    """Log to ``log_dir/artdesk.log`` (rotated); returns the path, or None if the folder is not writable."""
    root = logging.getLogger("artdesk")
    root.setLevel(logging.INFO)
    log_path = log_dir / LOG_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(log_path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        root.addHandler(logging.StreamHandler())
        root.warning("Cannot write the log folder %s; logging to the console.", log_dir)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    return log_path
