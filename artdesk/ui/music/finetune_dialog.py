"""The dialog that sets up a fine-tune of a melody model on the user's own folder of MIDI files."""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from artdesk.ml.music.requests import FinetuneRequest
from artdesk.ui.model_names import shipped_model_name

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")


def count_midi_files(folder: Path, limit: int = 100_000) -> int:
    count = 0
    for path in Path(folder).rglob("*"):
        if path.suffix.lower() in (".mid", ".midi") and path.is_file():
            count += 1
            if count >= limit:
                break
    return count


class FinetuneDialog(QDialog):
    """Asks for a MIDI folder, a name and a style for the new model, and how long to train."""

    def __init__(self, base_model_path: Path, base_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Teach the melody model your style"))
        self.base_model_path = Path(base_model_path)
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName("MIDI folder")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.name_edit = QLineEdit(f"{base_name}-mine")
        self.name_edit.setAccessibleName("New model name")
        self.style_edit = QLineEdit("mine")
        self.style_edit.setToolTip(self.tr("The style name the new model learns, e.g. jazz or pop."))
        self.minutes_spin = QDoubleSpinBox()
        self.minutes_spin.setRange(0.5, 240.0)
        self.minutes_spin.setValue(10.0)
        self.minutes_spin.setSuffix(" min")
        self.resume_check = QCheckBox(self.tr("Resume an earlier run of the same name"))
        self.resume_check.setChecked(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(bright-text);")
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Starting from <b>{0}</b>. Training runs in the background; you can keep working "
                                   "and cancel at any time (progress is kept).").format(shipped_model_name(base_name))))
        form.addRow(self.tr("MIDI folder:"), folder_row)
        form.addRow(self.tr("New model name:"), self.name_edit)
        form.addRow(self.tr("Style name:"), self.style_edit)
        form.addRow(self.tr("Train for:"), self.minutes_spin)
        form.addRow(self.resume_check)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of MIDI files"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def validate(self) -> str:
        """"" if the form is complete, else what to fix."""
        folder = Path(self.folder_edit.text().strip())
        if not self.folder_edit.text().strip() or not folder.is_dir():
            return self.tr("Choose a folder that holds your MIDI files.")
        if count_midi_files(folder) == 0:
            return self.tr("{0} holds no .mid or .midi files.").format(folder)
        if not NAME_PATTERN.match(self.name_edit.text().strip()):
            return self.tr("Name the model with letters, digits, - or _ (up to 64).")
        if not NAME_PATTERN.match(self.style_edit.text().strip()):
            return self.tr("Name the style with letters, digits, - or _.")
        return ""

    def request(self) -> FinetuneRequest:
        return FinetuneRequest(
            base_model_path=self.base_model_path,
            midi_folder=Path(self.folder_edit.text().strip()),
            out_name=self.name_edit.text().strip(),
            minutes=float(self.minutes_spin.value()),
            resume=self.resume_check.isChecked(),
            style=self.style_edit.text().strip(),
        )

    def _on_buttons_accepted(self) -> None:
        problem = self.validate()
        if problem:
            self.problem.setText(problem)
            return
        self.accept()
