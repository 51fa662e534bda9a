"""The snapshots of a fine-tuned model, each with its KID and too-close rate: use one as the model's
weights, export one as a model of its own, or delete one (``ml.canvas.finetune.jobs.snapshot_job``)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from artdesk.ml.canvas.finetune.requests import SnapshotAction
from artdesk.ui.canvas.finetune.job_slot import QtJobSlot
from artdesk.ui.forms import push_button, row, wrapped_label


class QtSnapshotList(QWidget):
    """Lists ``model_dir``'s snapshots and acts on the selected one; other models see the change via
    ``models_changed``."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model_dir: Path | None = None
        self.infos: list[Any] = []
        self.jobs = QtJobSlot(context.runner, parent=self)
        self.list = QListWidget()
        self.list.setAccessibleName("Snapshots")
        self.list.itemSelectionChanged.connect(self._on_list_itemSelectionChanged)
        self.best_button = push_button(
            self.tr("Use this snapshot"), self._on_best_button_clicked,
            tip=self.tr("Make the model use the weights of this snapshot (e.g. before it began to copy)"))
        self.export_button = push_button(self.tr("Export…"), self._on_export_button_clicked,
                                         tip=self.tr("Save this snapshot as a model of its own"))
        self.delete_button = push_button(self.tr("Delete"), self._on_delete_button_clicked)
        self.status = wrapped_label()
        buttons = row(self.best_button, self.export_button, self.delete_button, None)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._update_buttons()

    def show_model(self, model_dir: Path | str) -> None:
        self.model_dir = Path(model_dir)
        self._run(SnapshotAction(str(self.model_dir)))

    def selected_step(self) -> int | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _run(self, action) -> None:
        self.status.setText(self.tr("Working…") if action.action != "list" else "")
        self.jobs.start(action.job, action, "Model snapshots", returned=self._on_job_returned,
                        errored=self._on_job_errored, finished=self._update_buttons)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_step() is not None and not self.jobs.busy
        for button in (self.best_button, self.export_button, self.delete_button):
            button.setEnabled(chosen)

    def _describe(self, info, base_kid: float | None) -> str:
        parts = [self.tr("step {0}").format(info.step)]
        if info.step == 0:
            parts.append(self.tr("the base model"))
        elif info.kid is not None and base_kid is not None:
            parts.append(self.tr("closer than the base model") if info.kid < base_kid else
                         self.tr("not closer than the base model"))
        if info.too_close is not None:
            parts.append(self.tr("too close {0:.0%}").format(info.too_close))
        if info.is_best:
            parts.append(self.tr("in use"))
        return " · ".join(parts)

    # ----- slots --------------------------------------------------------------------------------
    def _on_job_returned(self, result) -> None:
        infos, exported = result
        action = self.jobs.handle.request.action
        step = self.jobs.handle.request.step
        self.infos = list(infos)
        self.list.clear()
        base_kid = next((info.kid for info in self.infos if info.step == 0), None)
        for info in self.infos:
            item = QListWidgetItem(self._describe(info, base_kid))
            item.setData(Qt.ItemDataRole.UserRole, info.step)
            self.list.addItem(item)
        messages = {"best": self.tr("The model now uses the snapshot of step {0}.").format(step),
                    "export": self.tr("Saved the snapshot of step {0} as {1}.").format(step, exported),
                    "delete": self.tr("Deleted the snapshot of step {0}.").format(step)}
        self.status.setText(messages.get(action, "" if self.infos else self.tr("This model kept no snapshots.")))
        if action in ("best", "export"):
            self.context.models_changed.emit()

    def _on_job_errored(self, message: str) -> None:
        self.status.setText(message)

    def _on_list_itemSelectionChanged(self) -> None:  # noqa: N802 (Qt naming)
        self._update_buttons()

    def _on_best_button_clicked(self) -> None:
        self._run(SnapshotAction(str(self.model_dir), "best", self.selected_step()))

    def _on_export_button_clicked(self) -> None:
        start = str(self.context.paths.user_models / "canvas")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the snapshot into"), start)
        if folder:
            self._run(SnapshotAction(str(self.model_dir), "export", self.selected_step(), folder))

    def _on_delete_button_clicked(self) -> None:
        self._run(SnapshotAction(str(self.model_dir), "delete", self.selected_step()))
