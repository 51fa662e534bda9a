"""Wizard page 1: choose pictures (a folder, files, or drop them), see the audit, pick the crop, preview.

The audit and the preview run as background jobs (``audit.audit_files``, ``audit.preview_pictures``);
the preview grid shows ``prepare_picture``'s output, exactly what will be trained.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.jobs import Progress
from artdesk.ml.canvas.finetune.audit import (
    SUPPORTED_SUFFIXES,
    FolderAudit,
    PreviewRequest,
    audit_files,
    distinct_names,
    preview_pictures,
)
from artdesk.ml.canvas.finetune.session import CENTRE, EACH, FIT, FinetuneSession
from artdesk.ui.binding import bind
from artdesk.ui.canvas.finetune.job_slot import QtJobSlot
from artdesk.ui.canvas.finetune.page import NOTICE_STYLE, QtFinetunePage
from artdesk.ui.qimage import array_pixmap
from artdesk.ui.forms import choice_combo, push_button, row, wrapped_label

PREVIEW_CELL = 80
PREVIEW_LIMIT = 120  # the grid shows this many; all are trained


class QtPicturesPage(QtFinetunePage):
    """Pictures in, audit and preview out; complete when enough usable pictures are found."""

    def __init__(self, context, session: FinetuneSession, parent=None) -> None:
        super().__init__(context, session, parent)
        self.setTitle(self.tr("Your pictures"))
        self.setSubTitle(self.tr("Choose a folder or drop pictures here. artdesk checks them and shows exactly "
                                 "what the model will learn from."))
        self.setAcceptDrops(True)
        self.previews: dict[str, Any] = {}
        self.audit_jobs = QtJobSlot(context.runner, parent=self)
        self.preview_jobs = QtJobSlot(context.runner, parent=self)
        self.item_jobs = QtJobSlot(context.runner, parent=self)  # one picture re-rendered after its crop changed
        self._build()
        bind(session.settings, {"crop": self.crop_combo})
        session.settings.connect(self._on_settings_changed)

    def _build(self) -> None:
        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName("Picture folder")
        self.folder_edit.setPlaceholderText(self.tr("A folder of PNG, JPEG, WebP, GIF, BMP or TIFF pictures"))
        self.folder_edit.returnPressed.connect(self._on_folder_edit_returnPressed)
        choose_row = row((self.folder_edit, 1), push_button(self.tr("Folder…"), self._on_browse_clicked),
                         push_button(self.tr("Add files…"), self._on_add_files_clicked))
        self.status = wrapped_label(self.tr("No pictures chosen yet."))
        self.warnings = wrapped_label(style=NOTICE_STYLE)
        self.warnings.hide()
        self.details = QTreeWidget()
        self.details.setHeaderLabels([self.tr("File"), self.tr("Notes")])
        self.details.setAccessibleName("Audit")
        self.details.currentItemChanged.connect(self._on_details_currentItemChanged)
        self.note = wrapped_label()  # the current row's note in full: a skipped file's reason is a sentence
        self.crop_combo = choice_combo(((self.tr("Centre crop"), CENTRE), (self.tr("Fit with padding"), FIT),
                                        (self.tr("Choose per picture"), EACH)), name="Crop")
        self.crop_hint = wrapped_label()
        self.grid = QListWidget()
        self.grid.setViewMode(QListWidget.ViewMode.IconMode)
        self.grid.setIconSize(QSize(PREVIEW_CELL, PREVIEW_CELL))
        self.grid.setGridSize(QSize(PREVIEW_CELL + 40, PREVIEW_CELL + 28))  # fixed cells: long names never overlap
        self.grid.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keeps the end of a name (the full path is the tip)
        self.grid.setMovement(QListWidget.Movement.Static)
        self.grid.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.grid.setAccessibleName("Training preview")
        self.grid.itemActivated.connect(self._on_grid_itemActivated)
        preview = QVBoxLayout()
        preview.setContentsMargins(0, 0, 0, 0)
        preview.addLayout(row(QLabel(self.tr("Crop:")), self.crop_combo, (self.crop_hint, 1)))
        preview.addWidget(self.grid, 1)
        preview_box = QWidget()
        preview_box.setLayout(preview)
        audit = QVBoxLayout()
        audit.setContentsMargins(0, 0, 0, 0)
        audit.addWidget(self.details, 1)
        audit.addWidget(self.note)
        audit_box = QWidget()
        audit_box.setLayout(audit)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(audit_box)
        split.addWidget(preview_box)
        split.setStretchFactor(1, 2)
        split.setSizes([360, 500])  # the audit's notes need room too (the wizard opens 900 px wide)
        layout = QVBoxLayout(self)
        layout.addLayout(choose_row)
        layout.addWidget(self.status)
        layout.addWidget(self.warnings)
        layout.addWidget(split, 1)
        self._update_crop_hint()

    # ----- choosing -----------------------------------------------------------------------------
    def set_sources(self, paths: list[Path]) -> None:
        """Audit these folders and files (replacing the earlier choice)."""
        self.session.set_sources(paths)
        self.folder_edit.setText(str(self.sources[0]) if len(self.sources) == 1 else
                                 self.tr("{0} dropped items").format(len(self.sources)))
        self.previews = {}
        self.grid.clear()
        self.details.clear()
        self.warnings.hide()
        self.completeChanged.emit()
        if not self.sources:
            self.status.setText(self.tr("No pictures chosen yet."))
            return
        missing = self.session.missing_sources()
        if missing:
            self.status.setText(self.tr("{0} does not exist (moved or deleted?). Choose another folder.")
                                .format(missing[0]))
            return
        self.status.setText(self.tr("Checking the pictures…"))
        self.audit_jobs.start(audit_files, tuple(self.sources), "Check pictures", returned=self._on_audit_returned,
                              progress=self._on_audit_progress, errored=self._on_job_errored)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        event.acceptProposedAction()
        if paths:
            self.set_sources(paths)

    # ----- state (the session's) ------------------------------------------------------------------
    @property
    def sources(self) -> list[Path]:
        return self.session.sources

    @property
    def audit(self) -> FolderAudit | None:
        return self.session.audit

    @property
    def default_crop(self) -> str:
        return self.session.default_crop

    def crop_of(self, path: Path | str) -> str:
        return self.session.crop_of(path)

    def crop_overrides(self) -> tuple[tuple[str, str], ...]:
        return self.session.crop_overrides()

    def files(self) -> tuple[str, ...]:
        return self.session.files()

    def isComplete(self) -> bool:  # noqa: N802 (Qt naming)
        return self.session.pictures_ready

    # ----- showing ----------------------------------------------------------------------------------
    def _show_audit(self, audit: FolderAudit) -> None:
        self.session.audit = audit
        self.status.setText(self.tr("Pictures to use: {0} · skipped: {1} · duplicates left out: {2}")
                            .format(len(audit.usable), len(audit.skipped), len(audit.duplicates)))
        self.warnings.setText("\n".join(audit.warnings))
        self.warnings.setVisible(bool(audit.warnings))
        self.details.clear()
        for title, rows in (
            (self.tr("Used ({0})"), [(i.path, "; ".join((f"{i.width}x{i.height} {i.mode}",) + i.notes))
                                     for i in audit.usable]),
            (self.tr("Skipped ({0})"), [(s.path, s.reason) for s in audit.skipped]),
            (self.tr("Duplicates ({0})"), [(dropped, self.tr("same picture as {0}").format(distinct_names(dropped, kept)[1]))
                                           for dropped, kept in audit.duplicates]),
        ):
            group = QTreeWidgetItem([title.format(len(rows)), ""])
            for path, note in rows:
                child = QTreeWidgetItem([Path(path).name, note])
                child.setToolTip(0, str(path))
                child.setToolTip(1, note)
                group.addChild(child)
            self.details.addTopLevelItem(group)
            group.setExpanded(bool(rows) and title != self.tr("Used ({0})"))
        self.details.resizeColumnToContents(0)
        first_problem = next((group.child(0) for group in (self.details.topLevelItem(1), self.details.topLevelItem(2))
                              if group.childCount()), None)
        if first_problem is not None:
            self.details.setCurrentItem(first_problem)  # shows why the first file was left out, in full
        self.completeChanged.emit()
        self._render_preview()

    def _render_preview(self, only: str | None = None) -> None:
        """Render the grid (or just picture ``only``) in the background."""
        if self.audit is None or not self.audit.usable:
            return
        paths = [str(i.path) for i in self.audit.usable[:PREVIEW_LIMIT]] if only is None else [only]
        if only is None:
            self.grid.clear()
            for path in paths:
                item = QListWidgetItem(Path(path).name)
                item.setData(Qt.ItemDataRole.UserRole, path)
                item.setToolTip(path)
                self.grid.addItem(item)
        request = PreviewRequest(tuple((p, self.crop_of(p)) for p in paths), self.size())
        jobs = self.preview_jobs if only is None else self.item_jobs
        jobs.start(preview_pictures, request, "Preview pictures", partial=self._on_preview_partial,
                   errored=self._on_job_errored)
        more = len(self.audit.usable) - PREVIEW_LIMIT
        if more > 0 and only is None:
            self.status.setText(self.status.text() + " · " + self.tr("the preview shows the first {0}").format(PREVIEW_LIMIT))

    def size(self) -> int:
        return self.session.training_size()

    def _grid_item(self, path: str) -> QListWidgetItem | None:
        items = (self.grid.item(index) for index in range(self.grid.count()))
        return next((item for item in items if item.data(Qt.ItemDataRole.UserRole) == path), None)

    def _update_crop_hint(self) -> None:
        hints = {CENTRE: self.tr("The middle square of each picture."),
                 FIT: self.tr("Each picture whole, padded with white."),
                 EACH: self.tr("Double-click a picture to switch it between centre crop and fit.")}
        self.crop_hint.setText(hints[self.session.settings.value.crop])

    # ----- slots --------------------------------------------------------------------------------------
    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of your pictures"), self.folder_edit.text())
        if folder:
            self.set_sources([Path(folder)])

    def _on_add_files_clicked(self) -> None:
        pattern = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Your pictures"), "",
                                                self.tr("Pictures ({0})").format(pattern))
        if files:
            self.set_sources([Path(f) for f in files])

    def _on_folder_edit_returnPressed(self) -> None:  # noqa: N802 (Qt naming)
        text = self.folder_edit.text().strip()
        self.set_sources([Path(text)] if text else [])

    def _on_settings_changed(self, names: set[str]) -> None:
        if "crop" in names:
            self._update_crop_hint()
            self._render_preview()

    def _on_grid_itemActivated(self, item: QListWidgetItem) -> None:  # noqa: N802 (Qt naming)
        path = item.data(Qt.ItemDataRole.UserRole)
        if self.session.toggle_crop(path):
            self._render_preview(only=path)

    def _on_details_currentItemChanged(self, item: QTreeWidgetItem | None, _previous) -> None:  # noqa: N802 (Qt naming)
        note = item.text(1) if item is not None else ""
        self.note.setText(f"{item.text(0)}: {note}" if note else "")

    def _on_audit_progress(self, progress: Progress) -> None:
        self.status.setText(progress.message)

    def _on_audit_returned(self, audit: FolderAudit) -> None:
        self._show_audit(audit)

    def _on_preview_partial(self, entry) -> None:
        path, pixels, problem = entry
        item = self._grid_item(path)
        if item is None:
            return
        if pixels is None:
            item.setText(self.tr("unreadable"))
            item.setToolTip(problem)
            return
        self.previews[path] = pixels
        item.setIcon(QIcon(array_pixmap(pixels, PREVIEW_CELL)))
        if self.session.settings.value.crop == EACH:
            item.setText(self.tr("fit") if self.crop_of(path) == FIT else self.tr("centre"))

    def _on_job_errored(self, message: str) -> None:
        self.status.setText(message)
        self.completeChanged.emit()
