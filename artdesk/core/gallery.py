"""The gallery: every kept picture, melody and poem, as files plus an SQLite index (WAL mode).

Each item is a file ``items/<id>.<ext>`` with a sidecar ``items/<id>.json`` (its record, provenance
included). The index can always be rebuilt from the sidecars, so a damaged or stale index loses nothing.
Writes go file first, sidecar second, index last: a crash at any point leaves the folder consistent
after ``reconcile()``, which ``Gallery.open`` runs.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from artdesk.core.atomic import atomic_write_bytes, atomic_write_text
from artdesk.core.errors import ArtdeskError
from artdesk.core.record_schema import RecordError, check_bounds, parse_json, validate_record

SCHEMA_VERSION = 1
PANELS = ("canvas", "music", "poem")
SORT_KEYS = {"created": "created", "rating": "rating", "model": "model", "seed": "seed", "panel": "panel"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id TEXT PRIMARY KEY,
    panel TEXT NOT NULL,
    file TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    model TEXT NOT NULL DEFAULT '',
    seed INTEGER,
    created REAL NOT NULL,
    rating INTEGER NOT NULL DEFAULT 0,
    favourite INTEGER NOT NULL DEFAULT 0,
    tags TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    thumbnail BLOB,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_created ON items(created);
CREATE INDEX IF NOT EXISTS items_panel ON items(panel);
CREATE INDEX IF NOT EXISTS items_panel_created ON items(panel, created);
-- counts read these covering indexes, never the rows with their thumbnail blobs:
CREATE INDEX IF NOT EXISTS items_deleted_rating ON items(deleted, rating);
CREATE INDEX IF NOT EXISTS items_panel_deleted_rating ON items(panel, deleted, rating);
"""


class GalleryError(ArtdeskError):
    pass


class GalleryFull(GalleryError):
    """Keeping this item would pass the user's disk budget; nothing already kept is touched."""


@dataclass
class GalleryItem:
    id: str
    panel: str
    file: str  # name inside items/
    title: str = ""
    model: str = ""
    seed: int | None = None
    created: float = 0.0
    rating: int = 0
    favourite: bool = False
    tags: list[str] = field(default_factory=list)
    size: int = 0
    deleted: bool = False
    provenance: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # fields a newer artdesk wrote: kept, not shown

    def record(self) -> dict[str, Any]:
        fields = asdict(self)
        return {**fields.pop("extra"), **fields}

    def sidecar(self) -> str:
        return json.dumps(self.record(), ensure_ascii=False, indent=1)


# The sidecar's fields and the types each accepts (None: may be null).
ITEM_FIELDS: dict[str, tuple[type | None, ...]] = {
    "id": (str,), "panel": (str,), "file": (str,), "title": (str,), "model": (str,), "seed": (int, None),
    "created": (int, float), "rating": (int,), "favourite": (bool,), "tags": (list,), "size": (int,),
    "deleted": (bool,), "provenance": (dict,),
}


def item_from_record(value: Any, what: str) -> GalleryItem:
    """A GalleryItem from a sidecar's (or index row's) JSON value; RecordError saying what is wrong.

    Unknown fields go to ``extra`` and are written back unchanged.
    """
    if not isinstance(value, dict):
        raise RecordError(f"{what} is not a gallery record (it is not an object).")
    check_bounds(value, what)
    for key, allowed in ITEM_FIELDS.items():
        if key in ("id", "panel", "file") and key not in value:
            raise RecordError(f"{what} lacks its {key!r} field.")
        if key in value and not any(value[key] is None if kind is None else
                                    isinstance(value[key], kind) and not (kind is int and isinstance(value[key], bool))
                                    for kind in allowed):
            raise RecordError(f"{what} has a damaged field {key!r}.")
    if value["panel"] not in PANELS:
        raise RecordError(f"{what} names an unknown panel {value['panel']!r}.")
    if not value["file"] or Path(value["file"]).name != value["file"] or value["file"].startswith("."):
        raise RecordError(f"{what} names a file outside the gallery ({value['file'][:80]!r}).")
    if not all(isinstance(tag, str) for tag in value.get("tags", [])):
        raise RecordError(f"{what} has a tag that is not text.")
    if not 0 <= value.get("rating", 0) <= 5:
        raise RecordError(f"{what} has a rating outside 0-5.")
    known = {key: value[key] for key in ITEM_FIELDS if key in value}
    known["provenance"] = validate_record(value.get("provenance", {}), f"{what}'s provenance")
    extra = {key: item for key, item in value.items() if key not in ITEM_FIELDS and key != "extra"}
    return GalleryItem(**known, extra=extra)


def _row_to_item(row: sqlite3.Row) -> GalleryItem:
    """An index row: written only from items already validated, so it is read without checking again."""
    value = json.loads(row["record"])
    extra = {key: value.pop(key) for key in list(value) if key not in ITEM_FIELDS}
    return GalleryItem(**value, extra=extra)


class Gallery:
    """One user's gallery folder. Not thread-safe: use it from one thread (the UI's or a job's)."""

    def __init__(self, root: Path, budget_bytes: int) -> None:
        self.root = Path(root)
        self.items_dir = self.root / "items"
        self.budget_bytes = budget_bytes
        self.db_path = self.root / "index.sqlite3"
        self.db: sqlite3.Connection | None = None
        self.skipped_sidecars: list[str] = []  # sidecars the last reconcile could not use

    @classmethod
    def open(cls, root: Path, budget_bytes: int = 2 << 30, *, reconcile: bool = True) -> "Gallery":
        """Open (creating or rebuilding a damaged index); ``reconcile=False`` leaves the repair to
        ``reconcile_job`` on a worker, so a large gallery shows before its folder has been listed."""
        gallery = cls(root, budget_bytes)
        try:
            gallery.items_dir.mkdir(parents=True, exist_ok=True)
            gallery._connect()
        except sqlite3.DatabaseError:
            gallery._discard_index()
            gallery._connect()
        except OSError as error:
            raise GalleryError(f"The gallery folder {root} cannot be used ({error.strerror or error}).") from error
        if reconcile:
            gallery.reconcile()
        return gallery

    def _connect(self) -> None:
        self.db = sqlite3.connect(self.db_path)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self.db.execute("SELECT count(*) FROM items").fetchone()  # fails here if the file is damaged

    def _discard_index(self) -> None:
        if self.db is not None:
            self.db.close()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{self.db_path}{suffix}")
            if path.exists():
                path.replace(path.with_name(f"{path.name}.damaged-{stamp}"))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # -- keeping --------------------------------------------------------------------------
    def used_bytes(self) -> int:
        return int(self.db.execute("SELECT coalesce(sum(size), 0) FROM items").fetchone()[0])

    def keep(
        self,
        panel: str,
        data: bytes,
        extension: str,
        provenance: dict[str, Any],
        *,
        title: str = "",
        thumbnail_png: bytes | None = None,
    ) -> GalleryItem:
        """Store one output; raises GalleryFull past the budget, GalleryError on a full disk."""
        if panel not in PANELS:
            raise GalleryError(f"Unknown panel {panel!r}.")
        if self.used_bytes() + len(data) > self.budget_bytes:
            raise GalleryFull(
                f"The gallery has reached its disk budget ({self.budget_bytes / 1e6:.0f} MB); new works are not kept. "
                "Delete some items or raise the budget in Preferences."
            )
        provenance = validate_record(json.loads(json.dumps(provenance, default=str)), "The provenance to keep")
        item_id = uuid.uuid4().hex[:16]
        item = GalleryItem(
            id=item_id,
            panel=panel,
            file=f"{item_id}.{extension.lstrip('.')}",
            title=title,
            model=str(provenance.get("model", "")),
            seed=provenance.get("seed"),
            created=time.time(),
            size=len(data),
            provenance=provenance,
        )
        atomic_write_bytes(self.items_dir / item.file, data)
        atomic_write_text(self.items_dir / f"{item_id}.json", item.sidecar())
        self._upsert(item, thumbnail_png)
        return item

    def _upsert(self, item: GalleryItem, thumbnail_png: bytes | None) -> None:
        with self.db:
            self.db.execute(
                "INSERT OR REPLACE INTO items (id, panel, file, title, model, seed, created, rating, favourite, tags,"
                " size, deleted, thumbnail, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,coalesce(?, (SELECT thumbnail FROM"
                " items WHERE id = ?)),?)",
                (
                    item.id, item.panel, item.file, item.title, item.model, item.seed, item.created, item.rating,
                    int(item.favourite), ",".join(item.tags), item.size, int(item.deleted), thumbnail_png, item.id,
                    json.dumps(item.record(), ensure_ascii=False),
                ),
            )

    # -- reading --------------------------------------------------------------------------
    def get(self, item_id: str) -> GalleryItem:
        row = self.db.execute("SELECT record FROM items WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise GalleryError(f"No gallery item {item_id}.")
        return _row_to_item(row)

    def path(self, item: GalleryItem) -> Path:
        return self.items_dir / item.file

    def thumbnail(self, item_id: str) -> bytes | None:
        row = self.db.execute("SELECT thumbnail FROM items WHERE id = ?", (item_id,)).fetchone()
        return None if row is None else row["thumbnail"]

    def _where(self, panel, text, model, seed, min_rating, favourites_only, include_deleted,
               ordered: bool = False) -> tuple[str, list]:
        """SQL conditions; ``ordered`` queries write ``+rating``/``+deleted`` so SQLite walks the index of the
        sort column instead of sorting every row found through the counting indexes (200 ms -> 0.3 ms at 10,000)."""
        plus = "+" if ordered else ""
        clauses, args = [f"{plus}rating >= ?"], [min_rating]
        if not include_deleted:
            clauses.append(f"{plus}deleted = 0")
        for column, value in (("panel", panel), ("model", model), ("seed", seed)):
            if value is not None and value != "":
                clauses.append(f"{column} = ?")
                args.append(value)
        if favourites_only:
            clauses.append("favourite = 1")
        if text:
            clauses.append("(title LIKE ? OR tags LIKE ? OR model LIKE ?)")
            args += [f"%{text}%"] * 3
        return " AND ".join(clauses), args

    def query(
        self,
        *,
        panel: str | None = None,
        text: str = "",
        model: str | None = None,
        seed: int | None = None,
        min_rating: int = 0,
        favourites_only: bool = False,
        include_deleted: bool = False,
        sort: str = "created",
        descending: bool = True,
        limit: int = 500,
        offset: int = 0,
    ) -> list[GalleryItem]:
        where, args = self._where(panel, text, model, seed, min_rating, favourites_only, include_deleted, True)
        order = SORT_KEYS.get(sort, "created")
        sql = f"SELECT record FROM items WHERE {where} ORDER BY {order} {'DESC' if descending else 'ASC'}, id LIMIT ? OFFSET ?"
        return [_row_to_item(r) for r in self.db.execute(sql, (*args, limit, offset))]

    def count(self, *, panel: str | None = None, text: str = "", model: str | None = None, seed: int | None = None,
              min_rating: int = 0, favourites_only: bool = False, include_deleted: bool = False) -> int:
        where, args = self._where(panel, text, model, seed, min_rating, favourites_only, include_deleted)
        return int(self.db.execute(f"SELECT count(*) FROM items WHERE {where}", args).fetchone()[0])

    # -- changing -------------------------------------------------------------------------
    def update(self, item_id: str, **changes: Any) -> GalleryItem:
        """Change rating (0-5), favourite, tags or title; the sidecar follows."""
        item = self.get(item_id)
        for key, value in changes.items():
            if key not in ("rating", "favourite", "tags", "title", "deleted"):
                raise GalleryError(f"{key} cannot be changed.")
            if key == "rating" and not 0 <= int(value) <= 5:
                raise GalleryError("A rating is from 1 to 5 (0 for none).")
            setattr(item, key, value)
        atomic_write_text(self.items_dir / f"{item.id}.json", item.sidecar())
        self._upsert(item, None)
        return item

    def delete(self, item_id: str) -> GalleryItem:
        """Move to the trash (undo with ``restore``); ``empty_trash`` removes the files."""
        return self.update(item_id, deleted=True)

    def restore(self, item_id: str) -> GalleryItem:
        return self.update(item_id, deleted=False)

    def empty_trash(self) -> int:
        trashed = self.query(include_deleted=True, limit=1 << 30)
        removed = 0
        for item in (i for i in trashed if i.deleted):
            (self.items_dir / item.file).unlink(missing_ok=True)
            (self.items_dir / f"{item.id}.json").unlink(missing_ok=True)
            with self.db:
                self.db.execute("DELETE FROM items WHERE id = ?", (item.id,))
            removed += 1
        return removed

    # -- repair ---------------------------------------------------------------------------
    def reconcile(self) -> tuple[int, int]:
        """Make the index match the files: drop rows whose file is gone, re-add sidecars missing from it.

        One directory listing, compared as sets, so opening a large gallery stays fast. A sidecar that is
        damaged or forged is left out (its name goes to ``skipped_sidecars``); it costs only itself.
        Returns (rows dropped, items re-added).
        """
        self.skipped_sidecars = []
        with os.scandir(self.items_dir) as entries:
            names = {entry.name for entry in entries if not entry.name.startswith(".")}
        indexed = {row["id"]: row["file"] for row in self.db.execute("SELECT id, file FROM items")}
        dropped = [i for i, f in indexed.items() if f not in names]
        with self.db:
            self.db.executemany("DELETE FROM items WHERE id = ?", [(i,) for i in dropped])
        added = 0
        for name in sorted(n for n in names if n.endswith(".json") and n[:-5] not in indexed):
            try:
                text = (self.items_dir / name).read_text(encoding="utf-8")
                item = item_from_record(parse_json(text, f"The gallery record {name}"), f"The gallery record {name}")
            except (OSError, UnicodeDecodeError, RecordError):  # cut short by a crash, damaged or forged
                self.skipped_sidecars.append(name)
                continue
            if item.id != name[:-5]:
                self.skipped_sidecars.append(name)
                continue
            if item.file in names:
                self._upsert(item, None)
                added += 1
        return len(dropped), added


@dataclass(frozen=True)
class ReconcileRequest:
    root: Path
    budget_bytes: int


def reconcile_job(request: ReconcileRequest, ctx) -> tuple[int, int]:
    """Reconcile on the worker's own connection (SQLite WAL lets the UI keep reading); (dropped, re-added).

    Reports once at the start; the listing and comparison run as one step, so there is no cancel point inside.
    """
    ctx.report(None, "Checking the gallery against its files…")
    gallery = Gallery.open(request.root, request.budget_bytes, reconcile=False)
    try:
        return gallery.reconcile()
    finally:
        gallery.close()
