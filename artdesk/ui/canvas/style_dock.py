"""The canvas style dock: pick a painting medium (or your own style), set its controls, preview, apply.

Media (oil, watercolour, pencil, ink wash) are procedural renderers with their own plain-word
sliders and a live preview of the picture; styles you trained are stylizers with strength,
colours and texture scale.

``CanvasStyleDock(context, canvas)``: ``canvas`` offers ``document_image() -> uint8 HxWx4`` and
``add_layer_from_array(array, name, provenance)`` (undoable). If it also offers
``active_layer_image()``, ``selection_mask()`` and ``replace_active_layer(array, action_name)``,
the dock can apply to the active layer or to the selection. All model work runs as runner jobs
(``artdesk.ml.style``); the canvas changes only when a job returns a result.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.cards import ModelCard
from artdesk.core.jobs import Progress
from artdesk.ui.context import AppContext
from artdesk.ui.qimage import array_to_qimage

STYLE_TYPE = "style-stylizer"
THUMB = 64
PREVIEW_SIDE = 256  # the live preview paints a copy this big (well under a second)
PREVIEW_DELAY_MS = 250  # wait this long after the last slider move before previewing
KIND_MEDIUM, KIND_CARD = "medium", "card"
TARGET_PICTURE, TARGET_LAYER, TARGET_SELECTION = "picture", "layer", "selection"
QUALITY_FAST, QUALITY_BEST = "stylizer", "optimise"


class CanvasStyleDock(QWidget):
    """Style list, controls, apply/cancel, a live preview, and a 'train your own style' group."""

    style_applied = Signal(str)  # a styled result reached the canvas (the style's name)
    style_trained = Signal(str)  # a custom style finished training (its folder)

    def __init__(self, context: AppContext, canvas: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.canvas = canvas
        self.cards: list[ModelCard] = []
        self.handle = None  # the running apply/optimise job
        self.preview_handle = None  # the running live-preview job
        self.sliders: dict[str, QSlider] = {}
        self.train_handle = None  # the running custom-style training job
        self.style_paths: list[str] = []
        self._build()
        self.reload_styles()
        context.models_changed.connect(self._on_context_models_changed)

    # ----- capabilities of the canvas ------------------------------------------------------------
    @property
    def can_edit_layers(self) -> bool:
        return hasattr(self.canvas, "active_layer_image") and hasattr(self.canvas, "replace_active_layer")

    @property
    def can_use_selection(self) -> bool:
        return self.can_edit_layers and hasattr(self.canvas, "selection_mask")

    # ----- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.style_list = QListWidget()
        self.style_list.setViewMode(QListWidget.ViewMode.IconMode)
        self.style_list.setIconSize(QSize(THUMB, THUMB))
        self.style_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.style_list.setMovement(QListWidget.Movement.Static)
        self.style_list.setMinimumHeight(2 * THUMB + 40)
        self.style_list.setAccessibleName("Painting styles")
        self.style_list.itemActivated.connect(self._on_style_list_itemActivated)
        self.style_list.currentRowChanged.connect(self._on_style_list_currentRowChanged)
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.medium_box = QGroupBox(self.tr("How it is painted"))
        self.medium_form = QFormLayout(self.medium_box)
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self._on_preview_timer_timeout)

        self.target_combo = QComboBox()
        self.target_combo.setAccessibleName("Apply to")
        self.target_combo.addItem(self.tr("Whole picture, as a new layer"), TARGET_PICTURE)
        if self.can_edit_layers:
            self.target_combo.addItem(self.tr("The active layer"), TARGET_LAYER)
        if self.can_use_selection:
            self.target_combo.addItem(self.tr("The selection (active layer)"), TARGET_SELECTION)
        self.quality_combo = QComboBox()
        self.quality_combo.setAccessibleName("Quality")
        self.quality_combo.addItem(self.tr("Fast (trained stylizer, under a second)"), QUALITY_FAST)
        self.quality_combo.addItem(self.tr("Best (optimisation with previews, up to a minute)"), QUALITY_BEST)
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(10, 1000)
        self.steps_spin.setValue(150)
        self.steps_spin.setToolTip(self.tr("Optimisation steps (Best quality only)"))
        self.steps_spin.setEnabled(False)
        self.quality_combo.currentIndexChanged.connect(self._on_quality_combo_currentIndexChanged)
        self.strength_slider = QSlider(Qt.Orientation.Horizontal)
        self.strength_slider.setRange(0, 100)
        self.strength_slider.setValue(100)
        self.strength_slider.setAccessibleName("Strength")
        self.strength_label = QLabel("100%")
        self.strength_slider.valueChanged.connect(self._on_strength_slider_valueChanged)
        self.colour_check = QCheckBox(self.tr("Keep the picture's colours"))
        self.scale_spin = QDoubleSpinBox()
        self.scale_spin.setRange(0.5, 3.0)
        self.scale_spin.setSingleStep(0.25)
        self.scale_spin.setValue(1.0)
        self.scale_spin.setToolTip(self.tr("Brush texture scale: above 1 paints bigger marks"))
        self.apply_button = QPushButton(self.tr("Apply style"))
        self.apply_button.clicked.connect(self._on_apply_button_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)

        form = QFormLayout()
        form.addRow(self.tr("Apply to"), self.target_combo)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_slider, 1)
        strength_row.addWidget(self.strength_label)
        form.addRow(self.tr("Strength"), strength_row)
        self.custom_controls = QGroupBox(self.tr("Your style"))
        custom_controls = QFormLayout(self.custom_controls)
        custom_controls.addRow(self.tr("Quality"), self.quality_combo)
        custom_controls.addRow(self.tr("Steps"), self.steps_spin)
        custom_controls.addRow(self.tr("Texture scale"), self.scale_spin)
        custom_controls.addRow("", self.colour_check)

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setVisible(False)
        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumHeight(0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button, 1)
        buttons.addWidget(self.cancel_button)

        self.custom_box = QGroupBox(self.tr("Your own style"))
        self.custom_help = QLabel(self.tr(
            "Learns from your pictures: their colours, small textures (paper grain, paint dabs, hatching) and marks "
            "up to about a fingertip's size. It can't copy how the painter draws shapes, faces or whole brush strokes "
            "across the picture; for those, use a medium above. Training takes a few minutes."))
        self.custom_help.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name of the style"))
        self.pictures_label = QLabel(self.tr("No pictures chosen"))
        self.pictures_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose pictures…"))
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.train_steps_spin = QSpinBox()
        self.train_steps_spin.setRange(1, 20000)
        self.train_steps_spin.setValue(600)
        self.train_button = QPushButton(self.tr("Train style"))
        self.train_button.clicked.connect(self._on_train_button_clicked)
        self.train_cancel_button = QPushButton(self.tr("Stop"))
        self.train_cancel_button.setEnabled(False)
        self.train_cancel_button.clicked.connect(self._on_train_cancel_button_clicked)
        self.train_progress = QProgressBar()
        self.train_progress.setRange(0, 1000)
        self.train_progress.setVisible(False)
        custom_form = QFormLayout(self.custom_box)
        custom_form.addRow(self.custom_help)
        custom_form.addRow(self.tr("Name"), self.name_edit)
        pictures_row = QHBoxLayout()
        pictures_row.addWidget(self.pictures_label, 1)
        pictures_row.addWidget(self.choose_button)
        custom_form.addRow(self.tr("Pictures"), pictures_row)
        custom_form.addRow(self.tr("Steps"), self.train_steps_spin)
        train_row = QHBoxLayout()
        train_row.addWidget(self.train_button, 1)
        train_row.addWidget(self.train_cancel_button)
        custom_form.addRow(train_row)
        custom_form.addRow(self.train_progress)

        layout = QVBoxLayout(self)
        layout.addWidget(self.style_list, 1)
        layout.addWidget(self.description_label)
        layout.addWidget(self.medium_box)
        layout.addWidget(self.custom_controls)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.custom_box)
        self._update_buttons()

    # ----- styles -------------------------------------------------------------------------------
    def reload_styles(self) -> None:
        """Re-read the style cards (no torch) and refill the list, keeping the current choice."""
        from artdesk.ml.style.media.catalogue import MEDIA

        current = self.current_choice()
        discovery = self.context.discover("style")
        self.cards = [card for card in discovery.cards if card.model_type == STYLE_TYPE]
        self.style_list.blockSignals(True)
        self.style_list.clear()
        for spec in MEDIA.values():
            item = QListWidgetItem(self._words(spec.label))
            thumb = self._medium_thumbnail(spec.name)
            if thumb is not None:
                item.setIcon(QIcon(thumb))
            item.setToolTip(self._words(spec.description))
            item.setData(Qt.ItemDataRole.UserRole, (KIND_MEDIUM, spec.name))
            self.style_list.addItem(item)
            if current == (KIND_MEDIUM, spec.name):
                self.style_list.setCurrentItem(item)
        for card in self.cards:
            label = card.labels[1] if card.labels[:1] == ["preset"] and len(card.labels) > 1 else card.name
            item = QListWidgetItem(label)
            thumb = card.path / "style.png"
            if thumb.is_file():
                item.setIcon(QIcon(QPixmap(str(thumb)).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatioByExpanding)))
            tip = card.description + ("  (your style)" if card.is_user else "")
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, (KIND_CARD, card.id))
            self.style_list.addItem(item)
            if current == (KIND_CARD, card.id):
                self.style_list.setCurrentItem(item)
        if self.style_list.currentRow() < 0:
            self.style_list.setCurrentRow(0)
        self.style_list.blockSignals(False)
        self._show_controls()
        self._update_buttons()

    @staticmethod
    def _medium_thumbnail(name: str) -> QPixmap | None:
        from artdesk.core.paths import bundle_root

        path = bundle_root() / "resources" / "styles" / f"medium-{name}.png"
        return QPixmap(str(path)).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatioByExpanding) if path.is_file() else None

    def current_choice(self) -> tuple[str, str] | None:
        """(KIND_MEDIUM, medium name) or (KIND_CARD, card id) of the selected item, or None."""
        item = self.style_list.currentItem() if hasattr(self, "style_list") else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current_medium(self) -> str | None:
        choice = self.current_choice()
        return choice[1] if choice and choice[0] == KIND_MEDIUM else None

    def current_card(self) -> ModelCard | None:
        choice = self.current_choice()
        if not choice or choice[0] != KIND_CARD:
            return None
        return next((card for card in self.cards if card.id == choice[1]), None)

    def select_style(self, name: str) -> bool:
        """Select the medium or your style called ``name``; False if there is none."""
        for row in range(self.style_list.count()):
            kind, key = self.style_list.item(row).data(Qt.ItemDataRole.UserRole)
            card = next((c for c in self.cards if c.id == key), None) if kind == KIND_CARD else None
            if (kind == KIND_MEDIUM and key == name) or (card is not None and card.name == name):
                self.style_list.setCurrentRow(row)
                return True
        return False

    def medium_settings(self):
        """The medium's sliders as MediumSettings (sliders the medium doesn't show stay at 0.5)."""
        from artdesk.ml.style.media.catalogue import MediumSettings

        values = {name: slider.value() / 100.0 for name, slider in self.sliders.items()}
        return MediumSettings(lines=self.lines_check.isChecked(), **values)

    def _words(self, text: str) -> str:
        """The panel's words for a medium's English label, sentence or control words."""
        words = {  # literal tr() calls, so lupdate finds them
            'Oil painting': self.tr('Oil painting'),
            'Thick brush strokes that follow the forms, big ones under small ones, on linen canvas.':
                self.tr('Thick brush strokes that follow the forms, big ones under small ones, on linen canvas.'),
            'Stroke size': self.tr('Stroke size'),
            'small': self.tr('small'),
            'big': self.tr('big'),
            'Detail': self.tr('Detail'),
            'loose': self.tr('loose'),
            'careful': self.tr('careful'),
            'Canvas texture': self.tr('Canvas texture'),
            'smooth': self.tr('smooth'),
            'rough': self.tr('rough'),
            'Thick paint': self.tr('Thick paint'),
            'thin': self.tr('thin'),
            'thick': self.tr('thick'),
            'Watercolour': self.tr('Watercolour'),
            'Transparent washes with white paper showing, dark dried edges, grainy paper and soft blooms.':
                self.tr('Transparent washes with white paper showing, dark dried edges, grainy paper and soft blooms.'),
            'Wetness': self.tr('Wetness'),
            'dry': self.tr('dry'),
            'wet': self.tr('wet'),
            'White paper': self.tr('White paper'),
            'little': self.tr('little'),
            'much': self.tr('much'),
            'Pressure': self.tr('Pressure'),
            'light': self.tr('light'),
            'heavy': self.tr('heavy'),
            'Pencil sketch': self.tr('Pencil sketch'),
            'Graphite hatching along the forms on white paper, in grey.':
                self.tr('Graphite hatching along the forms on white paper, in grey.'),
            'Paper grain': self.tr('Paper grain'),
            'Coloured pencil': self.tr('Coloured pencil'),
            'Coloured pencil hatching along the forms on white paper.':
                self.tr('Coloured pencil hatching along the forms on white paper.'),
            'Ink wash (水墨)': self.tr('Ink wash (水墨)'),
            'Black ink in graded washes and dry brush lines on rice paper, with lots of empty paper.':
                self.tr('Black ink in graded washes and dry brush lines on rice paper, with lots of empty paper.'),
            'dry brush': self.tr('dry brush'),
            'wet, bleeding': self.tr('wet, bleeding'),
            'Empty paper': self.tr('Empty paper'),
            'Ink': self.tr('Ink'),
            'pale': self.tr('pale'),
            'dark': self.tr('dark'),
        }
        return words.get(text, text)

    def _show_controls(self) -> None:
        """Rebuild the medium's sliders (or show your style's controls) for the selected item."""
        from artdesk.ml.style.media.catalogue import MEDIA

        while self.medium_form.rowCount():
            self.medium_form.removeRow(0)  # deletes the old sliders (and the old checkbox)
        self.sliders = {}
        self.lines_check = QCheckBox(self.tr("Light pencil drawing under the paint"))
        self.lines_check.toggled.connect(self._on_medium_control_changed)
        name = self.current_medium()
        self.medium_box.setVisible(name is not None)
        self.custom_controls.setVisible(self.current_card() is not None)
        if name is None:
            card = self.current_card()
            self.description_label.setText(card.description if card else "")
            return
        spec = MEDIA[name]
        self.description_label.setText(self._words(spec.description))
        for control in spec.controls:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 100)
            slider.setValue(50)
            slider.setAccessibleName(self._words(control.label))
            slider.valueChanged.connect(self._on_medium_control_changed)
            row = QHBoxLayout()
            row.addWidget(QLabel(self._words(control.low)))
            row.addWidget(slider, 1)
            row.addWidget(QLabel(self._words(control.high)))
            self.medium_form.addRow(self._words(control.label), row)
            self.sliders[control.name] = slider
        if name == "watercolour":
            self.medium_form.addRow("", self.lines_check)
        self.schedule_preview()

    # ----- live preview -------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.schedule_preview()

    def schedule_preview(self) -> None:
        """Preview the selected medium on the picture shortly (restarted by every slider move); only while shown."""
        if self.current_medium() is not None and self.isVisible():
            self.preview_timer.start()

    def start_preview(self) -> Any:
        """Paint a small copy of the chosen target in the selected medium on the model worker; returns the handle."""
        from artdesk.core.errors import ArtdeskError
        from artdesk.ml.style.imaging import check_content
        from artdesk.ml.style.requests import MediumRequest

        name = self.current_medium()
        if name is None:
            return None
        try:
            picture, _ = self._source_picture(self.target_combo.currentData())
            picture = check_content(picture, self.tr("The picture"))
        except ArtdeskError:
            return None  # nothing to preview yet; Apply says why
        if self.preview_handle is not None and not self.preview_handle.is_finished:
            self.preview_handle.cancel()
        request = MediumRequest(name, picture, self.medium_settings(), max_side=PREVIEW_SIDE)
        handle = self.context.runner.submit(request.job, request, self.tr("Preview"))
        handle.returned.connect(self._on_preview_handle_returned)  # a bound slot: dropped if the dock is deleted
        self.preview_handle = handle
        handle.start()
        return handle

    def controls(self):
        from artdesk.ml.style.requests import StyleControls

        return StyleControls(strength=self.strength_slider.value() / 100.0, preserve_colour=self.colour_check.isChecked(),
                             texture_scale=self.scale_spin.value())

    # ----- applying -----------------------------------------------------------------------------
    def _source_picture(self, target: str):
        """(picture, mask) for the chosen target; raises StyleInputError with a message."""
        from artdesk.ml.style.imaging import StyleInputError

        if target == TARGET_PICTURE:
            return self.canvas.document_image(), None
        picture = self.canvas.active_layer_image()
        if picture is None:
            raise StyleInputError(self.tr("There is no active layer to paint."))
        if target == TARGET_SELECTION:
            mask = self.canvas.selection_mask()
            if mask is None:
                raise StyleInputError(self.tr("Nothing is selected; select an area first, or apply to the whole picture."))
            return picture, mask
        return picture, None

    def apply_style(self) -> Any:
        """Start applying the selected style to the chosen target; returns the job handle (or None)."""
        from artdesk.core.errors import ArtdeskError
        from artdesk.ml.style.imaging import check_content, check_mask
        from artdesk.ml.style.media.catalogue import MEDIA

        card = self.current_card()
        medium = self.current_medium()
        if card is None and medium is None:
            self._show_message(self.tr("Choose a style first."))
            return None
        target = self.target_combo.currentData()
        try:
            picture, mask = self._source_picture(target)
            picture = check_content(picture, self.tr("The picture"))
            mask = check_mask(mask, picture.shape)
        except ArtdeskError as error:
            self._show_message(str(error))
            return None
        if self.handle is not None and not self.handle.is_finished:
            self.handle.cancel()  # a new request makes the running one stale
        controls = self.controls()
        if medium is not None:
            from artdesk.ml.style.requests import MediumRequest

            request = MediumRequest(medium, picture, self.medium_settings(), mask, controls.strength)
            title = self.tr("Painting in %s") % self._words(MEDIA[medium].label)
        elif self.quality_combo.currentData() == QUALITY_BEST:
            from artdesk.ml.style.requests import OptimizeRequest

            style_picture = self._card_style_picture(card)
            if style_picture is None:
                self._show_message(self.tr("This style has no example picture; use Fast quality."))
                return None
            request = OptimizeRequest(picture, (style_picture,), controls, mask, steps=self.steps_spin.value(),
                                      method=str(card.raw.get("config", {}).get("method", "gram")), style_name=card.name)
            title = self.tr("Painting in %s") % card.name
        else:
            from artdesk.ml.style.requests import ApplyRequest

            request = ApplyRequest(str(card.path), picture, controls, mask, card.source)
            title = self.tr("Applying %s") % card.name
        handle = self.context.runner.submit(request.job, request, title)
        handle.progress.connect(self._on_handle_progress)
        handle.partial.connect(self._on_handle_partial)
        label = card.name if card is not None else self._words(MEDIA[medium].label)
        handle.returned.connect(lambda result, h=handle, n=label, t=target: self._on_handle_returned(h, n, t, result))
        handle.errored.connect(self._on_handle_errored)
        handle.aborted.connect(self._on_handle_aborted)
        handle.finished.connect(lambda h=handle: self._on_handle_finished(h))
        self.handle = handle
        self.progress_bar.setValue(0)
        self.progress_bar.setVisible(True)
        self._update_buttons()
        handle.start()
        return handle

    @staticmethod
    def _card_style_picture(card: ModelCard):
        import numpy as np
        from PIL import Image

        path = card.path / "style.png"
        try:
            with Image.open(path) as image:
                return np.asarray(image.convert("RGB"))
        except OSError:
            return None

    def cancel(self) -> None:
        self.preview_timer.stop()
        for handle in (self.handle, self.train_handle, self.preview_handle):
            if handle is not None and not handle.is_finished:
                handle.cancel()

    # ----- custom styles ------------------------------------------------------------------------
    def set_style_pictures(self, paths: list[str]) -> None:
        self.style_paths = [str(p) for p in paths]
        names = ", ".join(Path(p).name for p in self.style_paths)
        self.pictures_label.setText(names or self.tr("No pictures chosen"))
        self._update_buttons()

    def train_custom_style(self, **overrides: Any) -> Any:
        """Start training a stylizer from the chosen pictures on the training worker; returns the handle."""
        import numpy as np

        from artdesk.core.errors import ArtdeskError
        from artdesk.ml.style.custom import CustomStyleRequest, folder_name, load_style_pictures

        name = self.name_edit.text().strip()
        try:
            folder_name(name)
            load_style_pictures(self.style_paths)  # check the files now, not minutes later
        except ArtdeskError as error:
            self._show_message(str(error))
            return None
        try:
            canvas_picture = np.asarray(self.canvas.document_image())
        except Exception:  # the canvas offering no picture only removes one content picture
            canvas_picture = None
        request = CustomStyleRequest(name, tuple(self.style_paths), str(self.context.paths.user_models), canvas_picture,
                                     steps=self.train_steps_spin.value(), **overrides)
        handle = self.context.runner.submit(request.job, request, self.tr("Training style %s") % name, worker="training")
        handle.progress.connect(self._on_train_handle_progress)
        handle.partial.connect(self._on_handle_partial)
        handle.returned.connect(self._on_train_handle_returned)
        handle.errored.connect(self._on_handle_errored)
        handle.aborted.connect(self._on_train_handle_aborted)
        handle.finished.connect(lambda h=handle: self._on_train_handle_finished(h))
        self.train_handle = handle
        self.train_progress.setValue(0)
        self.train_progress.setVisible(True)
        self._update_buttons()
        handle.start()
        return handle

    # ----- slots --------------------------------------------------------------------------------
    def _on_context_models_changed(self) -> None:
        self.reload_styles()

    def _on_style_list_itemActivated(self, _item: QListWidgetItem) -> None:
        self.apply_style()

    def _on_style_list_currentRowChanged(self, _row: int) -> None:
        self._show_controls()
        self._update_buttons()

    def _on_medium_control_changed(self, *_args) -> None:
        self.schedule_preview()

    def _on_preview_timer_timeout(self) -> None:
        self.start_preview()

    def _on_quality_combo_currentIndexChanged(self, _index: int) -> None:
        self.steps_spin.setEnabled(self.quality_combo.currentData() == QUALITY_BEST)

    def _on_strength_slider_valueChanged(self, value: int) -> None:
        self.strength_label.setText(f"{value}%")

    def _on_apply_button_clicked(self) -> None:
        self.apply_style()

    def _on_cancel_button_clicked(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _on_choose_button_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Pictures that show the style"), "",
                                                self.tr("Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff)"))
        if paths:
            self.set_style_pictures(paths)

    def _on_train_button_clicked(self) -> None:
        self.train_custom_style()

    def _on_train_cancel_button_clicked(self) -> None:
        if self.train_handle is not None:
            self.train_handle.cancel()

    def _on_handle_progress(self, progress: Progress) -> None:
        if progress.fraction is not None:
            self.progress_bar.setValue(int(progress.fraction * 1000))
        self.status_label.setText(progress.message)

    def _on_handle_partial(self, preview) -> None:
        pixmap = QPixmap.fromImage(array_to_qimage(preview[..., :3]))
        self.preview_label.setPixmap(pixmap.scaled(160, 160, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def _on_handle_returned(self, handle, name: str, target: str, result) -> None:
        if handle is not self.handle:
            return  # a stale job finished after a newer one started
        provenance = dict(result.provenance, target=target)
        if target == TARGET_PICTURE:
            self.canvas.add_layer_from_array(result.picture, self.tr("%s style") % name, provenance)
        else:
            self.canvas.replace_active_layer(result.picture, self.tr("Apply style %s") % name)
        self.status_label.setText(self.tr("Applied %s in %.2f s.") % (name, result.seconds))
        self.context.status_message.emit(self.status_label.text())
        self.style_applied.emit(name)

    def _on_preview_handle_returned(self, result) -> None:
        if self.sender() is self.preview_handle:  # a stale preview may finish after a newer one started
            self._on_handle_partial(result.picture)

    def _on_handle_errored(self, message: str, _traceback: str) -> None:
        self._show_message(message)

    def _on_handle_aborted(self) -> None:
        self.status_label.setText(self.tr("Cancelled; the canvas is unchanged."))

    def _on_handle_finished(self, handle) -> None:
        if handle is self.handle:
            self.progress_bar.setVisible(False)
            self.handle = None
        self._update_buttons()

    def _on_train_handle_progress(self, progress: Progress) -> None:
        if progress.fraction is not None:
            self.train_progress.setValue(int(progress.fraction * 1000))
        self.status_label.setText(progress.message)

    def _on_train_handle_returned(self, folder: str) -> None:
        self.status_label.setText(self.tr("Your style is ready: %s") % Path(folder).name)
        self.context.models_changed.emit()
        self.style_trained.emit(folder)

    def _on_train_handle_aborted(self) -> None:
        self.status_label.setText(self.tr("Training stopped; no style was saved."))

    def _on_train_handle_finished(self, handle) -> None:
        if handle is self.train_handle:
            self.train_progress.setVisible(False)
            self.train_handle = None
        self._update_buttons()

    # ----- helpers ------------------------------------------------------------------------------
    def _show_message(self, message: str) -> None:
        self.status_label.setText(message)
        self.context.status_message.emit(message)

    def _update_buttons(self) -> None:
        running = self.handle is not None
        training = self.train_handle is not None
        self.apply_button.setEnabled(self.current_choice() is not None)
        self.cancel_button.setEnabled(running)
        self.train_button.setEnabled(not training and bool(self.style_paths))
        self.train_cancel_button.setEnabled(training)
