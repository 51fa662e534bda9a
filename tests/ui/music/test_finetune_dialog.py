"""The fine-tune dialog checks its form before it starts anything."""
from pathlib import Path

from artdesk.ui.music.finetune_dialog import FinetuneDialog


def test_validate_then_request(qtbot, tmp_path):
    dialog = FinetuneDialog(Path("/models/base"), "base")
    qtbot.addWidget(dialog)
    assert "folder" in dialog.validate()
    dialog.folder_edit.setText(str(tmp_path))
    assert "no .mid" in dialog.validate()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "tune.MID").write_bytes(b"MThd")
    assert dialog.validate() == ""
    dialog.name_edit.setText("bad/name")
    assert "Name the model" in dialog.validate()
    dialog.name_edit.setText("my-jazz")
    dialog.style_edit.setText("jazz")
    dialog.minutes_spin.setValue(3)
    dialog._on_buttons_accepted()
    assert dialog.result() == dialog.DialogCode.Accepted
    request = dialog.request()
    assert (request.base_model_path, request.midi_folder, request.out_name, request.style, request.minutes, request.resume) == \
        (Path("/models/base"), tmp_path, "my-jazz", "jazz", 3.0, True)


def test_problem_is_shown_and_dialog_stays_open(qtbot):
    dialog = FinetuneDialog(Path("/models/base"), "base")
    qtbot.addWidget(dialog)
    dialog._on_buttons_accepted()
    assert dialog.result() != dialog.DialogCode.Accepted and "folder" in dialog.problem.text()
