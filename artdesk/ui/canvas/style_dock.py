"""The canvas style dock: pick a painting medium (or your own style), set its controls, preview, apply.

Media (oil, watercolour, pencil, ink wash) are procedural renderers with their own plain-word
sliders and a live preview of the picture; styles you trained are stylizers with strength,
colours and texture scale.

A view of ``artdesk.ml.style.session.StyleSession``: the controls are bound to its settings (both ways),
the list shows its choices, and it builds every request. ``CanvasStyleDock(context, canvas)``: ``canvas``
offers ``document_image() -> uint8 HxWx4`` and ``add_layer_from_array(array, name, provenance)`` (undoable).
If it also offers ``active_layer_image()``, ``selection_mask()`` and ``replace_active_layer(array,
action_name)``, the dock can apply to the active layer or to the selection. All model work runs as runner
jobs (``artdesk.ml.style``); the canvas changes only when a job returns a result.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.cards import ModelCard
from artdesk.core.errors import ArtdeskError, SessionProblem
from artdesk.core.jobs import Progress
from artdesk.core.paths import bundle_root
from artdesk.ml.style.media.catalogue import MEDIA
from artdesk.ml.style.requests import ApplyRequest
from artdesk.ml.style.session import (KIND_MEDIUM, NO_EXAMPLE, NO_LAYER, NO_SELECTION, QUALITY_BEST, QUALITY_FAST,
                                      TARGET_LAYER, TARGET_PICTURE, TARGET_SELECTION, StyleSession, card_label)
from artdesk.ui.binding import bind
from artdesk.ui.context import AppContext
from artdesk.ui.job_titles import progress_text
from artdesk.ui.job_wiring import wire
from artdesk.ui.qimage import array_to_qimage
from artdesk.ui.forms import float_spin, int_spin, progress_bar, push_button, row, wrapped_label

THUMB = 64
PREVIEW_DELAY_MS = 250  # wait this long after the last slider move before previewing


def percent_slider(value: int, name: str) -> QSlider:
    """A horizontal 0-100 slider (the style's strength, a medium's control)."""
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(value)
    slider.setAccessibleName(name)
    return slider


class CanvasStyleDock(QWidget):
    """Style list, controls, apply/cancel, a live preview, and a 'train your own style' group."""

    style_applied = Signal(str)  # a styled result reached the canvas (the style's name)
    style_trained = Signal(str)  # a custom style finished training (its folder)

    def __init__(self, context: AppContext, canvas: Any, parent: QWidget | None = None, *, list_later: bool = False) -> None:
        """``list_later``: the caller fills the style list itself (``reload_styles``), in a step of its own."""
        super().__init__(parent)
        self.context = context
        self.canvas = canvas
        self.session = StyleSession()
        self.handle = None  # the running apply/optimise job
        self.preview_handle = None  # the running live-preview job
        self.sliders: dict[str, QSlider] = {}
        self.train_handle = None  # the running custom-style training job
        self._build()
        bind(self.session.settings, {
            "target": self.target_combo, "strength": self.strength_slider, "quality": self.quality_combo,
            "steps": self.steps_spin, "texture_scale": self.scale_spin, "preserve_colour": self.colour_check,
            "name": self.name_edit, "train_steps": self.train_steps_spin})
        self.session.settings.connect(self._on_settings_changed)
        self.session.medium.connect(self._on_medium_changed)
        if not list_later:
            self.reload_styles()
        context.models_changed.connect(self.reload_styles)

    @property
    def cards(self) -> list[ModelCard]:
        """The style cards the list offers after the media."""
        return self.session.cards

    @property
    def style_paths(self) -> list[str]:
        """The pictures chosen for a style of your own."""
        return self.session.style_paths

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
        self.description_label = wrapped_label()
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
        self.quality_combo.addItem(self.tr("Fast (under a second)"), QUALITY_FAST)
        self.quality_combo.addItem(self.tr("Best (paints while you watch, up to a minute)"), QUALITY_BEST)
        self.quality_combo.setItemData(0, self.tr("A small trained stylizer paints it in one go"),
                                       Qt.ItemDataRole.ToolTipRole)
        self.quality_combo.setItemData(1, self.tr("The picture is improved round after round (optimisation), "
                                                  "with a preview after each few rounds"), Qt.ItemDataRole.ToolTipRole)
        self.steps_spin = int_spin(10, 1000, 150, self.tr(
            "How many rounds of improvement (Best quality only). Technical name: optimisation steps."))
        self.steps_spin.setEnabled(False)
        self.strength_slider = percent_slider(100, "Strength")
        self.strength_label = QLabel("100%")
        self.colour_check = QCheckBox(self.tr("Keep the picture's colours"))
        self.scale_spin = float_spin(0.5, 3.0, 1.0, 0.25, tip=self.tr("Brush texture scale: above 1 paints bigger marks"))
        self.apply_button = push_button(self.tr("Apply style"), self.apply_style)
        self.cancel_button = push_button(self.tr("Cancel"), self._on_cancel_button_clicked, enabled=False)

        form = QFormLayout()
        form.addRow(self.tr("Apply to"), self.target_combo)
        form.addRow(self.tr("Strength"), row((self.strength_slider, 1), self.strength_label))
        self.custom_controls = QGroupBox(self.tr("Your style"))
        custom_controls = QFormLayout(self.custom_controls)
        custom_controls.addRow(self.tr("Quality"), self.quality_combo)
        custom_controls.addRow(self.tr("Rounds"), self.steps_spin)
        custom_controls.addRow(self.tr("Texture scale"), self.scale_spin)
        custom_controls.addRow("", self.colour_check)

        self.progress_bar = progress_bar(visible=False)
        self.preview_label = QLabel()
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_label.setMinimumHeight(0)
        self.status_label = wrapped_label()

        self.custom_box = QGroupBox(self.tr("Your own style"))
        self.custom_help = wrapped_label(self.tr(
            "Learns from your pictures: their colours, small textures (paper grain, paint dabs, hatching) and marks "
            "up to about a fingertip's size. It can't copy how the painter draws shapes, faces or whole brush strokes "
            "across the picture; for those, use a medium above. Training takes a few minutes."))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name of the style"))
        self.pictures_label = wrapped_label(self.tr("No pictures chosen"))
        self.choose_button = push_button(self.tr("Choose pictures…"), self._on_choose_button_clicked)
        self.train_steps_spin = int_spin(1, 20000, 600, self.tr(
            "How long it learns: more rounds learn more and take longer. Technical name: training steps."))
        self.train_button = push_button(self.tr("Train style"), self.train_custom_style)
        self.train_cancel_button = push_button(self.tr("Stop"), self._on_train_cancel_button_clicked, enabled=False)
        self.train_progress = progress_bar(visible=False)
        custom_form = QFormLayout(self.custom_box)
        custom_form.addRow(self.custom_help)
        custom_form.addRow(self.tr("Name"), self.name_edit)
        custom_form.addRow(self.tr("Pictures"), self.choose_button)
        custom_form.addRow(self.pictures_label)  # a row of its own: a narrow dock squeezed it to one word a line
        custom_form.addRow(self.tr("Training rounds"), self.train_steps_spin)
        custom_form.addRow(row((self.train_button, 1), self.train_cancel_button))
        custom_form.addRow(self.train_progress)

        layout = QVBoxLayout(self)
        layout.addWidget(self.style_list, 1)
        layout.addWidget(self.description_label)
        layout.addWidget(self.medium_box)
        layout.addWidget(self.custom_controls)
        layout.addLayout(form)
        layout.addLayout(row((self.apply_button, 1), self.cancel_button))
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.custom_box)
        self._update_buttons()

    # ----- styles -------------------------------------------------------------------------------
    def reload_styles(self) -> None:
        """Re-read the style cards (no torch) and refill the list, keeping the current choice."""
        self.session.set_cards(self.context.discover("style").cards)
        cards = {card.id: card for card in self.session.cards}
        self.style_list.blockSignals(True)
        self.style_list.clear()
        for kind, key in self.session.choices():
            if kind == KIND_MEDIUM:
                spec = MEDIA[key]
                item = QListWidgetItem(self._words(spec.label))
                thumb = self._medium_thumbnail(key)
                item.setToolTip(self._words(spec.description))
            else:
                card = cards[key]
                item = QListWidgetItem(card_label(card))
                path = card.path / "style.png"
                thumb = self._thumbnail(path) if path.is_file() else None
                item.setToolTip(card.description + ("  (your style)" if card.is_user else ""))
            if thumb is not None:
                item.setIcon(QIcon(thumb))
            item.setData(Qt.ItemDataRole.UserRole, (kind, key))
            self.style_list.addItem(item)
        self.style_list.setCurrentRow(max(0, self.session.choices().index(self.session.choice)
                                          if self.session.choice else 0))
        self.style_list.blockSignals(False)
        self._show_controls()
        self._update_buttons()

    @staticmethod
    def _thumbnail(path: Path) -> QPixmap:
        return QPixmap(str(path)).scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatioByExpanding)

    @classmethod
    def _medium_thumbnail(cls, name: str) -> QPixmap | None:
        path = bundle_root() / "resources" / "styles" / f"medium-{name}.png"
        return cls._thumbnail(path) if path.is_file() else None

    def current_choice(self) -> tuple[str, str] | None:
        """(KIND_MEDIUM, medium name) or (KIND_CARD, card id) of the selected item, or None."""
        return self.session.choice

    def current_medium(self) -> str | None:
        return self.session.chosen_medium()

    def current_card(self) -> ModelCard | None:
        return self.session.chosen_card()

    def select_style(self, name: str) -> bool:
        """Select the medium or your style called ``name``; False if there is none."""
        choice = self.session.find(name)
        if choice is None:
            return False
        self.style_list.setCurrentRow(self.session.choices().index(choice))
        return True

    def medium_settings(self):
        """The medium's sliders as MediumSettings (sliders the medium doesn't show stay at 0.5)."""
        return self.session.medium.value

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
        """Rebuild the medium's sliders from the session (or show your style's controls) for the chosen style."""
        while self.medium_form.rowCount():
            self.medium_form.removeRow(0)  # deletes the old sliders (and the old checkbox)
        self.sliders = {}
        name = self.current_medium()
        card = self.current_card()
        self.medium_box.setVisible(name is not None)
        self.custom_controls.setVisible(card is not None)
        if name is None:
            self.description_label.setText(card.description if card else "")
            return
        spec = MEDIA[name]
        self.description_label.setText(self._words(spec.description))
        medium = self.session.medium
        for control in spec.controls:
            slider = percent_slider(round(medium.get(control.name) * 100), self._words(control.label))
            slider.valueChanged.connect(lambda value, n=control.name: medium.set(**{n: value / 100.0}))
            self.medium_form.addRow(self._words(control.label),
                                    row(QLabel(self._words(control.low)), (slider, 1), QLabel(self._words(control.high))))
            self.sliders[control.name] = slider
        if name == "watercolour":
            self.lines_check = QCheckBox(self.tr("Light pencil drawing under the paint"))
            self.lines_check.setChecked(medium.value.lines)
            self.lines_check.toggled.connect(lambda on: medium.set(lines=on))
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
        try:
            picture, _ = self._source_picture(self.session.settings.value.target)
        except SessionProblem:
            return None  # nothing to preview yet; Apply says why
        request = self.session.preview_request(picture)
        if request is None:
            return None
        if self.preview_handle is not None and not self.preview_handle.is_finished:
            self.preview_handle.cancel()
        handle = self.context.runner.submit(request.job, request, self.tr("Preview"))
        handle.returned.connect(self._on_preview_handle_returned)  # a bound slot: dropped if the dock is deleted
        self.preview_handle = handle
        handle.start()
        return handle

    def controls(self):
        return self.session.controls()

    # ----- applying -----------------------------------------------------------------------------
    def _source_picture(self, target: str):
        """(picture, mask) for the chosen target; raises SessionProblem when the canvas cannot give it."""
        if target == TARGET_PICTURE:
            return self.canvas.document_image(), None
        picture = self.canvas.active_layer_image()
        mask = self.canvas.selection_mask() if target == TARGET_SELECTION and picture is not None else None
        self.session.check_target(target, picture, mask)
        return picture, mask

    def _problem_words(self, code: str) -> str:
        words = {NO_LAYER: self.tr("There is no active layer to paint."),
                 NO_SELECTION: self.tr("Nothing is selected; select an area first, or apply to the whole picture."),
                 NO_EXAMPLE: self.tr("This style has no example picture; use Fast quality.")}
        return words.get(code, self.tr("Choose a style first."))

    def apply_style(self) -> Any:
        """Start applying the selected style to the chosen target; returns the job handle (or None)."""
        target = self.session.settings.value.target
        try:
            request = self.session.apply_request(*self._source_picture(target), self.tr("The picture"))
        except SessionProblem as problem:
            self._show_message(self._problem_words(problem.code))
            return None
        except ArtdeskError as error:
            self._show_message(str(error))
            return None
        if self.handle is not None and not self.handle.is_finished:
            self.handle.cancel()  # a new request makes the running one stale
        card, medium = self.current_card(), self.current_medium()
        label = card.name if card is not None else self._words(MEDIA[medium].label)
        title = (self.tr("Applying %s") if isinstance(request, ApplyRequest) else self.tr("Painting in %s")) % label
        handle = self.context.runner.submit(request.job, request, title)
        self.handle = handle
        return self._run(handle, self.progress_bar, self._on_handle_aborted, lambda h=handle: self._on_handle_finished(h),
                         returned=lambda result, h=handle, n=label, t=target: self._on_handle_returned(h, n, t, result))

    def cancel(self) -> None:
        self.preview_timer.stop()
        for handle in (self.handle, self.train_handle, self.preview_handle):
            if handle is not None and not handle.is_finished:
                handle.cancel()

    # ----- custom styles ------------------------------------------------------------------------
    def set_style_pictures(self, paths: list[str]) -> None:
        self.session.set_style_pictures(paths)
        names = ", ".join(Path(p).name for p in self.style_paths)
        self.pictures_label.setText(names or self.tr("No pictures chosen"))
        self._update_buttons()

    def train_custom_style(self, **overrides: Any) -> Any:
        """Start training a stylizer from the chosen pictures on the training worker; returns the handle."""
        try:
            canvas_picture = np.asarray(self.canvas.document_image())
        except Exception:  # the canvas offering no picture only removes one content picture
            canvas_picture = None
        try:
            request = self.session.train_request(str(self.context.paths.user_models), canvas_picture, **overrides)
        except ArtdeskError as error:
            self._show_message(str(error))
            return None
        handle = self.context.runner.submit(request.job, request, self.tr("Training style %s") % request.name,
                                            worker="training")
        self.train_handle = handle
        return self._run(handle, self.train_progress, self._on_train_handle_aborted,
                         lambda h=handle: self._on_train_handle_finished(h), returned=self._on_train_handle_returned)

    def _run(self, handle, bar, aborted, finished, returned) -> Any:
        """Wire a job to the dock (its progress on ``bar``, previews, errors), show the bar and start it."""
        wire(handle, progress=lambda progress: self._show_progress(bar, progress), partial=self._on_handle_partial,
             returned=returned, errored=self._on_handle_errored, aborted=aborted, finished=finished)
        bar.setValue(0)
        bar.setVisible(True)
        self._update_buttons()
        handle.start()
        return handle

    # ----- slots --------------------------------------------------------------------------------
    def _on_settings_changed(self, names: set[str]) -> None:
        settings = self.session.settings.value
        if "quality" in names:
            self.steps_spin.setEnabled(settings.quality == QUALITY_BEST)
        if "strength" in names:
            self.strength_label.setText(f"{settings.strength}%")

    def _on_medium_changed(self, _names: set[str]) -> None:
        self.schedule_preview()

    def _on_style_list_itemActivated(self, _item: QListWidgetItem) -> None:
        self.apply_style()

    def _on_style_list_currentRowChanged(self, row_index: int) -> None:
        item = self.style_list.item(row_index)
        self.session.choose(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)
        self._show_controls()
        self._update_buttons()

    def _on_preview_timer_timeout(self) -> None:
        self.start_preview()

    def _on_cancel_button_clicked(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _on_choose_button_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Pictures that show the style"), "",
                                                self.tr("Pictures (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff)"))
        if paths:
            self.set_style_pictures(paths)

    def _on_train_cancel_button_clicked(self) -> None:
        if self.train_handle is not None:
            self.train_handle.cancel()

    def _show_progress(self, bar, progress: Progress) -> None:
        if progress.fraction is not None:
            bar.setValue(int(progress.fraction * 1000))
        self.status_label.setText(progress_text(progress.message))

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
        self._finished(handle, "handle", self.progress_bar)

    def _on_train_handle_returned(self, folder: str) -> None:
        self.status_label.setText(self.tr("Your style is ready: %s") % Path(folder).name)
        self.context.models_changed.emit()
        self.style_trained.emit(folder)

    def _on_train_handle_aborted(self) -> None:
        self.status_label.setText(self.tr("Training stopped; no style was saved."))

    def _on_train_handle_finished(self, handle) -> None:
        self._finished(handle, "train_handle", self.train_progress)

    # ----- helpers ------------------------------------------------------------------------------
    def _finished(self, handle, slot: str, bar) -> None:
        """A job of ``slot`` ended: if it is still the current one, hide its bar and forget it."""
        if handle is getattr(self, slot):
            bar.setVisible(False)
            setattr(self, slot, None)
        self._update_buttons()

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
