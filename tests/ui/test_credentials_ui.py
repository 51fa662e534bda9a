"""Content Credentials through the panels: Canvas exports are signed on the worker, an opened signed picture
stays in the chain as an ingredient, and the Gallery's "Content Credentials" box names a tampered file."""
import json

import c2pa
import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from artdesk.core.credentials import manifest
from artdesk.core.credentials.jobs import SignItem, SignRequest, sign_job
from artdesk.core.image_io import save_png
from artdesk.core.jobs import RecordingContext
from artdesk.core.paths import app_paths
from artdesk.core.settings import DEFAULTS
from artdesk.ui.context import AppContext
from artdesk.ui.gallery.panel import GalleryPanel
from artdesk.ui.jobs import Runner
from artdesk.ui.panels.canvas import CanvasPanel
from tests.core import credentials_files as files

GENERATED = {"app": "artdesk", "panel": "canvas", "model": "canvas-gan", "weights_sha256": "cd" * 32,
             "licence": "CC0-1.0", "seed": 11, "settings": {"style": "emoji"}, "job": "generate",
             "digital_source_type": manifest.TRAINED}


@pytest.fixture
def context(qtbot):
    runner = Runner()
    yield AppContext(app_paths(), DEFAULTS, runner, None)
    assert runner.shutdown()


@pytest.fixture
def canvas(qtbot, context):
    widget = CanvasPanel(context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close_panel()


def signed_picture(tmp_path, context):
    path = tmp_path / "generated.png"
    picture = np.zeros((48, 64, 4), np.uint8)
    picture[..., 2], picture[..., 3] = 200, 255
    save_png(path, picture, GENERATED)
    sign_job(SignRequest(context.paths.data, (SignItem(path, GENERATED),)), RecordingContext())
    return path


def paint_a_stroke(qtbot, canvas):
    view = canvas.view
    start = view.to_widget(view.to_canvas(view.rect().center())).toPoint()
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(40, 10))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(40, 10))


def manifest_store(path):
    with c2pa.Reader(str(path), context=c2pa.Context.from_dict({"verify": {"remote_manifest_fetch": False}})) as reader:
        store = json.loads(reader.json())
    return store, store["manifests"][store["active_manifest"]]


def actions(active):
    return next(a["data"]["actions"] for a in active["assertions"] if a["label"].startswith("c2pa.actions"))


def test_canvas_export_is_signed_on_the_worker_as_a_composite(qtbot, canvas, tmp_path):
    canvas.editor.add_layer_from_array(np.full((30, 30, 3), 40, np.uint8), "Flower", GENERATED)
    paint_a_stroke(qtbot, canvas)
    path = tmp_path / "painting.png"
    assert canvas.export_png(path)
    qtbot.waitUntil(lambda: "Signed painting.png" in canvas.message_label.text(), timeout=20000)
    store, active = manifest_store(path)
    assert {s["code"] for s in store["validation_status"]} == {"signingCredential.untrusted"}
    assert [a["action"] for a in actions(active)] == ["c2pa.created", "c2pa.edited"]
    assert actions(active)[0]["digitalSourceType"] == manifest.COMPOSITE


def test_opened_painted_and_exported_keeps_the_first_manifest(qtbot, canvas, context, tmp_path):
    first = signed_picture(tmp_path, context)
    first_label = manifest_store(first)[0]["active_manifest"]
    with qtbot.waitSignal(context.credentials_read, timeout=20000) as blocker:
        assert canvas.open_path(first)
    assert blocker.args[0] == "generated.png" and blocker.args[1].state == "valid"
    qtbot.waitUntil(lambda: "carries Content Credentials" in canvas.message_label.text(), timeout=5000)
    paint_a_stroke(qtbot, canvas)
    path = tmp_path / "painted.png"
    assert canvas.export_png(path)
    qtbot.waitUntil(lambda: "Signed painted.png" in canvas.message_label.text(), timeout=20000)
    store, active = manifest_store(path)
    assert first_label in store["manifests"]
    assert [(i["relationship"], i["active_manifest"]) for i in active["ingredients"]] == [("parentOf", first_label)]
    assert [a["action"] for a in actions(active)] == ["c2pa.opened", "c2pa.edited"]


def test_new_document_forgets_the_opened_file(qtbot, canvas, context, tmp_path):
    with qtbot.waitSignal(context.credentials_read, timeout=20000):
        canvas.open_path(signed_picture(tmp_path, context))
    assert canvas.new_document(40, 30)
    path = tmp_path / "fresh.png"
    assert canvas.export_png(path)
    qtbot.waitUntil(lambda: "Signed fresh.png" in canvas.message_label.text(), timeout=20000)
    assert "ingredients" not in manifest_store(path)[1] or not manifest_store(path)[1]["ingredients"]


def test_gallery_how_it_was_made_names_tampering_and_files_without_credentials(qtbot, context, tmp_path):
    panel = GalleryPanel(context)
    qtbot.addWidget(panel)
    tampered = tmp_path / "tampered.png"
    tampered.write_bytes(files.change_one_pixel(signed_picture(tmp_path, context).read_bytes()))
    panel.how_made.check(tampered)
    qtbot.waitUntil(lambda: panel.how_made.text.text().startswith("tampered.png has been tampered with"), timeout=20000)
    assert "b00020" in panel.how_made.text.styleSheet()
    plain = tmp_path / "plain.png"
    save_png(plain, np.zeros((4, 4, 4), np.uint8))
    panel.how_made.check(plain)
    qtbot.waitUntil(lambda: panel.how_made.text.text() == "None: artdesk signs pictures and sounds when you export them.",
                    timeout=20000)
    assert panel.how_made.title.text().endswith("plain.png")
    assert panel.how_made.text.styleSheet() == ""
    context.gallery().close()


def test_gallery_built_later_shows_the_last_file_opened_elsewhere(qtbot, context, tmp_path):
    path = signed_picture(tmp_path, context)
    from artdesk.core.credentials.read import read_file

    context.credentials_read.emit(path.name, read_file(path))
    panel = GalleryPanel(context)
    qtbot.addWidget(panel)
    assert "generated by the model canvas-gan" in panel.how_made.text.text()
    assert "untrusted" in panel.how_made.text.text()
    context.gallery().close()


def test_preferences_shows_the_identity_and_imports_a_certificate(qtbot, context, tmp_path):
    from artdesk.core.credentials import identity
    from artdesk.ui.dialogs.preferences import PreferencesDialog

    dialog = PreferencesDialog(context)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "untrusted" in dialog.identity.text(), timeout=20000)
    made = identity.load(identity.folder_of(context.paths.data))
    assert made.fingerprint in dialog.identity.text()
    own = identity.create()
    (tmp_path / "me.pem").write_bytes(own.chain_pem)
    (tmp_path / "other.key").write_bytes(identity.create().key_pem)
    (tmp_path / "me.key").write_bytes(own.key_pem)
    dialog.import_identity(tmp_path / "me.pem", tmp_path / "other.key")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=20000)
    assert made.fingerprint in dialog.identity.text()  # a refused import keeps the identity
    dialog.import_identity(tmp_path / "me.pem", tmp_path / "me.key")
    qtbot.waitUntil(lambda: own.fingerprint in dialog.identity.text(), timeout=20000)
    assert identity.load(identity.folder_of(context.paths.data)).fingerprint == own.fingerprint
