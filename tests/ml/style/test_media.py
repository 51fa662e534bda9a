"""Painting media: properties a person would notice, bad input, progress and cancel (no torch, no Qt)."""
import numpy as np
import pytest
from PIL import Image

from artdesk.core.jobs import Cancelled, RecordingContext
from artdesk.ml.style.commands import demo_picture
from artdesk.ml.style.imaging import StyleInputError, edge_agreement, read_picture
from artdesk.ml.style.media.catalogue import MEDIA, MediumSettings
from artdesk.ml.style.media.filters import luminance, structure_tensor
from artdesk.ml.style.media.render import paint, render_job
from artdesk.ml.style.requests import MediumRequest

SIZE = 192
YY, XX = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32)
RADIUS = np.hypot(XX - SIZE / 2, YY - SIZE / 2)


def _quiet(_fraction, _message):
    pass


def _paint(picture: np.ndarray, name: str, **settings) -> np.ndarray:
    return paint(picture.astype(np.float32), name, MediumSettings(**settings), _quiet)


def test_pencil_is_neutral_grey_with_stroke_texture():
    colourful = demo_picture(SIZE).astype(np.float32) / 255
    drawing = _paint(colourful, "pencil")
    assert float((drawing.max(axis=2) - drawing.min(axis=2)).max()) < 1e-6  # no colour cast at all
    flat = _paint(np.full((SIZE, SIZE, 3), 0.5, np.float32), "pencil")[..., 0]
    assert flat.std() > 0.08  # a flat mid grey is drawn as hatching, not as a flat tone
    streaks = np.abs(np.diff(flat, axis=0)).mean() + np.abs(np.diff(flat, axis=1)).mean()
    assert streaks > 0.05


def test_coloured_pencil_keeps_colour_and_white_paper():
    picture = demo_picture(SIZE).astype(np.float32) / 255
    drawing = _paint(picture, "coloured-pencil")
    assert float((drawing.max(axis=2) - drawing.min(axis=2)).mean()) > 0.08
    white = _paint(np.ones((SIZE, SIZE, 3), np.float32), "coloured-pencil")
    assert luminance(white).mean() > 0.9


def test_watercolour_leaves_paper_white_and_darkens_wash_edges():
    picture = np.ones((SIZE, SIZE, 3), np.float32)
    picture[RADIUS < 55] = (0.2, 0.4, 0.8)
    lum = luminance(_paint(picture, "watercolour"))
    assert lum[RADIUS > 85].mean() > 0.93  # the white background stays bare paper
    interior = lum[RADIUS < 35].mean()
    edge = min(lum[(RADIUS >= a) & (RADIUS < a + 3)].mean() for a in range(40, 56))
    assert edge < interior - 0.02  # pigment gathers where the wash dried


def test_oil_strokes_follow_the_picture_structure():
    rings = np.repeat((0.5 + 0.04 * np.sin(RADIUS / 5))[..., None], 3, axis=2)  # faint: the strokes make the texture
    painted = _paint(rings, "oil")
    angle_in, coherence = structure_tensor(luminance(rings), 4)
    angle_out, _ = structure_tensor(luminance(painted), 4)
    weight = coherence * ((RADIUS > 20) & (RADIUS < SIZE / 2 - 10))
    agreement = float((np.cos(2 * (angle_in - angle_out)) * weight).sum() / weight.sum())
    stripes = np.repeat((0.5 + 0.04 * np.sin(XX / 5))[..., None], 3, axis=2)
    angle_other, _ = structure_tensor(luminance(stripes), 4)
    unrelated = float((np.cos(2 * (angle_other - angle_out)) * weight).sum() / weight.sum())
    assert agreement > 0.5 and abs(unrelated) < 0.2


@pytest.mark.parametrize("name", list(MEDIA))
def test_every_medium_keeps_the_main_shapes(name):
    picture = demo_picture(SIZE)
    painted = (np.clip(_paint(picture / 255.0, name), 0, 1) * 255).astype(np.uint8)
    assert painted.shape == picture.shape
    assert edge_agreement(painted, picture) > 0.5
    assert edge_agreement(painted, picture[::-1]) < 0.2


def test_render_job_reports_progress_and_honours_cancel():
    picture = demo_picture(128)
    ctx = RecordingContext()
    result = render_job(MediumRequest("oil", picture), ctx)
    assert result.picture.shape == picture.shape and result.provenance["style"] == "oil"
    assert len(ctx.progress) >= 5 and ctx.progress[-1].fraction == 1.0
    with pytest.raises(Cancelled):
        render_job(MediumRequest("watercolour", picture), RecordingContext(cancel_after=2))


def test_preview_size_and_strength_and_selection():
    picture = demo_picture(256)
    preview = render_job(MediumRequest("pencil", picture, max_side=100), RecordingContext()).picture
    assert max(preview.shape[:2]) == 100
    assert np.array_equal(render_job(MediumRequest("ink-wash", picture, strength=0.0), RecordingContext()).picture, picture)
    mask = np.zeros(picture.shape[:2], bool)
    mask[:, :128] = True
    half = render_job(MediumRequest("oil", picture, mask=mask), RecordingContext()).picture
    assert np.array_equal(half[:, 128:], picture[:, 128:]) and not np.array_equal(half[:, :128], picture[:, :128])


@pytest.mark.parametrize("shape, words", [((1, 1, 4), "too small"), ((10, 20000, 4), "too large")])
def test_bad_sizes_get_a_message(shape, words):
    with pytest.raises(StyleInputError, match=words):
        render_job(MediumRequest("oil", np.full(shape, 200, np.uint8)), RecordingContext())


def test_fully_transparent_gets_a_message_and_an_alpha_hole_stays_transparent():
    empty = np.zeros((64, 64, 4), np.uint8)
    with pytest.raises(StyleInputError, match="transparent"):
        render_job(MediumRequest("watercolour", empty), RecordingContext())
    picture = np.concatenate([demo_picture(128), np.full((128, 128, 1), 255, np.uint8)], axis=2)
    picture[40:90, 40:90] = 0  # a hole: transparent black
    for name in MEDIA:
        result = render_job(MediumRequest(name, picture), RecordingContext()).picture
        assert result.shape == picture.shape and not result[40:90, 40:90, 3].any() and result[..., 3].sum() == picture[..., 3].sum()
        rim = result[36:40, 40:90, :3].astype(np.float32).mean()
        assert rim > 60  # the hole's black does not bleed into the painting around it


def test_sixteen_bit_grey_reads_as_its_tones(tmp_path):
    ramp = (np.linspace(0, 65535, 64)[None, :].repeat(32, axis=0)).astype(np.uint16)
    path = tmp_path / "grey16.png"
    Image.fromarray(ramp).save(path)
    picture = read_picture(path)
    assert picture.shape == (32, 64, 4) and picture[0, 0, 0] < 5 and picture[0, -1, 0] > 250 and 100 < picture[0, 32, 0] < 155
    assert render_job(MediumRequest("pencil", picture), RecordingContext()).picture.shape == picture.shape


def test_unknown_medium_names_the_known_ones():
    from artdesk.core.errors import ArtdeskError

    with pytest.raises(ArtdeskError, match="ink-wash"):
        render_job(MediumRequest("crayon", demo_picture(64)), RecordingContext())
