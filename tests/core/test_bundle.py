"""Bundles of gallery works: files plus a JSON provenance record each, a manifest, missing files skipped."""
import json
import zipfile

import pytest

from artdesk.core.bundle import BundleError, export_bundle
from artdesk.core.gallery import Gallery


@pytest.fixture
def gallery(tmp_path):
    g = Gallery.open(tmp_path / "gallery", budget_bytes=1_000_000)
    yield g
    g.close()


def test_bundle_holds_each_file_and_its_provenance(gallery, tmp_path):
    a = gallery.keep("canvas", b"\x89PNG pixels", "png", {"model": "gan", "seed": 3, "settings": {"count": 4}}, title="red bird")
    b = gallery.keep("poem", "春眠不觉晓".encode(), "txt", {"model": "zh", "seed": 1}, title="春晓")
    gallery.update(b.id, rating=4)
    summary = export_bundle(gallery, [a.id, b.id, a.id], tmp_path / "out" / "works")
    assert summary.path == tmp_path / "out" / "works.zip" and summary.skipped == []
    with zipfile.ZipFile(summary.path) as archive:
        names = set(archive.namelist())
        assert names == {*summary.written, *(f"{n}.provenance.json" for n in summary.written), "manifest.json"}
        png = next(n for n in summary.written if n.endswith(".png"))
        poem = next(n for n in summary.written if n.endswith(".txt"))
        assert archive.read(png) == b"\x89PNG pixels" and "red-bird" in png
        assert archive.read(poem).decode() == "春眠不觉晓" and "春晓" in poem
        record = json.loads(archive.read(f"{png}.provenance.json"))
        assert record["provenance"] == {"model": "gan", "seed": 3, "settings": {"count": 4}}
        assert json.loads(archive.read(f"{poem}.provenance.json"))["rating"] == 4
        manifest = json.loads(archive.read("manifest.json"))
        assert [w["file"] for w in manifest["works"]] == summary.written and len(summary.written) == 2


def test_missing_files_are_skipped_and_nothing_readable_is_an_error(gallery, tmp_path):
    a = gallery.keep("canvas", b"one", "png", {"model": "gan"})
    b = gallery.keep("canvas", b"two", "png", {"model": "gan"})
    gallery.path(b).unlink()
    summary = export_bundle(gallery, [a.id, b.id, "no-such-id"], tmp_path / "b.zip")
    assert summary.skipped == [b.id, "no-such-id"] and len(summary.written) == 1
    with pytest.raises(BundleError, match="missing"):
        export_bundle(gallery, [b.id], tmp_path / "c.zip")
    assert not (tmp_path / "c.zip").exists()
    with pytest.raises(BundleError, match="at least one"):
        export_bundle(gallery, [], tmp_path / "d.zip")


def test_unwritable_destination_is_a_clear_error(gallery, tmp_path):
    a = gallery.keep("music", b"midi", "mid", {"model": "rnn"})
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BundleError, match="Could not save|permission"):
        export_bundle(gallery, [a.id], blocker / "bundle.zip")
