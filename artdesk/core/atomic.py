"""Atomic saves: write a temporary sibling, then ``os.replace`` it into place.

A crash or a full disk never leaves a half-written file or folder behind.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from artdesk.core.errors import ArtdeskError


def describe_os_error(error: OSError, path: Path) -> str:
    """A message for the user about a failed write to ``path``."""
    if error.errno == errno.ENOSPC:
        return f"The disk is full: could not save {path}. Free some space and try again."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"No permission to write {path}. Choose another folder or check its permissions."
    return f"Could not save {path}: {error.strerror or error}."


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as error:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
        raise ArtdeskError(describe_os_error(error, path)) from error


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


@contextmanager
def atomic_directory(dest: Path) -> Iterator[Path]:
    """Yield a temporary sibling folder to fill; on success it replaces ``dest`` whole.

    An existing ``dest`` is moved aside first and removed only once the new folder is in place.
    """
    dest = Path(dest)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent))
    except OSError as error:
        raise ArtdeskError(describe_os_error(error, dest)) from error
    try:
        yield tmp
        old = None
        if dest.exists():
            old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
            os.replace(dest, old)
        os.replace(tmp, dest)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ArtdeskError(describe_os_error(error, dest)) from error
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
