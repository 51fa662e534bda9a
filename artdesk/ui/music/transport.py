"""The transport bar: play/stop, loop, tempo, metre, instrument and MIDI out port (widgets only)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QToolButton, QWidget

from artdesk.core.synth import INSTRUMENTS, MAX_TEMPO, MIN_TEMPO
from artdesk.ml.music.requests import TIME_SIGNATURES
from artdesk.ui.music.names import instrument_label

LOAD_SOUNDFONT = "load-sf2"  # the instrument item that asks for a .sf2 file
SOUNDFONT = "sf2"  # the instrument item for the loaded SoundFont (its preset in preset_combo)


class QtTransport(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.play_button = QToolButton()
        self.play_button.setText(self.tr("▶ Play"))
        self.play_button.setCheckable(True)
        self.play_button.setAccessibleName("Play")
        self.play_button.setToolTip(self.tr("Play from the cue point (click the ruler to set it). Space toggles."))
        self.loop_check = QCheckBox(self.tr("Loop"))
        self.tempo_spin = QDoubleSpinBox()
        self.tempo_spin.setRange(MIN_TEMPO, MAX_TEMPO)
        self.tempo_spin.setDecimals(0)
        self.tempo_spin.setValue(120)
        self.tempo_spin.setSuffix(" BPM")
        self.tempo_spin.setAccessibleName("Tempo")
        self.metre_combo = QComboBox()
        for numerator, denominator in TIME_SIGNATURES:
            self.metre_combo.addItem(f"{numerator}/{denominator}", (numerator, denominator))
        self.metre_combo.setAccessibleName("Metre")
        self.instrument_combo = QComboBox()
        for instrument in INSTRUMENTS.values():
            self.instrument_combo.addItem(instrument_label(instrument.name, instrument.label), instrument.name)
        self.instrument_combo.insertSeparator(self.instrument_combo.count())
        self.instrument_combo.addItem(self.tr("SoundFont (.sf2)…"), LOAD_SOUNDFONT)
        self.instrument_combo.setAccessibleName("Instrument")
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName("SoundFont preset")
        self.preset_combo.setMaximumWidth(220)
        self.preset_combo.hide()
        self.midi_combo = QComboBox()
        self.midi_combo.setAccessibleName("MIDI out port")
        self.midi_refresh_button = QToolButton()
        self.midi_refresh_button.setText(self.tr("↻"))
        self.midi_refresh_button.setToolTip(self.tr("Look for MIDI output ports again"))
        row.addWidget(self.play_button)
        row.addWidget(self.loop_check)
        row.addWidget(QLabel(self.tr("Tempo")))
        row.addWidget(self.tempo_spin)
        row.addWidget(QLabel(self.tr("Metre")))
        row.addWidget(self.metre_combo)
        row.addWidget(QLabel(self.tr("Sound")))
        row.addWidget(self.instrument_combo)
        row.addWidget(self.preset_combo)
        row.addWidget(QLabel(self.tr("MIDI out")))
        row.addWidget(self.midi_combo, 1)
        row.addWidget(self.midi_refresh_button)

    def set_ports(self, names: list[str], message: str) -> None:
        current = self.midi_combo.currentData()
        self.midi_combo.blockSignals(True)
        self.midi_combo.clear()
        self.midi_combo.addItem(self.tr("Off"), None)
        for name in names:
            self.midi_combo.addItem(name, name)
        index = self.midi_combo.findData(current) if current else 0
        self.midi_combo.setCurrentIndex(max(0, index))
        self.midi_combo.setEnabled(bool(names))
        self.midi_combo.setToolTip(message or self.tr("Send the melody to this MIDI port while playing."))
        self.midi_combo.blockSignals(False)

    def set_soundfont(self, file_name: str, presets: list[str]) -> None:
        """Offer the loaded SoundFont as an instrument and its presets (``presets`` are labels, in order)."""
        index = self.instrument_combo.findData(SOUNDFONT)
        if index < 0:
            index = self.instrument_combo.findData(LOAD_SOUNDFONT)
            self.instrument_combo.insertItem(index, "", SOUNDFONT)
        self.instrument_combo.setItemText(index, self.tr("SoundFont: {0}").format(file_name))
        self.preset_combo.blockSignals(True)
        self.preset_combo.clear()
        self.preset_combo.addItems(presets)
        self.preset_combo.blockSignals(False)
        self.instrument_combo.setCurrentIndex(index)
        self.preset_combo.show()

    def set_playing(self, playing: bool) -> None:
        self.play_button.blockSignals(True)
        self.play_button.setChecked(playing)
        self.play_button.setText(self.tr("■ Stop") if playing else self.tr("▶ Play"))
        self.play_button.blockSignals(False)
