"""The fine-tune bench's second set: 40 crops of five public-domain / CC0 photographs from scikit-image's data.

Photographed subjects, unlike the drawn flowers: an astronaut, a cat, a coffee cup, a rocket launch and
the Hubble deep field, eight square crops of each (60-90% of the shorter side, fixed seed). The photographs
ship in scikit-image's wheel (``skimage/data``); their licences, from ``skimage/data/_fetchers.py``, are
written beside the crops. Without ``--photos DIR`` (or ARTDESK_SKIMAGE_DATA, or an installed scikit-image) the
bench fetches the wheel once with pip and unpacks only ``skimage/data`` into ~/.cache/artdesk-bench (nothing is
installed).
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

PHOTOS = {  # file in skimage/data -> licence as scikit-image states it
    "astronaut.png": "public domain (NASA Great Images)",
    "chelsea.png": "CC0 (Stefan van der Walt)",
    "coffee.png": "CC0 (Rachel Michetti)",
    "rocket.jpg": "public domain (SpaceX Photos)",
    "hubble_deep_field.jpg": "public domain (NASA)",
}
CROPS_EACH = 8
WHEEL = "scikit-image==0.26.0"
CACHE = Path.home() / ".cache" / "artdesk-bench" / "scikit-image-0.26.0"


def photos_folder(given: Path | None = None) -> Path:
    """scikit-image's data folder: ``given``, $ARTDESK_SKIMAGE_DATA, or an installed scikit-image's."""
    candidates = [given, os.environ.get("ARTDESK_SKIMAGE_DATA")]
    try:
        import skimage  # noqa: F401  (optional: only its data folder is used)

        candidates.append(Path(skimage.__file__).parent / "data")
    except ImportError:
        pass
    for candidate in filter(None, [*candidates, CACHE]):
        if all((Path(candidate) / name).is_file() for name in PHOTOS):
            return Path(candidate)
    return _fetch_photos()


def _fetch_photos() -> Path:
    """scikit-image's wheel, downloaded with pip (no install), its ``skimage/data`` unpacked into CACHE."""
    with tempfile.TemporaryDirectory() as wheels:
        done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheels, WHEEL],
                              capture_output=True, text=True)
        found = sorted(Path(wheels).glob("scikit_image-*.whl"))
        if done.returncode or not found:
            raise SystemExit(f"The second bench set needs scikit-image's sample photographs and pip could not fetch "
                             f"{WHEEL} ({done.stderr.strip()[-300:]}); pass --photos DIR.")
        CACHE.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(found[0]) as wheel:
            for name in PHOTOS:
                (CACHE / name).write_bytes(wheel.read(f"skimage/data/{name}"))
    return CACHE


def make_photo_set(folder: Path, source: Path | None = None, seed: int = 3) -> Path:
    """Write the crops (96 px PNGs) and LICENCES.txt into ``folder``; returns the folder."""
    from PIL import Image

    source = photos_folder(source)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for name in PHOTOS:
        photo = Image.open(source / name).convert("RGB")
        short = min(photo.size)
        for k in range(CROPS_EACH):
            side = int(short * rng.uniform(0.6, 0.9))
            x, y = (int(rng.integers(0, extent - side + 1)) for extent in photo.size)
            crop = photo.crop((x, y, x + side, y + side)).resize((96, 96), Image.Resampling.LANCZOS)
            crop.save(folder / f"{Path(name).stem}-{k}.png")
    (folder / "LICENCES.txt").write_text("".join(f"{n}: {lic}\n" for n, lic in PHOTOS.items()), encoding="utf-8")
    return folder
