"""Poem originality: the copy index plus a held-out calibration; planted cases on a synthetic corpus."""
import json

import numpy as np
import pytest

from artdesk.core.originality import OriginalityError
from artdesk.ml.poem.data import ZH_TAGS, encode_records
from artdesk.ml.poem.copyindex import calibrate, check_poem_text, load_index
from artdesk.ml.poem.train import build_copy_index
from artdesk.ml.poem.vocab import Vocab

CHARS = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]


def poems(rng, count):
    out = []
    for _ in range(count):
        lines = ["".join(rng.choice(CHARS, 5)) for _ in range(4)]
        out.append(f"{lines[0]}，{lines[1]}。{lines[2]}，{lines[3]}。")
    return out


@pytest.fixture(scope="module")
def model_folder(tmp_path_factory):
    rng = np.random.default_rng(0)
    train, heldout = poems(rng, 200), poems(rng, 40)
    vocab = Vocab.build(ZH_TAGS, CHARS + ["，", "。"])
    records = lambda bodies: [{"form": "<5j>", "keywords": b[:2], "body": b} for b in bodies]  # noqa: E731
    folder = tmp_path_factory.mktemp("poem") / "tiny-zh"
    folder.mkdir()
    (folder / "vocab.json").write_bytes(vocab.to_json())
    stream = encode_records(records(train), vocab).astype(np.int64)
    (folder / "copy_index.npz").write_bytes(build_copy_index(stream, vocab, "zh").to_bytes())
    calibrate(folder, "zh", encode_records(records(heldout), vocab).astype(np.int64))
    return folder, train


def test_a_training_poem_is_a_close_copy(model_folder):
    folder, train = model_folder
    index = load_index(folder)
    answer = check_poem_text(index, train[3].replace("，", "，\n").replace("。", "。\n"))
    assert answer.label == "close copy" and answer.coverage == pytest.approx(1.0)
    assert train[3][:5] in answer.passage


def test_fresh_poems_are_not_close_copies(model_folder):
    folder, train = model_folder
    index = load_index(folder)
    for poem in poems(np.random.default_rng(77), 5):
        assert check_poem_text(index, poem).label != "close copy"
    borrowed = poems(np.random.default_rng(78), 1)[0][:12] + train[0][12:18] + "。"
    assert check_poem_text(index, borrowed).value >= 5  # one borrowed line is found


def test_stale_or_missing_calibration_is_reported(model_folder, tmp_path):
    folder, _ = model_folder
    with pytest.raises(OriginalityError, match="no originality index"):
        load_index(tmp_path)
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("vocab.json", "copy_index.npz", "originality.json"):
        (copy / name).write_bytes((folder / name).read_bytes())
    record = json.loads((copy / "originality.json").read_text())
    record["copy_index_sha256"] = "0" * 64
    (copy / "originality.json").write_text(json.dumps(record))
    with pytest.raises(OriginalityError, match="another copy index"):
        load_index(copy)
    with pytest.raises(OriginalityError, match="no lines"):
        check_poem_text(load_index(folder), "   ")


def test_board_job_counts_rule_violations_of_the_recorded_form(model_folder, tmp_path):
    from artdesk.core.jobs import RecordingContext
    from artdesk.ml.originality import BoardRequest, Work, board_job
    from artdesk.ml.poem.export import poem_file_text

    folder, train = model_folder
    good = tmp_path / "copy.txt"
    good.write_text(poem_file_text(train[0], {"model": "tiny-zh"}), encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text(poem_file_text("白日依山尽，黄河入海流。", {"model": "tiny-zh"}), encoding="utf-8")
    works = (Work("a", "poem", "copy", str(good), str(folder), settings=(("form", "wujue"),)),
             Work("b", "poem", "short", str(short), str(folder), settings=(("form", "wujue"),)),
             Work("c", "poem", "free", str(short), str(folder)))
    rows = {r.item_id: r for r in board_job(BoardRequest(works), RecordingContext()).rows}
    assert rows["a"].label == "close copy"
    assert rows["b"].technique >= 1  # two lines where a 五言绝句 has four
    assert rows["c"].technique == 0  # no form recorded: nothing to break
    assert rows["b"].diversity == rows["c"].diversity == 0.0  # the same text twice
