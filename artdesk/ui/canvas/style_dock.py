"""The canvas style dock: pick a painting style, set strength / colours / texture, apply; train your own.

``CanvasStyleDock(context, canvas)``: ``canvas`` offers ``document_image() -> uint8 HxWx4`` and
``add_layer_from_array(array, name, provenance)`` (undoable). If it also offers
``active_layer_image()``, ``selection_mask()`` and ``replace_active_layer(array, action_name)``,
the dock can apply to the active layer or to the selection. All model work runs as runner jobs
(``artdesk.ml.style``); the canvas changes only when a job returns a result.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
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

STYLE_TYPE = "style-stylizer"
THUMB = 64
TARGET_PICTURE, TARGET_LAYER, TARGET_SELECTION = "picture", "layer", "selection"
QUALITY_FAST, QUALITY_BEST = "stylizer", "optimise"


def array_to_qimage(array) -> QImage:
    """A deep-copied QImage of a uint8 HxWx3 array (call on the UI thread)."""
    import numpy as np

    array = np.ascontiguousarray(array[..., :3], dtype=np.uint8)
    height, width = array.shape[:2]
    return QImage(array.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


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
        form.addRow(self.tr("Quality"), self.quality_combo)
        form.addRow(self.tr("Steps"), self.steps_spin)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_slider, 1)
        strength_row.addWidget(self.strength_label)
        form.addRow(self.tr("Strength"), strength_row)
        form.addRow(self.tr("Texture scale"), self.scale_spin)
        form.addRow("", self.colour_check)

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
        current = self.current_card()
        current_id = current.id if current else None
        discovery = self.context.discover("style")
        self.cards = [card for card in discovery.cards if card.model_type == STYLE_TYPE]
        self.style_list.clear()
        for card in self.cards:
            label = card.labels[1] if card.labels[:1] == ["preset"] and len(card.labels) > 1 else card.name
            item = QListWidgetItem(label)
            thumb = card.path / "style.png"
            if thumb.is_file():
                item.setIcon(QIcon(QPixmap(str(thumb)).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatioByExpanding)))
            tip = card.description + ("  (your style)" if card.is_user else "")
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, card.id)
            self.style_list.addItem(item)
            if card.id == current_id:
                self.style_list.setCurrentItem(item)
        if self.style_list.currentRow() < 0 and self.cards:
            self.style_list.setCurrentRow(0)
        if not self.cards:
            self.status_label.setText(self.tr("No styles found. Train one below, or reinstall artdesk to get the presets."))
        self._update_buttons()

    def current_card(self) -> ModelCard | None:
        row = self.style_list.currentRow() if hasattr(self, "style_list") else -1
        return self.cards[row] if 0 <= row < len(self.cards) else None

    def select_style(self, name: str) -> bool:
        """Select the style whose card name is ``name``; False if there is none."""
        for row, card in enumerate(self.cards):
            if card.name == name:
                self.style_list.setCurrentRow(row)
                return True
        return False

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

        card = self.current_card()
        if card is None:
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
        if self.quality_combo.currentData() == QUALITY_BEST:
            from artdesk.ml.style.jobs import optimize_job
            from artdesk.ml.style.requests import OptimizeRequest

            style_picture = self._card_style_picture(card)
            if style_picture is None:
                self._show_message(self.tr("This style has no example picture; use Fast quality."))
                return None
            request = OptimizeRequest(picture, (style_picture,), controls, mask, steps=self.steps_spin.value(),
                                      method=str(card.raw.get("config", {}).get("method", "gram")), style_name=card.name)
            fn, title = optimize_job, self.tr("Painting in %s") % card.name
        else:
            from artdesk.ml.style.jobs import apply_job
            from artdesk.ml.style.requests import ApplyRequest

            request = ApplyRequest(str(card.path), picture, controls, mask, card.source)
            fn, title = apply_job, self.tr("Applying %s") % card.name
        handle = self.context.runner.submit(fn, request, title)
        handle.progress.connect(self._on_handle_progress)
        handle.partial.connect(self._on_handle_partial)
        handle.returned.connect(lambda result, h=handle, c=card, t=target: self._on_handle_returned(h, c, t, result))
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
        for handle in (self.handle, self.train_handle):
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
        from artdesk.ml.style.jobs import train_custom_job

        handle = self.context.runner.submit(train_custom_job, request, self.tr("Training style %s") % name, worker="training")
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
        pixmap = QPixmap.fromImage(array_to_qimage(preview))
        self.preview_label.setPixmap(pixmap.scaled(160, 160, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))

    def _on_handle_returned(self, handle, card: ModelCard, target: str, result) -> None:
        if handle is not self.handle:
            return  # a stale job finished after a newer one started
        provenance = dict(result.provenance, target=target)
        if target == TARGET_PICTURE:
            self.canvas.add_layer_from_array(result.picture, self.tr("%s style") % card.name, provenance)
        else:
            self.canvas.replace_active_layer(result.picture, self.tr("Apply style %s") % card.name)
        self.status_label.setText(self.tr("Applied %s in %.2f s.") % (card.name, result.seconds))
        self.context.status_message.emit(self.status_label.text())
        self.style_applied.emit(card.name)

    def _on_handle_errored(self, message: str, _traceback: str) -> None:
        self._show_message(message)

    def _on_handle_aborted(self) -> None:
        self.status_label.setText(self.tr("Cancelled; the canvas is unchanged."))

    def _on_handle_finished(self, handle) -> None:
        if handle is self.handle:
            self.progress_bar.setVisible(False)
            self.preview_label.clear()
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
        self.apply_button.setEnabled(bool(self.cards))
        self.cancel_button.setEnabled(running)
        self.train_button.setEnabled(not training and bool(self.style_paths))
        self.train_cancel_button.setEnabled(training)
