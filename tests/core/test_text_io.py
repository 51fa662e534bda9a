"""Text as artists save it: UTF-16 is text, not "a binary file"."""
import pytest

from artdesk.core.errors import ArtdeskError
from artdesk.core.text_io import decode_text

POEM = "床前明月光\nmoonlight on the floor\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"])
def test_every_usual_encoding_reads_as_text(encoding):
    assert decode_text(POEM.encode(encoding), "poem.txt") == POEM


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_and_real_binary(encoding):
    assert decode_text("moonlight on the floor\n".encode(encoding), "p.txt") == "moonlight on the floor\n"
    with pytest.raises(ArtdeskError, match="binary"):
        decode_text(bytes(range(256)) * 10, "photo.txt")
    with pytest.raises(ArtdeskError, match="damaged"):
        decode_text(b"\xff\xfe" + b"\x00\xd8", "cut.txt")  # a UTF-16 BOM, then half a surrogate pair


def test_a_utf16_poem_file_opens(tmp_path):
    from artdesk.ml.poem.export import read_poem_file

    (tmp_path / "poem.txt").write_bytes(POEM.replace("\n", "\r\n").encode("utf-16"))
    assert read_poem_file(tmp_path / "poem.txt") == (POEM.strip("\n"), {})
