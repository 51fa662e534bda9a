"""Text files as artists save them: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with a BOM, UTF-16
without one, GBK/GB18030 (Chinese Windows) or Big5 (Traditional Chinese Windows). The double-byte Chinese
encodings decode almost any bytes, so each reading must look like Chinese: Western text mis-read as GBK
scatters characters between Latin letters, and Big5 or Japanese Shift-JIS mis-read as GBK gives rare and
private-use characters instead of common ones. Anything else raises ArtdeskError naming the file."""
from __future__ import annotations

import codecs
import re

from artdesk.core.errors import ArtdeskError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE starts like UTF-16 LE
ENCODING_NAMES = {"utf-32": "UTF-32", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
                  "utf-16-be": "UTF-16"}
# Each Chinese encoding, its name in plain words, and the lead bytes of its common characters (GB2312's first
# level, 3,755 characters; Big5's, 5,401): real text in it is mostly common characters.
CHINESE_ENCODINGS = (("gb18030", "GBK (Chinese)", "gb2312", range(0xB0, 0xD8)),
                     ("big5", "Big5 (Traditional Chinese)", "big5", range(0xA4, 0xC7)))
COMMON_SHARE = 0.6  # at least this share of a reading's Chinese characters must be common ones
KANA = re.compile(r"[\u3040-\u30ff]")


def decode_text(data: bytes, name: str) -> str:
    """The text in ``data`` (``name`` is only used in messages)."""
    return decode_named(data, name)[0]


def decode_named(data: bytes, name: str) -> tuple[str, str]:
    """The text in ``data`` and its encoding in plain words ("UTF-8", "UTF-16", "GBK (Chinese)", ...)."""
    encoding = next((encoding for bom, encoding in BOMS if data.startswith(bom)), None) or _utf16_without_bom(data)
    if encoding is not None:
        try:
            return data.decode(encoding), ENCODING_NAMES[encoding]
        except UnicodeDecodeError:
            raise ArtdeskError(f"{name} says it is {encoding.upper()} text but is damaged. "
                               "Save it again as UTF-8 and try again.") from None
    if b"\x00" in data[:65536]:
        raise ArtdeskError(f"{name} looks like a binary file, not text. Save it as a plain .txt file.")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    for encoding, said, table, common in CHINESE_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_chinese(text) and _common_share(text, table, common) >= COMMON_SHARE:
            return text, said
    try:
        japanese = len(KANA.findall(data.decode("shift_jis"))) >= 2
    except UnicodeDecodeError:
        japanese = False
    if japanese:
        raise ArtdeskError(f"{name} looks like Japanese text in the Shift-JIS encoding. The poem models write Chinese "
                           "and English; if the file holds those, save it as UTF-8 and try again.")
    raise ArtdeskError(f"{name} is not UTF-8, UTF-16 or Chinese GBK or Big5 text (it may be in a Western encoding such as "
                       "Windows-1252). Save it as UTF-8 and try again.")


def _reads_as_chinese(text: str) -> bool:
    """Chinese characters mostly stand beside other Chinese characters or punctuation; Western text
    mis-read as GBK scatters them between Latin letters."""
    hanzi = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    if not hanzi:
        return False
    lonely = sum(1 for i in hanzi if any(0 <= j < len(text) and text[j].isascii() and text[j].isalpha()
                                         for j in (i - 1, i + 1)))
    return lonely <= 0.2 * len(hanzi)


def _common_share(text: str, table: str, lead_bytes: range) -> float:
    """The share of ``text``'s Chinese characters that are common ones in ``table`` (their first byte there
    in ``lead_bytes``); a private-use character (what GB18030 gives for bytes it does not define) is never."""
    chinese = [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\ue000" <= ch <= "\uf8ff"]
    common = 0
    for ch in chinese:
        try:
            common += ch.encode(table)[0] in lead_bytes
        except UnicodeEncodeError:
            pass
    return common / len(chinese) if chinese else 0.0


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE or BE without a byte-order mark: zero bytes on one side of the pairs only (ASCII, newlines),
    and text that reads as printable characters when decoded so; else None."""
    sample = data[:65536]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if not max(even, odd) or min(even, odd) * 10 > max(even, odd):
        return None  # no zero bytes, or on both sides of the pairs
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = sample[: len(sample) // 2 * 2].decode(encoding, errors="replace")
    readable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return encoding if readable >= 0.95 * len(text) else None