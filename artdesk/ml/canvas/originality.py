"""Picture originality: nearest training pictures in random-network features, from a compact index.

The index (``originality.npz`` in the model folder) holds, for every training picture, its feature vector
(the three frozen networks of ``canvas/eval.py``, projected on the top principal components, float16), its style
and a 16x16 thumbnail so the app can show it beside the output. It holds no full-size training picture.
Calibration: nearest distances of the held-out pictures to the training set (see ``core/originality.py``).
"""
from __future__ import annotations

import functools
import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.jobs import JobContext
from artdesk.core.originality import Calibration, Neighbour, Originality, OriginalityError, judge

INDEX_FILE = "originality.npz"
COMPONENTS = 96
THUMB = 16
NEAREST = 3


@dataclass
class PictureIndex:
    mean: np.ndarray  # D float32
    projection: np.ndarray  # D x K float32
    codes: np.ndarray  # N x K float16
    styles: np.ndarray  # N uint8
    style_names: tuple[str, ...]
    thumbnails: np.ndarray  # N x 16 x 16 x 3 uint8
    calibration: Calibration

    def encode(self, features: np.ndarray) -> np.ndarray:
        return (features.astype(np.float32) - self.mean) @ self.projection

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez_compressed(buffer, mean=self.mean, projection=self.projection, codes=self.codes, styles=self.styles,
                            style_names=np.asarray(self.style_names), thumbnails=self.thumbnails,
                            calibration=np.asarray(json.dumps(self.calibration.to_dict())))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "PictureIndex":
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as a:
                return cls(a["mean"], a["projection"], a["codes"], a["styles"], tuple(str(s) for s in a["style_names"]),
                           a["thumbnails"], Calibration.from_dict(json.loads(str(a["calibration"]))))
        except (OSError, ValueError, KeyError) as error:
            raise OriginalityError(f"The picture originality index is damaged ({error}); rebuild it.") from error


@functools.lru_cache(maxsize=1)
def feature_nets():
    """The three frozen networks, loaded (and their sha256 checked) once per process."""
    from artdesk.ml.canvas.eval import load_feature_nets

    return load_feature_nets()


def picture_features(images: np.ndarray, check=None) -> np.ndarray:
    """Joined features of uint8 N x 64 x 64 x 3 pictures in the three frozen networks."""
    from artdesk.ml.canvas.eval import FeatureSet

    return FeatureSet(feature_nets(), images, check).joined


def thumbnails(images: np.ndarray) -> np.ndarray:
    """16x16 thumbnails by 4x4 box averaging (exact for 64 px pictures)."""
    n, h, w, c = images.shape
    f = h // THUMB
    return images[:, :f * THUMB, :f * THUMB].reshape(n, THUMB, f, THUMB, f, c).mean((2, 4)).round().astype(np.uint8)


def nearest(codes: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices and distances of the ``k`` nearest rows of ``codes`` to each query, nearest first."""
    codes = codes.astype(np.float32)
    sq = (codes * codes).sum(1)
    idx_out, dist_out = [], []
    for start in range(0, len(queries), 256):
        q = queries[start:start + 256].astype(np.float32)
        d = np.sqrt(np.maximum((q * q).sum(1)[:, None] + sq[None] - 2 * q @ codes.T, 0))
        part = np.argpartition(d, min(k, d.shape[1] - 1), axis=1)[:, :k]
        order = np.take_along_axis(d, part, 1).argsort(1)
        idx = np.take_along_axis(part, order, 1)
        idx_out.append(idx)
        dist_out.append(np.take_along_axis(d, idx, 1))
    return np.concatenate(idx_out), np.concatenate(dist_out)


def build_index(images: np.ndarray, heldout: np.ndarray, styles: np.ndarray, style_names: tuple[str, ...],
                ctx: JobContext | None = None) -> PictureIndex:
    """Index the training pictures (``~heldout``) and calibrate on the held-out ones."""
    check = ctx.raise_if_cancelled if ctx is not None else None
    if ctx is not None:
        ctx.report(0.0, f"Features of {len(images)} pictures…")
    feats = picture_features(images, check)
    train = feats[~heldout]
    mean, projection, codes = _project(train)
    if ctx is not None:
        ctx.report(0.8, "Calibrating on held-out pictures…")
    _, dist = nearest(codes, ((feats[heldout] - mean) @ projection), 1)
    calibration = Calibration.from_heldout(
        "feature distance", dist[:, 0], higher_is_closer=False,
        note=f"nearest-neighbour distances of {int(heldout.sum())} held-out pictures to {len(codes)} training "
             f"pictures ({COMPONENTS} principal components of the random-network features)")
    return PictureIndex(mean, projection, codes, styles[~heldout].astype(np.uint8), tuple(style_names),
                        thumbnails(images[~heldout]), calibration)


def _project(features: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, top principal directions and float16 codes of ``features``."""
    mean = features.mean(0).astype(np.float32)
    _, _, vt = np.linalg.svd(features - mean, full_matrices=False)
    projection = vt[:COMPONENTS].T.astype(np.float32)
    return mean, projection, ((features - mean) @ projection).astype(np.float16)


def build_set_index(images: np.ndarray, name: str) -> PictureIndex:
    """Index every picture of a small set (a fine-tune's pictures, 20 at least), all under the style ``name``;
    calibrated on each picture's distance to its nearest other picture (leave one out)."""
    mean, projection, codes = _project(picture_features(images))
    _, dist = nearest(codes, codes.astype(np.float32), 2)
    calibration = Calibration.from_heldout(
        "feature distance", dist[:, 1], higher_is_closer=False,
        note=f"each of {len(codes)} pictures' distance to its nearest other one ({projection.shape[1]} principal "
             "components of the random-network features)")
    return PictureIndex(mean, projection, codes, np.zeros(len(codes), np.uint8), (name,), thumbnails(images),
                        calibration)


def load_index(folder: Path) -> PictureIndex:
    path = Path(folder) / INDEX_FILE
    if not path.is_file():
        raise OriginalityError(f"The model {Path(folder).name} has no originality index ({INDEX_FILE}).")
    return PictureIndex.from_bytes(path.read_bytes())


def picture_array(data: bytes) -> np.ndarray:
    """A picture file's bytes -> uint8 64 x 64 x 3 on white (as the training pictures were prepared)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as error:
        raise OriginalityError(f"This picture cannot be read ({error}).") from error
    rgba = image.convert("RGBA").resize((64, 64), Image.Resampling.LANCZOS)
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return np.asarray(Image.alpha_composite(white, rgba).convert("RGB"))


def check_pictures(index: PictureIndex, pictures: np.ndarray, check=None) -> tuple[list[Originality], np.ndarray]:
    """Originality of each uint8 64x64 picture, and their codes (for diversity within a batch)."""
    codes = index.encode(picture_features(pictures, check))
    idx, dist = nearest(index.codes, codes, NEAREST)
    out = []
    for row in range(len(pictures)):
        neighbours = [Neighbour(int(i), float(d), f"training picture #{int(i)} ({index.style_names[index.styles[i]]})",
                                index.thumbnails[i]) for i, d in zip(idx[row], dist[row])]
        out.append(judge(index.calibration, float(dist[row, 0]), neighbours=neighbours,
                         note="Training pictures are shown as the 16x16 thumbnails the index keeps."))
    return out, codes
