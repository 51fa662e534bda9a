"""Fixtures for packaging tests: a fake install folder with bundled models and resources."""
import json

import pytest

from tests.core.test_cards import make_card_folder


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch):
    """An install root (as sys._MEIPASS would be) holding models/ and resources/; app_paths() points at it."""
    root = tmp_path / "Ärt desk 艺术"
    (root / "resources").mkdir(parents=True)
    models = root / "models"
    make_card_folder(models, domain="poem", name="tang", data={"licence": "MIT", "source": "npm chinese-poetry@2.0.1"})
    make_card_folder(models, domain="music", name="folk", data={"licence": "public domain", "source": "music21 corpus: oneills1850"})
    (models / "bundle-manifest.json").write_text(json.dumps({"models": ["music/folk", "poem/tang"]}))
    monkeypatch.setattr("artdesk.core.paths.bundle_root", lambda: root)
    return root
