"""Atomic saves leave the modes a plain write would: the umask for new files, an existing file's own mode."""
import os
import stat

import pytest

from artdesk.core.atomic import atomic_directory, atomic_write_bytes, atomic_write_text, current_umask


@pytest.fixture
def umask():
    def set_to(mask):
        os.umask(mask)
    before = os.umask(0o022)
    yield set_to
    os.umask(before)


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_new_files_and_folders_follow_the_umask(tmp_path, umask):
    for mask, file_mode, folder_mode in ((0o022, 0o644, 0o755), (0o077, 0o600, 0o700), (0o002, 0o664, 0o775)):
        umask(mask)
        assert current_umask() == mask
        atomic_write_bytes(tmp_path / f"new-{mask:o}.png", b"x")
        assert _mode(tmp_path / f"new-{mask:o}.png") == file_mode
        with atomic_directory(tmp_path / f"model-{mask:o}") as folder:
            (folder / "card.json").write_text("{}")
        assert _mode(tmp_path / f"model-{mask:o}") == folder_mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_overwriting_keeps_the_existing_mode(tmp_path, umask):
    umask(0o077)
    for mode in (0o644, 0o640, 0o664):
        target = tmp_path / f"poem-{mode:o}.txt"
        target.write_text("old")
        os.chmod(target, mode)
        atomic_write_text(target, "new")
        assert target.read_text() == "new" and _mode(target) == mode
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind
