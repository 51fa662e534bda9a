"""The fine-tune folder audit: what is used, what is skipped and why, duplicates, notes, warnings, crops."""
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.canvas.finetune import audit
from artdesk.ml.canvas.finetune.audit import (
    MIN_PICTURES,
    PreviewRequest,
    audit_files,
    files_in,
    prepare_picture,
    preview_pictures,
)
from tests.ml.canvas.helpers import synthetic_pictures


def make_picture_folder(folder: Path, good: int = 5) -> Path:
    """``good`` colour PNGs plus one of each awkward case: grey, transparent, tiny, wide, duplicate,
    damaged, empty, not a picture, hidden."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, pixels in enumerate(synthetic_pictures(good, seed=3, size=96)):
        Image.fromarray(pixels).save(folder / f"good{index}.png")
    grey = synthetic_pictures(1, seed=9, size=80)[0].mean(axis=2).astype(np.uint8)
    Image.fromarray(grey, "L").save(folder / "grey.png")
    clear = np.zeros((70, 70, 4), np.uint8)
    clear[20:50, 20:50] = (200, 30, 30, 255)
    (folder / "sub").mkdir()
    Image.fromarray(clear, "RGBA").save(folder / "sub" / "clear.png")
    Image.fromarray(synthetic_pictures(1, seed=5, size=20)[0]).save(folder / "tiny.png")
    wide = np.concatenate(list(synthetic_pictures(3, seed=6, size=64)), axis=1)
    Image.fromarray(wide).save(folder / "wide.jpg", quality=95)
    Image.open(folder / "good0.png").resize((150, 150)).convert("RGB").save(folder / "zz-copy.jpg", quality=92)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.txt").write_text("hello")
    (folder / ".hidden.png").write_bytes(b"")
    return folder


def _by_name(items):
    return {Path(item.path).name: item for item in items}


def test_files_in_is_recursive_sorted_and_skips_hidden(tmp_path):
    folder = make_picture_folder(tmp_path / "pics")
    files = files_in(folder)
    assert files == sorted(files)
    assert folder / "sub" / "clear.png" in files and not any(p.name.startswith(".") for p in files)
    with pytest.raises(ArtdeskError, match="not a folder"):
        files_in(tmp_path / "missing")


def test_audit_uses_skips_and_explains(tmp_path):
    folder = make_picture_folder(tmp_path / "pics")
    ctx = RecordingContext()
    result = audit_files([folder], ctx)
    used, skipped = _by_name(result.usable), _by_name(result.skipped)
    assert set(used) == {"good0.png", "good1.png", "good2.png", "good3.png", "good4.png", "grey.png", "clear.png",
                         "tiny.png", "wide.jpg"}
    assert set(skipped) == {"broken.png", "empty.jpg", "notes.txt"}
    assert "damaged" in skipped["broken.png"].reason and "empty" in skipped["empty.jpg"].reason
    assert "not a picture type" in skipped["notes.txt"].reason
    assert [(a.name, b.name) for a, b in result.duplicates] == [("zz-copy.jpg", "good0.png")]
    assert used["grey.png"].grayscale and used["grey.png"].mode == "L" and "greyscale" in used["grey.png"].notes
    assert not used["good1.png"].grayscale and used["good1.png"].notes == ()
    assert any("transparent" in note for note in used["clear.png"].notes)
    assert any(note.startswith("tiny (20x20)") for note in used["tiny.png"].notes)
    assert any(note.startswith("wide (3.0:1)") for note in used["wide.jpg"].notes)
    text = " ".join(result.warnings)
    assert "9 pictures is few" in text and "greyscale" in text and "mixed shapes" in text and "1 duplicate" in text
    assert result.can_train
    assert ctx.progress[-1].fraction == 1.0 and len(ctx.progress) >= 14


def test_oversized_picture_is_refused_from_its_header(tmp_path, monkeypatch):
    Image.fromarray(synthetic_pictures(1, size=200)[0]).save(tmp_path / "big.png")
    Image.fromarray(synthetic_pictures(1, size=50)[0]).save(tmp_path / "small.png")
    decoded = []
    real = audit._load_rgb
    monkeypatch.setattr(audit, "_load_rgb", lambda path, limit: decoded.append(path.name) or real(path, limit))
    result = audit_files([tmp_path], max_pixels=10_000)
    assert decoded == ["small.png"]
    assert "megapixels" in result.skipped[0].reason and result.skipped[0].path.name == "big.png"


@pytest.mark.parametrize("setup, expected", [
    (lambda d: None, "no pictures here"),
    (lambda d: (d / "a.png").write_bytes(b"junk"), "None of these files could be used"),
    (lambda d: Image.new("RGB", (80, 80), "red").save(d / "one.png"), "Only 1 usable picture"),
])
def test_folders_that_cannot_train_say_why(tmp_path, setup, expected):
    setup(tmp_path)
    result = audit_files([tmp_path])
    assert not result.can_train and expected in result.warnings[0]


def test_enough_distinct_pictures_give_no_count_warning(tmp_path):
    for index, pixels in enumerate(synthetic_pictures(25, seed=1)):
        Image.fromarray(pixels).save(tmp_path / f"p{index:02}.png")
    result = audit_files([tmp_path])
    assert len(result.usable) + len(result.duplicates) == 25 and len(result.usable) >= MIN_PICTURES
    assert not any("is few" in w for w in result.warnings)


def test_flat_pictures_of_different_colours_are_not_duplicates(tmp_path):
    for name, colour in (("red", (220, 0, 0)), ("blue", (0, 0, 220)), ("red2", (221, 0, 0))):
        Image.new("RGB", (64, 64), colour).save(tmp_path / f"{name}.png")
    result = audit_files([tmp_path])
    assert [item.path.name for item in result.usable] == ["blue.png", "red.png"]
    assert [(a.name, b.name) for a, b in result.duplicates] == [("red2.png", "red.png")]


def test_the_original_is_kept_over_its_copy_whatever_the_listing_order(tmp_path):
    picture = Image.new("RGB", (64, 64), (30, 120, 200))
    picture.paste((250, 200, 0), (10, 10, 40, 40))
    for name in ("flower.png", "flower (copy).png", "flower (copy 2).png"):  # the copies list first
        picture.save(tmp_path / name)
    result = audit_files([tmp_path])
    assert [item.path.name for item in result.usable] == ["flower.png"]
    assert sorted((a.name, b.name) for a, b in result.duplicates) == [("flower (copy 2).png", "flower.png"),
                                                                       ("flower (copy).png", "flower.png")]


def test_audit_cancels(tmp_path):
    make_picture_folder(tmp_path)
    ctx = RecordingContext(cancel_after=2)
    with pytest.raises(Cancelled):
        audit_files([tmp_path], ctx)


def test_prepare_picture_crops_and_fits(tmp_path):
    wide = np.zeros((40, 120, 3), np.uint8)
    wide[:, :40] = (255, 0, 0)
    wide[:, 40:80] = (0, 255, 0)
    wide[:, 80:] = (0, 0, 255)
    Image.fromarray(wide).save(tmp_path / "wide.png")
    centre = prepare_picture(tmp_path / "wide.png", "centre", 32)
    assert centre.shape == (32, 32, 3) and centre.dtype == np.uint8
    assert (np.abs(centre.astype(int) - (0, 255, 0)).max(axis=2) < 40).mean() > 0.9
    fit = prepare_picture(tmp_path / "wide.png", "fit", 30)
    assert fit.shape == (30, 30, 3)
    assert (fit[0] == 255).all() and (fit[-1] == 255).all()  # white padding above and below
    assert fit[15, 2, 0] > 200 and fit[15, 27, 2] > 200  # the whole width is kept: red left, blue right
    with pytest.raises(ArtdeskError, match="crop mode"):
        prepare_picture(tmp_path / "wide.png", "stretch", 32)


def test_prepare_picture_turns_upright_and_puts_transparency_on_white(tmp_path):
    pixels = np.zeros((20, 40, 4), np.uint8)
    pixels[:, :20] = (0, 0, 0, 255)  # left half black, right half transparent
    image = Image.fromarray(pixels, "RGBA")
    exif = image.getexif()
    exif[0x0112] = 6  # rotated 90 degrees clockwise when shown
    image.save(tmp_path / "turned.png", exif=exif)
    out = prepare_picture(tmp_path / "turned.png", "fit", 40)
    assert out[5, 20].tolist() == [0, 0, 0] and out[35, 20].tolist() == [255, 255, 255]


def test_preview_is_prepare_picture_and_names_problems(tmp_path):
    folder = make_picture_folder(tmp_path)
    items = ((str(folder / "wide.jpg"), "fit"), (str(folder / "good1.png"), "centre"), (str(folder / "gone.png"), "fit"))
    ctx = RecordingContext()
    out = preview_pictures(PreviewRequest(items, 32), ctx)
    assert np.array_equal(out[0][1], prepare_picture(folder / "wide.jpg", "fit", 32))
    assert np.array_equal(out[1][1], prepare_picture(folder / "good1.png", "centre", 32))
    assert out[2][1] is None and "not found" in out[2][2]
    assert [entry[0] for entry in ctx.partials] == [item[0] for item in items]


def test_pictures_beyond_the_limit_are_named_and_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(audit, "MAX_PICTURES", 3)
    for index, pixels in enumerate(synthetic_pictures(5, seed=8)):
        Image.fromarray(pixels).save(tmp_path / f"p{index}.png")
    result = audit_files([tmp_path])
    assert [item.path.name for item in result.usable] == ["p0.png", "p1.png", "p2.png"]
    assert [skip.path.name for skip in result.skipped] == ["p3.png", "p4.png"]
    assert "beyond the first 3 pictures" in result.skipped[0].reason


def test_a_copy_in_a_sub_folder_is_named_by_its_relative_path(tmp_path):
    from artdesk.ml.canvas.finetune.audit import distinct_names

    assert distinct_names(tmp_path / "p02.png", tmp_path / "old" / "p02.png") == ("p02.png", "old/p02.png")
    assert distinct_names(tmp_path / "a" / "x.png", tmp_path / "b" / "y.png") == ("x.png", "y.png")
    folder = tmp_path / "pictures"
    (folder / "old").mkdir(parents=True)
    picture = synthetic_pictures(1, seed=3, size=96)[0]
    Image.fromarray(picture).save(folder / "p02.png")
    Image.fromarray(picture).save(folder / "old" / "p02.png")
    dropped, kept = audit_files([folder]).duplicates[0]
    assert set(distinct_names(dropped, kept)) == {"p02.png", "old/p02.png"}


def _save_all(folder: Path, pictures, suffix: str = ".png", mode: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index, pixels in enumerate(pictures):
        Image.fromarray(pixels, mode).save(folder / f"p{index:03d}{suffix}")


def _two(folder: Path) -> None:
    _save_all(folder, synthetic_pictures(2, seed=21, size=96))


def _tiny(folder: Path) -> None:
    _save_all(folder, synthetic_pictures(300, seed=22, size=24))


def _mixed_sizes(folder: Path) -> None:
    _save_all(folder, synthetic_pictures(4, seed=23, size=96))
    for index, (w, h) in enumerate([(300, 120), (90, 260), (1000, 1000)]):
        Image.fromarray(synthetic_pictures(1, seed=30 + index, size=max(w, h))[0]).resize((w, h)).save(
            folder / f"odd{index}.png")


def _transparent(folder: Path) -> None:
    cut_out = np.zeros((5, 96, 96, 4), np.uint8)  # a subject on a see-through ground, as exported cut-outs are
    cut_out[..., :3] = synthetic_pictures(5, seed=24, size=96)
    cut_out[:, 20:76, 20:76, 3] = 255
    _save_all(folder, cut_out, mode="RGBA")


def _sub_folder_copy(folder: Path) -> None:
    _save_all(folder, synthetic_pictures(4, seed=25, size=96))
    (folder / "backup").mkdir()
    Image.open(folder / "p001.png").save(folder / "backup" / "p001.png")


@pytest.mark.parametrize("make, can_train, expected", [
    (_two, False, "Only 2 usable pictures: a fine-tune needs at least 3"),
    (_tiny, True, "300 pictures are smaller than 64 px and will look soft when enlarged."),
    (_mixed_sizes, True, "The pictures have mixed shapes (from 1:2.9 to 2.5:1)"),
    (_transparent, True, "5 pictures have transparent parts: the model learns them on a white ground"),
    (_sub_folder_copy, True, "1 duplicate left out (training on copies makes the model copy them)."),
])
def test_the_issues_bad_folders_get_a_clear_message(tmp_path, make, can_train, expected):
    make(tmp_path)
    result = audit_files([tmp_path])
    assert result.can_train == can_train
    assert any(expected in warning for warning in result.warnings), result.warnings


def test_mixed_sizes_all_train_at_one_size(tmp_path):
    _mixed_sizes(tmp_path)
    sizes = {prepare_picture(item.path, crop, 64).shape for item in audit_files([tmp_path]).usable
             for crop in ("centre", "fit")}
    assert sizes == {(64, 64, 3)}
