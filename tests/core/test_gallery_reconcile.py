"""Opening without reconcile, then reconciling as a job on its own connection (the gallery panel's path)."""
from artdesk.core.gallery import Gallery, ReconcileRequest, reconcile_job
from artdesk.core.jobs import RecordingContext


def test_open_without_reconcile_then_reconcile_job(tmp_path):
    gallery = Gallery.open(tmp_path, 1 << 20)
    gone = gallery.keep("poem", b"a", "txt", {"model": "m", "seed": 1}, title="gone")
    gallery.keep("poem", b"b", "txt", {"model": "m", "seed": 2}, title="kept")
    gallery.close()
    gallery.path(gone).unlink()
    shown = Gallery.open(tmp_path, 1 << 20, reconcile=False)
    assert shown.count() == 2  # the stale row is still listed until the job runs
    ctx = RecordingContext()
    assert reconcile_job(ReconcileRequest(tmp_path, 1 << 20), ctx) == (1, 0)
    assert [i.title for i in shown.query()] == ["kept"]  # the UI's connection sees the job's change
    assert ctx.progress
    shown.close()
