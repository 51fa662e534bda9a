"""Data preparation: monophonic melodies from music21's corpus (data-prep only; needs the music-data extra).

The licence-clean collections go into the default dataset; Essen (non-commercial) only into its own.
Parsed tunes are cached per corpus file under the data cache, so a second run takes seconds.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterator

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.melody import Melody, Note

# collection -> (corpus folder, style, licence note)
COLLECTIONS: dict[str, tuple[str, str, str]] = {
    "oneills1850": ("oneills1850", "celtic", "public domain (O'Neill's Music of Ireland, 1850)"),
    "ryansMammoth": ("ryansMammoth", "celtic", "public domain (Ryan's Mammoth Collection, 1883)"),
    "airdsAirs": ("airdsAirs", "folk", "public domain (Aird's Selection of Scotch, English, Irish and Foreign Airs)"),
    "miscFolk": ("miscFolk", "folk", "public domain (American fife tunes, Northumbrian minstrelsy)"),
    "bach": ("bach", "classical", "public domain (J. S. Bach chorales, soprano line)"),
    "josquin": ("josquin", "classical", "public domain (Josquin des Prez, each voice)"),
}
PARSER_VERSION = 2  # bump when core/abc_io.py changes what it reads, so cached parses are redone
MUSIC21_PARSED = {"josquin"}  # several voices per tune: music21 reads those; the rest goes through core/abc_io.py
ESSEN = {"essenFolksong": ("essenFolksong", "folk", "Essen Folksong Collection: given to music21 for non-commercial use only")}


def require_music21():
    try:
        import music21
    except ImportError as error:
        raise ArtdeskError(
            "Preparing music data needs music21 (its corpus holds the melodies): "
            "pip install 'artdesk[music-data]' (or pip install music21), then run this again."
        ) from error
    return music21


def corpus_files(collection: str) -> list[Path]:
    music21 = require_music21()
    folder = Path(music21.__file__).parent / "corpus" / {**COLLECTIONS, **ESSEN}[collection][0]
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".abc", ".mxl", ".xml", ".krn", ".musicxml"))
    if collection == "bach":
        files = [p for p in files if p.name.startswith("bwv")]
    return files


def _part_to_melody(part, title: str) -> Melody | None:
    """The part's notes on the 16th grid (top note of chords, ties joined, pickup aligned to its bar).

    Ties are joined by hand: music21's ``stripTies`` deep-copies the part and took 90% of the time.
    """
    from music21 import meter

    measures = list(part.getElementsByClass("Measure"))
    shift = float(measures[0].paddingLeft or 0.0) if measures else 0.0
    ts = part.recurse().getElementsByClass(meter.TimeSignature).first()
    time_signature = (ts.numerator, ts.denominator) if ts is not None else (4, 4)
    raw: list[list[int]] = []  # [pitch, start, end] in 16ths
    for element in part.flatten().notes:
        quarter_length = float(element.duration.quarterLength)
        if quarter_length <= 0:  # grace notes
            continue
        pitch = max(p.midi for p in element.pitches) if element.isChord else element.pitch.midi
        start = int(round((float(element.offset) + shift) * 4))
        end = int(round((float(element.offset) + shift + quarter_length) * 4))
        tie = element.tie.type if element.tie is not None else None
        if raw and tie in ("stop", "continue") and raw[-1][0] == pitch and abs(raw[-1][2] - start) <= 1:
            raw[-1][2] = max(raw[-1][2], end)
            continue
        if raw and start <= raw[-1][1]:
            continue  # a second note on the same 16th (e.g. a triplet squeezed by rounding)
        raw.append([int(pitch), start, max(start + 1, end)])
    clean: list[Note] = []
    for index, (pitch, start, end) in enumerate(raw):
        if index + 1 < len(raw):
            end = min(end, raw[index + 1][1])
        clean.append(Note(pitch, start, max(1, end - start)))
    if len(clean) < 8:
        return None
    return Melody(tuple(clean), 120.0, time_signature, {"title": title})


def _melodies_in_file(path: Path, collection: str) -> Iterator[Melody]:
    if path.suffix.lower() == ".abc" and collection not in MUSIC21_PARSED:
        from artdesk.core.abc_io import read_abc_file

        yield from (m for m in read_abc_file(path.read_text(encoding="latin-1")) if len(m.notes) >= 8)
        return
    from music21 import converter, stream

    parsed = converter.parse(str(path), forceSource=True)
    scores = list(parsed.scores) if isinstance(parsed, stream.Opus) else [parsed]
    for number, score in enumerate(scores):
        parts = list(score.parts) or [score]
        title = (score.metadata.title if score.metadata and score.metadata.title else f"{path.stem} {number + 1}")
        if collection == "bach":
            parts = parts[:1]  # the soprano carries the chorale tune
        for part in parts:
            melody = _part_to_melody(part, str(title))
            if melody is not None:
                yield melody


def _to_json(melody: Melody) -> dict[str, Any]:
    return {"title": melody.metadata.get("title", ""), "ts": list(melody.time_signature),
            "notes": [[n.pitch, n.start, n.duration] for n in melody.notes]}


def _from_json(item: dict[str, Any]) -> Melody:
    return Melody(tuple(Note(p, s, d) for p, s, d in item["notes"]), 120.0, tuple(item["ts"]), {"title": item["title"]})


def parse_file_cached(path: Path, collection: str, cache: Path, version: str) -> list[dict[str, Any]]:
    """The melodies of one corpus file as JSON items, from the cache or parsed (and then cached)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    parser = f"music21-{version}" if path.suffix.lower() != ".abc" or collection in MUSIC21_PARSED else f"abc-{PARSER_VERSION}"
    cached = cache / "parsed" / f"{parser}-{collection}-{path.stem}-{digest}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    try:
        items = [_to_json(m) for m in _melodies_in_file(path, collection)]
    except Exception as error:  # music21 raises many kinds on odd files: skip the file, keep going
        items = []
        print(f"skipped {path.name}: {type(error).__name__}: {error}")
    cached.parent.mkdir(parents=True, exist_ok=True)
    tmp = cached.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(items))
    os.replace(tmp, cached)
    return items


def load_collection(collection: str, cache: Path, ctx: JobContext, done: int = 0, total: int = 1,
                    workers: int = 1) -> list[Melody]:
    """Every melody of one collection, parsed once (``workers`` processes) and cached as JSON per corpus file."""
    music21 = require_music21()
    files = corpus_files(collection)
    results: dict[int, list[dict[str, Any]]] = {}
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(workers) as pool:
            futures = {pool.submit(parse_file_cached, p, collection, cache, music21.__version__): i for i, p in enumerate(files)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                ctx.report((done + len(results) / max(1, len(files))) / total, f"{collection}: {len(results)}/{len(files)} files")
                if ctx.cancelled:
                    for pending in futures:
                        pending.cancel()
                    ctx.raise_if_cancelled()
    else:
        for index, path in enumerate(files):
            ctx.raise_if_cancelled()
            ctx.report((done + index / max(1, len(files))) / total, f"{collection}: {path.name}")
            results[index] = parse_file_cached(path, collection, cache, music21.__version__)
    out: list[Melody] = []
    for index, path in enumerate(files):
        for item in results[index]:
            melody = _from_json(item)
            out.append(Melody(melody.notes, melody.tempo_bpm, melody.time_signature,
                              {**melody.metadata, "collection": collection, "file": path.name}))
    return out
