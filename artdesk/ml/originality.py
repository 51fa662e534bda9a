"""Originality and the evaluation board for gallery works, plus the builder of the shipped models' indexes.

``board_job`` is the one job function the gallery runs (one work for "Check originality", many for the board).
``python -m artdesk.ml.originality [--models models] [--data .data]`` builds every shipped model's compact index
from the prepared training data and records it in the model's card (``assets`` with sha256, and ``originality``).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from artdesk.core.atomic import atomic_write_bytes, atomic_write_text
from artdesk.core.board import BoardRow, char_ngrams, set_diversity, sharpness, vector_diversity
from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import JobContext
from artdesk.core.originality import Originality, OriginalityError, load_checked_index

CANVAS_MODELS = ("canvas-gan",)
MUSIC_MODELS = ("melody-lstm", "melody-vae")


@dataclass(frozen=True)
class Work:
    """One gallery work to judge; ``model_dir`` is the model that made it ("" when it is not installed)."""

    item_id: str
    panel: str
    title: str
    path: str
    model_dir: str
    rating: int = 0
    settings: tuple[tuple[str, str], ...] = ()  # provenance settings that the checks need (poem form, heads)
    index_note: str = ""  # e.g. that a fine-tune is checked against its base model's data
    unavailable: str = ""  # why there is no model to check against, when ``model_dir`` is ""
    also_dirs: tuple[str, ...] = ()  # more models whose indexes judge the work too (a fine-tune's base)


@dataclass(frozen=True)
class BoardRequest:
    works: tuple[Work, ...]


@dataclass
class BoardResult:
    rows: list[BoardRow]
    originality: dict[str, Originality]  # item id -> the full answer (neighbours, passage)


def _index(panel: str, folder: Path, cache: dict):
    """The originality index of ``folder`` for ``panel``, loaded once per job and checked against its card."""
    if panel == "canvas":
        from artdesk.ml.canvas.originality import INDEX_FILE, load_index
    elif panel == "music":
        from artdesk.ml.music.originality import INDEX_FILE, load_index
    else:
        from artdesk.ml.poem.copyindex import CALIBRATION_FILE as INDEX_FILE, load_index
    return load_checked_index(folder, INDEX_FILE, load_index, cache)


def _judge(work: Work, cache: dict, ctx: JobContext) -> tuple[Originality, object, float]:
    """(originality, what diversity compares, technique value) of one work."""
    if not work.model_dir:
        raise OriginalityError(work.unavailable or "The model that made this work is not installed, "
                                                   "so its training data is unknown.")
    index = _index(work.panel, Path(work.model_dir), cache)
    path = Path(work.path)
    if work.panel == "canvas":
        from artdesk.ml.canvas.originality import check_pictures, picture_array

        picture = picture_array(path.read_bytes())
        results, codes = check_pictures(index, picture[None], ctx.raise_if_cancelled)
        answer = results[0]
        for folder in work.also_dirs:  # the closest match over every index is the answer
            other = check_pictures(_index("canvas", Path(folder), cache), picture[None], ctx.raise_if_cancelled)[0][0]
            answer = other if other.novelty < answer.novelty else answer
        return answer, codes[0], sharpness(picture)
    if work.panel == "music":
        from artdesk.core.midi_io import read_midi
        from artdesk.ml.music import events as ev
        from artdesk.ml.music.originality import check_melody, run_hashes

        melody = read_midi(path)
        events = ev.melody_to_events(melody)
        tonic, mode = ev.estimate_key(melody)
        scale = ev.scale_pitch_classes(tonic, mode)
        in_key = sum(n.pitch % 12 in scale for n in melody.notes) / max(1, len(melody.notes))
        return check_melody(index, events, melody.steps_per_bar), set(run_hashes(events).tolist()), in_key
    from artdesk.ml.poem.checker import check_poem
    from artdesk.ml.poem.copyindex import poem_originality
    from artdesk.ml.poem.export import read_poem_file
    from artdesk.ml.poem.forms import get_form

    text, _ = read_poem_file(path)
    settings = dict(work.settings)
    try:
        form = get_form(settings["form"]) if settings.get("form") else None
    except KeyError:
        form = None
    if form is not None and form.language != index.language:
        form = None
    report = check_poem(text, index.language, form, settings.get("heads", ""))
    return poem_originality(Path(work.model_dir), text, cache), char_ngrams(text), float(len(report.errors))


def board_job(request: BoardRequest, ctx: JobContext) -> BoardResult:
    """Judge each work (reports after each, checks cancel before each), then diversity within each panel's group."""
    cache: dict = {}
    rows, answers, compared = [], {}, {}
    for number, work in enumerate(request.works):
        ctx.raise_if_cancelled()
        ctx.report(number / max(1, len(request.works)), f"Checking {work.title or work.item_id} ({number + 1}/{len(request.works)})…")
        row = BoardRow(work.item_id, work.panel, work.title, work.rating)
        try:
            answer, signature, technique = _judge(work, cache, ctx)
        except (ArtdeskError, OSError, ValueError) as error:
            row.problem = str(error)
        else:
            row.label, row.novelty, row.technique = answer.label, answer.novelty, technique
            answer.note = " ".join(part for part in (work.index_note, answer.note) if part)
            answers[work.item_id] = answer
            compared.setdefault(work.panel, []).append((row, signature, work.model_dir))
        rows.append(row)
    for panel, group in compared.items():
        if panel == "canvas":
            scale = float(np.median(_index("canvas", Path(group[0][2]), cache).calibration.heldout))
            values = vector_diversity(np.stack([s for _, s, _ in group]), scale)
        else:
            values = set_diversity([s for _, s, _ in group])
        for (row, _, _), value in zip(group, values):
            row.diversity = value
    ctx.report(1.0, "Done")
    return BoardResult(rows, answers)


# -- building the shipped indexes ----------------------------------------------------------
def record_asset(folder: Path, name: str, blob: bytes, summary: dict) -> None:
    """Write ``name`` into the model folder and record its sha256 and summary in the card (both atomic)."""
    atomic_write_bytes(folder / name, blob)
    card_path = folder / "card.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card.setdefault("assets", {})[name] = {"sha256": hashlib.sha256(blob).hexdigest(), "bytes": len(blob)}
    card["originality"] = summary
    atomic_write_text(card_path, json.dumps(card, indent=2, ensure_ascii=False))


def _summary(calibration, built: str) -> dict:
    return {"file": built, "measure": calibration.measure,
            "thresholds": {k: round(v, 4) for k, v in calibration.thresholds().items()},
            "calibration": calibration.note, "built": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def _picture_set_models(canvas: Path) -> list[tuple[Path, str]]:
    """Generators trained on one picture set (their card's data names the set), with that set's name."""
    found = []
    for card_path in sorted(canvas.glob("*/card.json")):
        card = json.loads(card_path.read_text(encoding="utf-8"))
        if card.get("model_type") in ("canvas-gan", "canvas-vae") and card.get("data", {}).get("set"):
            found.append((card_path.parent, card["data"]["set"]))
    return found


def build_picture_set_indexes(models: Path, data: Path, log=print) -> None:
    """Index each picture-set generator on its own set (``data/canvas-sets/<set>``), not the mixed pictures."""
    from artdesk.core.jobs import ConsoleContext
    from artdesk.ml.canvas.data import load_data
    from artdesk.ml.canvas.originality import INDEX_FILE, build_index

    for folder, picture_set in _picture_set_models(models / "canvas"):
        pictures = load_data(data / "canvas-sets" / picture_set)
        index = build_index(pictures.images, pictures.heldout, pictures.styles, pictures.classes, ConsoleContext())
        record_asset(folder, INDEX_FILE, index.to_bytes(), _summary(index.calibration, INDEX_FILE))
        log(f"canvas/{folder.name}: {INDEX_FILE} ({picture_set}), {index.calibration.thresholds()}")


def build_shipped(models: Path, data: Path, domains: tuple[str, ...], log=print) -> None:
    from artdesk.core.jobs import ConsoleContext

    ctx = ConsoleContext()
    if "canvas" in domains:
        from artdesk.ml.canvas.originality import INDEX_FILE, build_index
        from artdesk.ml.canvas.requests import STYLES

        with np.load(data / "canvas" / "canvas64.npz") as arrays:
            index = build_index(arrays["images"], arrays["heldout"], arrays["styles"], STYLES, ctx)
        blob = index.to_bytes()
        for name in CANVAS_MODELS:
            record_asset(models / "canvas" / name, INDEX_FILE, blob, _summary(index.calibration, INDEX_FILE))
            log(f"canvas/{name}: {INDEX_FILE} {len(blob) / 1e6:.1f} MB, {index.calibration.thresholds()}")
        build_picture_set_indexes(models, data, log)
    if "music" in domains:
        from artdesk.ml.music.data import MelodyDataset
        from artdesk.ml.music.originality import INDEX_FILE, build_index

        index = build_index(MelodyDataset.load(data / "music" / "melodies.npz"), ctx)
        blob = index.to_bytes()
        summary = _summary(index.calibration(16), INDEX_FILE)
        summary["thresholds"] = {f"{bars} bars": {k: round(v, 4) for k, v in cal.thresholds().items()}
                                 for bars, cal in index.calibrations.items()}
        summary["calibration"] = summary["calibration"].replace("cut to 16 bars", "cut to 4, 8, 16 and 32 bars")
        for name in MUSIC_MODELS:
            record_asset(models / "music" / name, INDEX_FILE, blob, summary)
            log(f"music/{name}: {INDEX_FILE} {len(blob) / 1e6:.1f} MB, {summary['thresholds']}")
    if "poem" in domains:
        from artdesk.ml.poem.data import read_array
        from artdesk.ml.poem.copyindex import calibrate

        from artdesk.ml.poem.copyindex import CALIBRATION_FILE, load_index

        for folder in sorted(p.parent for p in (models / "poem").glob("*/copy_index.npz")):
            name, language = folder.name, json.loads((folder / "card.json").read_text(encoding="utf-8"))["config"]["language"]
            calibrate(folder, language, read_array(data / "poem" / language / "valid.u16.gz"))
            calibration = load_index(folder).calibration
            record_asset(folder, CALIBRATION_FILE, (folder / CALIBRATION_FILE).read_bytes(),
                         _summary(calibration, CALIBRATION_FILE))
            log(f"poem/{name}: {CALIBRATION_FILE}, {calibration.thresholds()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=Path("models"), help="the shipped models folder")
    parser.add_argument("--data", type=Path, default=Path(".data"), help="the prepared training data")
    parser.add_argument("--domains", nargs="+", default=["canvas", "music", "poem"], choices=["canvas", "music", "poem"])
    args = parser.parse_args(argv)
    build_shipped(args.models, args.data, tuple(args.domains))


if __name__ == "__main__":
    main()
