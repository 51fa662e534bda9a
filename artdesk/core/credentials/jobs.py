"""Credential jobs for the runner: sign exported files, read opened ones, show or import the signing identity.

Plain Python and light to import: the c2pa and cryptography modules load inside the job bodies, on the worker.
Each body reports once per file and checks for cancel between files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from artdesk.core.credentials.manifest import UNSIGNED_NOTE
from artdesk.core.jobs import JobContext

SIGNED_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".wav")


def can_sign(path: Path | str) -> bool:
    return Path(path).suffix.lower() in SIGNED_SUFFIXES


@dataclass(frozen=True)
class SignItem:
    """One exported file to sign, the provenance record of what it shows, and the files it came from.

    ``sources`` are (path, relationship) pairs: "parentOf" for the picture opened as the document,
    "componentOf" for pictures added as layers. Only those that carry credentials become ingredients.
    """

    path: Path
    record: dict[str, Any]
    sources: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True)
class SignRequest:
    data_folder: Path  # the user data folder: the identity lives in its ``credentials`` folder
    items: tuple[SignItem, ...]


@dataclass(frozen=True)
class SignResult:
    signed: tuple[Path, ...] = ()
    notes: tuple[str, ...] = field(default=())  # files left unsigned, ingredients left out, and why


def sign_job(request: SignRequest, ctx: JobContext) -> SignResult:
    """Sign each item's file in place (creating the identity on first use); reports and checks cancel per file.

    A file that cannot be signed keeps its plain export and gets a note; the job itself fails only when the
    identity cannot be loaded or made.
    """
    from artdesk.core.credentials import identity
    from artdesk.core.credentials.sign import SigningError, sign_file

    ctx.report(0.0, "Adding Content Credentials…")
    signer = identity.load_or_create(identity.folder_of(request.data_folder))
    signed, notes = [], []
    for number, item in enumerate(request.items):
        ctx.raise_if_cancelled()
        ingredients, left_out = _ingredients(item.sources)
        notes += left_out
        try:
            signed.append(sign_file(item.path, item.record, signer, ingredients))
        except SigningError as error:
            notes.append(str(error))
        ctx.report((number + 1) / len(request.items), f"Signed {item.path.name}")
    return SignResult(tuple(signed), tuple(notes))


def _ingredients(sources: tuple[tuple[Path, str], ...]):
    from artdesk.core.credentials.read import READ_MIME_TYPES, store_size
    from artdesk.core.credentials.sign import Ingredient

    ingredients, notes = [], []
    for path, relationship in sources:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError:
            notes.append(f"{path.name} (opened earlier) is gone, so its credentials are not carried over.")
            continue
        mime = READ_MIME_TYPES.get(path.suffix.lower())
        if mime and store_size(data) is not None:
            ingredients.append(Ingredient(data, mime, path.name, relationship))
    return tuple(ingredients), notes


@dataclass(frozen=True)
class ReadRequest:
    paths: tuple[Path, ...]


def read_job(request: ReadRequest, ctx: JobContext) -> tuple:
    """The ``read.Credentials`` of each file, in order; reports and checks cancel per file."""
    from artdesk.core.credentials.read import read_file

    found = []
    for number, path in enumerate(request.paths):
        ctx.raise_if_cancelled()
        found.append(read_file(path))
        ctx.report((number + 1) / len(request.paths), f"Checked {Path(path).name}")
    return tuple(found)


@dataclass(frozen=True)
class IdentityRequest:
    data_folder: Path
    certificate: Path | None = None  # with ``key``: import this chain (PEM, leaf first) instead of showing
    key: Path | None = None


def identity_job(request: IdentityRequest, ctx: JobContext) -> list[str]:
    """Sentences describing the signing identity, after importing the given certificate and key if any.

    An import is checked by signing and reading back a tiny picture; it replaces the identity only if that works.
    """
    from artdesk.core.credentials import identity

    folder = identity.folder_of(request.data_folder)
    if request.certificate is None or request.key is None:
        ctx.report(None, "Reading the signing identity…")
        return describe_identity(identity.load_or_create(folder))
    ctx.report(None, "Checking the certificate…")
    try:
        chain, key = Path(request.certificate).read_bytes(), Path(request.key).read_bytes()
    except OSError as error:
        raise identity.IdentityError(f"Could not read {error.filename}: {error.strerror or error}.") from error
    candidate = identity.parse(chain, key)
    _check_signs(candidate)
    identity.save(folder, candidate)
    return describe_identity(candidate)


def _check_signs(candidate) -> None:
    import numpy as np

    from artdesk.core.credentials.identity import IdentityError
    from artdesk.core.credentials.read import read_bytes
    from artdesk.core.credentials.sign import SigningError, sign_bytes
    from artdesk.core.image_io import encode_png

    try:
        signed = sign_bytes(encode_png(np.zeros((1, 1, 4), np.uint8)), "image/png", {}, "check.png", candidate)
    except SigningError as error:
        raise IdentityError(f"This certificate cannot sign Content Credentials: {error}") from error
    problems = read_bytes(signed, "check.png").problems
    if problems:
        raise IdentityError("Content Credentials signed with this certificate do not check out: "
                            + "; ".join(problems) + ".")


def describe_identity(identity) -> list[str]:
    lines = [f"Your work is signed as “{identity.subject}”, certificate issued by “{identity.issuer}”, "
             f"valid until {identity.expires:%Y-%m-%d}."]
    if identity.self_made:
        lines.append("artdesk made this certificate on this computer. Readers call it untrusted: it shows that a "
                     "file is unchanged since you signed it, not who you are. Import a certificate from an "
                     "authority to sign under your name.")
    lines.append(f"Fingerprint (SHA-256): {identity.fingerprint}")
    return lines


@dataclass(frozen=True)
class BundleRequest:
    gallery_root: Path
    budget_bytes: int
    item_ids: tuple[str, ...]
    destination: Path
    data_folder: Path


def bundle_job(request: BundleRequest, ctx: JobContext):
    """Export a gallery bundle (``core.bundle``) on the worker, signing each picture and sound on the way in.

    Each work's JSON record carries its Content Credentials (read back from the signed bytes); MIDI and text
    works carry ``UNSIGNED_NOTE`` instead. Reports and checks cancel once per work; returns the BundleSummary.
    """
    from artdesk.core.bundle import export_bundle
    from artdesk.core.credentials import identity
    from artdesk.core.credentials.read import read_bytes
    from artdesk.core.credentials.sign import SigningError, mime_of, sign_bytes
    from artdesk.core.gallery import Gallery

    signer = identity.load_or_create(identity.folder_of(request.data_folder))
    done = []

    def credentials(name: str, data: bytes, record: dict) -> tuple[bytes, dict]:
        ctx.raise_if_cancelled()
        done.append(name)
        ctx.report(len(done) / len(request.item_ids), f"Adding {name}")
        mime = mime_of(name)
        if mime is None:
            return data, {"state": "not signed", "summary": [UNSIGNED_NOTE]}
        try:
            data = sign_bytes(data, mime, record, name, signer)
        except SigningError as error:
            return data, {"state": "not signed", "summary": [str(error)]}
        return data, read_bytes(data, name).as_record()

    gallery = Gallery.open(request.gallery_root, request.budget_bytes, reconcile=False)
    try:
        return export_bundle(gallery, request.item_ids, request.destination, credentials)
    finally:
        gallery.close()
