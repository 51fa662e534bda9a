from artdesk.core.provenance import missing_fields, provenance_record
from tests.core.test_cards import make_card_folder
from artdesk.core.cards import read_card


def test_record_names_model_seed_and_settings(tmp_path):
    card = read_card(make_card_folder(tmp_path, name="zh", weights_sha256="abc"), "bundled")
    record = provenance_record(card, 7, {"temperature": 0.8}, primer="春")
    assert record["model_id"] == "bundled:poem/zh" and record["weights_sha256"] == "abc"
    assert record["seed"] == 7 and record["settings"] == {"temperature": 0.8} and record["primer"] == "春"
    assert missing_fields(record) == []


def test_missing_fields_of_foreign_records():
    assert missing_fields(None) == ["app", "model", "weights_sha256", "seed", "settings"]
    assert missing_fields({"app": "other", "model": "x", "seed": 1}) == ["weights_sha256", "settings"]
