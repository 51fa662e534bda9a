"""Missing or damaged bundled models: named by the self-test's check and in the main window, which still starts."""
import json

from artdesk.core.cards import bundled_model_problems
from artdesk.ui.app import build_window


def test_intact_bundle_has_no_problems(fake_bundle):
    assert bundled_model_problems(fake_bundle / "models") == []


def test_missing_and_damaged_models_are_named(fake_bundle):
    models = fake_bundle / "models"
    (models / "poem" / "tang" / "card.json").write_text("{ damaged")
    manifest = json.loads((models / "bundle-manifest.json").read_text())
    (models / "bundle-manifest.json").write_text(json.dumps({"models": manifest["models"] + ["canvas/clipart"]}))
    problems = bundled_model_problems(models)
    assert len(problems) == 2
    assert any("canvas/clipart is missing" in p for p in problems)
    assert any("tang" in p and "damaged" in p for p in problems)


def test_damaged_manifest_is_reported(fake_bundle):
    (fake_bundle / "models" / "bundle-manifest.json").write_text("[1, 2")
    assert "Reinstall artdesk" in bundled_model_problems(fake_bundle / "models")[0]


def test_window_starts_and_says_which_model_is_missing(qtbot, qapp, fake_bundle):
    import shutil

    shutil.rmtree(fake_bundle / "models" / "music" / "folk")
    window = build_window(qapp)
    qtbot.addWidget(window)
    window.show()
    assert window.model_warning.isVisible()
    assert "music/folk" in window.model_warning.toolTip()
    assert [c.name for c in window.context.discover().cards] == ["tang"]
    window.close()
