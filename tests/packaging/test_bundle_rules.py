"""The spec's filter: torch's tests and system copies of torch-family libraries never ship (checked without a build)."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_rules():
    spec = importlib.util.spec_from_file_location("bundle_rules", ROOT / "packaging" / "bundle_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_torch_tests_and_headers_are_dropped_but_shm_manager_stays():
    rules = load_rules()
    torch_dir = str(rules.TORCH_DIR)
    assert rules.unwanted("torch/test/test_nn.py", f"{torch_dir}/test/test_nn.py")
    assert rules.unwanted("torch/bin/test_jit", f"{torch_dir}/bin/test_jit")
    assert rules.unwanted("torch/bin/protoc", f"{torch_dir}/bin/protoc")
    assert rules.unwanted("torch/include/ATen/ATen.h", f"{torch_dir}/include/ATen/ATen.h")
    assert rules.unwanted("torch/lib/libtorchbind_test.so", f"{torch_dir}/lib/libtorchbind_test.so")
    assert rules.unwanted("torch/bin/torch_shm_manager", f"{torch_dir}/bin/torch_shm_manager") is None
    assert rules.unwanted("torch/lib/libtorch_cpu.so", f"{torch_dir}/lib/libtorch_cpu.so") is None


def test_system_copies_of_torch_libraries_are_dropped():
    rules = load_rules()
    assert "libgomp.so.1" in rules.TORCH_FAMILY or "libc10.so" in rules.TORCH_FAMILY
    name = "libgomp.so.1" if "libgomp.so.1" in rules.TORCH_FAMILY else "libc10.so"
    assert "system copy" in rules.unwanted(name, f"/usr/lib/x86_64-linux-gnu/{name}")
    assert rules.unwanted(f"torch/lib/{name}", f"{rules.TORCH_DIR}/lib/{name}") is None
    assert rules.unwanted("libcudart.so.12", "/usr/local/cuda/lib64/libcudart.so.12")
    assert rules.unwanted("libQt6Core.so.6", "/x/PySide6/Qt/lib/libQt6Core.so.6") is None


def test_filtered_keeps_the_rest_and_only_our_two_languages_of_qt():
    rules = load_rules()
    toc = [
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "/x/qtbase_zh_CN.qm", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
        ("resources/i18n/artdesk_zh_CN.qm", "/r/artdesk_zh_CN.qm", "DATA"),
        ("resources/i18n/artdesk_zh_CN.ts", "/r/artdesk_zh_CN.ts", "DATA"),
        ("models/poem/tang/card.json", "/m/card.json", "DATA"),
    ]
    kept = [entry[0] for entry in rules.filtered(toc, "data")]
    assert kept == ["PySide6/Qt/translations/qtbase_zh_CN.qm", "resources/i18n/artdesk_zh_CN.qm", "models/poem/tang/card.json"]


def test_every_excluded_qt_module_has_a_reason_and_none_we_use_is_excluded():
    rules = load_rules()
    assert all(reason.strip() for reason in rules.QT_EXCLUDES.values())
    used = set()
    for path in (ROOT / "artdesk").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= {m for m in rules.QT_EXCLUDES if f"{m} " in text or f"{m}\n" in text or f"{m}." in text}
    assert not used, f"excluded Qt modules that artdesk imports: {used}"


def test_data_preparation_extras_are_left_out_unless_the_app_needs_them(tmp_path):
    rules = load_rules()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["Pillow>=10", "numpy"]\n'
        '[project.optional-dependencies]\npoem-data = ["pandas>=2.0", "pillow"]\ndev = ["pytest"]\n'
    )
    excludes = rules.data_prep_excludes(pyproject)
    assert "pandas" in excludes and "poem-data" in excludes["pandas"]
    assert "PIL" not in excludes and "pytest" not in excludes and "numpy" not in excludes


def test_embedded_qt_backends_go_but_desktop_ones_and_input_methods_stay():
    rules = load_rules()
    gone = ["PySide6/Qt/plugins/platforms/libqeglfs.so", "PySide6/Qt/plugins/platforms/libqvnc.so",
            "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
            "PySide6/plugins/platforms/qlinuxfb.dll", "PySide6/Qt/plugins/tls/libqopensslbackend.so"]
    kept = ["PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
            "PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/plugins/platforms/qwindows.dll",
            "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so"]
    assert all(rules.unwanted(d, "/x/" + d) for d in gone)
    assert not any(rules.unwanted(d, "/x/" + d) for d in kept)


def test_c2pa_keeps_its_shared_library_but_not_the_static_one():
    rules = load_rules()
    assert rules.unwanted("c2pa/libs/libc2pa_c.rlib", "/site-packages/c2pa/libs/libc2pa_c.rlib")
    assert rules.unwanted("c2pa/libs/libc2pa_c.d", "/site-packages/c2pa/libs/libc2pa_c.d")
    assert rules.unwanted("c2pa/libs/libc2pa_c.so", "/site-packages/c2pa/libs/libc2pa_c.so") is None


def test_the_media_backend_ffmpeg_qml_and_pdf_go_but_audio_widgets_and_other_image_formats_stay():
    rules = load_rules()
    gone = ["PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", "PySide6/Qt/lib/libavcodec.so.61",
            "libavformat.so.61", "PySide6/Qt/lib/libswresample.so.5", "PySide6/Qt/lib/libQt6FFmpegStub-va.so.2",
            "PySide6/Qt/lib/libQt6Quick.so.6", "libQt6Qml.so.6", "PySide6/Qt/lib/libQt6QmlModels.so.6",
            "PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6/Qt/lib/libQt6Pdf.so.6", "avcodec-61.dll"]
    kept = ["PySide6/Qt/lib/libQt6Multimedia.so.6", "PySide6/Qt/lib/libQt6MultimediaWidgets.so.6",
            "PySide6/QtMultimedia.abi3.so", "PySide6/Qt/lib/libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Svg.so.6",
            "PySide6/Qt/plugins/imageformats/libqjpeg.so", "PySide6/Qt/plugins/imageformats/libqwebp.so",
            "pillow.libs/libavif-c6062d5f.so.16.4.2", "PySide6/Qt/lib/libicudata.so.73"]
    assert all(rules.unwanted(d, "/x/" + d) for d in gone), [d for d in gone if not rules.unwanted(d, "/x/" + d)]
    assert not [d for d in kept if rules.unwanted(d, "/x/" + d)]


def test_a_symlink_goes_with_its_target():
    rules = load_rules()
    toc = [("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
           ("libQt6Widgets.so.6", "PySide6/Qt/lib/libQt6Widgets.so.6", "SYMLINK"),
           ("PySide6/Qt/lib/libQt6Quick.so.6", "/x/PySide6/Qt/lib/libQt6Quick.so.6", "BINARY")]
    assert [entry[0] for entry in rules.filtered(toc, "binary")] == ["libQt6Widgets.so.6"]


def test_torch_python_sources_stay():
    """torch reads its own config modules' source at import (torch.utils._config_module calls inspect.getsource):
    a bundle without them failed its self-test with "could not get source code" in torch.distributed.config."""
    rules = load_rules()
    torch_dir = str(rules.TORCH_DIR)
    assert rules.unwanted("torch/distributed/config.py", f"{torch_dir}/distributed/config.py") is None


def test_build_time_packages_are_excluded_with_reasons_and_never_collected():
    rules = load_rules()
    assert all(reason.strip() for reason in [*rules.PYTHON_EXCLUDES.values(), *rules.NOT_AT_RUN_TIME.values()])
    collected = rules.runtime_packages()
    assert "c2pa-python" in collected and "cryptography" in collected
    assert not set(collected) & set(rules.NOT_AT_RUN_TIME)
    assert not {m for modules in collected.values() for m in modules} & set(rules.not_at_run_time_excludes())
