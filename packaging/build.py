"""Build the artdesk bundle, run its self-test headless, measure it, and make the archive.

    packaging/build                 # Linux/macOS; on Windows: py packaging\\build.py
    packaging/build --skip-build    # reuse dist/artdesk: self-test, measure, archive again
    packaging/build --no-archive --runs 0

Steps (each timed and printed):
1. PyInstaller with packaging/artdesk.spec into dist/artdesk (work files in build/pyinstaller;
   a second build reuses the analysis and is much faster).
2. On Linux: the desktop entry, icon, .ora type and install.sh/uninstall.sh go into the bundle.
3. ``artdesk-debug --self-test`` with QT_QPA_PLATFORM=offscreen and a throwaway ARTDESK_HOME.
4. Bundle size on disk; cold start of the frozen app to its window exposed (median of --runs).
5. The archive: dist/artdesk-VERSION-PLATFORM.tar.xz (--gzip: .tar.gz; .zip on Windows and macOS) and its size.
Exits non-zero if the build or the self-test fails. The last line is a one-line summary.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "artdesk.spec"
LINUX_FILES = ROOT / "packaging" / "linux"
IS_WIN = sys.platform == "win32"
IS_MAC = sys.platform == "darwin"
# xz -6 packs torch's big library about a tenth smaller than xz -2 (a 40 MB piece: 8.1 MB against 9.0 MB;
# -9e: 8.0 MB), at about three times the time.
XZ_PRESET = 6
ARCHIVE_LIMIT_MB = 260  # tests/packaging/test_bundle.py holds the archive to this
WINDOW_LIMIT_S = 0.5  # the frozen app's window, median of the cold starts (issue 20)


def version() -> str:
    namespace: dict = {}
    exec((ROOT / "artdesk" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def executable(bundle: Path, name: str) -> Path:
    if IS_MAC and (bundle.parent / "artdesk.app").is_dir():
        return bundle.parent / "artdesk.app" / "Contents" / "MacOS" / name
    return bundle / (name + ".exe" if IS_WIN else name)


def folder_size(path: Path) -> int:
    """Bytes on disk as du counts them: symlinks not followed, hard-linked files once."""
    seen, total = set(), 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            info = os.lstat(os.path.join(folder, name))
            if (info.st_dev, info.st_ino) not in seen and not os.path.islink(os.path.join(folder, name)):
                seen.add((info.st_dev, info.st_ino))
                total += info.st_size
    return total


def build(dist: Path, work: Path) -> float:
    start = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return time.monotonic() - start


def add_linux_desktop_files(bundle: Path) -> None:
    """install.sh/uninstall.sh at the top of the bundle; what they install under share/."""
    share = bundle / "share"
    share.mkdir(exist_ok=True)
    for name in ("artdesk.desktop.in", "openraster.xml"):
        shutil.copy2(LINUX_FILES / name, share / name)
    shutil.copy2(ROOT / "resources" / "icons" / "artdesk.png", share / "artdesk.png")
    for name in ("install.sh", "uninstall.sh"):
        shutil.copy2(LINUX_FILES / name, bundle / name)
        (bundle / name).chmod(0o755)


def headless_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", ARTDESK_HOME=str(home))
    return env


def self_test(bundle: Path) -> float:
    with tempfile.TemporaryDirectory(prefix="artdesk-selftest-") as home:
        start = time.monotonic()
        result = subprocess.run([str(executable(bundle, "artdesk-debug")), "--self-test"],
                                env=headless_env(Path(home)), text=True, capture_output=True, timeout=900)
        seconds = time.monotonic() - start
    print(result.stdout + result.stderr, flush=True)
    if result.returncode != 0:
        raise SystemExit(f"build: the bundle's self-test failed (exit {result.returncode})")
    return seconds


def cold_starts(bundle: Path, runs: int) -> list[float]:
    """Seconds from process start to the main window exposed (the app's --startup-probe)."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="artdesk-start-") as home:
            start = time.time()
            out = subprocess.run([str(executable(bundle, "artdesk-debug")), "--startup-probe"],
                                 env=headless_env(Path(home)), text=True, capture_output=True, timeout=120).stdout
            exposed = [line for line in out.splitlines() if line.startswith("window exposed ")]
            if not exposed:
                raise SystemExit(f"build: --startup-probe printed no time:\n{out}")
            times.append(float(exposed[-1].split()[-1]) - start)
    return times


def make_archive(bundle: Path, fast: bool = False) -> Path:
    """Linux: .tar.xz (torch's big library packs a third smaller than with gzip, and xz is on every
    distribution); ``fast`` makes a .tar.gz instead. Windows and macOS: .zip."""
    machine = platform.machine().lower() or "unknown"
    system = "windows" if IS_WIN else "macos" if IS_MAC else "linux"
    base = bundle.parent / f"artdesk-{version()}-{system}-{machine}"
    if IS_MAC:
        target = base.with_suffix(".zip")
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(bundle.parent / "artdesk.app"), str(target)], check=True)
        return target
    if IS_WIN:
        return Path(shutil.make_archive(str(base), "zip", bundle.parent, bundle.name))
    if fast or not shutil.which("xz"):
        target, compressor = Path(str(base) + ".tar.gz"), ["pigz" if shutil.which("pigz") else "gzip", "-6"]
    else:
        target, compressor = Path(str(base) + ".tar.xz"), ["xz", "-T0", f"-{XZ_PRESET}"]
    with open(target, "wb") as out:
        tar = subprocess.Popen(["tar", "-C", str(bundle.parent), "-cf", "-", bundle.name], stdout=subprocess.PIPE)
        subprocess.run(compressor, stdin=tar.stdout, stdout=out, check=True)
        if tar.wait() != 0:
            raise SystemExit("build: tar failed")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller work folder")
    parser.add_argument("--skip-build", action="store_true", help="reuse an existing bundle")
    parser.add_argument("--no-self-test", action="store_true")
    parser.add_argument("--no-archive", action="store_true")
    parser.add_argument("--gzip", action="store_true", help="a quicker, larger .tar.gz instead of .tar.xz (Linux)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time (0: none)")
    args = parser.parse_args(argv)
    bundle = args.dist.resolve() / "artdesk"
    summary: dict[str, str] = {}
    if not args.skip_build:
        summary["build"] = f"{build(args.dist.resolve(), args.work.resolve()):.0f} s"
    if not executable(bundle, "artdesk-debug").exists():
        raise SystemExit(f"build: no bundle at {bundle}; run without --skip-build")
    if not IS_WIN and not IS_MAC:
        add_linux_desktop_files(bundle)
    if not args.no_self_test:
        summary["self-test"] = f"{self_test(bundle):.1f} s"
    size = folder_size(bundle.parent / "artdesk.app" if IS_MAC else bundle)
    summary["bundle on disk"] = f"{size / 1e6:.0f} MB"
    print(f"bundle on disk: {size / 1e6:.0f} MB ({size / 2**20:.0f} MiB) at {bundle}", flush=True)
    if args.runs > 0:
        times = cold_starts(bundle, args.runs)
        median = statistics.median(times)
        summary["cold start"] = f"{median:.2f} s"
        print(f"cold start to window exposed: median {median:.2f} s over {len(times)} runs "
              f"({', '.join(f'{t:.2f}' for t in times)}); target under {WINDOW_LIMIT_S} s: "
              f"{'met' if median < WINDOW_LIMIT_S else 'NOT met'}")
    if not args.no_archive:
        start = time.monotonic()
        for old in bundle.parent.glob("artdesk-*.tar.*"):
            old.unlink()
        archive = make_archive(bundle, fast=args.gzip)
        archive_size = archive.stat().st_size
        summary["archive"] = f"{archive_size / 1e6:.0f} MB"
        print(f"archive: {archive} {archive_size / 1e6:.0f} MB ({archive_size / 2**20:.0f} MiB) in "
              f"{time.monotonic() - start:.0f} s; target under {ARCHIVE_LIMIT_MB} MB: "
              f"{'met' if archive_size < ARCHIVE_LIMIT_MB * 1e6 else 'NOT met'}")
    print("summary: " + "; ".join(f"{k} {v}" for k, v in summary.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
