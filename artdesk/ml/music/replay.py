"""Melody records for provenance: the job and input melodies that made a result, and the request to make it again.

A kept melody's record holds ``job`` (generate, continue, interpolate, vary), ``settings`` (the request's plain
fields) and ``inputs`` (its melodies: the primer, A and B, or the melody varied) as note lists. No Qt, no torch.
"""
from __future__ import annotations

import math
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

from artdesk.core.errors import ArtdeskError
from artdesk.core.melody import Melody, Note
from artdesk.ml.music.requests import ContinueRequest, GenerateRequest, InterpolateRequest, VariationRequest

JOBS = {"generate": GenerateRequest, "continue": ContinueRequest, "interpolate": InterpolateRequest,
        "vary": VariationRequest}
INPUTS = {"continue": ("primer",), "interpolate": ("a", "b"), "vary": ("melody",)}
MAX_INPUT_NOTES = 4096


def job_of(request: Any) -> str:
    """The job name of a music request."""
    return next(name for name, cls in JOBS.items() if isinstance(request, cls))


def melody_record(melody: Melody) -> dict[str, Any]:
    """A melody as plain JSON: notes as [pitch, start, duration, velocity], tempo and metre."""
    return {"notes": [[n.pitch, n.start, n.duration, n.velocity] for n in melody.notes],
            "tempo_bpm": melody.tempo_bpm, "time_signature": list(melody.time_signature)}


def record_extra(request: Any) -> dict[str, Any]:
    """What a result's record adds to its settings: the job and its input melodies."""
    job = job_of(request)
    return {"job": job, "inputs": {name: melody_record(getattr(request, name)) for name in INPUTS.get(job, ())}}


def _damaged(what: str) -> ArtdeskError:
    return ArtdeskError(f"The provenance's {what} is damaged, so it cannot be generated again.")


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def melody_from_record(data: Any, name: str) -> Melody:
    """The melody ``melody_record`` wrote; raises ArtdeskError when the record is damaged or forged."""
    if not isinstance(data, dict) or not isinstance(data.get("notes"), list) or len(data["notes"]) > MAX_INPUT_NOTES:
        raise _damaged(f"melody {name}")
    notes = []
    for note in data["notes"]:
        if not (isinstance(note, list) and len(note) == 4 and all(_int(v) for v in note)):
            raise _damaged(f"melody {name}")
        pitch, start, duration, velocity = note
        if not (0 <= pitch <= 127 and 0 <= start < 1 << 20 and 1 <= duration < 1 << 16 and 0 <= velocity <= 127):
            raise _damaged(f"melody {name}")
        notes.append(Note(pitch, start, duration, velocity))
    tempo, metre = data.get("tempo_bpm"), data.get("time_signature")
    if not (isinstance(tempo, (int, float)) and not isinstance(tempo, bool) and math.isfinite(tempo) and 1 <= tempo <= 1000):
        raise _damaged(f"melody {name}")
    if not (isinstance(metre, list) and len(metre) == 2 and all(_int(v) and 1 <= v <= 64 for v in metre)):
        raise _damaged(f"melody {name}")
    return Melody(tuple(notes), float(tempo), (metre[0], metre[1]), {"title": name})


def _setting(name: str, value: Any, default: Any) -> Any:
    """``value`` checked against the type of the request field's default."""
    if name == "time_signature":
        if isinstance(value, list) and len(value) == 2 and all(_int(v) for v in value):
            return tuple(value)
    elif isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int):
        if _int(value):
            return value
    elif isinstance(default, float):
        if (_int(value) or isinstance(value, float)) and math.isfinite(value):
            return float(value)
    elif default is None:
        if value is None or isinstance(value, str):
            return value
    elif isinstance(value, str):
        return value
    raise _damaged(f"setting {name!r}")


def request_from_record(record: dict[str, Any], model_path: Path) -> Any:
    """The request that made a kept melody, run with the model at ``model_path``; ArtdeskError when it cannot be."""
    job = record.get("job")
    settings, inputs = record.get("settings"), record.get("inputs")
    if job not in JOBS or not isinstance(settings, dict):
        raise ArtdeskError("The provenance does not say how this melody was made, so it cannot be generated again.")
    values: dict[str, Any] = {"model_path": Path(model_path)}
    for name in INPUTS.get(job, ()):
        values[name] = melody_from_record(inputs.get(name) if isinstance(inputs, dict) else None, name)
    for field in fields(JOBS[job]):
        if field.name in values or field.name not in settings:
            continue
        default = field.default if field.default is not MISSING else None
        values[field.name] = _setting(field.name, settings[field.name], default)
    return JOBS[job](**values)
