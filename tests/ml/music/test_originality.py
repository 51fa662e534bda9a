"""Melody originality: planted cases against a small index of synthetic melodies, and the board job on MIDI files."""
import json

import numpy as np
import pytest

from artdesk.core.jobs import RecordingContext
from artdesk.core.midi_io import write_midi
from artdesk.ml.music import events as ev
from artdesk.ml.music.data import MelodyDataset
from artdesk.ml.music.originality import MelodyIndex, build_index, check_melody, load_index


def random_melody(rng, bars=16, spb=16) -> np.ndarray:
    events = np.zeros(bars * spb, np.uint8)
    t = 0
    pitch = 60
    while t < len(events):
        pitch = int(np.clip(pitch + rng.integers(-5, 6), 50, 80))
        events[t] = ev.note_on(pitch)
        t += int(rng.choice([2, 4, 4, 6, 8]))
    return events


def dataset(count=140, heldout_every=4, seed=0) -> MelodyDataset:
    rng = np.random.default_rng(seed)
    parts = [random_melody(rng) for _ in range(count)]
    offsets = np.concatenate([[0], np.cumsum([len(p) for p in parts])]).astype(np.int64)
    split = (np.arange(count) % heldout_every == 0).astype(np.int64)
    zeros = np.zeros(count, np.int64)
    return MelodyDataset(np.concatenate(parts), offsets, zeros, zeros, zeros, np.full(count, 16), zeros, split,
                         ("folk",))


@pytest.fixture(scope="module")
def data_and_index():
    data = dataset()
    return data, build_index(data)


def test_a_training_melody_is_a_close_copy_even_transposed(data_and_index):
    data, index = data_and_index
    train = data.events(1)  # split 0
    answer = check_melody(index, train)
    assert answer.label == "close copy" and answer.coverage == 1.0
    assert answer.neighbours[0].caption.startswith("training melody #0 ")
    up = np.where(train >= 2, train + 3, train).astype(np.uint8)
    assert check_melody(index, up).label == "close copy"
    half = check_melody(index, train[: len(train) // 2])
    assert half.label == "close copy" and half.passage


def test_fresh_melodies_are_not_close_copies(data_and_index):
    data, index = data_and_index
    rng = np.random.default_rng(1234)
    for _ in range(5):
        answer = check_melody(index, random_melody(rng))
        assert answer.label != "close copy" and answer.value < 16
    assert check_melody(index, data.events(0)).label != "close copy"  # a held-out melody


def test_index_round_trip_and_damage(data_and_index, tmp_path):
    data, index = data_and_index
    (tmp_path / "originality.npz").write_bytes(index.to_bytes())
    again = load_index(tmp_path)
    assert check_melody(again, data.events(2)).label == "close copy"
    assert sorted(again.calibrations) == [4, 8, 16, 32]
    assert again.calibration(5) is again.calibrations[8] and again.calibration(99) is again.calibrations[32]
    assert index.calibrations[4].thresholds()["familiar"] <= index.calibrations[16].thresholds()["familiar"]
    with pytest.raises(Exception, match="damaged"):
        MelodyIndex.from_bytes(b"junk")


def test_board_job_on_midi_files(data_and_index, tmp_path):
    from artdesk.ml.originality import BoardRequest, Work, board_job

    data, index = data_and_index
    model = tmp_path / "model"
    model.mkdir()
    (model / "originality.npz").write_bytes(index.to_bytes())
    paths = []
    for name, events in (("copy", data.events(1)), ("fresh", random_melody(np.random.default_rng(7)))):
        paths.append(write_midi(ev.events_to_melody(events), tmp_path / f"{name}.mid"))
    works = (Work("a", "music", "copy", str(paths[0]), str(model)), Work("b", "music", "fresh", str(paths[1]), str(model)),
             Work("c", "music", "orphan", str(paths[1]), ""))
    ctx = RecordingContext()
    result = board_job(BoardRequest(works), ctx)
    rows = {r.item_id: r for r in result.rows}
    assert rows["a"].label == "close copy" and rows["b"].label != "close copy"
    assert rows["a"].novelty < rows["b"].novelty
    assert 0.0 <= rows["a"].technique <= 1.0 and rows["a"].diversity is not None
    assert "not installed" in rows["c"].problem and rows["c"].novelty is None
    assert ctx.progress[-1].fraction == 1.0


def test_board_job_cancels_between_works_and_refuses_a_changed_index(data_and_index, tmp_path):
    from artdesk.core.jobs import Cancelled
    from artdesk.ml.originality import BoardRequest, Work, board_job, record_asset

    data, index = data_and_index
    model = tmp_path / "model"
    model.mkdir()
    (model / "card.json").write_text(json.dumps({"name": "m"}))
    record_asset(model, "originality.npz", index.to_bytes(), {"file": "originality.npz"})
    card = json.loads((model / "card.json").read_text())
    assert card["assets"]["originality.npz"]["bytes"] == len(index.to_bytes())
    path = write_midi(ev.events_to_melody(data.events(1)), tmp_path / "m.mid")
    works = tuple(Work(str(i), "music", "m", str(path), str(model)) for i in range(3))
    with pytest.raises(Cancelled):
        board_job(BoardRequest(works), RecordingContext(cancel_after=1))
    assert board_job(BoardRequest(works[:1]), RecordingContext()).rows[0].label == "close copy"
    (model / "originality.npz").write_bytes(index.to_bytes() + b"changed")
    row = board_job(BoardRequest(works[:1]), RecordingContext()).rows[0]
    assert "does not match its card" in row.problem
