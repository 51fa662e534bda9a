"""Small files that unpack to huge ones, and a child process that measures the memory a reader needs."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
import zlib

import numpy as np
from PIL import Image

MEMORY_CHILD = r"""
import json, resource, sys, time
limit = int(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from artdesk.core.errors import ArtdeskError
import importlib
module, function = sys.argv[1].rsplit(":", 1)
reader = getattr(importlib.import_module(module), function)
start, cpu_start = time.perf_counter(), time.process_time()
try:
    reader(sys.argv[2])
    outcome = "opened"
except ArtdeskError as error:
    outcome = "refused: " + str(error)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
# VmHWM belongs to this program's own memory map; ru_maxrss would keep the forking parent's peak across exec
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"outcome": outcome, "seconds": seconds, "cpu_seconds": cpu_seconds, "max_rss_mb": peak_kb / 1024}))
"""


def read_in_child(reader: str, path, address_space_bytes: int = 2 << 30) -> dict:
    """Run ``reader`` ("module:function") on ``path`` in a fresh process whose address space is limited;
    its outcome, wall and CPU seconds (CPU time does not grow when other work shares the machine) and peak
    resident memory. Anything but the app's own error fails the child."""
    done = subprocess.run([sys.executable, "-c", MEMORY_CHILD, reader, str(path), str(address_space_bytes)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def zeros_deflated(mebibytes: int) -> bytes:
    """``mebibytes`` MiB of zeros as a raw deflate stream (as zip stores it), built in milliseconds: one
    fully flushed block for 1 MiB, repeated (each decodes on its own), then an empty final block."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(bytes(1 << 20)) + packer.flush(zlib.Z_FULL_FLUSH)
    return block * mebibytes + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def ora_with_bomb_layer(path, mebibytes: int = 900) -> None:
    """A valid-looking .ora (about 0.9 MB) whose 64 x 64 layer PNG entry unpacks to ``mebibytes`` MiB
    (the PNG followed by zeros). Its CRC is left wrong: a reader must refuse it long before checking."""
    buffer = io.BytesIO()
    Image.fromarray(np.zeros((64, 64, 4), np.uint8)).save(buffer, "PNG")
    head = buffer.getvalue()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH) + zeros_deflated(mebibytes)
    stack = ('<?xml version="1.0"?><image w="64" h="64"><stack>'
             '<layer name="bomb" src="data/layer0.png"/></stack></image>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), b"image/openraster")
        archive.writestr("stack.xml", stack)
        info = zipfile.ZipInfo("data/layer0.png")
        info.compress_type = zipfile.ZIP_DEFLATED
        _write_raw(archive, info, data, len(head) + (mebibytes << 20))


def _write_raw(archive: zipfile.ZipFile, info: zipfile.ZipInfo, compressed: bytes, file_size: int) -> None:
    """Store already-deflated bytes as one entry (zipfile has no public way to)."""
    info.file_size, info.compress_size, info.CRC = file_size, len(compressed), 0
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader())
    archive.fp.write(compressed)
    archive.start_dir = archive.fp.tell()
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive._didModify = True


def deep_json(depth: int) -> str:
    return json.dumps({"app": "artdesk"})[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
