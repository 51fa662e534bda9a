"""Atomic saves: write a temporary sibling, then ``os.replace`` it into place.

A crash or a full disk never leaves a half-written file or folder behind. The temporary file is made
private (mode 0600) by ``mkstemp``, so before it replaces the target it gets the target's mode, or for a
new file the mode any program would give it (0666 less the umask); folders likewise (0777 less the umask).
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
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


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (Linux), else set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path, new_mode: int) -> int:
    """The mode a save to ``path`` should leave: the existing file's, else ``new_mode`` less the umask."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return new_mode & ~current_umask()


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
        os.chmod(tmp_name, _mode_for(path, 0o666))
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
        os.chmod(tmp, _mode_for(dest, 0o777))
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
