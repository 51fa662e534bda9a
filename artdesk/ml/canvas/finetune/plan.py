"""What a canvas fine-tune will do: the request, the presets and the automatic choices (``trainer.estimate`` times it).

The automatic choices follow the few-shot GAN literature and depend on how many pictures train:
FreezeD (Mo et al. 2020) freezes the discriminator's early blocks, DiffAugment (Zhao et al. 2020) runs
at full strength always, and with very few pictures only the generator's normalisation and modulation
parameters learn (Noguchi & Harada 2019, "batch statistics adaptation"). Every choice can be overridden.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import job_request

PRESETS: dict[str, int] = {"quick": 100, "standard": 300, "long": 1200}  # training steps (standard: ~5 min, 1 thread)
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$")
NORM_ONLY_BELOW = 20  # training pictures below which only normalisation and modulation parameters learn
D_BLOCKS = ("from_rgb", "down32", "down16", "down8", "down4")  # the discriminator's blocks, input first
G_BLOCKS = ("initial", "up8", "up16", "up32", "up64")  # the generator's blocks, coarse first
FOLLOW = {"loosely": 0.5, "balanced": 1.0, "closely": 2.0}  # "How closely to follow your pictures": x learning rate
# "Keep the variety of the original model" -> (generator blocks frozen, coarse first; cross-domain correspondence
# weight). Measured in the trunk's features on the bench flowers and photographs (200 steps, README "Choosing
# the method"): every block learning alone collapsed to one picture by step 150; 2 frozen blocks kept the base
# model's shapes and came no closer; correspondence 1000 with every block learning kept each seed distinct and
# came closest, so it is "some". "a little" and "strongly" lower and raise the same weight (not measured apart).
VARIETY = {"a little": (0, 300.0), "some": (0, 1000.0), "strongly": (1, 3000.0)}
# Weight of the feature-likeness term (trainer.feature_mmd). Measured on the bench flowers (300 steps, README
# "Choosing the method"): 10 brought KID from 309 to 88 (0.29 of the base model's), 30 to 65 but in rainbow textures.
RESEMBLE = 10.0
COLLAPSE_SHARE = 0.5  # samples' diversity under this share of the user set's is a collapse
TOO_CLOSE_LIMIT = 0.05  # a too-close rate at or over this makes a snapshot ineligible and warns the user
DISCRIMINATOR_FILE = "discriminator.safetensors"  # shipped beside a base GAN's weights, for FreezeD


@job_request("artdesk.ml.canvas.finetune.run:run_finetune")  # the estimate: requests.ESTIMATE_JOB
class FinetuneRequest:
    """One fine-tune of a canvas GAN on the user's pictures; ``None`` advanced knobs are chosen automatically."""

    files: tuple[str, ...]
    base_dir: str
    name: str
    crops: tuple[tuple[str, str], ...] = ()  # (path, crop mode) overrides of default_crop
    default_crop: str = "centre"
    base_source: str = "bundled"
    preset: str = "standard"
    follow: str = "balanced"  # a key of FOLLOW
    keep_variety: str = "some"  # a key of VARIETY
    size: int = 64
    source_note: str = ""
    licence_note: str = ""
    seed: int = 0
    steps: int | None = None
    batch: int | None = None
    lr: float | None = None
    freeze_d_blocks: int | None = None
    norm_only: bool | None = None
    ema_decay: float | None = None
    variety: float | None = None  # weight of the cross-domain correspondence loss (0: off)
    freeze_g_blocks: int | None = None  # generator blocks kept frozen, coarse first
    ewc: float | None = None  # elastic weight consolidation weight (Li et al. 2020; 0: off)
    base_mix: float | None = None  # share of the critic's real pictures drawn by the base model (0: off)
    reconstruct: float | None = None  # weight pulling each picture's nearest sample toward it (IMLE; 0: off)
    resemble: float | None = None  # weight of the feature-likeness term (MMD in the ImageNet trunk's features; 0: off)
    snapshot_every: int | None = None
    stop_when_copying: bool = True
    stop_early: bool = True  # stop when a few snapshots in a row beat no earlier one
    checkpoint_every_s: float = 120.0
    heldout_fraction: float = 0.2
    device: str = "auto"
    command: str = ""  # the command line, for the card (the CLI fills it in)


@dataclass(frozen=True)
class Settings:
    """The resolved training settings of a run (what the card records)."""

    steps: int
    batch: int
    lr: float
    freeze_d_blocks: int
    norm_only: bool
    ema_decay: float
    snapshot_every: int
    variety: float = 0.0
    freeze_g_blocks: int = 0
    ewc: float = 0.0  # elastic weight consolidation weight (0: off)
    base_mix: float = 0.0  # share of the critic's real pictures drawn by the base model instead (0: off)
    reconstruct: float = 0.0  # weight pulling each picture's nearest sample toward it (IMLE; 0: off)
    resemble: float = 0.0  # weight of the feature-likeness term (MMD in the ImageNet trunk's features; 0: off)


def base_has_discriminator(base_dir: str | Path) -> bool:
    """Whether the base model ships its discriminator (then FreezeD can keep its early blocks)."""
    return (Path(base_dir) / DISCRIMINATOR_FILE).is_file()


def heldout_count(count: int, fraction: float) -> int:
    """Pictures kept back for the metrics: at least ``fraction`` of them and at least two."""
    return max(2, math.ceil(count * fraction))


def check_request(request: FinetuneRequest, count: int | None = None) -> None:
    """Raise ArtdeskError with what to do when the request cannot run."""
    from artdesk.ml.canvas.finetune.audit import CROP_MODES, MIN_PICTURES

    if not NAME_PATTERN.match(request.name):
        raise ArtdeskError("Name the new model with letters, digits, spaces, '.', '_' or '-' (at most 64 characters).")
    if request.follow not in FOLLOW:
        raise ArtdeskError(f"Unknown choice {request.follow!r} for how closely to follow; choose one of "
                           f"{', '.join(FOLLOW)}.")
    if request.keep_variety not in VARIETY:
        raise ArtdeskError(f"Unknown choice {request.keep_variety!r} for keeping the variety; choose one of "
                           f"{', '.join(VARIETY)}.")
    if request.variety is not None and request.variety < 0:
        raise ArtdeskError("The weight that keeps the variety cannot be below zero.")
    if request.preset not in PRESETS:
        raise ArtdeskError(f"Unknown quality preset {request.preset!r}; choose one of {', '.join(PRESETS)}.")
    for mode in (request.default_crop, *(mode for _, mode in request.crops)):
        if mode not in CROP_MODES:
            raise ArtdeskError(f"Unknown crop mode {mode!r}; choose one of {', '.join(CROP_MODES)}.")
    if not 0.2 <= request.heldout_fraction < 0.9:
        raise ArtdeskError("Keep back between 20% and 90% of the pictures for measuring (heldout_fraction).")
    for field in ("steps", "batch", "snapshot_every"):
        value = getattr(request, field)
        if value is not None and value < 1:
            raise ArtdeskError(f"{field} must be at least 1.")
    count = len(request.files) if count is None else count
    if count == 0:
        raise ArtdeskError("There are no pictures to learn from. Choose a folder with PNG, JPEG or WebP pictures.")
    if count < MIN_PICTURES:
        raise ArtdeskError(f"Fine-tuning needs at least {MIN_PICTURES} pictures (two are kept back to measure the "
                           f"result); found {count}. Add more pictures of the same kind.")


def resolved_settings(request: FinetuneRequest, count: int, base_has_discriminator: bool = True
                      ) -> dict[str, tuple[Any, str]]:
    """Each setting with the reason for its value, chosen from the number of usable pictures ``count``."""
    heldout = heldout_count(count, request.heldout_fraction)
    train = count - heldout
    steps = request.steps or PRESETS[request.preset]
    out: dict[str, tuple[Any, str]] = {
        "heldout": (heldout, f"{request.heldout_fraction:.0%} of {count} pictures, at least 2, kept back to measure"),
        "train": (train, "the pictures the model learns from"),
        "steps": (steps, "set by you" if request.steps else f"the {request.preset} preset"),
        "augment": ("colour, translation, cutout", "DiffAugment at full strength: few pictures, always"),
    }
    if request.norm_only is not None:
        out["norm_only"] = (request.norm_only, "set by you")
    elif train < NORM_ONLY_BELOW:
        out["norm_only"] = (True, f"fewer than {NORM_ONLY_BELOW} pictures train: only normalisation and modulation "
                                  "parameters learn, so the model adapts instead of memorising")
    else:
        out["norm_only"] = (False, f"{train} pictures train: every generator parameter learns")
    if request.freeze_d_blocks is not None:
        out["freeze_d_blocks"] = (min(request.freeze_d_blocks, len(D_BLOCKS) - 1), "set by you")
    elif not base_has_discriminator:
        out["freeze_d_blocks"] = (0, "the base model ships no discriminator: a new one learns from the start")
    else:
        frozen = 3 if train < 50 else 2 if train < 500 else 1
        out["freeze_d_blocks"] = (frozen, f"FreezeD: the discriminator's first {frozen} blocks keep the base "
                                          f"model's features ({train} pictures train)")
    out["batch"] = (request.batch or 8, "set by you" if request.batch else "8 pictures a step suits a laptop CPU")
    norm_only = out["norm_only"][0]
    lr = request.lr or 5e-4 * FOLLOW[request.follow]
    out["lr"] = (lr, "set by you" if request.lr else
                 ("normalisation-only training" if norm_only else "2.5 times the base model's: a short run must move")
                 + f", times {FOLLOW[request.follow]:g} to follow your pictures {request.follow}")
    decay = request.ema_decay or round(min(0.999, max(0.95, 1 - 10 / steps)), 4)
    out["ema_decay"] = (decay, "set by you" if request.ema_decay else "the average spans about the last 10% of steps")
    frozen_g, weight = VARIETY[request.keep_variety]
    out["freeze_g_blocks"] = (request.freeze_g_blocks, "set by you") if request.freeze_g_blocks is not None else (
        frozen_g, f"keep the variety {request.keep_variety}: " + (
            f"the generator's first {frozen_g} (coarse) blocks keep the base model's shapes" if frozen_g else
            "every generator block learns"))
    out["variety"] = (request.variety, "set by you") if request.variety is not None else (
        weight, f"keep the variety {request.keep_variety}: " + ("each batch keeps how its samples differ under the "
                                                                "base model" if weight else "off"))
    out["ewc"] = (request.ewc, "set by you") if request.ewc is not None else (0.0, "off")
    out["base_mix"] = (request.base_mix, "set by you") if request.base_mix is not None else (0.0, "off")
    out["reconstruct"] = (request.reconstruct, "set by you") if request.reconstruct is not None else (0.0, "off")
    out["resemble"] = (request.resemble, "set by you") if request.resemble is not None else (
        RESEMBLE, "the samples as a group are pulled toward your pictures in an image network's features")
    every = request.snapshot_every or max(25, steps // 6)
    out["snapshot_every"] = (every, "set by you" if request.snapshot_every else "six sample strips over the run")
    return out


def settings_from(resolved: dict[str, tuple[Any, str]]) -> Settings:
    return Settings(**{field: resolved[field][0] for field in Settings.__dataclass_fields__})
