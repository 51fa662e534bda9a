"""The one cache of loaded models, shared by every domain on the model worker (thread-safe).

``load_cached(folder)`` loads a checkpoint once and gives it again until its card or weights change on disk
(a re-save, a re-train, metrics written into the card). A domain that needs more than the checkpoint
passes ``prepare``: it runs once after a load, and what it returns is cached in the checkpoint's place (the
poem model with its vocabulary and copy index, music's int8 copy for the CPU, canvas's frozen weights).
Entries are keyed by the resolved folder, so a model path may be given in any spelling (``str`` or ``Path``,
relative or absolute); the cache keeps the ``MAX_ENTRIES`` models used last.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable

from artdesk.core.cards import CARD_FILE, WEIGHTS_FILE, CardError, read_card, source_of
from artdesk.core.errors import ArtdeskError
from artdesk.ml.checkpoint import load_checkpoint

MAX_ENTRIES = 8
_CACHE: "OrderedDict[tuple, tuple[Any, Any]]" = OrderedDict()  # key -> (checkpoint, what prepare made of it)
_LOCK = threading.Lock()


def _stamp(folder: Path) -> tuple[int, int, int]:
    """The card's and the weights' modification times and the weights' size: a change means reload."""
    if not folder.is_dir():
        raise CardError(f"The model folder {folder} does not exist any more. Pick another model.")
    try:
        card, weights = (folder / CARD_FILE).stat(), (folder / WEIGHTS_FILE).stat()
    except OSError as error:
        raise CardError(f"The model folder {folder} cannot be read ({error.strerror or error}): it is incomplete. "
                        "Re-import or delete this model, or pick another.") from error
    return card.st_mtime_ns, weights.st_mtime_ns, weights.st_size


def _check_type(card, model_types: tuple[str, ...]) -> None:
    if model_types and card.model_type not in model_types:
        raise ArtdeskError(f"{card.name} is a {card.model_type} model; this needs {' or '.join(model_types)}. "
                           "Choose another model.")


def load_cached(folder: str | Path, model_types: tuple[str, ...] = (), *, source: str | None = None,
                prepare: Callable[[Any], Any] | None = None) -> Any:
    """The checkpoint at ``folder`` (or what ``prepare`` made of it), loaded once until it changes on disk.

    Refuses other ``model_types`` (when given) with a user message; ``source`` is ``bundled`` or ``user``
    (default: from where the folder lies). Raises ArtdeskError (CardError, CheckpointError) with a message
    that says what to do.
    """
    folder = Path(folder)
    resolved = str(folder.resolve())
    hook = None if prepare is None else f"{prepare.__module__}.{prepare.__qualname__}"
    key = (resolved, hook, *_stamp(folder))
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            checkpoint, prepared = _CACHE[key]
            _check_type(checkpoint.card, model_types)
            return prepared
        source = source or source_of(folder)
        _check_type(read_card(folder, source), model_types)
        checkpoint = load_checkpoint(folder, source)
        prepared = prepare(checkpoint) if prepare is not None else checkpoint
        for stale in [k for k in _CACHE if k[:2] == key[:2]]:
            del _CACHE[stale]
        _CACHE[key] = (checkpoint, prepared)
        while len(_CACHE) > MAX_ENTRIES:
            _CACHE.popitem(last=False)
        return prepared


def clear() -> None:
    """Forget every loaded model (tests; freeing memory)."""
    with _LOCK:
        _CACHE.clear()
