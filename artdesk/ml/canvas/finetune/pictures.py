"""The user's pictures as training pixels, their hashes and the held-out split.

Pixels come from the wizard's ``audit.prepare_picture``, so what trains is what the preview showed. The
split is fixed by the seed and the files' contents (not their order or names): the same folder always
holds back the same pictures.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from artdesk.core.digest import sha256_file
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.ml.canvas.finetune.plan import FinetuneRequest, check_request, heldout_count


class PicturesMissing(ArtdeskError):
    """The pictures' folder or files went away (a removed drive, a renamed folder)."""


@dataclass
class PictureSet:
    images: np.ndarray  # N x S x S x 3 uint8, in the order of ``files``
    files: list[str]
    sha256: list[str]
    crops: list[str]
    heldout: np.ndarray  # bool per picture
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def train_images(self) -> np.ndarray:
        return self.images[~self.heldout]

    @property
    def heldout_images(self) -> np.ndarray:
        return self.images[self.heldout]

    def manifest(self, request: FinetuneRequest) -> dict:
        """The card's data section: source and licence as recorded, counts, per-file hashes and the crop."""
        listing = "\n".join(f"{h}  {Path(f).name}" for h, f in zip(self.sha256, self.files))
        return {
            "source": request.source_note or "the user's own pictures (no source recorded)",
            "licence": request.licence_note or "not recorded",
            "count": len(self.files),
            "train": int((~self.heldout).sum()),
            "heldout": int(self.heldout.sum()),
            "split": {"heldout_fraction": request.heldout_fraction, "seed": request.seed, "by": "file contents"},
            "size": request.size,
            "files": [{"name": Path(f).name, "sha256": h, "crop": c, "heldout": bool(k)}
                      for f, h, c, k in zip(self.files, self.sha256, self.crops, self.heldout)],
            "files_sha256": hashlib.sha256(listing.encode("utf-8")).hexdigest(),
            "skipped": [{"name": Path(f).name, "reason": r} for f, r in self.skipped],
        }

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, images=self.images, heldout=self.heldout, files=np.array(self.files),
                 sha256=np.array(self.sha256), crops=np.array(self.crops),
                 skipped=np.array([f"{f}\t{r}" for f, r in self.skipped] or [""]))
        return buffer.getvalue()

    @classmethod
    def from_file(cls, path: Path) -> "PictureSet":
        with np.load(path, allow_pickle=False) as data:
            skipped = [tuple(s.split("\t", 1)) for s in data["skipped"].tolist() if s]
            return cls(data["images"], data["files"].tolist(), data["sha256"].tolist(), data["crops"].tolist(),
                       data["heldout"], skipped)


def check_present(files: list[str] | tuple[str, ...]) -> None:
    """Raise PicturesMissing when the pictures (or their folder) are gone."""
    missing = [f for f in files if not Path(f).is_file()]
    if not missing:
        return
    folders = sorted({str(Path(f).parent) for f in missing})
    where = folders[0] if len(folders) == 1 else f"{len(folders)} folders"
    raise PicturesMissing(f"{len(missing)} of your {len(files)} pictures are no longer in {where} (was a drive removed "
                          "or the folder renamed?). Nothing trained is lost: put them back and resume.")


def split(sha256: list[str], fraction: float, seed: int) -> np.ndarray:
    """Held-out mask: ``heldout_count`` pictures chosen by the seed among the files sorted by content."""
    order = np.argsort(np.array(sha256), kind="stable")
    chosen = order[np.random.default_rng(seed).permutation(len(order))[:heldout_count(len(order), fraction)]]
    mask = np.zeros(len(order), dtype=bool)
    mask[chosen] = True
    return mask


def prepare_pictures(request: FinetuneRequest, ctx: JobContext) -> PictureSet:
    """Read, crop and resize every picture; unreadable ones are skipped with the reason.

    Reports and checks for cancel once per picture; raises PicturesMissing if files are gone and
    ArtdeskError if too few usable pictures remain.
    """
    from artdesk.ml.canvas.finetune.audit import prepare_picture

    check_request(request)
    check_present(request.files)
    crops = dict(request.crops)
    images, files, hashes, modes, skipped = [], [], [], [], []
    for index, name in enumerate(request.files):
        ctx.raise_if_cancelled()
        ctx.report(0.02 * index / len(request.files), f"Preparing picture {index + 1} of {len(request.files)}")
        mode = crops.get(name, request.default_crop)
        try:
            pixels = prepare_picture(Path(name), mode, request.size)
            digest = sha256_file(Path(name))
        except FileNotFoundError:
            check_present(request.files)
            raise
        except (ArtdeskError, OSError) as error:
            skipped.append((name, str(error)))
            continue
        images.append(pixels)
        files.append(name)
        hashes.append(digest)
        modes.append(mode)
    if not images:
        raise ArtdeskError(f"None of the {len(request.files)} pictures could be used: {skipped[0][1]}")
    check_request(request, len(images))
    return PictureSet(np.stack(images), files, hashes, modes, split(hashes, request.heldout_fraction, request.seed),
                      skipped)
