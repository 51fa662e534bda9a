"""Provenance round trips, one per file type: the app keeps an output, an independent reader (Pillow's text
chunks, mido's meta messages, plain text) finds the record, opening the file restores the settings, and
generating again gives the same bytes (pixels, note events, poem text)."""
import json

import numpy as np
import pytest
from PIL import Image

from artdesk.core.image_io import save_png
from artdesk.core.paths import app_paths
from artdesk.core.provenance import IPTC_TRAINED_ALGORITHMIC_MEDIA, missing_fields
from artdesk.ui.context import AppContext
from artdesk.ui.jobs import Runner
from tests.ml.poem.fixtures import tiny_poem_models  # noqa: F401
from tests.ui.music.fixtures import music_context, tiny_music_models  # noqa: F401

RECORD_FIELDS = ("artdesk_version", "model", "weights_sha256", "parent", "seed", "settings", "created")


@pytest.fixture
def canvas(qtbot, isolated_home):
    import torch

    from artdesk.ui.panels.canvas import CanvasPanel
    from tests.ml.canvas.helpers import tiny_checkpoints

    torch.set_num_threads(1)
    paths = app_paths()
    models = tiny_checkpoints(paths.user_models)
    runner = Runner()
    panel = CanvasPanel(AppContext(paths, {}, runner, None))
    qtbot.addWidget(panel)
    dock = panel.model_dock
    dock.model_combo.setCurrentIndex(dock.model_combo.findData(str(models["gan"])))
    panel.models = models
    yield panel
    panel.close_panel()
    assert runner.shutdown(10000)


def _generate(qtbot, dock, button):
    with qtbot.waitSignal(dock.kept, timeout=60000) as kept:
        button.click()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=60000)
    assert kept.args[0] == kept.args[1] == len(dock.pictures)


def test_png_round_trip_regenerates_the_same_pixels(qtbot, canvas):
    dock = canvas.model_dock
    dock.seed_spin.setValue(1234)
    dock.count_spin.setValue(5)
    dock.surprise_slider.setValue(0.7)
    _generate(qtbot, dock, dock.generate_button)
    gallery = canvas.context.gallery()
    items = sorted(gallery.query(panel="canvas"), key=lambda item: item.provenance["index"])
    assert len(items) == 5
    path = gallery.path(items[3])
    with Image.open(path) as image:  # the independent reader: Pillow's text chunks
        record = json.loads(image.text["artdesk"])
        pixels = np.asarray(image.convert("RGB"))
    assert all(record.get(key) is not None for key in RECORD_FIELDS if key != "parent")
    assert record["digital_source_type"] == IPTC_TRAINED_ALGORITHMIC_MEDIA and record["index"] == 3
    assert record["settings"] == {"style": "clipart", "seed": 1234, "count": 5, "truncation": 0.7}
    assert np.array_equal(pixels, dock.pictures[3][0])

    dock.seed_spin.setValue(1)  # the user moves on ...
    dock.count_spin.setValue(9)
    assert canvas.open_path(path)  # ... and opens the kept picture: its settings come back
    assert (dock.seed_spin.value(), dock.count_spin.value(), dock.surprise_slider.value()) == (1234, 5, 0.7)
    assert dock.again_button.isEnabled() and "Generate again" in canvas.message_label.text()
    with qtbot.waitSignal(dock.regenerated, timeout=60000) as again:
        dock.again_button.click()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=60000)
    assert np.array_equal(again.args[0], pixels)
    assert gallery.count(panel="canvas") == 5  # made again, not kept twice


def test_a_dropped_kept_picture_becomes_a_layer_and_restores_the_settings(qtbot, canvas):
    dock = canvas.model_dock
    dock.seed_spin.setValue(808)
    dock.count_spin.setValue(2)
    _generate(qtbot, dock, dock.generate_button)
    item = canvas.context.gallery().query(panel="canvas")[0]
    dock.seed_spin.setValue(0)
    layers = len(canvas.editor.document.layers)
    canvas.drop_paths([canvas.context.gallery().path(item)])
    assert len(canvas.editor.document.layers) == layers + 1
    assert dock.seed_spin.value() == 808 and dock.again_button.isEnabled()


def test_vary_walk_and_breed_results_are_kept_and_made_again(qtbot, canvas):
    from PySide6.QtCore import QItemSelectionModel

    dock = canvas.model_dock
    dock.count_spin.setValue(3)
    _generate(qtbot, dock, dock.generate_button)
    dock.grid.selectionModel().select(dock.grid.model().index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    dock.grid.selectionModel().select(dock.grid.model().index(2, 0), QItemSelectionModel.SelectionFlag.Select)
    dock.gif_check.setChecked(False)
    dock.frames_spin.setValue(3)
    _generate(qtbot, dock, dock.breed_button)
    gallery = canvas.context.gallery()
    bred = [item for item in gallery.query(panel="canvas") if item.provenance["job"] == "breed"]
    assert len(bred) == 3 and len(bred[0].provenance["settings"]["parents"]) == 2
    item = next(i for i in bred if i.provenance["index"] == 1)
    with Image.open(gallery.path(item)) as image:
        pixels = np.asarray(image.convert("RGB"))
    dock.grid.clearSelection()
    assert canvas.open_path(gallery.path(item))
    with qtbot.waitSignal(dock.regenerated, timeout=60000) as again:
        dock.generate_again()
    qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=60000)
    assert np.array_equal(again.args[0], pixels)


def test_a_missing_model_and_foreign_or_forged_files_say_what_is_missing(qtbot, canvas, tmp_path):
    dock = canvas.model_dock
    record = {"app": "artdesk", "model": "long-gone-gan", "weights_sha256": "f" * 64, "seed": 3, "job": "generate",
              "index": 0, "settings": {"style": "emoji", "seed": 3, "count": 4, "truncation": 1.0}}
    save_png(tmp_path / "old.png", np.zeros((64, 64, 3), np.uint8), record)
    assert canvas.open_path(tmp_path / "old.png")
    assert "long-gone-gan" in canvas.message_label.text() and "not installed" in canvas.message_label.text()
    assert not dock.again_button.isEnabled() and dock.seed_spin.value() == 3

    Image.new("RGB", (20, 20), (9, 9, 9)).save(tmp_path / "photo.png")
    assert canvas.open_path(tmp_path / "photo.png")
    assert "no artdesk provenance" in canvas.message_label.text()

    forged = {"app": "artdesk", "model": "tiny-gan", "job": "generate", "seed": "x", "settings": "forged"}
    save_png(tmp_path / "forged.png", np.zeros((64, 64, 3), np.uint8), forged)
    assert canvas.open_path(tmp_path / "forged.png")
    text = canvas.message_label.text()
    assert "forged or damaged field 'seed'" in text and "ignored" in text and not dock.again_button.isEnabled()
    assert "  " not in text

    infinite = dict(record, model="tiny-gan", settings={"count": float("inf"), "truncation": float("nan")})
    save_png(tmp_path / "infinite.png", np.zeros((64, 64, 3), np.uint8), infinite)
    assert canvas.open_path(tmp_path / "infinite.png")  # NaN and Infinity are refused with the whole record
    assert "not a real setting" in canvas.message_label.text() and not dock.again_button.isEnabled()

    huge = dict(record, model="tiny-gan", settings={"seed": 2 ** 40, "count": 10 ** 12, "component": -10 ** 9})
    save_png(tmp_path / "huge.png", np.zeros((64, 64, 3), np.uint8), huge)
    assert canvas.open_path(tmp_path / "huge.png")  # out-of-range values are clamped, never an overflow
    assert dock.seed_spin.value() == dock.seed_spin.maximum() and dock.count_spin.value() == dock.count_spin.maximum()

    damaged = dict(record, model="tiny-gan", weights_sha256="", settings={"count": "many"})
    save_png(tmp_path / "damaged.png", np.zeros((64, 64, 3), np.uint8), damaged)
    assert canvas.open_path(tmp_path / "damaged.png")
    assert not dock.generate_again() and "damaged" in dock.status_label.text()


def test_a_full_gallery_stops_keeping_and_says_so(qtbot, isolated_home):
    import torch

    from artdesk.ui.canvas.model_dock import CanvasModelDock
    from tests.ml.canvas.helpers import tiny_checkpoints

    torch.set_num_threads(1)
    paths = app_paths()
    models = tiny_checkpoints(paths.user_models)
    runner = Runner()
    context = AppContext(paths, {"gallery": {"disk_budget_mb": 0}}, runner, None)
    messages = []
    context.status_message.connect(messages.append)

    class Canvas:
        def document_image(self):
            return np.zeros((64, 64, 4), np.uint8)

        def add_layer_from_array(self, *_args):
            pass

    dock = CanvasModelDock(context, Canvas())
    qtbot.addWidget(dock)
    try:
        dock.model_combo.setCurrentIndex(dock.model_combo.findData(str(models["gan"])))
        dock.count_spin.setValue(3)
        with qtbot.waitSignal(dock.kept, timeout=60000) as kept:
            dock.generate()
        qtbot.waitUntil(lambda: dock.handle.is_finished, timeout=60000)
        assert kept.args == [0, 3] and len(dock.pictures) == 3 and context.gallery().count() == 0
        assert sum("disk budget" in m for m in messages) == 1  # said once, then keeping stopped
        assert "not all kept" in dock.status_label.text()
    finally:
        assert runner.shutdown(10000)


POEM_HEADER = "# artdesk-poem: "


@pytest.fixture
def poem(qtbot, isolated_home, tiny_poem_models):
    import shutil

    from artdesk.ui.panels.poem import PoemPanel

    paths = app_paths()
    for folder in tiny_poem_models.values():
        shutil.copytree(folder, paths.user_models / "poem" / folder.name)
    runner = Runner()
    panel = PoemPanel(AppContext(paths, {}, runner, None))
    qtbot.addWidget(panel)
    panel.select_model("tiny-zh")
    yield panel
    assert runner.shutdown(10_000)


def _read_poem_file(path):
    """The independent reader: plain text, a JSON header line, a blank line, the poem."""
    head, blank, *body = path.read_text(encoding="utf-8").split("\n")
    assert head.startswith(POEM_HEADER) and blank == ""
    return json.loads(head[len(POEM_HEADER):]), "\n".join(body).rstrip("\n")


def test_poem_round_trip_writes_the_same_text_again(qtbot, poem):
    poem.select_form("wujue")
    poem.controls.theme_edit.setText("秋月")
    poem.controls.seed_spin.setValue(77)
    poem.controls.temperature_spin.setValue(1.1)
    poem.controls.candidates_spin.setValue(3)
    with qtbot.waitSignal(poem.kept, timeout=120_000) as kept:
        poem.controls.generate_button.click()
    assert kept.args == [3, 3]
    qtbot.waitUntil(lambda: poem.handles["generate"].is_finished, timeout=120_000)
    gallery = poem.context.gallery()
    item = next(i for i in gallery.query(panel="poem") if i.provenance["candidate"] == 2)
    record, text = _read_poem_file(gallery.path(item))
    assert text == poem.session.result.candidates[2].text and record["model"] == "tiny-zh" and record["weights_sha256"]
    assert record["settings"]["seed"] == 77 and record["settings"]["keywords"] == "秋月"
    assert record["settings"]["temperature"] == 1.1 and record["created"] and record["artdesk_version"]

    poem.controls.seed_spin.setValue(1)
    poem.controls.theme_edit.setText("")
    poem.select_form("qijue")
    assert poem.open_file(gallery.path(item))
    c = poem.controls
    assert (c.seed_spin.value(), c.theme_edit.text(), c.form_combo.currentData()) == (77, "秋月", "wujue")
    assert c.temperature_spin.value() == 1.1 and poem.editor.text() == text and c.again_button.isEnabled()
    poem.editor.set_text("")
    with qtbot.waitSignal(poem.regenerated, timeout=120_000) as again:
        poem.controls.again_button.click()
    assert again.args == [text] and poem.editor.text() == text
    assert "check" not in poem.handles  # each candidate came back checked: no second job
    assert gallery.count(panel="poem") == 3  # written again, not kept twice


def test_poem_files_without_or_with_forged_provenance_or_a_missing_model(qtbot, poem, tmp_path):
    plain = tmp_path / "mine.txt"
    plain.write_text("床前明月光\n", encoding="utf-8")
    assert poem.open_file(plain) and "no artdesk provenance" in poem.message.text()
    assert poem.editor.text() == "床前明月光" and not poem.controls.again_button.isEnabled()

    forged = tmp_path / "forged.txt"
    forged.write_text(POEM_HEADER + json.dumps({"app": "artdesk", "model": "tiny-zh", "seed": 1,
                                                "settings": {"temperature": "hot"}}) + "\n\n诗\n", encoding="utf-8")
    assert poem.open_file(forged) and "weights hash" in poem.message.text() and not poem.controls.again_button.isEnabled()
    huge = tmp_path / "huge.txt"
    huge.write_text(POEM_HEADER + json.dumps({"app": "artdesk", "model": "tiny-zh", "seed": 2 ** 40,
                                              "settings": {"seed": 2 ** 40, "top_k": 10 ** 9}}) + "\n\n诗\n", encoding="utf-8")
    assert poem.open_file(huge) and poem.controls.seed_spin.value() == poem.controls.seed_spin.maximum()

    gone = tmp_path / "gone.txt"
    gone.write_text(POEM_HEADER + json.dumps({"app": "artdesk", "model": "poem-xx-lstm", "weights_sha256": "e" * 64,
                                              "seed": 5, "settings": {"seed": 5, "form": "wujue"}}) + "\n\n诗\n",
                    encoding="utf-8")
    assert poem.open_file(gone)
    assert "poem-xx-lstm" in poem.message.text() and "not installed" in poem.message.text()
    assert poem.controls.seed_spin.value() == 5 and not poem.controls.again_button.isEnabled()
    record, text = _read_poem_file(poem.export_to(tmp_path / "saved.txt"))  # saving it again loses nothing
    assert record["model"] == "poem-xx-lstm" and record["weights_sha256"] == "e" * 64 and text == "诗"
    assert record["edited"] is False


def _note_events(data: bytes) -> list[tuple]:
    """Note on/off events with absolute ticks, read with mido (independent of artdesk's reader)."""
    import io

    import mido

    events, now = [], 0
    for message in mido.merge_tracks(mido.MidiFile(file=io.BytesIO(data)).tracks):
        now += message.time
        if message.type in ("note_on", "note_off"):
            on = message.type == "note_on" and message.velocity > 0
            events.append((now, on, message.note, message.velocity if on else 0))
    return events


@pytest.fixture
def music(qtbot, music_context):
    from artdesk.ui.panels.music import MusicPanel

    panel = MusicPanel(music_context)
    qtbot.addWidget(panel)
    panel.controls.bars_spin.setValue(2)
    yield panel
    panel.close_panel()
    panel.playback.shutdown()


def _midi_record(data: bytes) -> dict:
    """The record in a MIDI file's artdesk text meta event, read with mido."""
    import io

    import mido

    texts = [m.text for track in mido.MidiFile(file=io.BytesIO(data)).tracks for m in track
             if m.is_meta and m.type == "text" and m.text.startswith("artdesk:")]
    return json.loads(texts[0][len("artdesk:"):])


def _run_and_keep(qtbot, panel, action, count):
    with qtbot.waitSignal(panel.kept, timeout=120_000) as kept:
        with qtbot.waitSignal(panel.job_finished, timeout=120_000):
            action()
    assert kept.args == [count, count], panel.message.text()


def _make_again(qtbot, panel, path):
    """Open the kept file at ``path`` and press "Generate again"; the MIDI bytes of the melody made again."""
    from artdesk.core.midi_io import melody_to_bytes

    with qtbot.waitSignal(panel.job_finished, timeout=120_000,  # the import's end, not an earlier job's
                          check_params_cb=lambda title, _outcome: title == "Import MIDI"):
        panel.open_file(path)
    assert panel.file_bar.again_button.isEnabled(), panel.message.text()
    assert "Generate again" in panel.message.text()
    with qtbot.waitSignal(panel.regenerated, timeout=120_000) as again:
        panel.file_bar.again_button.click()
    qtbot.waitUntil(lambda: panel.job.is_finished, timeout=120_000)
    assert panel.document.melody is again.args[0]
    return melody_to_bytes(again.args[0])


def test_midi_round_trip_composes_the_same_notes_again(qtbot, music):
    music.controls.count_spin.setValue(3)
    music.controls.seed_spin.setValue(31)
    music.controls.surprise_slider.setValue(1.2)
    music.controls.style_combo.setCurrentText("celtic")
    _run_and_keep(qtbot, music, music.generate, 3)
    gallery = music.context.gallery()
    items = sorted(gallery.query(panel="music"), key=lambda item: item.provenance["index"])
    assert [item.seed for item in items] == [31, 31, 31]
    data = gallery.path(items[2]).read_bytes()
    record = _midi_record(data)  # the independent reader: mido's meta messages
    assert all(record.get(key) is not None for key in RECORD_FIELDS if key != "parent") and "parent" in record
    assert record["panel"] == "music" and record["model_id"] and record["job"] == "generate" and record["index"] == 2
    assert record["digital_source_type"] == IPTC_TRAINED_ALGORITHMIC_MEDIA and missing_fields(record) == []
    assert record["settings"]["temperature"] == 1.2 and record["settings"]["count"] == 3
    assert _note_events(data) == _note_events(gallery.path(items[2]).read_bytes()) and _note_events(data)
    assert not music.keep() and "already" in music.message.text()  # an unedited result is not kept twice

    music.controls.seed_spin.setValue(5)  # the user moves on ...
    music.controls.surprise_slider.setValue(0.5)
    music.controls.style_combo.setCurrentText("folk")
    again = _make_again(qtbot, music, gallery.path(items[2]))  # ... and opens the kept melody
    assert (music.controls.seed_spin.value(), music.controls.surprise_slider.value()) == (31, 1.2)
    assert music.controls.style_combo.currentText() == "celtic"
    assert _note_events(again) == _note_events(data)
    assert gallery.count(panel="music") == 3  # made again, not kept twice


def test_continued_interpolated_and_varied_melodies_are_kept_with_their_inputs_and_made_again(qtbot, music):
    from artdesk.core.melody import Melody, Note

    primer = Melody(tuple(Note(p, 2 * i, 2, 90) for i, p in enumerate((60, 62, 64, 65, 67, 65, 64, 62))), 96.0, (4, 4))
    music.load_melody(primer, "primer")
    music.controls.count_spin.setValue(2)
    music.controls.seed_spin.setValue(8)
    _run_and_keep(qtbot, music, music.continue_melody, 2)
    music.set_melody_b(Melody((Note(72, 0, 4), Note(67, 4, 4), Note(64, 8, 8)), 96.0, (4, 4)))
    music.load_melody(primer, "primer again")
    music.controls.steps_spin.setValue(2)
    _run_and_keep(qtbot, music, music.interpolate, 2)
    music.load_melody(primer, "primer once more")
    music.controls.amount_spin.setValue(0.9)
    _run_and_keep(qtbot, music, music.vary, 2)
    gallery = music.context.gallery()
    items = {(item.provenance["job"], item.provenance["index"]): item for item in gallery.query(panel="music")}
    assert sorted(items) == [(job, i) for job in ("continue", "interpolate", "vary") for i in (0, 1)]
    primer_notes = [[n.pitch, n.start, n.duration, n.velocity] for n in primer.notes]
    assert items["continue", 1].provenance["inputs"]["primer"]["notes"] == primer_notes
    assert items["interpolate", 0].provenance["inputs"]["b"]["notes"][0] == [72, 0, 4, 90]
    assert items["vary", 1].provenance["settings"]["amount"] == 0.9

    for key in (("continue", 1), ("interpolate", 1), ("vary", 1)):
        music.load_melody(Melody((Note(40, 0, 1),)), "something else")  # the roll no longer holds the inputs
        music.controls.seed_spin.setValue(99)
        data = gallery.path(items[key]).read_bytes()
        assert _note_events(_make_again(qtbot, music, gallery.path(items[key]))) == _note_events(data), key
    assert gallery.count(panel="music") == 6


def test_kept_melodies_with_a_missing_model_or_forged_records_say_what_is_wrong(qtbot, music, tmp_path):
    from artdesk.core.melody import Melody, Note
    from artdesk.core.midi_io import write_midi

    music.controls.count_spin.setValue(1)
    _run_and_keep(qtbot, music, music.generate, 1)
    record = music.document.melody.metadata["provenance"]
    notes = (Note(60, 0, 4), Note(64, 4, 4))
    cases = {
        "gone.mid": ({**record, "model": "old-lstm", "model_id": "x", "weights_sha256": "f" * 64}, "old-lstm"),
        "forged.mid": ({**record, "settings": {**record["settings"], "bars": "many"}}, "damaged"),
        "bad-primer.mid": ({**record, "job": "continue", "inputs": {"primer": {"notes": [[999, 0, 1, 9]]}}}, "damaged"),
        "no-seed.mid": ({key: value for key, value in record.items() if key != "seed"}, "the seed"),
        "foreign.mid": ({}, "no artdesk provenance"),
    }
    for name, (forged, expected) in cases.items():
        write_midi(Melody(notes, 110.0, (4, 4), {"provenance": forged} if forged else {}), tmp_path / name)
        with qtbot.waitSignal(music.job_finished, timeout=120_000):
            music.open_file(tmp_path / name)
        assert expected in music.message.text(), (name, music.message.text())
        assert not music.file_bar.again_button.isEnabled() and music.document.notes == notes
        assert music.generate_again() is None


def test_a_full_gallery_stops_keeping_melodies_and_says_so(qtbot, music):
    music.context.settings["gallery"] = {"disk_budget_mb": 0}
    messages = []
    music.context.status_message.connect(messages.append)
    music.controls.count_spin.setValue(3)
    with qtbot.waitSignal(music.kept, timeout=120_000) as kept:
        music.generate()
    assert kept.args == [0, 3] and music.context.gallery().count() == 0 and len(music.results.melodies) == 3
    assert sum("disk budget" in m for m in messages) == 1
    assert "0 of 3" in music.message.text()


def test_melodies_still_on_their_way_are_kept_when_the_panel_closes(qtbot, music):
    from artdesk.core.melody import Melody, Note

    melodies = [Melody((Note(60 + i, 0, 4),), metadata={"title": f"m{i}", "provenance": {"app": "artdesk", "index": i}})
                for i in range(3)]
    music.keeper.add(melodies)
    music.close_panel()
    assert music.context.gallery().count(panel="music") == 3


def test_pictures_still_on_their_way_are_kept_when_the_panel_closes(canvas):
    from artdesk.ml.canvas.requests import Pictures

    images = [np.full((64, 64, 3), value, np.uint8) for value in (10, 200)]
    records = [{"app": "artdesk", "model": "tiny-gan", "job": "generate", "index": i} for i in range(2)]
    canvas.model_dock.keep_pictures(Pictures(images, [(0.0,)] * 2, records))
    canvas.close_panel()
    assert canvas.context.gallery().count(panel="canvas") == 2


def test_a_full_gallery_stops_keeping_poems_and_says_so(qtbot, poem):
    poem.context.settings["gallery"] = {"disk_budget_mb": 0}
    messages = []
    poem.context.status_message.connect(messages.append)
    poem.select_form("wujue")
    poem.controls.candidates_spin.setValue(2)
    with qtbot.waitSignal(poem.kept, timeout=120_000) as kept:
        poem.controls.generate_button.click()
    qtbot.waitUntil(lambda: poem.handles["generate"].is_finished, timeout=120_000)
    assert kept.args == [0, 2] and poem.context.gallery().count() == 0 and len(poem.editor.lines()) == 4
    assert sum("disk budget" in m for m in messages) == 1


def test_a_dropped_poem_file_opens_and_restores_its_settings(qtbot, poem, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "dropped.txt"
    record = {"app": "artdesk", "model": "tiny-zh", "weights_sha256": "", "seed": 9,
              "settings": {"seed": 9, "form": "wujue", "keywords": "雪"}}
    path.write_text(POEM_HEADER + json.dumps(record, ensure_ascii=False) + "\n\n白雪\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    viewport = poem.editor.text_edit.viewport()
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    assert poem.drops.eventFilter(viewport, event)  # the panel's drop filter on the editor
    assert poem.editor.text() == "白雪" and poem.controls.seed_spin.value() == 9 and poem.controls.theme_edit.text() == "雪"
    assert "weights hash" in poem.message.text()
