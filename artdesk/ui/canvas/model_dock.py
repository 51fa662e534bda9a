"""The canvas model dock: generate a grid, vary, interpolate, breed, project the drawing, add as layers.

A view over ``ml.canvas.session.PictureSession``: the controls are bound to its settings; it builds the requests.

``CanvasModelDock(context, canvas)``: ``canvas`` offers ``document_image() -> uint8 HxWx4`` and
``add_layer_from_array(array, name, provenance)``. All model work runs as runner jobs
(each request names its job in ``artdesk.ml.canvas.generate``); this widget starts them and shows results.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QVBoxLayout, QWidget)

from artdesk.core.errors import ArtdeskError
from artdesk.core.jobs import Progress
from artdesk.ml.canvas.requests import Pictures, UpscaleRequest
from artdesk.ml.canvas.session import PictureSession
from artdesk.ui.binding import bind
from artdesk.ui.canvas.grid_history import GridHistory
from artdesk.ui.canvas.names import picture_name, style_label
from artdesk.ui.context import AppContext
from artdesk.ui.help.help_button import QtHelpButton
from artdesk.ui.job_titles import job_title, progress_text
from artdesk.ui.job_wiring import wire
from artdesk.ui.keep_queue import QtKeepQueue
from artdesk.ui.model_names import model_name, model_tip
from artdesk.ui.qimage import array_pixmap
from artdesk.ui.forms import choice_combo, float_spin, int_spin, push_button, refill, row, wrapped_label
from artdesk.ui.plain_slider import QtPlainSlider, between_words

THUMB = 96


class CanvasModelDock(QWidget):
    """Model picker, style, seed, a grid of pictures to pick from, and the actions on picks."""

    pictures_changed = Signal()  # the grid was replaced by a job's result
    layer_added = Signal(str)  # a picture was placed on the canvas as a layer (its name)
    walk_written = Signal(str)  # an interpolation walk was exported (the file path)
    kept = Signal(int, int)  # (kept, offered): a result's pictures went to the gallery; kept < offered: it stopped
    regenerated = Signal(object)  # the picture a provenance record names, made again (uint8 HxWx3)

    def __init__(self, context: AppContext, canvas: Any, parent: QWidget | None = None, *, list_later: bool = False) -> None:
        """``list_later``: the caller fills the model picker itself (``reload_models``), in a step of its own."""
        super().__init__(parent)
        self.context = context
        self.canvas = canvas
        self.session = PictureSession()
        self.handle = None  # the running generation job, if any
        self._keeper = QtKeepQueue(self._keep_picture, self)  # (image, provenance, title) on their way to the gallery
        self._keeper.done.connect(self.kept)
        self.finetune_wizard = None  # the open "Teach it your pictures" wizard, if any
        self._build()
        bind(self.session.settings, {
            "style": self.style_combo, "seed": self.seed_spin, "count": self.count_spin, "truncation": self.surprise_slider,
            "strength": self.strength_spin, "frames": self.frames_spin, "gif": self.gif_check,
            "mutation": self.mutation_spin, "component": self.component_spin, "spread": self.spread_spin,
            "steps": self.project_steps_spin})
        if not list_later:
            self.reload_models()
        context.models_changed.connect(self.reload_models)

    # ----- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.model_combo = QComboBox()
        self.model_combo.setAccessibleName("Image model")
        self.model_combo.currentIndexChanged.connect(self._on_model_combo_currentIndexChanged)
        self.style_combo = QComboBox()
        self.style_combo.setAccessibleName("What to draw")
        self._fill_styles()
        self.seed_spin = int_spin(0, 2**31 - 1, name="Start number", tip=self.tr(
            "The same start number with the same settings makes the same pictures again (technical name: seed)."))
        self.count_spin = int_spin(1, 64, 16)
        self.surprise_slider = QtPlainSlider(0.1, 1.5, 1.0, 0.1, name="Surprise", tip=self.tr(
            "Left: safer, more typical pictures; right: wilder ones. Technical name: truncation, now {0} "
            "(1 is the model's own range)."))
        self.generate_button = push_button(self.tr("Generate"), self.generate)
        self.again_button = push_button(
            self.tr("Generate again"), self.generate_again,
            tip=self.tr("Make the opened picture again, from the settings in its provenance"))
        self.random_seed_button = push_button(self.tr("Shuffle"), self._on_random_seed_button_clicked,
                                              tip=self.tr("Pick a new start number at random"))

        form = QFormLayout()
        form.addRow(self.tr("Model"), row((self.model_combo, 1), QtHelpButton("models")))  # what models can and cannot do
        form.addRow(self.tr("Draw"), self.style_combo)
        form.addRow(self.tr("Start number"), row((self.seed_spin, 1), self.random_seed_button))
        form.addRow(self.tr("Pictures"), self.count_spin)
        form.addRow(self.tr("Surprise"), between_words(self.surprise_slider, self.tr("Safer"), self.tr("Wilder")))

        self.grid = QListWidget()
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(THUMB, THUMB))
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.grid.setMinimumHeight(2 * THUMB + 24)
        self.grid.setToolTip(self.tr("Click to pick (Ctrl-click for several); double-click to add as a layer"))
        self.grid.itemActivated.connect(self._on_grid_itemActivated)
        self.grid.itemSelectionChanged.connect(self._on_grid_itemSelectionChanged)
        self.history = GridHistory()
        self.back_button = push_button(self.tr("◀ Back"), self._on_back_button_clicked,
                                       tip=self.tr("Show the grid before this one (its picks are still there)"))
        self.forward_button = push_button(self.tr("Forward ▶"), self._on_forward_button_clicked,
                                          tip=self.tr("Show the next grid again"))
        self.history_label = QLabel()

        self.add_button = push_button(self.tr("Add picks as layers"), self.add_picks_as_layers)
        self.size_combo = choice_combo(((self.tr("Model size (64 px)"), ("nearest", 1)),
                                        (self.tr("4x, smooth"), ("learned", 4)),
                                        (self.tr("4x, square pixels (pixel art)"), ("nearest", 4))), name="Layer size")
        for index, tip in ((1, self.tr("Made bigger by a small model that fills in detail (a learned upscaler)")),
                           (2, self.tr("Each pixel becomes a 4 x 4 square (nearest neighbour)"))):
            self.size_combo.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)

        self.strength_spin = float_spin(0.0, 2.0, 0.5, 0.1)
        self.vary_button = push_button(self.tr("Vary pick"), self.vary)
        self.frames_spin = int_spin(2, 120, 16)
        self.gif_check = QCheckBox(self.tr("Save the blend as a GIF"))
        self.gif_check.setChecked(True)
        self.interpolate_button = push_button(self.tr("Blend between two picks"), self.interpolate)
        self.mutation_spin = float_spin(0.0, 2.0, 0.3, 0.1)
        self.breed_button = push_button(self.tr("Breed picks"), self.breed)
        self.component_spin = int_spin(1, 16, tip=self.tr("Main directions of change the model learned (1 is the strongest)"))
        self.spread_spin = float_spin(0.1, 6.0, 2.0, 0.5, tip=self.tr("How far to go along the direction"))
        self.explore_button = push_button(self.tr("Slide pick along direction"), self.explore)
        self.project_steps_spin = int_spin(
            0, 1000, 60, tip=self.tr("How long to keep improving the match after the first guess (0: the first guess "
                                     "only). Technical name: optimisation steps after the encoder's guess."))
        self.project_button = push_button(self.tr("Find pictures like my drawing"), self.project_drawing,
                                          tip=self.tr("The model's nearest pictures to your drawing, added as a layer"))

        actions = QGroupBox(self.tr("With the picks"))
        action_form = QFormLayout(actions)
        action_form.addRow(self.tr("Layer size"), row((self.size_combo, 1), self.add_button))
        action_form.addRow(self.tr("Strength"), row(self.strength_spin, (self.vary_button, 1)))
        action_form.addRow(self.tr("Frames"), row(self.frames_spin, self.gif_check, (self.interpolate_button, 1)))
        action_form.addRow(self.tr("Mutation"), row(self.mutation_spin, (self.breed_button, 1)))
        action_form.addRow(self.tr("Direction, how far"),
                           row(self.component_spin, self.spread_spin, (self.explore_button, 1)))
        action_form.addRow(self.tr("Refine steps"), row(self.project_steps_spin, (self.project_button, 1)))

        self.teach_button = push_button(self.tr("Teach it your pictures…"), self.open_finetune_wizard,
                                        tip=self.tr("Fine-tune an image model on a folder of your own pictures"))

        self.cancel_button = push_button(self.tr("Cancel"), self._on_cancel_button_clicked, enabled=False)
        self.status_label = wrapped_label()
        status_row = row((self.status_label, 1), self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.generate_button)
        layout.addWidget(self.again_button)
        history_row = QHBoxLayout()
        history_row.addWidget(self.back_button)
        history_row.addWidget(self.history_label, 1, Qt.AlignmentFlag.AlignCenter)
        history_row.addWidget(self.forward_button)
        layout.addLayout(history_row)
        layout.addWidget(self.grid, 1)
        layout.addWidget(actions)
        layout.addWidget(self.teach_button)
        layout.addLayout(status_row)
        self._update_buttons()

    # ----- models -------------------------------------------------------------------------------
    def reload_models(self) -> None:
        """Re-read the canvas cards (no torch) and refill the picker, keeping the current choice."""
        current = self.model_combo.currentData()
        self.session.cards = self.context.discover("canvas").cards
        refill(self.model_combo, [(self._model_label(card), str(card.path), model_tip(card))
                                  for card in self.session.drawable()], current)
        self._on_model_combo_currentIndexChanged()
        if self.model_combo.count() == 0:
            self.status_label.setText(self.tr("No image models found. Train one with: artdesk train canvas"))
        self._update_buttons()

    def _model_label(self, card) -> str:
        """The model's name, whether it is yours and whether it is still rough (its kind is in the tooltip)."""
        label = model_name(card) + (self.tr(" (yours)") if card.is_user else "")
        return label + self.tr(" · undertrained") if any(t.startswith("undertrained") for t in card.labels) else label

    def _fill_styles(self) -> None:
        """Offer what the chosen model draws, keeping the current choice when it still exists."""
        current = self.session.settings.value.style
        refill(self.style_combo, [(style_label(style), style) for style in self.session.styles()], current)
        self.session.settings.set(style=self.style_combo.currentData())

    @property
    def pictures(self) -> list:
        """The grid's pictures: (image, latent, record) each."""
        return self.session.pictures

    # ----- state --------------------------------------------------------------------------------
    def picked(self) -> list[int]:
        """Indices of the picked pictures, in grid order."""
        return sorted(self.grid.row(item) for item in self.grid.selectedItems())

    def _busy(self) -> bool:
        return self.handle is not None and not self.handle.is_finished

    def _update_buttons(self) -> None:
        has_model = self.model_combo.count() > 0
        picks = len(self.picked())
        self.generate_button.setEnabled(has_model)
        self.again_button.setEnabled(self.session.record is not None)
        self.vary_button.setEnabled(has_model and picks == 1)
        self.explore_button.setEnabled(has_model and picks == 1)
        self.interpolate_button.setEnabled(has_model and picks == 2)
        self.breed_button.setEnabled(has_model and picks >= 2)
        self.add_button.setEnabled(picks >= 1)
        self.project_button.setEnabled(has_model)
        self.cancel_button.setEnabled(self._busy())
        self.back_button.setEnabled(self.history.can_back())
        self.forward_button.setEnabled(self.history.can_forward())
        shown = len(self.history.grids)
        self.history_label.setText(self.tr("Grid {0} of {1}").format(self.history.position + 1, shown) if shown > 1 else "")

    # ----- jobs ---------------------------------------------------------------------------------
    def _start(self, request, title: str, on_returned) -> None:
        """Cancel a stale job, then run the request's job on the model worker (nothing when there is no request)."""
        if request is None:
            return
        if self._busy():
            self.handle.cancel()
        handle = wire(self.context.runner.submit(request.job, request, title), progress=self._on_handle_progress,
                      partial=self._on_handle_partial, returned=on_returned, errored=self._on_handle_errored,
                      aborted=self._on_handle_aborted, finished=self._on_handle_finished)
        self.handle = handle
        self.status_label.setText(self.tr("%s…") % job_title(title))
        handle.start()
        self._update_buttons()

    def generate(self) -> None:
        self._start(self.session.generate_request(), "Generate pictures", self._on_grid_job_returned)

    def vary(self) -> None:
        self._start(self.session.vary_request(self.picked()), "Vary a picture", self._on_grid_job_returned)

    def explore(self) -> None:
        self._start(self.session.explore_request(self.picked()), "Slide along a direction", self._on_grid_job_returned)

    def interpolate(self) -> None:
        request = self.session.interpolate_request(self.picked(), self.context.paths.data / "canvas-walks")
        self._start(request, "Blend between two pictures", self._on_grid_job_returned)

    def breed(self) -> None:
        self._start(self.session.breed_request(self.picked()), "Breed pictures", self._on_grid_job_returned)

    def project_drawing(self) -> None:
        if self.session.card() is None:
            return
        try:
            image = self.canvas.document_image()
        except Exception as error:  # the canvas may have nothing to give
            self.status_label.setText(self.tr("Could not read the drawing: %s") % error)
            return
        self._start(self.session.project_request(image), "Find pictures like the drawing", self._on_project_job_returned)

    def open_finetune_wizard(self, resume_request=None):
        """Show the fine-tune wizard (one at a time); with ``resume_request``, continue that saved run."""
        from artdesk.ui.canvas.finetune.wizard import QtFinetuneWizard

        wizard = self.finetune_wizard
        if wizard is None or not wizard.isVisible():
            if wizard is not None:
                wizard.deleteLater()  # a closed one: its run, if any, was stopped and saved
            wizard = QtFinetuneWizard(self.context, self.window())
            wizard.model_ready.connect(self._on_finetune_wizard_model_ready)
            self.finetune_wizard = wizard
            if resume_request is not None:
                wizard.resume(resume_request)
        elif resume_request is not None:
            self.status_label.setText(self.tr("Finish or close the open “Teach it your pictures” window first."))
        wizard.show()
        wizard.raise_()
        return wizard

    def select_model(self, path: str) -> bool:
        """Make the model at ``path`` the current one in the picker; False if it is not listed."""
        index = self.model_combo.findData(str(path))
        if index >= 0:
            self.model_combo.setCurrentIndex(index)
        return index >= 0

    def add_picks_as_layers(self) -> None:
        for index in self.picked():
            self.add_picture_as_layer(index)

    def add_picture_as_layer(self, index: int) -> None:
        """Place picture ``index`` on the canvas at the chosen size (the learned upscaler runs as a job)."""
        image, latent, provenance = self.pictures[index]
        method, factor = self.size_combo.currentData()
        provenance = dict(provenance, latent=list(latent))
        if factor == 1:
            self._add_layer(image, provenance)
            return
        if method == "nearest":
            self._add_layer(image.repeat(factor, 0).repeat(factor, 1), dict(provenance, upscale=f"nearest x{factor}"))
            return
        upscaler = self.session.first_path("canvas-upscaler")
        if upscaler is None:
            self.status_label.setText(self.tr("The smoothing model is not installed; using square pixels."))
            self._add_layer(image.repeat(factor, 0).repeat(factor, 1), dict(provenance, upscale=f"nearest x{factor}"))
            return
        request = UpscaleRequest(image, factor, "learned", upscaler)
        handle = self.context.runner.submit(request.job, request, "Upscale a picture")
        handle.returned.connect(
            lambda big, p=dict(provenance, upscale=f"learned x{factor}", upscaler=upscaler): self._add_layer(big, p))
        handle.errored.connect(self._on_handle_errored)
        handle.start()

    def _add_layer(self, image, provenance: dict) -> None:
        name = picture_name(provenance) or self.tr("Generated picture")
        self.canvas.add_layer_from_array(image, name, provenance)
        self.layer_added.emit(name)
        self.context.status_message.emit(self.tr("Added layer %s") % name)

    def show_pictures(self, result: Pictures) -> None:
        """Replace the grid with ``result``'s pictures."""
        self.grid.clear()
        self.session.pictures = list(zip(result.images, result.latents, result.provenance))
        for index, image in enumerate(result.images):
            item = QListWidgetItem(QIcon(array_pixmap(image, THUMB)), str(index + 1))
            item.setToolTip(self._describe(result.provenance[index]))
            self.grid.addItem(item)
        self.pictures_changed.emit()
        self._update_buttons()

    def keep_pictures(self, result: Pictures, indices: list[int] | None = None) -> None:
        """Queue pictures of ``result`` for the gallery (PNG with provenance), one per event-loop turn.

        ``kept`` says how many went in once the queue is empty; a full budget or disk stops it (the
        context says why in the status bar) and the pictures stay in the grid.
        """
        pictures = []
        for index in range(len(result.images)) if indices is None else indices:
            record = result.provenance[index]
            title = picture_name(record) or self.tr("Generated picture")
            pictures.append((result.images[index], record, title))
        self._keeper.add(pictures)

    def flush_kept(self) -> None:
        """Keep every queued picture now (the panel is closing)."""
        self._keeper.flush()

    def _keep_picture(self, picture):
        from artdesk.core.image_io import encode_png

        image, record, title = picture
        item = self.context.keep_output("canvas", encode_png(image, record), "png", record, title=title,
                                        thumbnail_png=encode_png(image, None, compress_level=1))
        if item is None:  # full budget or disk: say so once (the context already did, in the status bar)
            self.status_label.setText(self.status_label.text() + " · " +
                                      self.tr("not all kept in the Gallery (see the status bar)"))
        return item

    def restore(self, record: dict) -> list[str]:
        """Set the controls from a picture's provenance and arm "Generate again"; notes for the user."""
        names_a_job, notes = self.session.restore(record)
        if self.session.record is not None:
            self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(self.session.model_path)))
        self._update_buttons()
        return notes if names_a_job else [self.tr("Its provenance names no canvas job, so it cannot be generated again.")]

    def generate_again(self) -> bool:
        """Run the restored record's job with its settings; ``regenerated`` gets the picture it names."""
        if self.session.record is None or self.session.card() is None:
            return False
        try:
            request = self.session.again_request()
        except ArtdeskError as error:
            self.status_label.setText(str(error))
            return False
        self._start(request, "Generate again", self._on_again_job_returned)
        return True

    def _describe(self, provenance: dict) -> str:
        """A grid picture's tooltip: what it shows and the start number that makes it again."""
        said = [picture_name(provenance)] if "style" in provenance else []
        if "seed" in provenance:
            said.append(self.tr("start number %s") % provenance["seed"])
        return ", ".join(said)

    # ----- slots --------------------------------------------------------------------------------
    def _on_model_combo_currentIndexChanged(self, _index: int = -1) -> None:  # noqa: N802 (Qt naming)
        self.session.model_path = self.model_combo.currentData()
        self._fill_styles()

    def _on_random_seed_button_clicked(self) -> None:
        import random

        self.seed_spin.setValue(random.randrange(0, 2**31 - 1))

    def _on_finetune_wizard_model_ready(self, path: str) -> None:
        self.reload_models()
        if self.select_model(path):
            self.status_label.setText(self.tr("The model that learned your pictures is selected: press Generate."))

    def _on_cancel_button_clicked(self) -> None:
        if self._busy():
            self.handle.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    def _on_grid_itemActivated(self, item: QListWidgetItem) -> None:  # noqa: N802 (Qt naming)
        self.add_picture_as_layer(self.grid.row(item))

    def _on_grid_itemSelectionChanged(self) -> None:  # noqa: N802 (Qt naming)
        self._update_buttons()

    def _on_handle_progress(self, progress: Progress) -> None:
        if self.sender() is self.handle:
            pct = "" if progress.fraction is None else f"{progress.fraction * 100:.0f}% "
            self.status_label.setText(f"{pct}{progress_text(progress.message)}")

    def _on_handle_partial(self, partial: Any) -> None:
        if self.sender() is self.handle and isinstance(partial, Pictures):
            self.show_pictures(partial)

    def remember(self, result: Pictures) -> None:
        """Show a finished grid and put it in the Back/Forward history (partial grids are only shown)."""
        self.history.push(result)
        self.show_pictures(result)

    def _on_back_button_clicked(self) -> None:
        if self.history.can_back():
            self.show_pictures(self.history.back())

    def _on_forward_button_clicked(self) -> None:
        if self.history.can_forward():
            self.show_pictures(self.history.forward())

    def _on_grid_job_returned(self, result: Pictures) -> None:
        self.remember(result)
        message = self.tr("%d pictures") % len(result.images)
        for path in result.files:
            message += " · " + self.tr("saved %s") % path
            self.walk_written.emit(path)
        self.status_label.setText(message)
        self.keep_pictures(result)

    def _on_project_job_returned(self, result: Pictures) -> None:
        self.remember(result)
        if result.images:
            self._add_layer(result.images[0], dict(result.provenance[0], latent=list(result.latents[0])))
        self.status_label.setText(self.tr("The nearest picture was added as a new layer."))
        if result.images:
            self.keep_pictures(result, [0])  # the second picture is the drawing as the model sees it

    def _on_again_job_returned(self, result: Pictures) -> None:
        """Show the pictures made again (not kept twice) and pick the one the record names."""
        self.remember(result)
        index = self.session.record.get("index") if self.session.record else None
        if not isinstance(index, int) or not 0 <= index < len(result.images):
            self.status_label.setText(self.tr("Made again, but the record names no picture among them."))
            return
        self.grid.setCurrentRow(index)
        self.regenerated.emit(result.images[index])
        self.status_label.setText(self.tr("Made again: picture %d is the opened one.") % (index + 1))

    def _on_handle_errored(self, message: str, _details: str) -> None:
        self.status_label.setText(message)
        self.context.status_message.emit(message)

    def _on_handle_aborted(self) -> None:
        if self.sender() is self.handle:
            self.status_label.setText(self.tr("Cancelled."))

    def _on_handle_finished(self) -> None:
        self._update_buttons()
