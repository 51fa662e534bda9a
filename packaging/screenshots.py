"""Screenshots for the README: the welcome page in English and Chinese, and the About dialog (offscreen).

    .venv/bin/python packaging/screenshots.py      # writes resources/screenshots/*.png
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from screenshot_home import fresh_home  # noqa: E402 (beside this script)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "screenshots"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from artdesk.ui.app import build_window, translations

    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    for language in ("en", "zh_CN"):
        with fresh_home(language):
            window = build_window(app)
            window.resize(1400, 860)
            window.show()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(OUT / f"welcome_{language}.png"))
            about = window.open_about()
            about.resize(820, 480)
            for _ in range(5):
                app.processEvents()
            about.grab().save(str(OUT / f"about_{language}.png"))
            about.close()
            window.close()
            translations(app, window.context.paths.resources / "i18n").install("en")
    print("\n".join(str(p) for p in sorted(OUT.glob("*.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
