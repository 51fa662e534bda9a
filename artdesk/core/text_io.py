"""Text files as artists save them: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with a BOM, UTF-16
without one, or GB18030 (Chinese Windows). Anything else raises ArtdeskError naming the file."""
from __future__ import annotations

import codecs

from artdesk.core.errors import ArtdeskError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE starts like UTF-16 LE


def decode_text(data: bytes, name: str) -> str:
    """The text in ``data`` (``name`` is only used in messages)."""
    encoding = next((encoding for bom, encoding in BOMS if data.startswith(bom)), None) or _utf16_without_bom(data)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            raise ArtdeskError(f"{name} says it is {encoding.upper()} text but is damaged. "
                               "Save it again as UTF-8 and try again.") from None
    if b"\x00" in data[:65536]:
        raise ArtdeskError(f"{name} looks like a binary file, not text. Save it as a plain .txt file.")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArtdeskError(f"{name} is not UTF-8 (or GB18030) text. Save it as UTF-8 and try again.")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE when most characters of the first few kilobytes are ASCII padded with a zero byte."""
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    if head[1::2].count(0) >= 0.6 * pairs and head[0::2].count(0) < 0.1 * pairs:
        return "utf-16-le"
    if head[0::2].count(0) >= 0.6 * pairs and head[1::2].count(0) < 0.1 * pairs:
        return "utf-16-be"
    return None
