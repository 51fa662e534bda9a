"""The layer list: top layer first, a checkbox to show or hide each, double-click to rename,
an opacity slider for the selected layer, and buttons to add, duplicate, delete, move and merge."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from artdesk.ui.canvas.editor import QtCanvasEditor
from artdesk.ui.qimage import array_to_qimage

THUMB = 40


def layer_thumbnail(pixels, size: int = THUMB) -> QPixmap:
    """A small preview of a layer's pixels (over grey, so transparency shows)."""
    height, width = pixels.shape[:2]
    step = max(1, int(max(height, width) / size))
    return QPixmap.fromImage(array_to_qimage(pixels[::step, ::step]).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio))


class QtLayerList(QWidget):
    def __init__(self, editor: QtCanvasEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.list = QListWidget()
        self.list.setAccessibleName("Layers")
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.currentRowChanged.connect(self._on_list_currentRowChanged)
        self.list.itemChanged.connect(self._on_list_itemChanged)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setAccessibleName("Layer opacity")
        self.opacity.setTracking(False)  # recompose once on release, not at every pixel of a drag
        self.opacity.sliderMoved.connect(self._on_opacity_sliderMoved)
        self.opacity.valueChanged.connect(self._on_opacity_valueChanged)
        self.opacity_label = QLabel()
        opacity_row = QHBoxLayout()
        opacity_row.addWidget(QLabel(self.tr("Opacity")))
        opacity_row.addWidget(self.opacity, 1)
        opacity_row.addWidget(self.opacity_label)
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("new", self.tr("New"), self.tr("New layer"), self._on_new_button_clicked),
            ("duplicate", self.tr("Copy"), self.tr("Duplicate layer"), self._on_duplicate_button_clicked),
            ("up", self.tr("Up"), self.tr("Move layer up"), self._on_up_button_clicked),
            ("down", self.tr("Down"), self.tr("Move layer down"), self._on_down_button_clicked),
            ("merge", self.tr("Merge"), self.tr("Merge into the layer below"), self._on_merge_button_clicked),
            ("delete", self.tr("Delete"), self.tr("Delete layer"), self._on_delete_button_clicked),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(opacity_row)
        layout.addLayout(buttons)
        editor.layers_changed.connect(self._on_editor_layers_changed)
        editor.active_layer_changed.connect(self._on_editor_active_layer_changed)
        editor.undo_stack.indexChanged.connect(self._on_undo_stack_indexChanged)
        self.rebuild()

    def _row_of(self, index: int) -> int:
        return len(self.editor.document.layers) - 1 - index

    def rebuild(self) -> None:
        """Refill the list from the document (top layer first)."""
        with QSignalBlocker(self.list):
            self.list.clear()
            for layer in reversed(self.editor.document.layers):
                item = QListWidgetItem(QIcon(layer_thumbnail(layer.pixels)), layer.name)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
                item.setCheckState(Qt.CheckState.Checked if layer.visible else Qt.CheckState.Unchecked)
                tip = self.tr("Opacity %d%%") % round(layer.opacity * 100)
                if layer.provenance:
                    tip += "\n" + ", ".join(f"{k}: {v}" for k, v in layer.provenance.items() if not isinstance(v, (list, dict)))
                item.setToolTip(tip)
                self.list.addItem(item)
            self.list.setCurrentRow(self._row_of(self.editor.active_index))
        self._show_active()

    def refresh_thumbnails(self) -> None:
        if self.list.count() != len(self.editor.document.layers):
            return  # the stack is changing; the rebuild that follows draws fresh thumbnails
        with QSignalBlocker(self.list):  # an icon change is not the user renaming or hiding a layer
            for index, layer in enumerate(self.editor.document.layers):
                self.list.item(self._row_of(index)).setIcon(QIcon(layer_thumbnail(layer.pixels)))

    def _show_active(self) -> None:
        layer = self.editor.active_layer
        with QSignalBlocker(self.opacity):
            self.opacity.setValue(round(layer.opacity * 100) if layer else 100)
        self.opacity_label.setText(f"{self.opacity.value()}%")
        count = len(self.editor.document.layers)
        index = self.editor.active_index
        self.buttons["delete"].setEnabled(count > 1)
        self.buttons["up"].setEnabled(index < count - 1)
        self.buttons["down"].setEnabled(index > 0)
        self.buttons["merge"].setEnabled(index > 0)

    # ----- slots -------------------------------------------------------------------------------
    def _on_editor_layers_changed(self) -> None:
        self.rebuild()

    def _on_editor_active_layer_changed(self, index: int) -> None:
        with QSignalBlocker(self.list):
            self.list.setCurrentRow(self._row_of(index))
        self._show_active()

    def _on_undo_stack_indexChanged(self, _index: int) -> None:  # noqa: N802 (Qt naming)
        self.refresh_thumbnails()

    def _on_list_currentRowChanged(self, row: int) -> None:  # noqa: N802 (Qt naming)
        if row >= 0:
            self.editor.set_active(self._row_of(row))
            self._show_active()

    def _on_list_itemChanged(self, item: QListWidgetItem) -> None:  # noqa: N802 (Qt naming)
        index = self._row_of(self.list.row(item))
        layer = self.editor.document.layers[index]
        visible = item.checkState() == Qt.CheckState.Checked
        # Applied from the event loop: the change rebuilds this list, which must not delete the item
        # while Qt is still inside its setData().
        if visible != layer.visible:
            QTimer.singleShot(0, lambda: self._set_property(layer, "visible", visible))
        elif item.text() != layer.name:
            text = item.text()
            QTimer.singleShot(0, lambda: self._set_property(layer, "name", text))

    def _set_property(self, layer, name: str, value) -> None:
        if any(candidate is layer for candidate in self.editor.document.layers):
            self.editor.set_layer_property(self.editor.document.index_of(layer), name, value)

    def _on_opacity_valueChanged(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.opacity_label.setText(f"{value}%")
        if self.editor.active_layer is not None:
            self.editor.set_layer_property(self.editor.active_index, "opacity", value / 100.0)

    def _on_opacity_sliderMoved(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.opacity_label.setText(f"{value}%")

    def _on_new_button_clicked(self) -> None:
        self.editor.new_layer()

    def _on_duplicate_button_clicked(self) -> None:
        self.editor.duplicate_layer()

    def _on_up_button_clicked(self) -> None:
        self.editor.move_layer(self.editor.active_index, +1)

    def _on_down_button_clicked(self) -> None:
        self.editor.move_layer(self.editor.active_index, -1)

    def _on_merge_button_clicked(self) -> None:
        self.editor.merge_down()

    def _on_delete_button_clicked(self) -> None:
        self.editor.delete_layer()
