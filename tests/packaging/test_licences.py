"""The third-party list: from pyproject's run-time dependencies (and theirs) in a checkout, from the bundle's file when frozen."""
import json

from artdesk.licences import FILE_NAME, from_metadata, third_party


def test_metadata_walk_follows_dependencies_and_skips_extras():
    names = {entry["name"].lower().replace("_", "-") for entry in from_metadata(["mido>=1.3", "pytest; extra == 'dev'"])}
    assert "mido" in names and "packaging" in names  # mido requires packaging
    assert "pytest" not in names
    assert all(entry["licence"] for entry in from_metadata(["numpy"]))


def test_the_bundles_list_wins_when_present(tmp_path):
    (tmp_path / FILE_NAME).write_text(json.dumps([{"name": "only-this", "version": "1", "licence": "MIT"}]))
    rows = third_party(tmp_path)
    assert [r["name"] for r in rows][-1] == "only-this" and any(r["name"] == "Python" for r in rows)


def test_a_damaged_list_falls_back_to_metadata(tmp_path):
    (tmp_path / FILE_NAME).write_text("[{")
    assert any(r["name"].lower() == "numpy" for r in third_party(tmp_path))
