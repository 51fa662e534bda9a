"""Sign a picture or a WAV with a C2PA manifest (c2pa-python), offline: no timestamp server, no thumbnails.

``sign_bytes`` returns the signed file's bytes; ``sign_file`` rewrites a file in place atomically.
An ingredient is an earlier file the work came from (an opened picture that carries credentials):
it goes into the manifest whole, so its own manifest, and the chain before it, survive.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from artdesk.core.atomic import atomic_write_bytes
from artdesk.core.credentials import manifest
from artdesk.core.credentials.identity import Identity
from artdesk.core.credentials.native import import_c2pa
from artdesk.core.errors import ArtdeskError

c2pa = import_c2pa()

MIME_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
              ".wav": "audio/wav"}
# Offline and quick: nothing is fetched, no thumbnail is made (the work itself is the picture), and a signed
# file is not verified again right after signing (that re-hash took 115-215 ms of 14.5 MB PNG's 200-300 ms;
# tests/core/test_credentials.py checks that what we sign reads as valid).
SETTINGS = {"builder": {"thumbnail": {"enabled": False}},
            "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False, "verify_after_sign": False}}


class SigningError(ArtdeskError):
    pass


@dataclass(frozen=True)
class Ingredient:
    """An earlier file a work came from: ``parentOf`` for the picture opened as the document, else ``componentOf``."""

    data: bytes
    mime: str
    title: str
    relationship: str = "componentOf"


def mime_of(path: Path | str) -> str | None:
    """The MIME type artdesk signs for ``path``'s suffix; None for files C2PA has no binding for here (MIDI, text)."""
    return MIME_TYPES.get(Path(path).suffix.lower())


def context() -> c2pa.Context:
    return c2pa.Context.from_dict(SETTINGS)


def sign_bytes(data: bytes, mime: str, record: dict[str, Any], title: str, identity: Identity,
               ingredients: tuple[Ingredient, ...] = ()) -> bytes:
    """``data`` with a signed manifest for the work ``record`` describes; SigningError says why not."""
    has_parent = any(i.relationship == "parentOf" for i in ingredients)
    definition = manifest.definition(record, title, mime, has_parent)
    try:
        with context() as ctx, signer(identity) as sign, c2pa.Builder(definition, ctx) as builder:
            for ingredient in ingredients:
                spec = {"title": ingredient.title, "relationship": ingredient.relationship}
                if ingredient.relationship == "parentOf":
                    spec["label"] = manifest.PARENT_LABEL
                builder.add_ingredient(spec, ingredient.mime, io.BytesIO(ingredient.data))
            out = io.BytesIO()
            builder.sign(sign, mime, io.BytesIO(data), out)
    except c2pa.C2paError as error:
        raise SigningError(f"Content Credentials could not be added to {title}: {_plain(error)}") from error
    return out.getvalue()


def signer(identity: Identity) -> c2pa.Signer:
    info = c2pa.C2paSignerInfo(identity.algorithm, identity.chain_pem, identity.key_pem, None)
    try:
        return c2pa.Signer.from_info(info)
    except c2pa.C2paError as error:
        raise SigningError(f"The signing key cannot be used: {_plain(error)}") from error


def sign_file(path: Path, record: dict[str, Any], identity: Identity,
              ingredients: tuple[Ingredient, ...] = ()) -> Path:
    """Add a signed manifest to the picture or WAV at ``path``, rewriting it atomically."""
    path = Path(path)
    mime = mime_of(path)
    if mime is None:
        raise SigningError(f"{path.name}: Content Credentials are added to PNG, JPEG, WebP and WAV files only.")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SigningError(f"{path.name} could not be read to sign it ({error.strerror or error}).") from error
    atomic_write_bytes(path, sign_bytes(data, mime, record, path.name, identity, ingredients))
    return path


def _plain(error: Exception) -> str:
    """The c2pa error text without the library's type prefix ("Other: ...")."""
    text = str(error).strip()
    head, _, rest = text.partition(": ")
    return rest if rest and head.replace(" ", "").isalpha() else text
