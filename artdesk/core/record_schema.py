"""The provenance record's schema: bounded JSON parsing and validation, shared by every reader.

A record arrives from files anyone can forge (PNG text chunks, MIDI ``artdesk:`` text, poem headers,
WAV comments, gallery sidecars). ``parse_record`` and ``validate_record`` accept only JSON values within
the bounds below, check the types of the fields the app reads, keep every other field as it is, and
raise nothing but ``RecordError`` (an ArtdeskError with a message). Deep nesting is refused before
``json.loads`` runs, so it can never raise RecursionError; NaN and Infinity are refused, and integers
must fit in 64 bits (what SQLite and the seeds hold).
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

from artdesk.core.errors import ArtdeskError

MAX_TEXT_CHARS = 1_000_000  # a record is a few kilobytes; a canvas with many layers stays far below this
MAX_DEPTH = 32  # nested lists and objects
MAX_VALUES = 100_000  # every value inside, counted once
MAX_STRING_CHARS = 100_000
MAX_INT = 2**63 - 1

# The fields the app reads, and the types it accepts for each (others are kept unchecked, within bounds).
FIELD_TYPES: dict[str, tuple[type | None, ...]] = {
    "app": (str,), "artdesk_version": (str,), "panel": (str,), "model": (str,), "model_id": (str,),
    "model_type": (str,), "weights_sha256": (str,), "parent": (str, None), "licence": (str, None),
    "seed": (int, None), "settings": (dict,), "created": (str,), "digital_source_type": (str,), "job": (str,),
    "index": (int,), "edited": (bool,), "layers": (list,), "title": (str,),
}

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


class RecordError(ArtdeskError):
    """A provenance record (or other small JSON file) that is damaged, forged or too big."""


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_json(text: str | bytes, what: str) -> Any:
    """A JSON value from ``text`` within the bounds above; RecordError (naming ``what``) otherwise."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise RecordError(f"{what} is not UTF-8 text.") from None
    if len(text) > MAX_TEXT_CHARS:
        raise RecordError(f"{what} is {len(text):,} characters long; a record is at most {MAX_TEXT_CHARS:,}.")
    if nesting_depth(text) > MAX_DEPTH:
        raise RecordError(f"{what} is nested more than {MAX_DEPTH} levels deep; it is damaged or forged.")
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise RecordError(f"{what} is not valid JSON ({error.msg} at character {error.pos}).") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, or NaN/Infinity
        raise RecordError(f"{what} holds a number that is not a real setting (too long, NaN or Infinity).") from None
    check_bounds(value, what)
    return value


def nesting_depth(text: str) -> int:
    """How deeply lists and objects nest in JSON ``text`` (strings skipped); stops counting past MAX_DEPTH.

    Each pass removes the innermost empty pairs, so at most MAX_DEPTH + 1 passes run, each in C.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    depth = 0
    while brackets and depth <= MAX_DEPTH:
        shorter = _INNERMOST.sub("", brackets)
        if shorter == brackets:  # unbalanced: json.loads will say where
            break
        brackets, depth = shorter, depth + 1
    return depth


def check_bounds(value: Any, what: str) -> None:
    """RecordError unless ``value`` is plain JSON data (str keys) within the size, depth and number bounds."""
    stack = [(value, 0)]
    count = 0
    while stack:
        item, depth = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise RecordError(f"{what} holds more than {MAX_VALUES:,} values; it is damaged or forged.")
        if depth > MAX_DEPTH:
            raise RecordError(f"{what} is nested more than {MAX_DEPTH} levels deep; it is damaged or forged.")
        if isinstance(item, dict):
            for key, inner in item.items():
                if not isinstance(key, str):
                    raise RecordError(f"{what} has a field named {key!r}; field names are text.")
                stack.append((key, depth + 1))
                stack.append((inner, depth + 1))
        elif isinstance(item, (list, tuple)):
            stack.extend((inner, depth + 1) for inner in item)
        elif isinstance(item, str):
            if len(item) > MAX_STRING_CHARS:
                raise RecordError(f"{what} holds a text of {len(item):,} characters; at most {MAX_STRING_CHARS:,}.")
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if abs(item) > MAX_INT:
                raise RecordError(f"{what} holds a number too large to be real ({str(item)[:12]}…).")
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise RecordError(f"{what} holds {item}, which is not a number a setting can have.")
        else:
            raise RecordError(f"{what} holds a {type(item).__name__}, which is not JSON data.")


def validate_record(value: Any, what: str) -> dict[str, Any]:
    """A copy of the provenance ``value`` once its bounds and the types of the known fields are right.

    Unknown fields are kept. Raises RecordError saying which field is wrong.
    """
    if not isinstance(value, dict):
        raise RecordError(f"{what} is not a provenance record (it is a {_json_kind(value)}, not an object).")
    check_bounds(value, what)
    for key, allowed in FIELD_TYPES.items():
        if key not in value:
            continue
        field_value = value[key]
        if not any(_is(field_value, kind) for kind in allowed):
            wanted = " or ".join("nothing" if kind is None else _KIND_NAMES[kind] for kind in allowed)
            raise RecordError(f"{what} has a forged or damaged field {key!r}: it should be {wanted}, "
                              f"not {_json_kind(field_value)}.")
    return json.loads(json.dumps(value))  # a deep copy, so the caller's record can never be changed behind it


def parse_record(text: str | bytes, what: str) -> dict[str, Any]:
    """``validate_record(parse_json(text))``: the one way a record is read from a file."""
    return validate_record(parse_json(text, what), what)


def read_record(text: str | bytes | None, what: str, notes: list[str]) -> dict[str, Any]:
    """For readers that open the file anyway: the record, or ``{}`` with a note saying why it was ignored."""
    if text is None or text == "" or text == b"":
        return {}
    try:
        return parse_record(text, what)
    except RecordError as error:
        notes.append(f"{error} The provenance was ignored.")
        return {}


def sanitized(value: Any, what: str) -> dict[str, Any]:
    """``validate_record`` for a record already in memory (an import's metadata): {} when it is not valid."""
    try:
        return validate_record(value, what)
    except RecordError:
        return {}


_KIND_NAMES = {str: "text", int: "a whole number", dict: "an object", list: "a list", bool: "true or false"}


def _is(value: Any, kind: type | None) -> bool:
    if kind is None:
        return value is None
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, kind)


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)
