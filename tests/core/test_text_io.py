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


TRADITIONAL = "床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。\n\n春眠不覺曉，處處聞啼鳥。夜來風雨聲，花落知多少。\n"


def test_big5_reads_as_traditional_chinese_not_as_gbk_garble():
    from artdesk.core.text_io import decode_named

    assert decode_named(TRADITIONAL.encode("big5"), "p.txt") == (TRADITIONAL, "Big5 (Traditional Chinese)")
    simplified = "床前明月光，疑是地上霜。举头望明月，低头思故乡。\n"
    assert decode_named(simplified.encode("gbk"), "p.txt") == (simplified, "GBK (Chinese)")


def test_japanese_and_western_encodings_are_named_not_garbled():
    with pytest.raises(ArtdeskError, match="Japanese"):
        decode_text("古池や蛙飛び込む水の音\n".encode("shift_jis"), "haiku.txt")
    with pytest.raises(ArtdeskError, match="Windows-1252"):
        decode_text("Café déjà vu, naïve façade\n".encode("cp1252"), "p.txt")
