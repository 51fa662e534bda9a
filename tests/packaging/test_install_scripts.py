"""install.sh / uninstall.sh: menu entry, icon and .ora association in the user's home, for any folder name."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="the desktop entry is for Linux")


@pytest.fixture
def unpacked(tmp_path):
    """An unpacked bundle as packaging/build lays it out, with a stand-in executable, in an awkward path."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build as packaging_build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    bundle = tmp_path / 'My "Apps" $HOME ü 艺术' / "artdesk"
    bundle.mkdir(parents=True)
    (bundle / "artdesk").write_text("#!/bin/sh\necho artdesk \"$@\"\n")
    (bundle / "artdesk").chmod(0o755)
    packaging_build.add_linux_desktop_files(bundle)
    return bundle


def run_script(script: Path, home: Path) -> subprocess.CompletedProcess:
    env = {"HOME": str(home), "PATH": os.environ["PATH"]}
    return subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)


def test_install_adds_menu_entry_icon_and_ora_type_then_uninstall_removes_them(unpacked, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = run_script(unpacked / "install.sh", home)
    assert result.returncode == 0, result.stderr
    share = home / ".local" / "share"
    desktop = (share / "applications" / "artdesk.desktop").read_text(encoding="utf-8")
    assert "MimeType=image/openraster;" in desktop and "Icon=artdesk" in desktop
    exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
    assert exec_line.startswith('Exec="') and exec_line.endswith('" %f')
    assert "\\\\$HOME" in exec_line and '\\\\"Apps\\\\"' in exec_line and "艺术" in exec_line
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "artdesk.png").stat().st_size > 1000
    assert "*.ora" in (share / "mime" / "packages" / "artdesk-openraster.xml").read_text()
    link = home / ".local" / "bin" / "artdesk"
    assert link.resolve() == (unpacked / "artdesk").resolve()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" / "artdesk.desktop")], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    result = run_script(unpacked / "uninstall.sh", home)
    assert result.returncode == 0, result.stderr
    assert not (share / "applications" / "artdesk.desktop").exists()
    assert not (share / "icons" / "hicolor" / "256x256" / "apps" / "artdesk.png").exists()
    assert not (share / "mime" / "packages" / "artdesk-openraster.xml").exists()
    assert not link.exists() and not link.is_symlink()


def test_install_refuses_a_folder_without_the_app(unpacked, tmp_path):
    (unpacked / "artdesk").unlink()
    home = tmp_path / "home"
    home.mkdir()
    result = run_script(unpacked / "install.sh", home)
    assert result.returncode == 1 and "missing" in result.stderr
    assert not (home / ".local" / "share" / "applications" / "artdesk.desktop").exists()
