"""The c2pa native library is never taken from the folder the app was started from."""
import pytest

from artdesk.core.credentials.native import LIBRARY_NAMES, import_c2pa, planted_libraries
from artdesk.core.errors import ArtdeskError

NAME = LIBRARY_NAMES["linux"]


@pytest.mark.parametrize("where", [".", "libs", "artifacts", "libs/x86_64-unknown-linux-gnu"])
def test_a_library_file_in_the_start_folder_is_refused_with_its_path(tmp_path, monkeypatch, where):
    (tmp_path / where).mkdir(parents=True, exist_ok=True)
    (tmp_path / where / NAME).write_bytes(b"\x7fELF not really")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.platform", "linux")
    with pytest.raises(ArtdeskError, match="Content Credentials are off.*" + NAME):
        import_c2pa()


def test_a_clean_start_folder_imports_c2pa(tmp_path, monkeypatch):
    (tmp_path / "libs").mkdir()
    (tmp_path / "libs" / "other.so").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    assert planted_libraries(tmp_path, NAME) == []
    assert hasattr(import_c2pa(), "Builder")
