"""README screenshots of the Canvas panel, English and Chinese (offscreen): a scene painted with the
panel's own tools, a grid from the bundled image model, and one pick placed as a layer.

    .venv/bin/python packaging/canvas_screenshots.py [gan|vae]   # writes resources/screenshots/canvas*.png
"""
from __future__ import annotations

import math
import os
import sys
from pathlib import Path

from screenshot_home import fresh_home  # noqa: E402 (beside this script)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "screenshots"


LAYER_NAMES = {"en": ("Sun", "Hills", "Ink"), "zh_CN": ("太阳", "山丘", "墨线")}  # what a painter would call them


def paint_scene(panel, language: str = "en") -> None:
    """Sky, sun, hills and a small house, drawn the way a user would: fills and strokes on layers named in
    ``language``."""
    sun, hills, ink = LAYER_NAMES[language]
    panel.new_document(1024, 768)
    editor = panel.editor
    editor.set_active(0)
    editor.set_brush(colour=(150, 200, 240), opacity=1.0)
    editor.fill_at(10, 10)

    def stroke(points, **brush):
        editor.set_brush(**brush)
        editor.begin_stroke(*points[0])
        for point in points[1:]:
            editor.continue_stroke(*point)
        editor.end_stroke()

    stroke([(0, 700), (1024, 700)], size=300, hardness=0.0, opacity=0.35, colour=(255, 240, 200))
    editor.new_layer(sun)
    stroke([(820, 150)], size=170, hardness=0.85, opacity=1.0, colour=(250, 200, 60))
    stroke([(820, 150)], size=260, hardness=0.0, opacity=0.35, colour=(255, 230, 120))
    editor.new_layer(hills)
    stroke([(x, 600 + 60 * math.sin(x / 140)) for x in range(-50, 1100, 20)], size=260, hardness=0.9, opacity=1.0,
           colour=(90, 160, 80))
    stroke([(x, 760 + 50 * math.sin(x / 90 + 1)) for x in range(-50, 1100, 20)], size=400, colour=(60, 120, 60))
    editor.new_layer(ink)
    house = [(140, 560), (140, 440), (230, 370), (320, 440), (320, 560), (140, 560)]
    stroke([(x, y, 0.6 + 0.4 * math.sin(i)) for i, (x, y) in enumerate(house)], size=6, hardness=1.0,
           colour=(40, 30, 30), pressure_size=True)
    stroke([(200, 560), (200, 490), (250, 490), (250, 560)], size=10, colour=(200, 60, 40))
    editor.set_brush(size=12, hardness=0.8, colour=(200, 60, 40))
    panel.tool_options.sync()


def wait(app, condition, seconds: float = 300.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def shoot(app, language: str, kind: str) -> Path:
    from artdesk.ui.app import build_window

    window = build_window(app)
    window.resize(1800, 1000)
    window.show()
    window.tabs.setCurrentIndex(0)
    panel = window.panels["canvas"].ensure_built()
    app.processEvents()
    paint_scene(panel, language)
    dock = panel.model_dock
    kinds = {str(card.path): card.model_type for card in dock.session.drawable()}  # the picker shows names only
    index = next((i for i in range(dock.model_combo.count()) if kinds.get(dock.model_combo.itemData(i)) == f"canvas-{kind}"), -1)
    if index >= 0:
        dock.model_combo.setCurrentIndex(index)
        dock.count_spin.setValue(16)
        dock.seed_spin.setValue(7)
        dock.generate_button.click()
        wait(app, lambda: dock.handle is not None and dock.handle.is_finished)
        dock.size_combo.setCurrentIndex(2)  # 4x square pixels: big enough to see on the canvas
        dock.grid.item(3).setSelected(True)
        dock.add_picks_as_layers()
    panel.view.fit()
    for _ in range(5):
        app.processEvents()
    path = OUT / ("canvas.png" if language == "en" else f"canvas_{language}.png")
    panel.grab().save(str(path))
    panel.close_panel()
    window.close()
    return path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    kind = argv[0] if argv else "gan"
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    import torch

    torch.set_num_threads(1)
    for language in ("en", "zh_CN"):
        with fresh_home(language):
            print(shoot(app, language, kind))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
