"""What Content Credentials add to exporting a 2048 x 2048 PNG (target: at most 100 ms more), in one run.

Plain export is ``save_png`` (encode with provenance, atomic write), as the Canvas panel does. Signed export
is the same plus ``sign_job`` on that file: load the identity, read the file, build and sign the manifest
(ES256, no thumbnail, offline), rewrite atomically. Two pictures: a painting-like one (gradients and a
noisy patch, compresses well) and pure noise (the largest PNG, the worst case for hashing). The first
signing, which imports c2pa and its native library, is timed separately.

Usage: .venv/bin/python bench/credentials.py [--repeats N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from artdesk.core.credentials.jobs import SignItem, SignRequest, sign_job  # noqa: E402
from artdesk.core.image_io import save_png  # noqa: E402
from artdesk.core.jobs import RecordingContext  # noqa: E402

SIDE = 2048
RECORD = {"app": "artdesk", "panel": "canvas", "layers": [
    {"name": "Background"}, {"name": "Flower", "provenance": {"model": "canvas-gan", "seed": 7, "licence": "CC0-1.0",
                                                              "weights_sha256": "ab" * 32, "settings": {"style": "emoji"}}}]}


def pictures() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    y, x = np.mgrid[0:SIDE, 0:SIDE]
    painting = np.stack([x * 255 // SIDE, y * 255 // SIDE, (x + y) * 255 // (2 * SIDE), np.full_like(x, 255)], -1)
    painting[512:1024, 512:1024, :3] = rng.integers(0, 256, (512, 512, 3))
    noise = rng.integers(0, 256, (SIDE, SIDE, 4))
    noise[..., 3] = 255
    return {"painting-like": painting.astype(np.uint8), "noise (worst case)": noise.astype(np.uint8)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data, path = Path(folder) / "data", Path(folder) / "export.png"

        def sign() -> None:
            result = sign_job(SignRequest(data, (SignItem(path, RECORD),)), RecordingContext())
            assert result.signed == (path,), result.notes

        save_png(path, pictures()["painting-like"][:64, :64], RECORD)
        start = time.perf_counter()
        sign()
        print(f"first signing (imports c2pa, makes the identity): {(time.perf_counter() - start) * 1000:.0f} ms")
        for name, picture in pictures().items():
            plain, signed = [], []
            for _ in range(args.repeats):  # interleaved, so both see the same machine load
                start = time.perf_counter()
                save_png(path, picture, RECORD)
                plain.append(time.perf_counter() - start)
                size = path.stat().st_size
                start = time.perf_counter()
                sign()
                signed.append(time.perf_counter() - start)
            growth = path.stat().st_size - size
            print(f"{name}: PNG {size / 1e6:.1f} MB; plain export median {statistics.median(plain) * 1000:.0f} ms; "
                  f"signing adds median {statistics.median(signed) * 1000:.0f} ms "
                  f"(min {min(signed) * 1000:.0f}, max {max(signed) * 1000:.0f}; target <= 100), "
                  f"file +{growth / 1e3:.1f} KB")


if __name__ == "__main__":
    main()
