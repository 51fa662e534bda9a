"""Custom styles: train a stylizer from one or a few of the user's pictures, saved as a user model.

Content pictures for training: the picture on the canvas (if given), the preset example pictures
(project-made), and the prepared scikit-image photos when the user ran ``artdesk train style --prepare``.
"""
from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path

import numpy as np

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext, job_request
from artdesk.ml.style.imaging import StyleInputError, load_style_picture, prepare_style_array

MAX_STYLE_PICTURES = 8


@job_request("artdesk.ml.style.custom:train_custom_job")
class CustomStyleRequest:
    """Train the style ``name`` from ``style_paths``; the result goes to ``<user_models>/style/<folder>``."""

    name: str
    style_paths: tuple[str, ...]
    user_models: str
    canvas_picture: object = field(default=None, repr=False)  # uint8 HxWx3/4 or None
    steps: int = 600
    minutes: float | None = 15.0
    crop: int = 192
    batch: int = 2
    width: int = 12
    residual_blocks: int = 3
    method: str = "meanstd"  # features.SHIPPED_METHOD
    device: str = "cpu"
    overwrite: bool = False
    extra_content: tuple = field(default=(), repr=False)  # more content pictures (tests, scripts)
    include_presets: bool = True


def folder_name(name: str) -> str:
    """A file-system-safe folder name for a style name; refuses names with nothing usable."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-").lower()[:48]
    if not slug:
        raise ArtdeskError("Give the style a name made of letters or digits.")
    return "custom-" + slug


def load_style_pictures(paths: tuple[str, ...] | list[str]) -> list[np.ndarray]:
    """Read and check the user's style pictures; the message names the first bad file."""
    if not paths:
        raise StyleInputError("Add at least one picture that shows the style.")
    if len(paths) > MAX_STYLE_PICTURES:
        raise StyleInputError(f"Use at most {MAX_STYLE_PICTURES} style pictures (you gave {len(paths)}).")
    return [load_style_picture(path) for path in paths]


def content_pictures(canvas_picture=None, include_presets: bool = True, extra: tuple = ()) -> tuple[list[np.ndarray], dict]:
    """Training content and a record of where it came from."""
    pictures: list[np.ndarray] = []
    sources: list[str] = []
    if canvas_picture is not None:
        try:
            pictures.append(prepare_style_array(np.asarray(canvas_picture), "The canvas picture", 384))
            sources.append("the canvas picture")
        except StyleInputError:
            pass  # an empty or tiny canvas just doesn't add content
    if include_presets:
        from artdesk.ml.style.presets import PRESET_LABELS, preset_picture

        pictures += [preset_picture(name) for name in PRESET_LABELS]
        sources.append("artdesk's preset example pictures (project-made)")
    try:
        from artdesk.core.paths import default_cache
        from artdesk.ml.style.data import load_content

        prepared = load_content(default_cache("style", "content"))
        pictures += prepared.train
        sources.append(prepared.manifest["source"])
    except ArtdeskError:
        pass
    pictures += [np.asarray(p) for p in extra]
    if extra:
        sources.append(f"{len(extra)} pictures given by the caller")
    return pictures, {"content_sources": sources, "count": len(pictures)}


def train_custom_job(request: CustomStyleRequest, ctx: JobContext) -> str:
    """Trains a custom stylizer; returns its folder. Progress, previews and cancel as ``train_stylizer``
    (cancel is checked every step; the half-trained state is kept to resume, no model is written)."""
    from artdesk.ml.style.train import TrainRequest, train_stylizer

    name = request.name.strip()
    dest = Path(request.user_models) / "style" / folder_name(name)
    if dest.exists() and not request.overwrite:
        raise ArtdeskError(f"You already have a style named {name!r}. Choose another name or delete that style first.")
    ctx.report(0.0, "Reading the style pictures…")
    styles = load_style_pictures(request.style_paths)
    content, record = content_pictures(request.canvas_picture, request.include_presets, request.extra_content)
    if not content:
        raise ArtdeskError("There are no pictures to train on; paint something on the canvas first.")
    data = dict(record, style_pictures=[Path(p).name for p in request.style_paths], licence="the user's own pictures")
    train = TrainRequest(name=name, out_dir=str(dest), style_pictures=tuple(styles), content=tuple(content), held_out=tuple(content[:2]),
                         steps=request.steps, minutes=request.minutes, crop=request.crop, batch=request.batch, method=request.method,
                         width=request.width, residual_blocks=request.residual_blocks, device=request.device, data=data,
                         command="artdesk Canvas > Styles > Train style", labels=("custom",))
    return train_stylizer(train, ctx)
