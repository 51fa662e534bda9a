import json

import pytest

from artdesk.core.cards import CARD_FORMAT_VERSION, CardError, delete_user_model, discover_models, import_model_folder, read_card


def make_card_folder(root, domain="poem", name="m", **overrides):
    folder = root / domain / name
    folder.mkdir(parents=True)
    card = {"format_version": CARD_FORMAT_VERSION, "model_type": "tiny", "domain": domain, "data": {"licence": "CC0"}}
    card.update(overrides)
    (folder / "card.json").write_text(json.dumps(card))
    (folder / "model.safetensors").write_bytes(b"x" * 10)
    return folder


def test_discovery_reads_cards_and_reports_problems(tmp_path):
    make_card_folder(tmp_path, name="good")
    broken = make_card_folder(tmp_path, name="broken")
    (broken / "card.json").write_text("{not json")
    no_weights = make_card_folder(tmp_path, name="noweights")
    (no_weights / "model.safetensors").unlink()
    make_card_folder(tmp_path, name="future", format_version=CARD_FORMAT_VERSION + 1)
    found = discover_models([("user", tmp_path)])
    assert [c.name for c in found.cards] == ["good"]
    assert found.cards[0].licence == "CC0"
    text = "\n".join(found.problems)
    assert "damaged" in text and "no weights" in text and "Update artdesk" in text


def test_missing_root_is_not_an_error(tmp_path):
    assert discover_models([("bundled", tmp_path / "nope")]).cards == []


def test_import_copies_and_refuses_clashes(tmp_path):
    src = make_card_folder(tmp_path / "src", name="mine")
    user = tmp_path / "user"
    card = import_model_folder(src, user)
    assert card.path == user / "poem" / "mine" and (card.path / "model.safetensors").exists()
    with pytest.raises(CardError, match="already exists"):
        import_model_folder(src, user)
    with pytest.raises(CardError, match="no card.json"):
        import_model_folder(tmp_path, user)


def test_delete_only_user_models(tmp_path):
    bundled = read_card(make_card_folder(tmp_path / "b"), "bundled")
    with pytest.raises(CardError, match="cannot be deleted"):
        delete_user_model(bundled)
    mine = read_card(make_card_folder(tmp_path / "u"), "user")
    delete_user_model(mine)
    assert not mine.path.exists()


def test_find_model_by_path_folder_name_or_first_of_a_type(tmp_path):
    from dataclasses import replace

    from artdesk.core.cards import ModelNotFound, find_model
    from artdesk.core.paths import app_paths

    paths = replace(app_paths(), bundled_models=tmp_path / "bundled", data=tmp_path / "data")
    shipped = make_card_folder(paths.bundled_models, domain="canvas", name="glyphs", model_type="canvas-gan")
    mine = make_card_folder(paths.user_models, domain="canvas", name="mine", model_type="canvas-vae")
    assert find_model("mine", "canvas", paths=paths).path == mine
    assert find_model(None, "canvas", "canvas-gan", paths=paths).source == "bundled"
    by_path = find_model(str(shipped), "canvas", paths=paths)
    assert by_path.path == shipped and by_path.source == "bundled"
    with pytest.raises(ModelNotFound, match=r"No canvas-gan model named 'mine' \(known: glyphs\)") as missing:
        find_model("mine", "canvas", "canvas-gan", paths=paths)
    assert missing.value.known == ["glyphs"]
    with pytest.raises(ModelNotFound, match="No poem model found"):
        find_model(None, "poem", paths=paths)


def test_default_cache_is_the_data_cache_or_the_home_one(monkeypatch, tmp_path):
    from artdesk.core.paths import default_cache

    monkeypatch.setenv("ARTDESK_DATA_CACHE", str(tmp_path))
    assert default_cache("style", "content") == tmp_path / "style" / "content"
    monkeypatch.delenv("ARTDESK_DATA_CACHE")
    assert default_cache() == default_cache().home() / ".cache" / "artdesk-data"
