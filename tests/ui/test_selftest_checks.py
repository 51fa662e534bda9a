"""The self-test's own checks (run by the frozen app in CI): credentials round trip, audio output, every panel."""
import pytest

from artdesk import selftest
from artdesk.core.jobs import RecordingContext
from artdesk.ui.music import playback


def test_a_signed_picture_reads_back_valid():
    assert selftest.sign_and_read_back(None, RecordingContext()).startswith("signed and read back valid")


@pytest.mark.parametrize("required, why, passes", [
    ("", playback.NO_AUDIO_MESSAGE, True),  # no sound server: fine on a desktop without sound, or here
    ("1", playback.NO_AUDIO_MESSAGE, False),  # CI starts a sound server, so no device there is a failure
    ("", "Audio playback is unavailable: Qt Multimedia could not be loaded (x).", False),  # a cut too many
])
def test_no_audio_output_fails_only_when_required_or_when_qt_multimedia_is_missing(monkeypatch, qapp, required, why, passes):
    monkeypatch.setenv("ARTDESK_REQUIRE_AUDIO", required)
    monkeypatch.setattr(playback, "open_system_audio", lambda _rate: (None, why))
    assert selftest.check_audio_output() == (passes, why)


def test_every_panel_opens_and_a_broken_one_is_named(qapp, monkeypatch):
    passed, detail = selftest.check_panels(qapp)
    assert passed and detail == "4 panels: canvas, music, poem, gallery"
    monkeypatch.setattr("artdesk.ui.main_window.PANELS", [("Canvas", "artdesk.ui.panels.canvas:NoSuchPanel")])
    assert selftest.check_panels(qapp) == (False, "these panels could not be opened (see the log): canvas")
