"""Import c2pa-python only when its native library cannot be swapped for a file in the current folder.

c2pa-python looks for ``libc2pa_c`` in the current working directory (and its ``artifacts``/``libs``
folders) before its own package folder. A user who starts the app from a folder holding a file of that
name (a downloads folder, an unpacked archive) would run that file's code. We refuse instead, with a
message that says which file and what to do; the rest of the app is unaffected.
"""
from __future__ import annotations

import sys
from pathlib import Path

from artdesk.core.errors import ArtdeskError

LIBRARY_NAMES = {"linux": "libc2pa_c.so", "darwin": "libc2pa_c.dylib", "win32": "c2pa_c.dll"}


def planted_libraries(folder: Path, name: str) -> list[Path]:
    """Files named like the c2pa library where c2pa-python would look first, below ``folder``."""
    bases = [folder, folder / "artifacts", folder / "libs"]
    candidates = [base / name for base in bases] + [sub / name for base in bases if base.is_dir()
                                                    for sub in base.iterdir() if sub.is_dir()]
    return [path for path in candidates if path.exists()]


def import_c2pa():
    """The c2pa module; ArtdeskError when a library file in the current folder would be loaded instead."""
    name = LIBRARY_NAMES.get(sys.platform, "libc2pa_c.so")
    try:
        planted = planted_libraries(Path.cwd(), name)
    except OSError:  # an unreadable or vanished current folder: c2pa's own search fails the same way
        planted = []
    if planted:
        raise ArtdeskError(
            f"Content Credentials are off: the folder the app was started from holds {planted[0]}, which would be "
            "loaded instead of the app's own copy. Start the app from another folder, or remove that file.")
    import c2pa

    return c2pa
