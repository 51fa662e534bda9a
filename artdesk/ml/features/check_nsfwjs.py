"""Compare the torch MobileNetV2 trunk with nsfwjs's original TF.js model, run by node.

``python -m artdesk.ml.features.check_nsfwjs --checkpoint models/features/mobilenet-v2 --reference DIR --pictures ...``
prints, per tap, the largest absolute difference and that difference relative to the original's
largest magnitude. ``DIR`` is a folder where ``npm install @tensorflow/tfjs nsfwjs@4.4.0`` was run
(pure-JS CPU backend; tfjs-node is not needed). The pictures go to both models at exactly
224 x 224, so no resizing differs between them. ``port_nsfwjs`` uses the same functions.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.ml.features.mobilenet import TAPS, MobileNetV2

SIZE = 224
SCRIPT = Path(__file__).with_name("nsfwjs_reference.js")


def synthetic_pictures() -> list[np.ndarray]:
    """A colour gradient with a disc and a bar, and seeded noise blurred into blotches: 224 x 224 RGB."""
    yy, xx = np.mgrid[0:SIZE, 0:SIZE] / (SIZE - 1)
    shapes = np.stack([xx, yy, 1 - xx * yy], axis=-1)
    shapes[(xx - 0.6) ** 2 + (yy - 0.4) ** 2 < 0.04] = (0.9, 0.1, 0.1)
    shapes[(0.7 < yy) & (yy < 0.8) & (xx > 0.1)] = (0.05, 0.05, 0.3)
    noise = np.random.default_rng(0).random((SIZE // 8, SIZE // 8, 3))
    blotches = np.asarray(Image.fromarray((noise * 255).astype(np.uint8)).resize((SIZE, SIZE), Image.Resampling.BICUBIC))
    return [(shapes * 255).round().astype(np.uint8), blotches]


def square_picture(path: Path) -> np.ndarray:
    """The centre square of the picture at ``path``, resized to 224 px, RGB uint8."""
    image = Image.open(path).convert("RGB")
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    square = image.crop((left, top, left + side, top + side)).resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    return np.asarray(square)


def comparison_pictures(paths: list[Path]) -> tuple[np.ndarray, list[str]]:
    """N x 224 x 224 x 3 uint8: the synthetic pictures, then each photo's centre square; and their names."""
    pictures = synthetic_pictures() + [square_picture(p) for p in paths]
    return np.stack(pictures), ["synthetic-shapes", "synthetic-blotches"] + [Path(p).name for p in paths]


def reference_taps(pictures: np.ndarray, reference: Path) -> dict[str, np.ndarray]:
    """The original model's taps (NHWC maps, N x 1280 pooled), computed by node in ``reference``."""
    with tempfile.TemporaryDirectory() as tmp:
        pixels = Path(tmp) / "pixels.u8"
        pixels.write_bytes(np.ascontiguousarray(pictures, dtype=np.uint8).tobytes())
        result = subprocess.run(
            ["node", str(SCRIPT), str(reference), str(pixels), str(len(pictures)), tmp], capture_output=True, text=True
        )
        if result.returncode:
            raise ArtdeskError(f"The TF.js reference failed: {result.stderr.strip()[-600:]}")
        shapes = json.loads((Path(tmp) / "shapes.json").read_text())
        return {name: np.fromfile(Path(tmp) / f"{name}.f32", dtype="<f4").reshape(shape) for name, shape in shapes.items()}


@torch.no_grad()
def agreement(model: MobileNetV2, pictures: np.ndarray, reference: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    """Per tap: ``max_abs`` |port - original| and ``relative`` = max_abs / max |original|."""
    batch = torch.from_numpy(pictures).permute(0, 3, 1, 2).float() / 255
    ours = model.eval().taps(batch, TAPS)
    numbers = {}
    for name in TAPS:
        mine = ours[name].permute(0, 2, 3, 1).numpy() if ours[name].ndim == 4 else ours[name].numpy()
        theirs = reference[name]
        if mine.shape != theirs.shape:
            raise ArtdeskError(f"tap {name}: the port gives {mine.shape}, the original {theirs.shape}")
        max_abs = float(np.abs(mine - theirs).max())
        numbers[name] = {"max_abs": round(max_abs, 6), "relative": round(max_abs / float(np.abs(theirs).max()), 6)}
    return numbers


def main(argv: list[str] | None = None) -> int:
    from artdesk.ml.checkpoint import load_checkpoint

    parser = argparse.ArgumentParser(prog="python -m artdesk.ml.features.check_nsfwjs", description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", type=Path, required=True)
    parser.add_argument("--reference", type=Path, required=True, help="folder with @tensorflow/tfjs and nsfwjs installed by npm")
    parser.add_argument("--pictures", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)
    model = load_checkpoint(args.checkpoint).model
    pictures, names = comparison_pictures(args.pictures)
    print(json.dumps({"pictures": names, "agreement": agreement(model, pictures, reference_taps(pictures, args.reference))}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
