"""The crash-recovery slot: write aside, find it, load it, clear it."""
import numpy as np
import pytest

from artdesk.core.document import Document
from artdesk.core.errors import ArtdeskError
from artdesk.core.recovery import RecoveryStore


def test_save_pending_load_clear(tmp_path):
    store = RecoveryStore(tmp_path / "recovery")
    assert store.pending() is None
    document = Document.new(12, 10)
    document.layers[1].pixels[2:5, 3:7] = (9, 8, 7, 255)
    store.save(document, "/somewhere/picture.ora")
    info = store.pending()
    assert info is not None and info.source == "/somewhere/picture.ora"
    loaded = store.load().document
    assert np.array_equal(loaded.layers[1].pixels, document.layers[1].pixels)
    store.clear()
    assert store.pending() is None


def test_damaged_recovery_file_says_so(tmp_path):
    store = RecoveryStore(tmp_path)
    store.document_path.write_bytes(b"half written")
    assert store.pending() is not None  # no description file: still offered
    with pytest.raises(ArtdeskError, match="recovered work could not be read"):
        store.load()
