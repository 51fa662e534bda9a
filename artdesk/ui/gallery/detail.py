"""The Gallery's view of one work as a person sees it: a large preview (the picture, a piano roll of the
melody, or the poem's text), "How it was made" in sentences from its record, and the raw record itself
folded away under Details."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from artdesk.core.errors import ArtdeskError
from artdesk.core.gallery import GalleryItem
from artdesk.ml.poem.forms import FORMS
from artdesk.ui.canvas.names import picture_name, style_label
from artdesk.ui.model_names import shipped_model_name
from artdesk.ui.music.names import mode_label, music_style_label
from artdesk.ui.poem.names import form_label

PREVIEW = 256  # the longest side of a picture or piano-roll preview, in pixels: 4x a 64 px model picture
MIN_PREVIEW_HEIGHT = 120  # room for the "no preview" sentence


class QtWorkDetail(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumHeight(MIN_PREVIEW_HEIGHT)
        self.poem = QLabel()
        self.poem.setWordWrap(True)
        self.poem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.poem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.poem.setStyleSheet("QLabel { font-size: 15pt; padding: 8px; }")
        self.made_title = QLabel(self.tr("<b>How it was made</b>"))
        self.made = QLabel()
        self.made.setWordWrap(True)
        self.made.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton()
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setText(self.tr("Details"))
        self.details_button.setToolTip(self.tr("The full record stored with the work (JSON): model, weights, start "
                                               "number (seed) and every setting"))
        self.details_button.toggled.connect(self._on_details_button_toggled)
        self.record = QPlainTextEdit()
        self.record.setReadOnly(True)
        self.record.setAccessibleName(self.tr("The work's full record"))
        self.record.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.preview, self.poem, self.made_title, self.made, self.details_button, self.record):
            layout.addWidget(widget)
        self.clear()

    def clear(self) -> None:
        self.made_title.hide()
        self.preview.clear()
        self.preview.setMinimumHeight(MIN_PREVIEW_HEIGHT)
        self.preview.hide()
        self.poem.hide()
        self.made.setText("")
        self.record.setPlainText("")
        self.details_button.setEnabled(False)

    def show_item(self, item: GalleryItem, path: Path) -> None:
        """Show ``item`` (its file at ``path``): preview, sentences, and the raw record under Details."""
        self.clear()
        record = item.provenance if isinstance(item.provenance, dict) else {}
        if item.panel == "poem":
            self._show_poem(path)
        else:
            self._show_pixmap(self._picture(path) if item.panel == "canvas" else self._piano_roll(path))
        self.made_title.show()
        self.made.setText(" ".join(self.sentences(item.panel, record)))
        self.record.setPlainText(json.dumps(item.provenance, indent=2, ensure_ascii=False))
        self.details_button.setEnabled(True)

    def _show_pixmap(self, pixmap: QPixmap | None) -> None:
        if pixmap is None or pixmap.isNull():
            self.preview.setText(self.tr("No preview: the file could not be read."))
        else:
            small = max(pixmap.width(), pixmap.height()) < PREVIEW // 2  # pixel pictures stay crisp
            mode = Qt.TransformationMode.FastTransformation if small else Qt.TransformationMode.SmoothTransformation
            shown = pixmap.scaled(PREVIEW, PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, mode)
            self.preview.setPixmap(shown)
            self.preview.setMinimumHeight(max(MIN_PREVIEW_HEIGHT, shown.height()))  # never squeezed over the words
        self.preview.show()

    @staticmethod
    def _picture(path: Path) -> QPixmap | None:
        pixmap = QPixmap(str(path))
        return None if pixmap.isNull() else pixmap

    @staticmethod
    def _piano_roll(path: Path) -> QPixmap | None:
        from artdesk.core.midi_io import read_midi
        from artdesk.ui.music.thumbnail import melody_thumbnail_png

        try:
            melody = read_midi(path)
        except (ArtdeskError, OSError):
            return None
        pixmap = QPixmap()
        pixmap.loadFromData(melody_thumbnail_png(melody, PREVIEW, PREVIEW * 3 // 5))
        return pixmap

    def _show_poem(self, path: Path) -> None:
        from artdesk.ml.poem.export import read_poem_file

        try:
            text, _record = read_poem_file(path)
        except ArtdeskError as error:
            text = str(error)
        self.poem.setText(text)
        self.poem.show()

    def sentences(self, panel: str, record: dict) -> list[str]:
        """How the work was made, in sentences, from its provenance record (what it lacks is left unsaid)."""
        settings = record.get("settings") if isinstance(record.get("settings"), dict) else {}
        model = shipped_model_name(str(record.get("model") or ""))
        said: list[str] = []
        if not model:
            said.append(self.tr("No record says which model made it: it was made by hand or in another app."))
        elif panel == "canvas":
            name = picture_name(record)
            style = style_label(str(record["style"])) if record.get("style") else ""
            said.append(self.tr("“{0}”: a picture the {1} model drew in the style {2}.").format(name, model, style)
                        if style else self.tr("“{0}”: a picture the {1} model drew.").format(name, model))
        elif panel == "music":
            style, key = settings.get("style"), settings.get("key")
            mode = mode_label(str(settings.get("mode") or "major"))
            said.append(self.tr("A melody the {0} model wrote in the {1} style, in {2} {3}.").format(
                model, music_style_label(str(style)), key, mode) if style and key else
                self.tr("A melody the {0} model wrote.").format(model))
            if isinstance(settings.get("bars"), int):
                said.append(self.tr("%n bar(s) long.", "", settings["bars"]))
        elif panel == "poem":
            form = form_label(str(settings.get("form") or record.get("form") or ""))
            theme = str(settings.get("keywords") or record.get("theme") or "").strip()
            said.append(self.tr("A poem the {0} model wrote, as {1}.").format(model, form) if form else
                        self.tr("A poem the {0} model wrote.").format(model))
            if theme:
                said.append(self.tr("Its theme: {0}.").format(theme))
            heads = str(settings.get("heads") or "").strip()
            form_info = FORMS.get(str(settings.get("form") or ""))
            if heads and form_info is not None and form_info.acrostic:  # other forms ignore stored heads
                said.append(self.tr("Each line begins with: {0}.").format(heads))
        if record.get("seed") is not None and model:
            said.append(self.tr("Start number {0}: Generate again in its panel makes it again.").format(record["seed"]))
        if record.get("edited"):
            said.append(self.tr("It was changed by hand afterwards."))
        created = str(record.get("created") or "")
        if created[:10]:
            said.append(self.tr("Made on {0}.").format(created[:10]))
        return said

    def _on_details_button_toggled(self, shown: bool) -> None:
        self.record.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
