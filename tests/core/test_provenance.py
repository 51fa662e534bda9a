from artdesk.core.provenance import describe_missing, find_card, missing_fields, provenance_record
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


def test_describe_missing_says_what_a_foreign_or_forged_record_lacks():
    assert "no artdesk provenance" in describe_missing({}, "cat.png")
    assert "no artdesk provenance" in describe_missing("forged", "cat.png")
    message = describe_missing({"app": "artdesk", "model": "x", "seed": 1}, "cat.png")
    assert "weights hash" in message and "settings" in message and "seed" not in message
    full = {"app": "artdesk", "model": "x", "weights_sha256": "a", "seed": 1, "settings": {}}
    assert describe_missing(full, "cat.png") == ""


def test_find_card_by_weights_then_id_then_name(tmp_path):
    first = read_card(make_card_folder(tmp_path / "a", name="zh", weights_sha256="aaa"), "bundled")
    second = read_card(make_card_folder(tmp_path / "b", name="en", weights_sha256="bbb"), "user")
    cards = [first, second]
    assert find_card({"model": "renamed", "weights_sha256": "bbb"}, cards) == (second, "")
    card, note = find_card({"model": "zh", "weights_sha256": "changed"}, cards)
    assert card is first and "changed since" in note
    assert find_card({"model_id": second.id}, cards) == (second, "")
    card, note = find_card({"model": "gone-model", "weights_sha256": "ccc"}, cards)
    assert card is None and "gone-model" in note and "not installed" in note
    assert find_card({}, cards)[0] is None


def test_seedless_jobs_and_forged_types():
    base = {"app": "artdesk", "model": "x", "weights_sha256": "a", "settings": {}}
    assert missing_fields({**base, "seed": None}) == []
    assert missing_fields(base) == ["seed"]
    assert missing_fields({**base, "seed": "7; rm -rf", "settings": "forged"}) == ["seed", "settings"]
