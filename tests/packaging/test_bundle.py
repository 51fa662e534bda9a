"""The frozen app: packaging/build makes the bundle, whose self-test passes headless, also when it is
read-only at a path with spaces and non-ASCII characters; a damaged bundled model is named, and the
app still starts. Slow (a PyInstaller build with torch): .ci/run runs it through scripts/test.sh.

The build's own report (sizes, cold start, build time) is kept in build/bundle-report.txt.
ARTDESK_REUSE_BUNDLE=1 tests an existing dist/artdesk and archive instead of building them again.
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from artdesk.licences import strong_copyleft

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
REPORT = ROOT / "build" / "bundle-report.txt"
ARCHIVE_LIMIT_MB = 260  # 250 until the word-level English poem model shipped (254 MB with it): see packaging/README.md; lower it as the bundle shrinks
# What the frozen self-test must have run: one line per real path of the app (artdesk/selftest.py).
SELF_TEST_LINES = ("ok    warm-up", "ok    load bundled models", "ok    canvas: generate 4 pictures",
                   "ok    canvas: upscale", "ok    canvas: start a fine-tune", "ok    music: generate and interpolate",
                   "ok    poem: qijue", "ok    poem: abab", "ok    style: paint in a medium",
                   "ok    style: repaint like a picture", "ok    credentials: sign and read a picture",
                   "ok    audio output", "ok    open every panel")


def load_rules():
    spec = importlib.util.spec_from_file_location("bundle_rules", ROOT / "packaging" / "bundle_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(3600),
    pytest.mark.skipif(sys.platform != "linux", reason="only the Linux bundle can be built here"),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is in the dev extra"),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    """Build once per run (PyInstaller reuses build/pyinstaller between runs), self-test, measure, archive."""
    env = {k: v for k, v in os.environ.items() if k != "ARTDESK_HOME"}
    reuse = ["--skip-build", "--no-archive"] if os.environ.get("ARTDESK_REUSE_BUNDLE") == "1" else []
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--runs", "3", *reuse],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=3500)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(result.stdout + result.stderr, encoding="utf-8")
    summary = [line for line in result.stdout.splitlines() if line.startswith(("summary:", "bundle on disk", "cold start", "archive:"))]
    print("\n".join(summary))
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert "self-test passed" in result.stdout
    return DIST / "artdesk"


def headless(home: Path) -> dict[str, str]:
    """The copies below run as another user or with a broken model: no sound server is required of them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "ARTDESK_REQUIRE_AUDIO"))}
    env.update(QT_QPA_PLATFORM="offscreen", ARTDESK_HOME=str(home))
    return env


def linked_copy(bundle: Path, parent: Path) -> Path:
    """A hard-linked copy of the bundle (fast; replace a file by unlinking it first, never edit in place)."""
    target = parent / "Ärt desk 艺术" / "artdesk"
    target.parent.mkdir(parents=True)
    subprocess.run(["cp", "-al", str(bundle), str(target)], check=True)
    return target


def test_build_reports_sizes_and_the_archive_is_under_target(bundle):
    report = REPORT.read_text(encoding="utf-8")
    assert "bundle on disk:" in report and "cold start to window exposed:" in report
    archives = sorted(DIST.glob("artdesk-*-linux-*.tar.*"))
    assert archives, "no archive was made"
    size_mb = archives[-1].stat().st_size / 1e6
    assert size_mb < ARCHIVE_LIMIT_MB, f"archive is {size_mb:.0f} MB; the limit is {ARCHIVE_LIMIT_MB} MB"
    if "archive:" in report:  # ARTDESK_REUSE_BUNDLE=1 keeps the earlier archive and prints no line for it
        assert f"archive: {archives[-1]} {size_mb:.0f} MB" in report
    for name in ("install.sh", "uninstall.sh", "share/artdesk.desktop.in", "share/artdesk.png"):
        assert (bundle / name).exists(), name


def test_no_torch_test_programs_or_system_torch_libraries_ship(bundle):
    internal = bundle / "_internal"
    assert not (internal / "torch" / "test").exists()
    assert not (internal / "torch" / "include").exists()
    assert sorted(p.name for p in (internal / "torch" / "bin").iterdir()) == ["torch_shm_manager"]
    torch_libs = {p.name for p in (internal / "torch" / "lib").iterdir()}
    for path in internal.rglob("*"):
        if path.name in torch_libs and path.is_file() and not path.is_symlink():
            assert path.parent == internal / "torch" / "lib", f"a second copy of {path.name} at {path}"
    assert (internal / "resources" / "i18n" / "artdesk_zh_CN.qm").exists()
    assert not list((internal / "resources").rglob("*.ts"))


def test_read_only_bundle_at_an_awkward_path_passes_its_self_test(bundle, tmp_path):
    parent = Path(tempfile.mkdtemp(prefix="artdesk-ro-"))
    try:
        copy = linked_copy(bundle, parent)
        home = parent / "home"
        home.mkdir()
        command = [str(copy / "artdesk-debug"), "--self-test"]
        if os.geteuid() == 0 and shutil.which("setpriv"):
            # root ignores permissions: run as nobody, for whom the install folder is read-only
            os.chmod(parent, 0o755)
            os.chown(home, 65534, 65534)
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        # started from its own home, as a launcher starts it: the model process enters the start folder again,
        # which the test's own folder (made by mktemp -d, 0700, root's) is not for nobody
        result = subprocess.run(command, env=headless(home), cwd=home, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
        assert "self-test passed" in result.stdout
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def test_a_missing_or_damaged_bundled_model_is_named_and_the_app_still_starts(bundle, tmp_path):
    copy = linked_copy(bundle, tmp_path)
    models = copy / "_internal" / "models"
    manifest_path = models / "bundle-manifest.json"
    shipped = json.loads(manifest_path.read_text())["models"]
    manifest_path.unlink()  # break the hard link before writing
    manifest_path.write_text(json.dumps({"models": [*shipped, "canvas/ghost"]}))
    damaged = None
    if shipped:
        damaged = models / shipped[0] / "card.json"
        damaged.unlink()
        damaged.write_text("{ not json")
    result = subprocess.run([str(copy / "artdesk-debug"), "--self-test"], env=headless(tmp_path / "home"),
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 1
    assert "canvas/ghost is missing" in result.stdout
    if damaged is not None:
        assert Path(shipped[0]).name in result.stdout and "damaged" in result.stdout
    started = subprocess.run([str(copy / "artdesk-debug"), "--startup-probe"], env=headless(tmp_path / "home2"),
                             capture_output=True, text=True, timeout=300)
    assert started.returncode == 0 and "window exposed" in started.stdout, started.stderr[-3000:]


def test_the_pronouncing_dictionary_ships_as_data_and_no_gpl_package_does(bundle, tmp_path):
    internal = bundle / "_internal"
    assert {"cmudict.dict.gz", "LICENSE", "README", "SOURCE.json"} <= {p.name for p in (internal / "resources" / "cmudict").iterdir()}
    assert not [p.name for p in internal.iterdir() if p.name.lower().startswith(("cmudict", "pronouncing"))]
    software = json.loads((internal / "resources" / "third_party.json").read_text(encoding="utf-8"))
    assert not [e for e in software if strong_copyleft(e["licence"])]
    # An English rhyming form reads the dictionary (syllables, rhymes, rhyme candidates) inside the frozen app.
    result = subprocess.run([str(bundle / "artdesk-debug"), "generate", "poem", "--form", "aabb", "--candidates", "1"],
                            env=headless(tmp_path / "home"), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "--- candidate 1" in result.stdout, (result.stdout + result.stderr)[-3000:]


def test_the_self_test_ran_every_real_path_of_the_app(bundle):
    report = REPORT.read_text(encoding="utf-8")
    assert not [line for line in SELF_TEST_LINES if line not in report]


def test_one_program_file_and_no_dangling_links(bundle):
    assert (bundle / "artdesk-debug").is_symlink() and os.readlink(bundle / "artdesk-debug") == "artdesk"
    dangling = [str(p) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling, dangling[:5]


def test_no_bundled_library_needs_one_that_was_cut(bundle):
    """Every cut library is loaded by nothing that ships: ldd finds no missing dependency the rules dropped."""
    rules = load_rules()
    needs_cut = []
    for path in (bundle / "_internal").rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
        missing = [line.split()[0] for line in out.splitlines() if "not found" in line]
        needs_cut += [f"{path.name} needs {name}" for name in missing if rules.unwanted_path(name)]
    assert not needs_cut, needs_cut[:10]
