"""Canvas provenance both ways (no torch): a request's settings for the record, and the request again from a record.

A picture's record holds ``job`` (generate, vary, interpolate, breed, explore, project), ``index`` (its place in
the job's result) and ``settings`` (every request field but the model path and output file; a projection's
drawing travels as ``drawing_png``, base64 PNG of the 64 px drawing the model saw). Running the rebuilt request
with the same model gives the same pictures, bit for bit, on the same machine.
"""
from __future__ import annotations

import base64
import io
from dataclasses import fields
from typing import Any

from artdesk.core.errors import ArtdeskError
from artdesk.ml.canvas.requests import (
    BreedRequest,
    ExploreRequest,
    GenerateRequest,
    InterpolateRequest,
    ProjectRequest,
    VaryRequest,
)

REQUESTS = {"generate": GenerateRequest, "vary": VaryRequest, "interpolate": InterpolateRequest,
            "breed": BreedRequest, "explore": ExploreRequest, "project": ProjectRequest}
LEFT_OUT = ("model_path", "image", "gif_path")
LATENTS = ("latent", "start", "end")


def request_settings(request: Any) -> dict[str, Any]:
    """The request's fields that decide its pictures, as JSON-friendly values."""
    settings = {}
    for item in fields(request):
        if item.name in LEFT_OUT:
            continue
        value = getattr(request, item.name)
        if item.name == "parents":
            value = [list(parent) for parent in value]
        elif item.name in LATENTS:
            value = list(value)
        settings[item.name] = value
    return settings


def drawing_png(image) -> str:
    """A uint8 HxWx3 drawing as base64 PNG (lossless, so the projection can be run again)."""
    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image)).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _drawing(text: Any):
    import numpy as np
    from PIL import Image

    try:
        with Image.open(io.BytesIO(base64.b64decode(str(text), validate=True)), formats=["PNG"]) as image:
            if image.width * image.height > 1 << 20:
                raise ValueError("too big")
            return np.asarray(image.convert("RGB"))
    except (ValueError, OSError, SyntaxError) as error:
        raise ArtdeskError("The record's drawing is damaged, so the projection cannot be run again.") from error


def _checked(key: str, value: Any, default: Any) -> Any:
    """``value`` as the type of the field's default (numbers: int or float; text: str); ValueError otherwise."""
    if isinstance(default, str):
        if not isinstance(value, str):
            raise ValueError(f"{key} is {value!r}")
    elif isinstance(default, (int, float)):
        number_ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not number_ok or (isinstance(default, int) and float(value) != int(value)):
            raise ValueError(f"{key} is {value!r}")
        return type(default)(value)
    return value


def request_from_record(record: dict[str, Any], model_path: str) -> Any:
    """The request (it names its job) that makes the recorded pictures again.

    Raises ArtdeskError with a message for a record that is not a canvas picture's or whose settings are damaged.
    """
    job = record.get("job") if isinstance(record, dict) else None
    settings = record.get("settings") if isinstance(record, dict) else None
    if job not in REQUESTS or not isinstance(settings, dict):
        raise ArtdeskError("This picture's provenance does not say which canvas job made it, so it cannot be made again.")
    cls = REQUESTS[job]
    known = {item.name for item in fields(cls)} - set(LEFT_OUT)
    values: dict[str, Any] = {key: value for key, value in settings.items() if key in known}
    defaults = {item.name: item.default for item in fields(cls)}
    try:
        for key, value in values.items():  # forged or damaged values fail here, with a message, not in the job
            values[key] = _checked(key, value, defaults.get(key))
        for key in LATENTS:
            if key in values:
                values[key] = tuple(float(v) for v in values[key])
        if "parents" in values:
            values["parents"] = tuple(tuple(float(v) for v in parent) for parent in values["parents"])
        if job == "project":
            values["image"] = _drawing(settings.get("drawing_png"))
        return cls(model_path=model_path, **values)
    except (TypeError, ValueError, OverflowError) as error:
        raise ArtdeskError(f"This picture's settings are damaged ({error}), so it cannot be made again.") from error
