"""The About dialog: version, and the licence and source of every bundled model read from its card."""
import shutil
from pathlib import Path

import artdesk
from artdesk.ui.app import build_window
from tests.core.test_cards import make_card_folder
from tests.packaging.conftest import fake_bundle  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]


def test_about_lists_each_models_data_source_and_licence(qtbot, qapp, fake_bundle, isolated_home):  # noqa: F811
    shutil.copytree(ROOT / "resources" / "cmudict", fake_bundle / "resources" / "cmudict")
    make_card_folder(isolated_home / "data" / "models", domain="canvas", name="mine", data={"licence": "CC0", "source": "my sketches"})
    make_card_folder(isolated_home / "data" / "models", domain="features", name="trunk", data={"licence": "MIT", "source": "npm nsfwjs@4.4.0"})
    window = build_window(qapp)
    qtbot.addWidget(window)
    dialog = window.open_about()
    assert artdesk.__version__ in dialog.windowTitle() + "".join(w.text() for w in dialog.findChildren(type(window.status_label)))
    rows = {dialog.models_table.item(r, 0).text(): [dialog.models_table.item(r, c).text() for c in range(5)] for r in range(dialog.models_table.rowCount())}
    assert rows["tang"][1:4] == ["Poem", "MIT", "npm chinese-poetry@2.0.1"]
    assert rows["folk"][2:4] == ["public domain", "music21 corpus: oneills1850"]
    assert rows["mine"][2] == "CC0"
    assert rows["trunk"][1:4] == ["Features", "MIT", "npm nsfwjs@4.4.0"]  # a feature trunk is listed like any model
    assert sorted(dialog.licences()) == ["CC0", "MIT", "MIT", "public domain"]
    assert not dialog.problems.isVisible()
    software = [dialog.software_table.item(r, 0).text() for r in range(dialog.software_table.rowCount())]
    assert {"torch", "numpy", "mido"} <= {name.lower() for name in software} and "Qt (inside PySide6)" in software
    licences = {dialog.software_table.item(r, 0).text().lower(): dialog.software_table.item(r, 2).text() for r in range(dialog.software_table.rowCount())}
    assert "BSD-3-Clause" in licences["torch"] and "MIT" in licences["mido"]
    assert licences["cmu pronouncing dictionary"] == "BSD-2-Clause" and "cmudict" not in licences
    dialog.close()
    window.close()


def test_about_names_a_damaged_model(qtbot, qapp, fake_bundle):  # noqa: F811
    (fake_bundle / "models" / "poem" / "tang" / "card.json").write_text("not json")
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_about()
    assert "tang" in dialog.problems.text() and dialog.problems.isVisible()
    assert dialog.licences() == ["public domain"]
    dialog.close()
    window.close()
