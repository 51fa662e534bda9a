"""Pictures for the offline manual, taken from the running app in English and Chinese, and the menus,
manual and Gallery pane for checking by eye.

    xvfb-run -a .venv/bin/python packaging/manual_screenshots.py [OUT]
        # resources/manual/<language>/images/*.png and the README's resources/screenshots/gallery.png, music.png and poem-*.png;
        # pictures to check by eye (menus, manual, preferences, gallery pane) go to OUT (default out/manual-check)

Run under Xvfb with the real xcb platform (menus only pop up on a real window system). It generates with the
shipped models (glyphs, melody, poem), so it takes a few minutes on one CPU thread.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from screenshot_home import fresh_home  # noqa: E402 (beside this script)

ROOT = Path(__file__).resolve().parents[1]
MANUAL = ROOT / "resources" / "manual"
README_SHOTS = ROOT / "resources" / "screenshots"
WIDTH = 1100  # pictures are stored this wide; the manual shows them at 720


def wait(app, condition, seconds: float = 600.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    if not condition():
        raise SystemExit("manual_screenshots: a job did not finish in time")


def settle(app, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def save(widget_or_pixmap, path: Path, width: int = WIDTH) -> Path:
    from PySide6.QtCore import Qt

    pixmap = widget_or_pixmap if hasattr(widget_or_pixmap, "scaledToWidth") else widget_or_pixmap.grab()
    if pixmap.width() > width:
        pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    path.parent.mkdir(parents=True, exist_ok=True)
    pixmap.save(str(path))
    if MANUAL in path.parents or README_SHOTS in path.parents:
        compact(path)
    print(path)
    return path


def compact(path: Path) -> None:
    """256 colours (octree, no dither): a quarter of the size, and flat UI colours stay exact."""
    from PIL import Image

    with Image.open(path) as image:
        quantized = image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    quantized.save(path, optimize=True)


def job_done(holder, name: str):
    return lambda: getattr(holder, name) is not None and getattr(holder, name).is_finished


def shoot(app, language: str, checks: Path) -> None:
    from PySide6.QtCore import QPoint

    from artdesk.ml.canvas.finetune.bench_set import make_bench_set
    from artdesk.ui.app import build_window

    images = MANUAL / language / "images"
    window = build_window(app)
    window.resize(1500, 920)
    window.show()
    window.welcome_dock.hide()
    settle(app)

    canvas = window.show_panel("canvas").panel
    settle(app)
    sys.path.insert(0, str(ROOT / "packaging"))
    from canvas_screenshots import paint_scene

    paint_scene(canvas, language)
    dock = canvas.model_dock
    glyphs = next(str(c.path) for c in dock.session.cards if c.path.name == "glyphs-gan")
    dock.select_model(glyphs)
    dock.count_spin.setValue(12)
    dock.seed_spin.setValue(3)
    dock.generate_button.click()
    wait(app, job_done(dock, "handle"))
    settle(app)
    dock.size_combo.setCurrentIndex(2)
    dock.grid.item(2).setSelected(True)
    dock.add_picks_as_layers()
    dock.vary_button.click()
    wait(app, job_done(dock, "handle"))
    settle(app)
    canvas.view.fit()
    settle(app)
    save(window, images / "canvas.png")

    music = window.show_panel("music").panel
    settle(app)
    music.controls.style_combo.setCurrentIndex(max(0, music.controls.style_combo.findData("celtic")))
    music.controls.key_combo.setCurrentIndex(music.controls.key_combo.findData("D"))
    music.controls.seed_spin.setValue(3)
    handle = music.generate()
    wait(app, lambda: handle.is_finished)
    settle(app)
    save(window, images / "music.png")
    if language == "en":
        save(music, README_SHOTS / "music.png", 1400)  # the README's Music picture

    poem = window.show_panel("poem").panel
    settle(app)
    poem.select_model("poem-zh-lstm" if language == "zh_CN" else "poem-en-words")
    poem.select_form("qijue" if language == "zh_CN" else "abab")
    poem.controls.theme_edit.setText("春山 明月" if language == "zh_CN" else "sea night")
    poem.generate()
    wait(app, lambda: not poem._busy("generate") and not poem._busy("check"))
    settle(app)
    save(window, images / "poem.png")
    save(window, README_SHOTS / f"poem-{'zh' if language == 'zh_CN' else 'en'}.png", 1280)  # the README's Poem pictures

    gallery = window.show_panel("gallery").panel
    settle(app)
    wait(app, lambda: gallery.reconcile_job is not None and gallery.reconcile_job.is_finished)
    gallery.reload()
    row = next(r for r, item in enumerate(gallery.model.items) if item.panel == "canvas")
    gallery.view.setCurrentIndex(gallery.model.index(row))
    gallery.check_originality()
    wait(app, lambda: gallery.originality_job is None)
    settle(app, 40)
    save(window, images / "gallery.png")
    if language == "en":
        save(window, README_SHOTS / "gallery.png", 1280)  # the README's Gallery picture
    save(gallery, checks / "gallery-pane.png", 1500)
    row = next(r for r, item in enumerate(gallery.model.items) if item.panel == "poem")
    gallery.view.setCurrentIndex(gallery.model.index(row))
    settle(app, 40)
    save(gallery, checks / "gallery-pane-poem.png", 1500)

    window.show_panel("canvas")
    wizard = dock.open_finetune_wizard()
    wizard.resize(1000, 720)
    with tempfile.TemporaryDirectory() as folder:
        make_bench_set(Path(folder), count=24)
        wizard.pictures_page.set_sources([Path(folder)])
        wait(app, lambda: not wizard.pictures_page.audit_jobs.busy and not wizard.pictures_page.preview_jobs.busy)
        settle(app, 40)
        save(wizard, images / "teach.png")
        wizard.next()
        wait(app, lambda: not wizard.options_page.estimates.busy)
        wizard.options_page.advanced_button.setChecked(True)
        settle(app, 40)
        save(wizard, checks / "teach-options.png", 1500)
    wizard.reject()

    for menu in (window.file_menu, window.edit_menu, window.help_menu):
        menu.popup(window.mapToGlobal(QPoint(40, 30)))
        settle(app, 30)
        save(menu, checks / f"menu-{menu.title().strip('&').split('(')[0] or 'x'}.png", 800)
        menu.hide()
    manual = window.open_manual("originality")
    settle(app, 40)
    save(manual, checks / "manual-originality.png", 1200)
    manual.show_topic("")
    settle(app, 20)
    save(manual, checks / "manual-top.png", 1200)
    preferences = window.open_preferences()
    settle(app, 20)
    save(preferences, checks / "preferences.png", 1200)
    preferences.close()
    window.shut_down()
    window.hide()


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from artdesk.ui.app import translations

    out = Path(argv[0]) if argv else ROOT / "out" / "manual-check"
    app = QApplication.instance() or QApplication([])
    import torch

    torch.set_num_threads(1)
    for language in ("en", "zh_CN"):
        with fresh_home(language):
            shoot(app, language, out / language)
            translations(app, ROOT / "resources" / "i18n").install("en")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
