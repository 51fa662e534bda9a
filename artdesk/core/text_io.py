"""Text files as artists save them: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with a BOM, UTF-16
without one, or GBK/GB18030 (Chinese Windows; refused when the result reads as Western text mis-decoded).
Anything else raises ArtdeskError naming the file."""
from __future__ import annotations

import codecs

from artdesk.core.errors import ArtdeskError

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE starts like UTF-16 LE
ENCODING_NAMES = {"utf-32": "UTF-32", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
                  "utf-16-be": "UTF-16"}


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
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_chinese(text):
        return text, "GBK (Chinese)"
    raise ArtdeskError(f"{name} is not UTF-8, UTF-16 or Chinese GBK text (it may be in a Western encoding such as "
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