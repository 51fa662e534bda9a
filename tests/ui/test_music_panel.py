"""The Music panel end to end with tiny real models: generate, continue, interpolate, vary,
edit with undo, export and re-import, cancel, bad input. Every wait is on a signal."""
from __future__ import annotations

import wave
from dataclasses import replace

import numpy as np
import pytest

from artdesk.core.melody import Melody, Note
from artdesk.core.midi_io import read_midi, write_midi
from artdesk.ml.music.events import scale_pitch_classes
from tests.ui.music.fixtures import music_context, tiny_music_models  # noqa: F401

TIMEOUT = 120_000  # the first job imports torch on a shared, busy machine


@pytest.fixture
def panel(qtbot, music_context):
    from artdesk.ui.panels.music import MusicPanel

    widget = MusicPanel(music_context)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.controls.bars_spin.setValue(2)
    widget.controls.count_spin.setValue(2)
    yield widget
    widget.playback.shutdown()


def run(qtbot, panel, action, expect="returned"):
    """Start ``action`` (a panel method or button click) and wait for the panel to finish its job."""
    with qtbot.waitSignal(panel.job_finished, timeout=TIMEOUT) as blocker:
        action()
    assert blocker.args[1] == expect, (blocker.args, panel.message.text())
    return blocker.args


def primer_file(tmp_path, name="primer.mid", pitches=(60, 62, 64, 65, 67, 65, 64, 62)):
    melody = Melody(tuple(Note(p, 2 * i, 2, 90) for i, p in enumerate(pitches)), 100.0, (4, 4), {"title": name})
    return write_midi(melody, tmp_path / name), melody


def test_models_are_listed_and_buttons_enabled(panel):
    assert panel.session.lstm.name == "tiny-lstm"
    assert panel.session.vae.name == "tiny-vae"
    assert panel.controls.generate_button.isEnabled() and panel.controls.interpolate_button.isEnabled()
    assert [panel.controls.style_combo.itemText(i) for i in range(panel.controls.style_combo.count())] == \
        ["classical", "folk", "celtic"]


def test_generate_fills_roll_and_results_reproducibly(qtbot, panel):
    panel.controls.key_combo.setCurrentText("D")
    panel.controls.mode_combo.setCurrentText("minor")
    panel.transport.metre_combo.setCurrentIndex(1)  # 3/4
    run(qtbot, panel, panel.controls.generate_button.click)
    melodies = panel.results.melodies
    assert len(melodies) == 2
    assert panel.document.melody == melodies[0]
    assert melodies[0].time_signature == (3, 4)
    assert melodies[0].notes and melodies[0].length_steps <= 2 * 12
    allowed = scale_pitch_classes(2, "minor")
    assert all(n.pitch % 12 in allowed for m in melodies for n in m.notes)  # key lock
    assert melodies[0].metadata["provenance"]["seed"] == 0
    first = melodies
    run(qtbot, panel, panel.controls.generate_button.click)
    assert panel.results.melodies == first  # same seed and settings, same melodies
    panel.controls.seed_spin.setValue(7)
    run(qtbot, panel, panel.controls.generate_button.click)
    assert panel.results.melodies != first
    panel.results.use_as_b_requested.emit(1)  # the results' context menu: use as melody B
    assert panel.session.melody_b == panel.results.melodies[1]
    # choosing another result, then undo, walks back through what the roll showed
    panel._on_results_item_clicked(panel.results.item(1))
    assert panel.document.melody == panel.results.melodies[1]
    panel.file_bar.undo_action.trigger()
    assert panel.document.melody == panel.results.melodies[0]


def test_continue_from_an_imported_file(qtbot, panel, tmp_path):
    path, primer = primer_file(tmp_path)
    run(qtbot, panel, lambda: panel.import_midi(path))
    assert panel.document.notes == primer.notes
    assert panel.document.melody.tempo_bpm == pytest.approx(100.0)
    assert panel.transport.tempo_spin.value() == pytest.approx(100.0)
    run(qtbot, panel, panel.controls.continue_button.click)
    result = panel.document.melody
    assert result.notes[: len(primer.notes)] == primer.notes  # the primer is kept as it was
    assert result.length_steps > primer.length_steps
    assert all(n.start >= primer.length_steps for n in result.notes[len(primer.notes):])


def test_interpolate_and_vary(qtbot, panel, tmp_path):
    path_a, a = primer_file(tmp_path, "a.mid")
    path_b, b = primer_file(tmp_path, "b.mid", pitches=(72, 71, 69, 67, 65, 64, 62, 60))
    run(qtbot, panel, lambda: panel.import_midi(path_b, as_b=True))
    assert panel.session.melody_b.notes == b.notes and "b.mid" in panel.controls.b_label.text()
    run(qtbot, panel, lambda: panel.import_midi(path_a))
    panel.controls.steps_spin.setValue(3)
    run(qtbot, panel, panel.controls.interpolate_button.click)
    assert len(panel.results.melodies) == 3
    assert panel.document.melody == panel.results.melodies[0]
    panel.join_button.click()
    assert panel.document.melody.length_steps > panel.results.melodies[0].length_steps
    panel.file_bar.undo_action.trigger()
    panel.controls.count_spin.setValue(3)
    run(qtbot, panel, panel.controls.vary_button.click)
    assert len(panel.results.melodies) == 3


def test_edit_in_piano_roll_with_undo_then_export_and_reimport(qtbot, panel, tmp_path):
    from PySide6.QtCore import QPoint, Qt

    roll = panel.roll
    roll.set_zoom(20)
    point = QPoint(int(roll.step_to_x(4) + 5), int(roll.pitch_to_y(67) + 4))
    qtbot.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert panel.document.notes == (Note(67, 4, roll.default_duration, 90),)
    qtbot.keyClick(roll, Qt.Key.Key_Up)  # move the selected note up a semitone
    assert panel.document.notes == (Note(68, 4, roll.default_duration, 90),)
    panel.file_bar.undo_action.trigger()
    assert panel.document.notes[0].pitch == 67
    panel.file_bar.undo_action.trigger()
    assert panel.document.notes == ()
    panel.file_bar.redo_action.trigger()
    panel.file_bar.redo_action.trigger()
    assert panel.document.notes[0].pitch == 68
    qtbot.mouseClick(roll.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(int(roll.step_to_x(8) + 5), int(roll.pitch_to_y(64) + 4)))
    assert len(panel.document.notes) == 2
    midi_path, wav_path = tmp_path / "out.mid", tmp_path / "out.wav"
    assert panel.export_midi(midi_path)
    again = read_midi(midi_path)
    assert again.notes == panel.document.notes
    music21 = pytest.importorskip("music21")
    parsed = music21.converter.parse(str(midi_path))
    assert [n.pitch.midi for n in parsed.flatten().notes] == [68, 64]
    run(qtbot, panel, lambda: panel.export_wav(wav_path))
    with wave.open(str(wav_path), "rb") as handle:
        seconds = handle.getnframes() / handle.getframerate()
        samples = np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2")
    assert seconds == pytest.approx(10 * 60 / 120 / 4 + 0.5, abs=1e-3)
    assert np.abs(samples).max() > 3000
    from artdesk.core.synth import read_wav_provenance

    assert read_wav_provenance(wav_path)["audio"]["synth"] == "piano"
    qtbot.waitUntil(lambda: "Signed out.wav with Content Credentials" in panel.message.text(), timeout=20000)
    from artdesk.core.credentials.read import read_file

    signed = read_file(wav_path)  # the signed WAV keeps artdesk's own record beside the manifest
    assert signed.state == "valid" and signed.actions == ("c2pa.created",)  # notes drawn by hand, no model
    assert signed.source_types == ("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCreation",)
    assert read_wav_provenance(wav_path)["audio"]["synth"] == "piano"
    # re-import through the panel: the same notes come back, undoably
    panel.document.set_notes((), "clear")
    run(qtbot, panel, lambda: panel.import_midi(midi_path))
    assert [(n.pitch, n.start, n.duration) for n in panel.document.notes] == [(68, 4, 2), (64, 8, 2)]


def test_cancel_mid_generation_keeps_the_melody(qtbot, panel, tmp_path):
    path, primer = primer_file(tmp_path)
    run(qtbot, panel, lambda: panel.import_midi(path))
    panel.controls.bars_spin.setValue(64)
    panel.controls.count_spin.setValue(16)
    handle = None

    def start_and_cancel_after_first_step():
        nonlocal handle
        handle = panel.generate()
        handle.progress.connect(lambda p: p.fraction and p.fraction > 0 and panel.controls.cancel_button.click())

    run(qtbot, panel, start_and_cancel_after_first_step, expect="aborted")
    assert handle.cancel_requested
    assert panel.document.notes == primer.notes
    assert "cancelled" in panel.message.text()
    assert not panel.controls.cancel_button.isEnabled()


def test_new_generation_cancels_the_stale_one(qtbot, panel):
    panel.controls.bars_spin.setValue(64)
    panel.controls.count_spin.setValue(16)
    outcomes = []
    panel.job_finished.connect(lambda title, outcome: outcomes.append(outcome))
    stale = panel.generate()
    panel.controls.bars_spin.setValue(1)
    panel.controls.count_spin.setValue(1)
    with qtbot.waitSignals([stale.finished, panel.job_finished], timeout=TIMEOUT):
        fresh = panel.generate()
    qtbot.waitUntil(lambda: fresh.is_finished, timeout=TIMEOUT)
    assert stale.cancel_requested and not fresh.cancel_requested
    assert len(panel.results.melodies) == 1 and panel.document.melody.length_steps <= 16


def midi_bytes(kind: str) -> bytes:
    """MIDI files that must be refused: type 2, drums only, no notes, an absurd tempo."""
    import io

    import mido

    midi = mido.MidiFile(type=2 if kind == "type2" else 1)
    track = mido.MidiTrack()
    if kind == "tempo":
        track.append(mido.MetaMessage("set_tempo", tempo=1))
    channel = 9 if kind == "drums" else 0
    if kind != "empty":
        for i in range(8):
            track += [mido.Message("note_on", note=40 + i, velocity=90, channel=channel, time=0),
                      mido.Message("note_off", note=40 + i, velocity=0, channel=channel, time=240)]
    midi.tracks.append(track)
    buffer = io.BytesIO()
    midi.save(file=buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("content, expected", [
    (b"MThd\x00\x00\x00\x06\x00\x01\x00\x02\x01", "damaged or truncated"),
    (b"hello, not a midi file", "not a MIDI file"),
    (b"", "empty"),
    ("type2", "type 2"),
    ("drums", "only drums"),
    ("empty", "no notes"),
    ("tempo", "absurd tempo"),
    ("huge", "MB"),
])
def test_bad_midi_files_give_a_message_and_keep_the_melody(qtbot, panel, tmp_path, content, expected):
    panel.document.set_notes((Note(60, 0, 4),), "draw")
    path = tmp_path / "bad.mid"
    if content == "huge":
        with open(path, "wb") as handle:  # a sparse 50 MB file that starts like a MIDI file
            handle.write(midi_bytes("notes"))
            handle.truncate(50 * 1024 * 1024)
    else:
        path.write_bytes(content if isinstance(content, bytes) else midi_bytes(content))
    run(qtbot, panel, lambda: panel.import_midi(path), expect="errored")
    assert expected in panel.message.text()
    assert panel.document.notes == (Note(60, 0, 4),)


def test_actions_without_input_say_what_to_do(qtbot, panel):
    assert panel.continue_melody() is None
    assert "primer" in panel.message.text()
    assert panel.vary() is None
    assert panel.interpolate() is None
    panel.document.set_notes((Note(60, 0, 4),), "draw")
    assert panel.interpolate() is None
    assert "melody B" in panel.message.text()
    assert not panel.export_midi(panel.context.paths.cache / "x.mid") or panel.document.notes


def test_no_models_disables_generation(qtbot, tmp_path):
    from artdesk.core.paths import app_paths
    from artdesk.ui.context import AppContext
    from artdesk.ui.jobs import Runner
    from artdesk.ui.panels.music import MusicPanel

    runner = Runner()
    paths = replace(app_paths(), bundled_models=tmp_path / "none")  # as if artdesk shipped no music models
    widget = MusicPanel(AppContext(paths, {}, runner, None))
    qtbot.addWidget(widget)
    assert not widget.controls.generate_button.isEnabled()
    assert not widget.controls.vary_button.isEnabled()
    assert widget.controls.model_note.text().startswith("No melody model (Generate, Continue) or morph model")
    assert "artdesk train music" in widget.controls.model_note.text()
    assert widget.generate() is None
    assert runner.shutdown(5000)


def test_play_without_audio_device_says_so_and_export_still_works(qtbot, panel, tmp_path):
    panel.playback._audio_factory = lambda rate: (None, "No audio output device was found, so artdesk cannot play sound here.")
    panel.document.set_notes((Note(60, 0, 4), Note(64, 4, 4)), "draw")
    with qtbot.waitSignal(panel.playback.message):
        panel.transport.play_button.click()
    assert "No audio output device" in panel.message.text()
    assert not panel.transport.play_button.isChecked()
    run(qtbot, panel, lambda: panel.export_wav(tmp_path / "still.wav"))
    assert (tmp_path / "still.wav").stat().st_size > 44


def midi_folder(tmp_path, count=6):
    folder = tmp_path / "my-midi"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for index in range(count):
        pitches = 60 + rng.choice([0, 2, 4, 5, 7, 9, 11, 12], size=24)
        melody = Melody(tuple(Note(int(p), 2 * i, 2, 90) for i, p in enumerate(pitches)), 110.0, (4, 4))
        write_midi(melody, folder / f"tune{index}.mid")
    (folder / "broken.mid").write_bytes(b"MThd garbage")
    return folder


def test_finetune_on_a_folder_adds_a_model_with_the_new_style(qtbot, panel, tmp_path):
    from artdesk.ml.music.requests import FinetuneRequest

    request = FinetuneRequest(panel.session.lstm.path, midi_folder(tmp_path), "tiny-jazz", minutes=0.02, style="jazz")
    models_changed = []
    panel.context.models_changed.connect(lambda: models_changed.append(True))
    run(qtbot, panel, lambda: panel.start_finetune(request))
    assert models_changed
    card = panel.session.lstm
    assert card.name == "tiny-jazz" and card.is_user
    assert "jazz" in [panel.controls.style_combo.itemText(i) for i in range(panel.controls.style_combo.count())]
    assert "Done" in panel.controls.finetune_label.text()
    assert panel.controls.finetune_button.isEnabled() and not panel.controls.finetune_cancel_button.isEnabled()
    panel.controls.style_combo.setCurrentText("jazz")
    run(qtbot, panel, panel.generate)
    assert panel.document.melody.metadata["provenance"]["model"] == "tiny-jazz"


def test_finetune_can_be_stopped_and_resumed(qtbot, panel, tmp_path):
    from dataclasses import replace

    from artdesk.ml.music.requests import FinetuneRequest

    request = FinetuneRequest(panel.session.lstm.path, midi_folder(tmp_path), "tiny-stop", minutes=30, style="pop")

    def start_then_stop_while_training():
        handle = panel.start_finetune(request)
        handle.progress.connect(lambda p: (p.fraction or 0) > 0.05 and panel.controls.finetune_cancel_button.click())

    run(qtbot, panel, start_then_stop_while_training, expect="aborted")
    assert "Stopped" in panel.controls.finetune_label.text()
    assert panel.controls.finetune_button.isEnabled()
    assert not (panel.context.paths.user_models / "music" / "tiny-stop").exists()
    # generation is not blocked by a fine-tune and works meanwhile; resuming finishes the model
    run(qtbot, panel, lambda: panel.start_finetune(replace(request, minutes=0.02)))
    assert (panel.context.paths.user_models / "music" / "tiny-stop" / "card.json").exists()


def test_results_are_kept_and_keep_adds_an_edited_melody(qtbot, panel, tmp_path):
    panel.controls.seed_spin.setValue(42)
    panel.controls.style_combo.setCurrentText("celtic")
    with qtbot.waitSignal(panel.kept, timeout=TIMEOUT) as kept:
        run(qtbot, panel, panel.generate)
    assert kept.args == [2, 2]
    generated = panel.document.melody
    gallery = panel.context.gallery()
    items = gallery.query(panel="music")
    assert len(items) == 2 and {item.seed for item in items} == {42}
    assert not panel.keep() and gallery.count(panel="music") == 2  # already kept

    edited = tuple(n if i else type(n)(n.pitch + 1, n.start, n.duration, n.velocity) for i, n in enumerate(generated.notes))
    panel.document.set_notes(edited, "raise the first note")
    assert panel.keep() and gallery.count(panel="music") == 3
    mine = next(item for item in gallery.query(panel="music") if item.provenance.get("edited"))
    assert mine.provenance["seed"] == 42 and mine.provenance["job"] == "generate"

    panel.controls.seed_spin.setValue(1)
    panel.controls.style_combo.setCurrentText("folk")
    first = next(item for item in items if item.provenance["index"] == 0)
    run(qtbot, panel, lambda: panel.open_file(gallery.path(first)))
    assert panel.document.notes == generated.notes
    assert panel.controls.seed_spin.value() == 42 and panel.controls.style_combo.currentText() == "celtic"
    assert "restored" in panel.message.text() and panel.file_bar.again_button.isEnabled()
    run(qtbot, panel, lambda: panel.open_file(gallery.path(mine)))  # "Generate again" makes the melody before the edits
    assert panel.file_bar.again_button.isEnabled() and "before the edits" in panel.message.text()
    assert panel.document.notes == edited
    assert panel.open_file(tmp_path / "poem.txt") is None and "opens .mid" in panel.message.text()


def test_soundfont_replaces_the_built_in_sound_for_export(qtbot, panel, tmp_path):
    from tests.core.test_soundfont import write_sf2

    panel.document.set_notes((Note(69, 0, 8), Note(81, 8, 8)), "draw")
    bad = tmp_path / "bad.sf2"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00nope")
    run(qtbot, panel, lambda: panel.sound.load_soundfont(bad), expect="errored")
    assert "not a SoundFont" in panel.message.text() and panel.sound.current_instrument() == "piano"
    run(qtbot, panel, lambda: panel.sound.load_soundfont(write_sf2(tmp_path / "sine.sf2")))
    assert panel.transport.preset_combo.isVisible() and panel.transport.preset_combo.currentText() == "000:005 Sine"
    instrument = panel.sound.current_instrument()
    assert instrument.name.startswith("sf2:sine.sf2")
    run(qtbot, panel, lambda: panel.export_wav(tmp_path / "sf.wav"))
    with wave.open(str(tmp_path / "sf.wav"), "rb") as handle:
        samples = np.frombuffer(handle.readframes(handle.getnframes()), dtype="<i2").astype(np.float32)
    spectrum = np.abs(np.fft.rfft(samples[:22050]))
    assert abs(np.argmax(spectrum) * 2 - 440) <= 4  # the sine sample, not the built-in piano
    panel.transport.instrument_combo.setCurrentIndex(panel.transport.instrument_combo.findData("organ"))
    assert panel.sound.current_instrument() == "organ" and not panel.transport.preset_combo.isVisible()


def test_play_moves_the_playhead_and_edits_restart_playback(qtbot, panel):
    from tests.ui.music.test_playback import RecordingSink

    sinks = []
    panel.playback._audio_factory = lambda rate: (sinks.append(RecordingSink(chunk=8000)) or sinks[-1], "")
    panel.document.set_notes((Note(60, 0, 4), Note(64, 4, 4), Note(67, 8, 8)), "draw")
    heads = []
    panel.playback.position_changed.connect(lambda step: heads.append(panel.roll.playhead))
    with qtbot.waitSignal(panel.playback.position_changed, check_params_cb=lambda s: s is not None and s > 2):
        panel.transport.play_button.click()
    assert panel.transport.play_button.isChecked() and panel.transport.play_button.text().endswith("Stop")
    assert any(h is not None and h > 0 for h in heads)
    with qtbot.waitSignal(panel.playback.position_changed, check_params_cb=lambda s: s is not None):
        panel.document.set_notes(panel.document.notes[:2], "delete")  # an edit while playing: play the new melody
    assert len(sinks) == 2 and panel.playback.is_playing
    with qtbot.waitSignal(panel.playback.playing_changed, check_params_cb=lambda playing: not playing, timeout=20_000):
        pass
    assert not panel.transport.play_button.isChecked() and panel.roll.playhead is None
    panel.roll.seek_requested.emit(4.0)
    assert panel.sound.cue_step == 4.0 and panel.roll.playhead == 4.0


def test_import_chooses_the_melodic_track_and_lets_the_user_switch(qtbot, panel, tmp_path):
    import mido

    midi = mido.MidiFile(type=1)
    for name, pitches, channel in (("Bass", [36, 43, 36, 43], 1), ("Tune", [72, 74, 76, 77, 79, 77, 76, 74], 0)):
        track = mido.MidiTrack([mido.MetaMessage("track_name", name=name)])
        for pitch in pitches:
            track += [mido.Message("note_on", note=pitch, velocity=80, channel=channel, time=0),
                      mido.Message("note_off", note=pitch, velocity=0, channel=channel, time=240)]
        midi.tracks.append(track)
    path = tmp_path / "two.mid"
    midi.save(str(path))
    run(qtbot, panel, lambda: panel.import_midi(path))
    assert [n.pitch for n in panel.document.notes] == [72, 74, 76, 77, 79, 77, 76, 74]
    assert panel.track_row.isVisibleTo(panel) and "Tune" in panel.message.text()
    bass = panel.track_row.track_combo.findData(0)
    panel.track_row.track_combo.setCurrentIndex(bass)
    run(qtbot, panel, lambda: panel.track_row.track_combo.activated.emit(bass))
    assert [n.pitch for n in panel.document.notes] == [36, 43, 36, 43]
    panel.file_bar.undo_action.trigger()
    assert panel.document.notes[0].pitch == 72


def test_a_primer_longer_than_the_window_is_continued_with_a_note(qtbot, panel, tmp_path):
    long = Melody(tuple(Note(60 + i % 8, 2 * i, 2) for i in range(48)), 120.0, (4, 4))  # 6 bars; the window is 4
    panel.document.set_melody(long)
    run(qtbot, panel, panel.continue_melody)
    assert panel.document.melody.notes[:48] == long.notes
    assert "window" in panel.message.text()


def test_forged_records_are_clamped_or_ignored_and_export_and_keep_still_work(qtbot, panel, tmp_path):
    import mido

    path, _ = primer_file(tmp_path)
    for text in ('{"app": "artdesk", "settings": {"seed": 1099511627776, "bars": 1000000000000, "count": -5}}',
                 "[1, 2]", '{"settings": {"seed": Infinity}}'):
        midi = mido.MidiFile(path)
        midi.tracks[0] = mido.MidiTrack([m for m in midi.tracks[0] if m.type != "text"])
        midi.tracks[0].insert(0, mido.MetaMessage("text", text="artdesk:" + text))
        midi.save(tmp_path / "forged.mid")
        run(qtbot, panel, lambda: panel.import_midi(tmp_path / "forged.mid"))
        assert len(panel.document.notes) == 8, panel.message.text()
        assert panel.export_midi(tmp_path / "out.mid") and read_midi(tmp_path / "out.mid").notes
        assert panel.keep(), panel.message.text()
    assert panel.controls.seed_spin.value() == panel.controls.seed_spin.maximum()
    assert panel.controls.count_spin.value() == panel.controls.count_spin.minimum()
