"""Model cards: discover checkpoints by reading ``card.json`` files only (no torch).

A checkpoint is a folder ``<root>/<domain>/<name>/`` holding ``card.json`` and
``model.safetensors`` (plus domain assets such as ``vocab.json``).
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from artdesk.core.atomic import atomic_write_text
from artdesk.core.errors import ArtdeskError

CARD_FORMAT_VERSION = 1
CARD_FILE = "card.json"
WEIGHTS_FILE = "model.safetensors"
DOMAINS = ("canvas", "music", "poem", "style", "features")
BUNDLE_MANIFEST = "bundle-manifest.json"  # written into the bundle's models/ by packaging/artdesk.spec


class CardError(ArtdeskError):
    """A model card is missing, unreadable or from an unknown format."""


@dataclass(frozen=True)
class ModelCard:
    path: Path
    source: str  # "bundled" or "user"
    raw: dict[str, Any] = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.domain}/{self.path.name}"

    @property
    def name(self) -> str:
        return str(self.raw.get("name") or self.path.name)

    @property
    def domain(self) -> str:
        return str(self.raw.get("domain", ""))

    @property
    def model_type(self) -> str:
        return str(self.raw.get("model_type", ""))

    @property
    def description(self) -> str:
        return str(self.raw.get("description", ""))

    @property
    def licence(self) -> str:
        return str(self.raw.get("data", {}).get("licence", "unknown"))

    @property
    def created(self) -> str:
        return str(self.raw.get("created", ""))

    @property
    def parent(self) -> str:
        return str(self.raw.get("parent") or "")

    @property
    def metrics(self) -> dict[str, Any]:
        return dict(self.raw.get("metrics", {}))

    @property
    def labels(self) -> list[str]:
        return list(self.raw.get("labels", []))

    @property
    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    @property
    def is_user(self) -> bool:
        return self.source == "user"


def read_card(folder: Path, source: str = "user") -> ModelCard:
    """Read and check one checkpoint folder's card; raises CardError with a user message."""
    folder = Path(folder)
    card_path = folder / CARD_FILE
    try:
        raw = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CardError(f"{folder} is not a model folder: it has no {CARD_FILE}.") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CardError(f"The model card {card_path} is damaged ({error}). Delete or re-import this model.") from error
    if not isinstance(raw, dict):
        raise CardError(f"The model card {card_path} is damaged (not a JSON object). Delete or re-import this model.")
    version = raw.get("format_version")
    if version != CARD_FORMAT_VERSION:
        raise CardError(
            f"The model {folder.name} uses checkpoint format {version!r}; this artdesk reads format "
            f"{CARD_FORMAT_VERSION}. Update artdesk, or re-train the model with this version."
        )
    if raw.get("domain") not in DOMAINS or not raw.get("model_type"):
        raise CardError(f"The model card {card_path} names no known domain or model type.")
    if not (folder / WEIGHTS_FILE).is_file():
        raise CardError(f"The model {folder.name} has no weights file ({WEIGHTS_FILE}). Re-import or delete it.")
    return ModelCard(folder, source, raw)


@dataclass
class Discovery:
    cards: list[ModelCard]
    problems: list[str]


def write_card_metrics(folder: Path, metrics: dict[str, Any]) -> None:
    """Merge ``metrics`` into the ``metrics`` of ``folder``'s card (an evaluation command's --write-card), atomically."""
    card_path = Path(folder) / CARD_FILE
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card.setdefault("metrics", {}).update(metrics)
    atomic_write_text(card_path, json.dumps(card, indent=2, ensure_ascii=False))


def discover_models(roots: list[tuple[str, Path]], domain: str | None = None) -> Discovery:
    """Every readable checkpoint under ``roots`` (pairs of source and folder), and what was wrong with the rest."""
    cards: list[ModelCard] = []
    problems: list[str] = []
    for source, root in roots:
        domains = [domain] if domain else list(DOMAINS)
        for dom in domains:
            base = Path(root) / dom
            try:
                folders = sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))
            except OSError:
                continue
            for folder in folders:
                try:
                    cards.append(read_card(folder, source))
                except CardError as error:
                    problems.append(str(error))
    return Discovery(cards, problems)


class ModelNotFound(ArtdeskError):
    """No installed model answers to a name; ``known`` lists the folder names there are."""

    def __init__(self, message: str, known: list[str]) -> None:
        super().__init__(message)
        self.known = known


def source_of(folder: Path, bundled_models: Path | None = None) -> str:
    """``bundled`` for a folder under the shipped models, else ``user``."""
    from artdesk.core.paths import app_paths

    bundled = bundled_models if bundled_models is not None else app_paths().bundled_models
    try:
        Path(folder).resolve().relative_to(Path(bundled).resolve())
        return "bundled"
    except ValueError:
        return "user"


def find_model(name: str | None, domain: str, model_type: str | None = None, paths=None) -> ModelCard:
    """The card of a model: ``name`` is a checkpoint folder, or a folder name, card name or id among the
    installed ``domain`` models (of ``model_type`` when given; bundled first, then the user's). ``name`` None
    gives the first one. Raises ModelNotFound naming the models there are."""
    from artdesk.core.paths import app_paths

    paths = paths or app_paths()
    if name and (Path(name) / CARD_FILE).is_file():
        return read_card(Path(name), source_of(Path(name), paths.bundled_models))
    cards = [c for c in discover_models(paths.model_roots, domain).cards if model_type in (None, c.model_type)]
    for card in cards:
        if name is None or name in (card.path.name, card.name, card.id):
            return card
    known = [c.path.name for c in cards]
    what = model_type or domain
    wanted = f"No {what} model named {name!r}" if name else f"No {what} model found"
    raise ModelNotFound(f"{wanted} (known: {', '.join(known) or 'none installed'}). See: artdesk models", known)


def bundled_model_problems(root: Path) -> list[str]:
    """What is wrong with the bundled models, one message each naming the model (cards only, no torch).

    Damaged or unreadable checkpoints come from card discovery; a checkpoint listed in the bundle's
    manifest but absent (deleted, or the folder half-copied) is reported as missing.
    """
    root = Path(root)
    problems = list(discover_models([("bundled", root)]).problems)
    try:
        shipped = json.loads((root / BUNDLE_MANIFEST).read_text(encoding="utf-8")).get("models", [])
    except FileNotFoundError:
        shipped = []  # running from a source checkout: nothing to compare against
    except (OSError, ValueError, AttributeError) as error:
        return [*problems, f"The list of bundled models ({root / BUNDLE_MANIFEST}) is damaged ({error}). Reinstall artdesk."]
    for entry in shipped:
        if not (root / entry).is_dir():  # a damaged one that is still there was reported by discovery
            problems.append(f"The bundled model {entry} is missing from {root}. Reinstall artdesk to get it back.")
    return problems


def import_model_folder(src: Path, user_models: Path) -> ModelCard:
    """Copy a checkpoint folder into the user's models; refuses unreadable cards and name clashes."""
    card = read_card(Path(src), "user")
    dest = user_models / card.domain / Path(src).name
    if dest.exists():
        raise CardError(f"A model named {dest.name} already exists in your {card.domain} models. Rename the folder first.")
    from artdesk.core.atomic import atomic_directory

    with atomic_directory(dest) as tmp:
        shutil.copytree(src, tmp, dirs_exist_ok=True)
    return read_card(dest, "user")


def delete_user_model(card: ModelCard) -> None:
    if not card.is_user:
        raise CardError(f"{card.name} ships with artdesk and cannot be deleted.")
    try:
        shutil.rmtree(card.path)
    except OSError as error:
        raise CardError(f"Could not delete {card.path}: {error.strerror or error}.") from error
