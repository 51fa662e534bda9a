"""The vendored CMU Pronouncing Dictionary: its record, the parse rules, lookups, rhymes, and damaged installs."""
import gzip
import hashlib
import json
import shutil

import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.ml.poem import english, pronunciations


def test_the_vendored_files_match_their_record_and_licence():
    folder = pronunciations.folder()
    record = json.loads((folder / "SOURCE.json").read_text(encoding="utf-8"))
    data = gzip.decompress((folder / record["file"]).read_bytes())
    assert hashlib.sha256(data).hexdigest() == record["sha256"]
    assert data.count(b"\n") == record["lines"]
    assert record["licence"] == "BSD-2-Clause"
    licence = (folder / record["licence_file"]).read_text(encoding="utf-8")
    assert "Carnegie Mellon University" in licence and "Redistributions in binary form must reproduce" in licence


def test_parse_joins_variants_and_drops_comments_and_notes():
    text = ";;; a comment line\nread R IY1 D\nread(2) R EH1 D\nDail D OY1 L # org, irish\n"
    assert pronunciations.parse(text) == {"read": ["R IY1 D", "R EH1 D"], "dail": ["D OY1 L"]}


def test_lookups_follow_the_dictionary():
    assert pronunciations.phones_for_word("Permit") == ["P ER0 M IH1 T", "P ER1 M IH2 T"]
    assert pronunciations.phones_for_word("qzxv") == []
    assert pronunciations.phones_for_word("tierney") == ["T IH1 R N IY0", "T IY1 R N IY0"]  # "# name, irish" dropped
    words = pronunciations.words()
    assert len(words) == len(set(words)) > 120_000 and "permit" in words
    assert english.syllables("literally") == 4 and english.syllables("fire") == 2


def test_rhyming_part_starts_at_the_last_stressed_vowel():
    assert pronunciations.rhyming_part("P ER1 P AH0 L") == "ER1 P AH0 L"
    assert pronunciations.rhyming_part("K AE1 T") == "AE1 T"
    assert pronunciations.rhyming_part("AH0 B AW1 T") == "AW1 T"
    assert pronunciations.rhyming_part("DH AH0") == "DH AH0"  # nothing stressed: the whole word


def test_rhymes_cover_every_pronunciation_and_leave_out_the_word():
    assert pronunciations.rhymes("conditioner") == ["commissioner", "parishioner", "petitioner", "practitioner"]
    found = pronunciations.rhymes("Cat")
    assert "hat" in found and "cat" not in found and found == sorted(found)
    assert "bed" in pronunciations.rhymes("read") and "bead" in pronunciations.rhymes("read")  # R IY1 D and R EH1 D
    assert pronunciations.rhymes("qzxv") == []
    assert english.rhymes("danglars", "bars")  # a word whose entry carries a note still rhymes


@pytest.fixture
def copy_of_dictionary(tmp_path):
    folder = tmp_path / "cmudict"
    shutil.copytree(pronunciations.folder(), folder)
    return folder


def test_a_changed_dictionary_is_refused(copy_of_dictionary):
    path = copy_of_dictionary / "cmudict.dict.gz"
    path.write_bytes(gzip.compress(gzip.decompress(path.read_bytes()) + b"extra X AH1\n"))
    with pytest.raises(ArtdeskError, match="damaged.*Reinstall"):
        pronunciations.load(copy_of_dictionary)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "delete", "record"])
def test_a_missing_or_unreadable_dictionary_says_what_to_do(copy_of_dictionary, damage):
    path = copy_of_dictionary / "cmudict.dict.gz"
    if damage == "truncate":
        path.write_bytes(path.read_bytes()[:5000])
    elif damage == "garbage":
        path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 100)
    elif damage == "delete":
        path.unlink()
    else:
        (copy_of_dictionary / "SOURCE.json").write_text("{")
    with pytest.raises(ArtdeskError, match="cannot be read.*Reinstall"):
        pronunciations.load(copy_of_dictionary)


def test_a_good_copy_loads(copy_of_dictionary):
    assert pronunciations.load(copy_of_dictionary)["cat"] == ["K AE1 T"]
