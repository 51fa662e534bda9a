"""What the bundle is made of: bytes on disk and xz-compressed bytes per part, as a Markdown table.

    python packaging/bundle_sizes.py                    # dist/artdesk, parts over 0.5 MB
    python packaging/bundle_sizes.py BUNDLE --min-mb 0  # every part
    python packaging/bundle_sizes.py --no-compress      # disk sizes only (seconds instead of a minute)

A part is a library of torch or Qt, a Qt plugin kind, a model, a Python package folder, one of the
executables, or the group of system libraries at the top of ``_internal/``. Its packed size is what
``xz -2`` makes of its files streamed one after another: a quick estimate of what the part adds to the
``.tar.xz`` (the sum was within 1% of an xz -2 archive; packaging/build uses xz -6, about 8% smaller).
Model weights barely shrink. Symlinks count nothing; hard-linked files count once.
The table is in packaging/README.md ("What is in the bundle").
"""
from __future__ import annotations

import argparse
import lzma
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folders whose children are each reported on their own, with how many path levels below them make a part.
SPLIT = {
    "_internal": 1,
    "_internal/torch/lib": 1,
    "_internal/PySide6": 1,
    "_internal/PySide6/Qt": 1,
    "_internal/PySide6/Qt/lib": 1,
    "_internal/PySide6/Qt/plugins": 1,
    "_internal/models": 2,
}
SYSTEM_LIBRARIES = "_internal/*.so* (system and wheel libraries)"


@dataclass
class Part:
    files: int = 0
    disk: int = 0
    packed: int = 0
    paths: list[Path] = field(default_factory=list)


def part_of(relative: str) -> str:
    """The part a file belongs to: the deepest SPLIT folder above it, plus the levels SPLIT gives."""
    parts = relative.split("/")
    for depth in range(len(parts) - 1, 0, -1):
        folder = "/".join(parts[:depth])
        if folder in SPLIT:
            if folder == "_internal" and depth == len(parts) - 1:
                return SYSTEM_LIBRARIES if ".so" in parts[-1] else "_internal/* (other top-level files)"
            return "/".join(parts[:depth + SPLIT[folder]])
    return relative


def collect(bundle: Path) -> dict[str, Part]:
    seen: set[tuple[int, int]] = set()
    parts: dict[str, Part] = {}
    for folder, _dirs, files in os.walk(bundle):
        for name in sorted(files):
            path = Path(folder, name)
            info = path.lstat()
            if path.is_symlink() or (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            part = parts.setdefault(part_of(path.relative_to(bundle).as_posix()), Part())
            part.files += 1
            part.disk += info.st_size
            part.paths.append(path)
    return parts


def packed_size(paths: list[Path], chunk: int = 1 << 20) -> int:
    """Bytes after xz -2 of the files streamed one after another."""
    compressor, total = lzma.LZMACompressor(preset=2), 0
    for path in paths:
        with open(path, "rb") as handle:
            while block := handle.read(chunk):
                total += len(compressor.compress(block))
    return total + len(compressor.flush())


def table(parts: dict[str, Part], min_bytes: int, compress: bool) -> str:
    key = (lambda item: item[1].packed) if compress else (lambda item: item[1].disk)
    rows = sorted(parts.items(), key=key, reverse=True)
    shown = [(name, part) for name, part in rows if max(part.disk, part.packed) >= min_bytes]
    rest = [part for name, part in rows if max(part.disk, part.packed) < min_bytes]
    lines = ["| part | files | on disk MB | xz -2 MB |", "|---|---:|---:|---:|"]

    def line(name: str, files: int, disk: int, packed: int) -> str:
        return f"| {name} | {files} | {disk / 1e6:.1f} | {packed / 1e6:.1f} |" if compress else \
            f"| {name} | {files} | {disk / 1e6:.1f} | |"

    lines += [line(name, p.files, p.disk, p.packed) for name, p in shown]
    if rest:
        lines.append(line(f"{len(rest)} smaller parts", sum(p.files for p in rest), sum(p.disk for p in rest),
                          sum(p.packed for p in rest)))
    all_parts = list(parts.values())
    lines.append(line("**total**", sum(p.files for p in all_parts), sum(p.disk for p in all_parts),
                      sum(p.packed for p in all_parts)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", nargs="?", type=Path, default=ROOT / "dist" / "artdesk")
    parser.add_argument("--min-mb", type=float, default=0.5, help="fold parts smaller than this into one row")
    parser.add_argument("--no-compress", action="store_true", help="disk sizes only")
    args = parser.parse_args(argv)
    if not (args.bundle / "_internal").is_dir():
        print(f"bundle_sizes: no bundle at {args.bundle} (build it with packaging/build)", file=sys.stderr)
        return 2
    parts = collect(args.bundle)
    if not args.no_compress:
        for part in parts.values():
            part.packed = packed_size(part.paths)
    print(table(parts, int(args.min_mb * 1e6), not args.no_compress))
    return 0


if __name__ == "__main__":
    sys.exit(main())
