"""The third-party software inside artdesk and its licences (plain Python: no Qt, no torch).

In a source checkout the list is read from the installed packages' metadata, starting from
artdesk's own run-time requirements. The frozen app has no such metadata, so packaging/artdesk.spec
writes the same list into the bundle as ``resources/third_party.json`` and the app reads that.
Data copied into ``resources/`` (a folder with a ``SOURCE.json`` record) is listed from its record.
"""
from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

FILE_NAME = "third_party.json"
VENDORED_RECORD = "SOURCE.json"

# Parts that are no Python distribution of their own.
BUILT_IN = (
    {"name": "Python", "version": "", "licence": "PSF-2.0"},
    {"name": "Qt (inside PySide6)", "version": "", "licence": "LGPL-3.0-only"},
    {"name": "FFmpeg (inside Qt Multimedia)", "version": "", "licence": "LGPL-2.1-or-later"},
)


def _applies(requirement: str) -> bool:
    """False for optional extras and for markers that do not hold here (``; python_version < "3.8"``)."""
    try:
        from packaging.requirements import Requirement
    except ImportError:
        return "extra ==" not in requirement and "extra==" not in requirement
    marker = Requirement(requirement).marker
    return marker is None or marker.evaluate({"extra": ""})


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _licence(meta) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    classifiers = [c for c in classifiers if c not in ("OSI Approved",)]
    if classifiers:
        return ", ".join(sorted(set(classifiers)))
    text = (meta.get("License") or "").strip()
    return text if text and "\n" not in text and len(text) <= 60 else "see the package's licence file"


def runtime_requirements(pyproject: Path | None = None) -> list[str]:
    """artdesk's run-time requirements: from pyproject.toml in a source checkout, else from its metadata."""
    import tomllib

    pyproject = pyproject or Path(__file__).resolve().parents[1] / "pyproject.toml"
    try:
        return list(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"])
    except (OSError, KeyError, ValueError):
        pass
    try:
        return [r for r in metadata.requires("artdesk") or [] if _applies(r)]
    except metadata.PackageNotFoundError:
        return []


def from_metadata(requirements: list[str] | None = None) -> list[dict[str, str]]:
    """Every distribution artdesk needs at run time (not extras, not data preparation), with version and licence."""
    todo = [r for r in (runtime_requirements() if requirements is None else requirements) if _applies(r)]
    found: dict[str, dict[str, str]] = {}
    while todo:
        name = _normalise(re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", todo.pop()).group(1))
        if name in found:
            continue
        try:
            meta = metadata.metadata(name)
        except metadata.PackageNotFoundError:
            continue
        found[name] = {"name": meta.get("Name") or name, "version": meta.get("Version") or "", "licence": _licence(meta)}
        todo += [r for r in metadata.requires(name) or [] if _applies(r)]
    return sorted(found.values(), key=lambda entry: entry["name"].lower())


def strong_copyleft(licence: str) -> bool:
    """True when every choice a licence offers is the GPL or AGPL, which a bundle of this MIT app must not hold.

    The LGPL is fine (Qt's libraries ship as replaceable files), and so is a GPL offered beside another licence.
    """
    choices = re.split(r"\s+OR\s+", licence)
    return all(
        re.search(r"\bA?GPL|General Public License", choice) and not re.search(r"LGPL|Lesser|Library", choice)
        for choice in choices
    )


def vendored_data(resources: Path) -> list[dict[str, str]]:
    """Data copied into ``resources/``: name, version and licence from each folder's SOURCE.json."""
    rows = []
    for record_file in sorted(Path(resources).glob(f"*/{VENDORED_RECORD}")):
        try:
            record = json.loads(record_file.read_text(encoding="utf-8"))
            rows.append({"name": str(record["name"]), "version": str(record.get("version", "")), "licence": str(record["licence"])})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            rows.append({"name": record_file.parent.name, "version": "", "licence": "see the licence file beside it"})
    return rows


def third_party(resources: Path) -> list[dict[str, str]]:
    """The built-in parts, vendored data, then each distribution: from the bundle's list if any, else from metadata."""
    try:
        listed = json.loads((Path(resources) / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        listed = from_metadata()
    return [*BUILT_IN, *vendored_data(resources), *listed]
