"""Preferences: interface language, theme and compute device, saved to the settings file; the signing identity.

On OK the dialog writes ``context.settings["general"]`` and saves it (atomically, through
artdesk.core.settings); ``applied`` then carries the new values so the window can switch language
and theme at once. A save that fails (read-only or full disk) says so; the choice still applies
until the app closes. The Content Credentials identity is read (made on first use) and imported on the
worker (``core.credentials.jobs.identity_job``); an import takes effect at once, whatever OK or Cancel.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QLabel,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from artdesk.core.errors import ArtdeskError
from artdesk.core.settings import save_settings
from artdesk.ui.context import AppContext
from artdesk.ui.translation import LANGUAGES

DEVICES = ("auto", "cpu", "cuda", "mps")


class PreferencesDialog(QDialog):
    applied = Signal(dict)  # the new settings["general"] values, after OK

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Preferences"))
        general = context.settings.setdefault("general", {})

        self.language = QComboBox()
        for value, own_name in LANGUAGES.items():
            self.language.addItem(self.tr("Same as the system") if value == "system" else own_name, value)
        self.language.setAccessibleName(self.tr("Interface language"))
        self.theme = QComboBox()
        for value, label in (("system", self.tr("Same as the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(label, value)
        self.theme.setAccessibleName(self.tr("Theme"))
        self.device = QComboBox()
        device_labels = {
            "auto": self.tr("Automatic (graphics card if there is one)"),
            "cpu": self.tr("Processor (CPU)"),
            "cuda": self.tr("NVIDIA graphics card (CUDA)"),
            "mps": self.tr("Apple graphics (Metal)"),
        }
        for value in DEVICES:
            self.device.addItem(device_labels[value], value)
        self.device.setAccessibleName(self.tr("Compute device for models"))
        self._select(self.language, general.get("language", "system"))
        self._select(self.theme, general.get("theme", "system"))
        self._select(self.device, general.get("device", "auto"))

        device_note = QLabel(self.tr("If the chosen device is not available, models run on the processor."))
        device_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        language_note = QLabel(self.tr("Menus change at once; the panels change after a restart."))
        language_note.setWordWrap(True)
        form.addRow("", language_note)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("&Device:"), self.device)
        form.addRow("", device_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._build_identity())
        layout.addWidget(self.buttons)
        self.identity_job = self._run_identity_job()

    def _build_identity(self) -> QGroupBox:
        box = QGroupBox(self.tr("Content Credentials"))
        note = QLabel(self.tr("Exported pictures and sounds are signed, so anyone can check how they were made "
                              "and that they are unchanged."))
        note.setWordWrap(True)
        self.identity = QLabel(self.tr("Reading your signing identity…"))
        self._identity_text = ""
        self.identity.setWordWrap(True)
        self.identity.setTextFormat(Qt.TextFormat.PlainText)
        self.identity.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("Import a certificate…"))
        self.import_button.setToolTip(self.tr("A certificate (PEM, with its chain) and its private key, "
                                              "to sign your work under your own name"))
        self.import_button.clicked.connect(self._on_import_button_clicked)
        column = QVBoxLayout(box)
        for widget in (note, self.identity, self.import_button):
            column.addWidget(widget)
        return box

    def _run_identity_job(self, certificate: Path | None = None, key: Path | None = None):
        from artdesk.core.credentials.jobs import IdentityRequest, identity_job

        request = IdentityRequest(self.context.paths.data, certificate, key)
        handle = self.context.runner.submit(identity_job, request, self.tr("Signing identity"))
        handle.returned.connect(self._on_identity_job_returned)
        handle.errored.connect(self._on_identity_job_errored)
        handle.finished.connect(lambda: self.import_button.setEnabled(True))
        self.import_button.setEnabled(False)
        handle.start()
        return handle

    def _on_identity_job_returned(self, lines: list[str]) -> None:
        self._identity_text = "\n".join(self.identity_line(line) for line in lines)
        self.identity.setText(self._identity_text)
        self.adjustSize()  # the sentences wrap over several lines: make room rather than clip them

    def identity_line(self, line: str) -> str:
        """A sentence about the signing identity (written in English by the credentials job) in the interface language."""
        signed = re.fullmatch(r"Your work is signed as “(.*)”, certificate issued by “(.*)”, valid until (\S+)\.", line)
        if signed:
            return self.tr("Your work is signed as “{0}”, certificate issued by “{1}”, valid until {2}.").format(
                *signed.groups())
        fingerprint = re.fullmatch(r"Fingerprint \(SHA-256\): (.*)", line)
        if fingerprint:
            return self.tr("Fingerprint (SHA-256): {0}").format(fingerprint.group(1))
        if line.startswith("artdesk made this certificate on this computer."):
            return self.tr("artdesk made this certificate on this computer. Readers call it untrusted: it shows that "
                           "a file is unchanged since you signed it, not who you are. Import a certificate from an "
                           "authority to sign under your name.")
        return line

    def _on_identity_job_errored(self, message: str, _details: str) -> None:
        self.identity.setText(self._identity_text or message)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Certificate not used"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def import_identity(self, certificate: Path, key: Path):
        """Check and install ``certificate`` (PEM chain, leaf first) with ``key`` on the worker; returns the job."""
        self.identity.setText(self.tr("Checking the certificate…"))
        self.identity_job = self._run_identity_job(Path(certificate), Path(key))
        return self.identity_job

    def _on_import_button_clicked(self) -> None:
        certificate, _ = QFileDialog.getOpenFileName(self, self.tr("Certificate (with its chain)"), "",
                                                     self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if not certificate:
            return
        key, _ = QFileDialog.getOpenFileName(self, self.tr("Its private key"), str(Path(certificate).parent),
                                             self.tr("Private keys (*.pem *.key);;All files (*)"))
        if key:
            self.import_identity(Path(certificate), Path(key))

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index if index >= 0 else 0)

    def values(self) -> dict[str, str]:
        return {"language": self.language.currentData(), "theme": self.theme.currentData(), "device": self.device.currentData()}

    def save(self) -> bool:
        """Store the chosen values in the settings and on disk; False (after telling the user) if writing failed."""
        values = self.values()
        self.context.settings.setdefault("general", {}).update(values)
        saved = True
        try:
            save_settings(self.context.paths.settings_file, self.context.settings)
        except (ArtdeskError, OSError) as error:
            saved = False
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Preferences not saved"),
                              self.tr("Your preferences apply now but could not be saved for the next start:\n{0}").format(error),
                              QMessageBox.StandardButton.Ok, self.parentWidget())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.applied.emit(dict(values))
        return saved

    def _on_buttons_accepted(self) -> None:
        self.save()
        self.accept()
