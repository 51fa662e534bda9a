"""Content pictures for training and evaluating stylizers: scikit-image's bundled sample photos.

``prepare(cache)`` fetches the scikit-image wheel with pip (no install), unpacks the chosen
photos, converts them to RGB, shrinks them to at most ``MAX_SIDE`` pixels, splits them into
train and held-out with a fixed list, and writes ``manifest.json`` (licences, counts, sha256).
``export_compact(cache, dest)`` writes the small JPEG copy used on the GPU machine.
No torch, no Qt here.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.core.paths import default_cache

WHEEL = "scikit-image==0.25.2"
MAX_SIDE = 384
# file -> licence, as stated in skimage/data/_fetchers.py of that wheel
SOURCES: dict[str, str] = {
    "astronaut.png": "public domain (NASA)",
    "brick.png": "CC0 (CC0Textures Bricks25)",
    "grass.png": "CC0 (CC0Textures)",
    "gravel.png": "CC0 (CC0Textures Gravel04)",
    "camera.png": "CC0 (Lav Varshney)",
    "coins.png": "no known copyright restrictions",
    "cell.png": "CC0",
    "chelsea.png": "CC0 (Stefan van der Walt)",
    "coffee.png": "CC0 (Rachel Michetti)",
    "hubble_deep_field.jpg": "public domain (NASA)",
    "retina.jpg": "CC0",
    "rocket.jpg": "public domain (SpaceX)",
    "ihc.png": "no known copyright restrictions",
    "clock_motion.png": "public domain (Stefan van der Walt)",
    "text.png": "public domain",
}
HELD_OUT = ("chelsea", "rocket", "camera", "coins")  # the fixed evaluation pictures


@dataclass
class ContentSet:
    train: list[np.ndarray]
    held_out: list[np.ndarray]
    train_names: list[str]
    held_out_names: list[str]
    manifest: dict


def _fetch_wheel(cache: Path) -> Path:
    wheels = cache / "wheel"
    found = sorted(wheels.glob("scikit_image-*.whl"))
    if found:
        return found[-1]
    wheels.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(wheels), WHEEL], capture_output=True, text=True)
    found = sorted(wheels.glob("scikit_image-*.whl"))
    if result.returncode or not found:
        raise ArtdeskError(f"Could not download {WHEEL} with pip: {result.stderr.strip()[-400:]}")
    return found[-1]


def prepare(cache: Path | None = None) -> dict:
    """Unpack, convert, split and record the content pictures; returns the manifest."""
    cache = Path(cache or default_cache("style"))
    wheel = _fetch_wheel(cache)
    out = cache / "content"
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    with zipfile.ZipFile(wheel) as archive:
        for name, licence in SOURCES.items():
            with archive.open(f"skimage/data/{name}") as handle:
                image = Image.open(handle)
                image.load()
            rgb = image.convert("RGB")
            scale = MAX_SIDE / max(rgb.size)
            if scale < 1:
                rgb = rgb.resize((round(rgb.width * scale), round(rgb.height * scale)), Image.LANCZOS)
            stem = Path(name).stem
            target = out / f"{stem}.png"
            rgb.save(target)
            entries.append({"file": target.name, "source": f"{WHEEL} skimage/data/{name}", "licence": licence,
                            "size": list(rgb.size), "split": "held_out" if stem in HELD_OUT else "train",
                            "sha256": hashlib.sha256(target.read_bytes()).hexdigest()})
    listing = hashlib.sha256("\n".join(f"{e['file']} {e['sha256']}" for e in entries).encode()).hexdigest()
    manifest = {
        "source": f"PyPI {WHEEL} (sample photos bundled in the wheel)",
        "licence": "CC0 / public domain / no known restrictions, per skimage/data/_fetchers.py",
        "count": len(entries),
        "train": sum(e["split"] == "train" for e in entries),
        "held_out": sum(e["split"] == "held_out" for e in entries),
        "split": f"fixed: held-out = {', '.join(HELD_OUT)}",
        "max_side": MAX_SIDE,
        "files_sha256": listing,
        "files": entries,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def export_compact(cache: Path | None, dest: Path) -> int:
    """Copy the prepared pictures as JPEG (quality 92) plus the manifest into ``dest``; returns bytes written."""
    source = Path(cache or default_cache("style")) / "content"
    manifest = json.loads((source / "manifest.json").read_text())
    dest.mkdir(parents=True, exist_ok=True)
    total = 0
    for entry in manifest["files"]:
        with Image.open(source / entry["file"]) as image:
            target = dest / (Path(entry["file"]).stem + ".jpg")
            image.convert("RGB").save(target, quality=92)
            total += target.stat().st_size
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return total


def load_content(folder: Path) -> ContentSet:
    """Read a prepared (``content/``) or compact folder; raises a message if it was never prepared."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise ArtdeskError(f"No prepared content pictures in {folder}; run: artdesk train style --prepare") from error
    split: dict[str, list] = {"train": [], "held_out": []}
    names: dict[str, list] = {"train": [], "held_out": []}
    for entry in manifest["files"]:
        stem = Path(entry["file"]).stem
        path = next((p for p in (folder / f"{stem}.png", folder / f"{stem}.jpg") if p.exists()), None)
        if path is None:
            raise ArtdeskError(f"{folder} is missing {entry['file']}; run: artdesk train style --prepare")
        with Image.open(path) as image:
            split[entry["split"]].append(np.asarray(image.convert("RGB")))
        names[entry["split"]].append(stem)
    return ContentSet(split["train"], split["held_out"], names["train"], names["held_out"], manifest)
