"""Live MIDI out through mido (python-rtmidi backend) where the system has output ports.

Every failure (no backend, no ALSA sequencer, a port that vanished) becomes a message, never a crash.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger("artdesk.music")


def output_port_names() -> tuple[list[str], str]:
    """(port names, message): the message says why the list is empty, or is "" when ports exist."""
    try:
        import mido

        names = list(mido.get_output_names())
    except Exception as error:  # mido raises backend-specific errors (ImportError, rtmidi SystemError, ...)
        log.info("no MIDI output ports: %s", error)
        return [], QCoreApplication.translate("MidiOut", "No MIDI output is available on this system.")
    if not names:
        return [], QCoreApplication.translate("MidiOut", "No MIDI output ports were found. Start a DAW or a virtual "
                                                          "MIDI port, then refresh.")
    return names, ""


class MidiOut:
    """One open output port; ``send_note`` / ``all_notes_off``; ``close`` is safe to call twice."""

    def __init__(self, name: str, channel: int = 0) -> None:
        import mido

        self.name = name
        self.channel = channel
        self._mido = mido
        try:
            self._port = mido.open_output(name)
        except Exception as error:
            raise OSError(f"Could not open the MIDI port {name!r}: {error}") from error
        self._sounding: set[int] = set()

    def send_note(self, pitch: int, velocity: int) -> None:
        """Note on (velocity > 0) or off (velocity 0)."""
        kind = "note_on" if velocity > 0 else "note_off"
        self._port.send(self._mido.Message(kind, note=int(pitch), velocity=int(velocity), channel=self.channel))
        (self._sounding.add if velocity > 0 else self._sounding.discard)(int(pitch))

    def all_notes_off(self) -> None:
        for pitch in list(self._sounding):
            self.send_note(pitch, 0)

    def close(self) -> None:
        if self._port is not None:
            try:
                self.all_notes_off()
                self._port.close()
            except Exception:  # the device may already be gone
                log.info("MIDI port %s closed with an error", self.name, exc_info=True)
            self._port = None
