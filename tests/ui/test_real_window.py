"""A real window: the app starts under Xvfb with Qt's xcb platform (not offscreen) and its window is mapped;
and every Debian package the xcb plugin's libraries come from (ldd + dpkg -S) is in .ci/run's apt list.

``.ci/run`` installs Xvfb and the libraries and sets ARTDESK_REQUIRE_XCB=1: then a missing piece fails
these tests instead of skipping them.
"""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _missing(why: str):
    if os.environ.get("ARTDESK_REQUIRE_XCB") == "1":
        pytest.fail(f"CI needs this for the real-window test: {why}")
    pytest.skip(why)


def _xcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def xcb_packages() -> set[str]:
    """The Debian packages of every system library the xcb plugin loads, found with ldd and dpkg -S."""
    if shutil.which("ldd") is None or shutil.which("dpkg") is None or not _xcb_plugin().exists():
        _missing("ldd, dpkg or the xcb plugin is not here (not Debian/Ubuntu?)")
    listing = subprocess.run(["ldd", str(_xcb_plugin())], capture_output=True, text=True, check=True).stdout
    missing = re.findall(r"^\s*(\S+) => not found", listing, re.M)
    assert not missing, f"the xcb plugin cannot load {missing}; install their packages (see .ci/run)"
    packages = set()
    for library in re.findall(r"=> (/\S+)", listing):
        if "PySide6" in library:
            continue
        real = os.path.realpath(library)
        found = subprocess.run(["dpkg", "-S", real], capture_output=True, text=True)
        if found.returncode != 0:  # merged /usr: dpkg knows /lib/... under its other name
            found = subprocess.run(["dpkg", "-S", real.replace("/usr/lib/", "/lib/", 1)], capture_output=True, text=True)
        assert found.returncode == 0, f"no package owns {real}"
        packages.add(found.stdout.split(":")[0])
    return packages


def ci_apt_list() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = text[text.index("XCB_PACKAGES=("): text.index(")", text.index("XCB_PACKAGES=("))]
    return set(block.replace("XCB_PACKAGES=(", "").split())


def test_ci_and_readme_install_every_package_the_xcb_plugin_needs():
    needed = xcb_packages()
    listed = ci_apt_list()
    assert needed <= listed, f".ci/run's XCB_PACKAGES lacks {sorted(needed - listed)}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert all(package in readme for package in ("libxcb-icccm4", "libxcb-keysyms1", "xvfb")), \
        "README's apt line lacks the xcb libraries"


def test_the_app_window_is_mapped_under_xvfb_with_the_xcb_platform(tmp_path):
    for tool in ("Xvfb", "xwininfo"):
        if shutil.which(tool) is None:
            _missing(f"{tool} is not installed (Debian: xvfb, x11-utils)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as handle:
            display = ":" + handle.readline().strip()
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", ARTDESK_HOME=str(tmp_path / "home"))
        app = subprocess.Popen([sys.executable, "-m", "artdesk"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            state = _wait_for_window(display, app)
            assert "IsViewable" in state, state
        finally:
            app.terminate()
            output = app.communicate(timeout=30)[0]
        assert "could not load the Qt platform plugin" not in output, output[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for_window(display: str, app: subprocess.Popen, timeout: float = 90.0) -> str:
    """xwininfo's report of the window titled "artdesk" once it is viewable (the app may import slowly)."""
    deadline = time.monotonic() + timeout
    report = ""
    while time.monotonic() < deadline:
        if app.poll() is not None:
            pytest.fail(f"the app exited with {app.returncode} before its window showed: {app.stdout.read()[-2000:]}")
        done = subprocess.run(["xwininfo", "-display", display, "-name", "artdesk"], capture_output=True, text=True)
        report = done.stdout
        if "IsViewable" in report:
            return report
        time.sleep(0.3)
    return report or "no window named artdesk appeared"
