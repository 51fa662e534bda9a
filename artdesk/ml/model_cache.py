"""Loaded checkpoints, kept per worker process and keyed by folder and weights file stamp."""
from __future__ import annotations

import threading
from pathlib import Path

from artdesk.core.cards import WEIGHTS_FILE, CardError, read_card
from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import app_paths
from artdesk.ml.checkpoint import Checkpoint, load_checkpoint

_CACHE: dict[tuple[str, int, int], Checkpoint] = {}
_LOCK = threading.Lock()


def checkpoint_source(folder: Path) -> str:
    """``bundled`` for folders under the shipped models, else ``user``."""
    try:
        Path(folder).resolve().relative_to(app_paths().bundled_models.resolve())
        return "bundled"
    except ValueError:
        return "user"


def load_cached(folder: Path, model_types: tuple[str, ...] = ()) -> Checkpoint:
    """The checkpoint at ``folder`` (loaded once until its weights change); refuses other model types."""
    folder = Path(folder)
    card = read_card(folder, checkpoint_source(folder))
    if model_types and card.model_type not in model_types:
        raise ArtdeskError(f"{card.name} is a {card.model_type} model; this needs {' or '.join(model_types)}. Choose another model.")
    try:
        stat = (folder / WEIGHTS_FILE).stat()
    except OSError as error:
        raise CardError(f"Cannot read the weights of {card.name}: {error.strerror or error}.") from error
    key = (str(folder.resolve()), stat.st_mtime_ns, stat.st_size)
    with _LOCK:
        if key not in _CACHE:
            for stale in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[stale]
            _CACHE[key] = load_checkpoint(folder, card.source)
        return _CACHE[key]
