"""Test helpers: PNG chunk surgery for tampering, damaging and inflating Content Credentials."""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image

from artdesk.core.credentials.read import STORE_UUID

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    pos, found = len(SIGNATURE), []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        found.append((data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]))
        pos += 12 + length
    return found


def build(parts: list[tuple[bytes, bytes]]) -> bytes:
    return SIGNATURE + b"".join(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
                                for kind, body in parts)


def change_one_pixel(data: bytes, x: int = 3, y: int = 2) -> bytes:
    """The same PNG (credentials chunk kept byte for byte) with one pixel's red value changed."""
    image = Image.open(io.BytesIO(data))
    pixels = np.array(image)
    pixels[y, x, 0] ^= 0x01
    rows = b"".join(b"\0" + pixels[row].tobytes() for row in range(pixels.shape[0]))
    out, written = [], False
    for kind, body in chunks(data):
        if kind == b"IDAT":
            if written:
                continue
            body, written = zlib.compress(rows), True
        out.append((kind, body))
    return build(out)


def replace_in_credentials(data: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new)
    return build([(k, b.replace(old, new) if k == b"caBX" else b) for k, b in chunks(data)])


def truncate_credentials(data: bytes) -> bytes:
    return build([(k, b[:len(b) // 2] if k == b"caBX" else b) for k, b in chunks(data)])


def with_huge_store(data: bytes, size: int = 50 * 1024 * 1024) -> bytes:
    """``data`` with a C2PA manifest store box of ``size`` bytes (a valid box header, then filler)."""
    description = struct.pack(">I", 8 + 16 + 1 + 5) + b"jumd" + STORE_UUID + b"\x03c2pa\0"
    filler = bytes(size - 8 - len(description))
    store = struct.pack(">I", size) + b"jumb" + description + filler
    parts = chunks(data)
    return build(parts[:1] + [(b"caBX", store)] + parts[1:])
