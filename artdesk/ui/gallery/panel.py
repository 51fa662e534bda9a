"""The Gallery panel: filter, sort, rate, tag, delete (with undo), export, and open items back into their panel."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from artdesk.core.errors import ArtdeskError
from artdesk.core.gallery import GalleryItem, ReconcileRequest, reconcile_job
from artdesk.core.provenance import find_card
from artdesk.ui.context import AppContext
from artdesk.ui.gallery.board import BoardDialog
from artdesk.ui.gallery.credentials import QtHowItWasMade
from artdesk.ui.gallery.detail import QtWorkDetail
from artdesk.ui.gallery.model import QtGalleryModel
from artdesk.ui.job_titles import progress_text
from artdesk.ui.vertical_scroller import QtVerticalScroller
from artdesk.ui.widgets.drops import accept_local_files, dropped_paths
from artdesk.ui.widgets.originality import QtOriginalityView

SORTS = (("Newest", "created", True), ("Oldest", "created", False), ("Best rated", "rating", True),
         ("Model", "model", False), ("Start number", "seed", False))
PANEL_FILTERS = (("All panels", None), ("Canvas", "canvas"), ("Music", "music"), ("Poem", "poem"))
BOARD_LIMIT = 200  # works on one board when nothing is selected: the newest of the current filter


class DeleteItemsCommand(QUndoCommand):
    def __init__(self, panel: "GalleryPanel", items: list[GalleryItem]) -> None:
        super().__init__(f"Delete {len(items)} item(s)")
        self.panel, self.ids = panel, [i.id for i in items]

    def redo(self) -> None:
        for item_id in self.ids:
            self.panel.gallery.delete(item_id)
        self.panel.reload()

    def undo(self) -> None:
        for item_id in self.ids:
            self.panel.gallery.restore(item_id)
        self.panel.reload()


class GalleryPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gallery = context.gallery(reconcile=False)  # reconciled on the worker after the first paint
        self.reconcile_job = None
        self.undo_stack = QUndoStack(self)
        self.originality_job = None
        self.board_job = None
        self.sign_job = None
        self.board: BoardDialog | None = None
        self.model = QtGalleryModel(self.gallery) if self.gallery else None
        self._build()
        if self.gallery is None:
            self.status.setText(self.tr("The gallery cannot be opened; see the status bar for why."))
            return
        context.gallery_changed.connect(self.reload)
        self.reload()

    def _build(self) -> None:
        self.panel_filter = QComboBox()
        # literal tr() calls, in the order of PANEL_FILTERS and SORTS, so lupdate finds them
        self.panel_filter.addItems([self.tr("All panels"), self.tr("Canvas"), self.tr("Music"), self.tr("Poem")])
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, tags, model…"))
        self.search.setAccessibleName(self.tr("Search the gallery"))
        self.sort = QComboBox()
        self.sort.addItems([self.tr("Newest"), self.tr("Oldest"), self.tr("Best rated"), self.tr("Model"),
                            self.tr("Start number")])
        self.min_rating = QComboBox()
        self.min_rating.addItems([self.tr("Any rating")] + ["★" * n + "+" for n in range(1, 6)])
        self.favourites = QCheckBox(self.tr("Favourites"))
        for widget in (self.panel_filter, self.sort, self.min_rating):
            widget.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.favourites.toggled.connect(self.reload)
        filters = QHBoxLayout()
        for widget in (self.panel_filter, self.search, self.sort, self.min_rating, self.favourites):
            filters.addWidget(widget, 2 if widget is self.search else 0)

        self.view = QListView()
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAccessibleName(self.tr("Kept works"))
        if self.model is not None:
            self.view.setModel(self.model)
            self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())

        self.detail = QtWorkDetail()
        self.rating = QComboBox()
        self.rating.addItems([self.tr("No rating")] + ["★" * n for n in range(1, 6)])
        self.rating.setAccessibleName(self.tr("Rating"))
        self.rating.activated.connect(self._on_rating_activated)
        self.favourite = QCheckBox(self.tr("Favourite"))
        self.favourite.clicked.connect(self._on_favourite_clicked)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("tags, separated by commas"))
        self.tags.editingFinished.connect(self._on_tags_editing_finished)
        self.open_button = QPushButton(self.tr("Open in its panel"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.export_button = QPushButton(self.tr("Export selected…"))
        self.bundle_button = QPushButton(self.tr("Export bundle…"))
        self.bundle_button.setToolTip(self.tr("One .zip: each selected work with its provenance record, and a manifest"))
        self.originality_button = QPushButton(self.tr("Check originality"))
        self.originality_button.setToolTip(self.tr("Compare with the training data of the model that made it"))
        self.board_button = QPushButton(self.tr("Evaluation board…"))
        self.board_button.setToolTip(self.tr("Novelty, diversity, technique and rating of the selected works "
                                             "(or, with one or none selected, of the newest works shown)"))
        self.originality = QtOriginalityView()
        self.how_made = QtHowItWasMade(self.context)
        self.setAcceptDrops(True)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.bundle_button.clicked.connect(self._on_bundle_button_clicked)
        self.originality_button.clicked.connect(self.check_originality)
        self.board_button.clicked.connect(self.open_board)
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self.delete_selected)

        side = QWidget()
        side.setMinimumWidth(300)  # the detail's preview is 256 px, with margins
        side_layout = QVBoxLayout(side)
        rating_row = QHBoxLayout()
        rating_row.addWidget(self.rating)
        rating_row.addWidget(self.favourite)
        side_layout.addLayout(rating_row)
        side_layout.addWidget(self.tags)
        side_layout.addWidget(self.detail)
        side_layout.addWidget(self.how_made)
        side_layout.addWidget(self.originality)
        side_layout.addStretch(1)
        for button in (self.originality_button, self.board_button, self.open_button, self.delete_button,
                       self.export_button, self.bundle_button):
            side_layout.addWidget(button)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(QtVerticalScroller(side))  # a short window scrolls the column instead of squeezing it
        splitter.setStretchFactor(0, 3)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._on_view_selection_changed()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self.gallery is not None and self.reconcile_job is None:
            QTimer.singleShot(0, self.reconcile)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        accept_local_files(event)

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """A dropped file's Content Credentials show in their box (the first file, if several)."""
        paths = dropped_paths(event)
        if paths:
            self.how_made.check(paths[0])

    def reconcile(self):
        """Match the index to the item files on the worker (once per panel); reload if anything changed."""
        if self.reconcile_job is not None or self.gallery is None:
            return self.reconcile_job
        request = ReconcileRequest(self.gallery.root, self.gallery.budget_bytes)
        handle = self.context.runner.submit(reconcile_job, request, self.tr("Check the gallery"))
        handle.returned.connect(self._on_reconcile_returned)
        handle.errored.connect(self._on_job_errored)
        self.reconcile_job = handle
        handle.start()
        return handle

    def _on_reconcile_returned(self, counts: tuple[int, int]) -> None:
        dropped, added = counts
        if dropped or added:
            self.reload()
            self.status.setText(self.tr("Gallery repaired: {0} missing items dropped, {1} found again.")
                                .format(dropped, added))

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        if self.gallery is None:
            return
        _, sort_key, descending = SORTS[self.sort.currentIndex()]
        filters = dict(
            panel=PANEL_FILTERS[self.panel_filter.currentIndex()][1],
            text=self.search.text().strip(),
            min_rating=self.min_rating.currentIndex(),
            favourites_only=self.favourites.isChecked(),
        )
        self.model.set_filters(**filters, sort=sort_key, descending=descending)
        count = self.gallery.count(**filters)
        if count == 0 and self.gallery.count() == 0:
            self.status.setText(self.tr("Nothing kept yet: everything you generate in Canvas, Music and Poem appears here."))
        else:
            self.status.setText(self.tr("{0} items").format(count))
        self._on_view_selection_changed()

    def selected_items(self) -> list[GalleryItem]:
        """The selected items in view order."""
        if self.model is None:
            return []
        rows = sorted(index.row() for index in self.view.selectionModel().selectedIndexes())
        return [self.model.items[row] for row in rows]

    # -- actions --------------------------------------------------------------------------
    def _on_view_selection_changed(self, *_args) -> None:
        items = self.selected_items()
        for widget in (self.open_button, self.rating, self.favourite, self.tags, self.originality_button):
            widget.setEnabled(len(items) == 1)
        for widget in (self.delete_button, self.export_button, self.bundle_button):
            widget.setEnabled(bool(items))
        self.board_button.setEnabled(self.model is not None and self.model.rowCount() > 0)
        if self.originality_job is None:
            self.originality.clear()
        if len(items) == 1:
            item = items[0]
            self.rating.setCurrentIndex(item.rating)
            self.favourite.setChecked(item.favourite)
            self.tags.setText(", ".join(item.tags))
            self.detail.show_item(item, self.gallery.path(item))
            self.how_made.check(self.gallery.path(item), item.title)
        else:
            self.detail.clear()

    def _update_selected(self, **changes) -> None:
        items = self.selected_items()
        if len(items) != 1:
            return
        try:
            self.model.refresh_item(self.gallery.update(items[0].id, **changes))
        except ArtdeskError as error:
            self.status.setText(str(error))

    def _on_rating_activated(self, index: int) -> None:
        self._update_selected(rating=index)

    def _on_favourite_clicked(self, checked: bool) -> None:
        self._update_selected(favourite=checked)

    def _on_tags_editing_finished(self) -> None:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        if self.selected_items() and tags != self.selected_items()[0].tags:
            self._update_selected(tags=tags)

    def delete_selected(self) -> None:
        items = self.selected_items()
        if items:
            self.undo_stack.push(DeleteItemsCommand(self, items))
            self.status.setText(self.tr("Deleted %n item(s). Undo with Ctrl+Z.", "", len(items)))

    def open_selected(self) -> None:
        items = self.selected_items()
        if len(items) == 1:
            self.context.open_path_requested.emit(str(self.gallery.path(items[0])))

    def _on_export_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"))
        if folder:
            self.export_selected(Path(folder))

    def export_selected(self, folder: Path) -> list[Path]:
        """Copy each selected file with a ``<name>.provenance.json`` beside it; pictures and sounds are then
        signed with Content Credentials on the worker."""
        from artdesk.core.credentials.jobs import SignItem, can_sign

        written: list[Path] = []
        to_sign: list[SignItem] = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for item in self.selected_items():
                target = folder / item.file
                shutil.copy2(self.gallery.path(item), target)
                record = folder / f"{item.file}.provenance.json"
                record.write_text(json.dumps(item.provenance, indent=2, ensure_ascii=False), encoding="utf-8")
                written += [target, record]
                if can_sign(target):
                    to_sign.append(SignItem(target, item.provenance))
        except OSError as error:
            QMessageBox.warning(self, self.tr("Export failed"), str(error))
        self.status.setText(self.tr("Exported {0} files to {1}").format(len(written), folder))
        if to_sign:
            self.sign_job = self._sign(tuple(to_sign))
        return written

    def _sign(self, items):
        from artdesk.core.credentials.jobs import SignRequest, sign_job

        handle = self.context.runner.submit(sign_job, SignRequest(self.context.paths.data, items),
                                            self.tr("Add Content Credentials"))
        handle.returned.connect(lambda result: self.status.setText(" ".join(
            [self.tr("Signed {0} of {1} exported pictures and sounds.").format(len(result.signed), len(items)),
             *result.notes])))
        handle.errored.connect(self._on_job_errored)
        handle.start()
        return handle

    def _on_bundle_button_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export bundle"), "artdesk-bundle.zip", self.tr("Zip (*.zip)"))
        if path:
            self.export_bundle(Path(path))

    def export_bundle(self, destination: Path):
        """Write the selected works, signed, with their provenance and credentials as one .zip, on the worker.

        Returns the job's handle (None when nothing is selected); the status line says how it went.
        """
        from artdesk.core.credentials.jobs import BundleRequest, bundle_job

        ids = tuple(i.id for i in self.selected_items())
        if not ids:
            return None
        request = BundleRequest(self.gallery.root, self.gallery.budget_bytes, ids, destination, self.context.paths.data)
        handle = self.context.runner.submit(bundle_job, request, self.tr("Export bundle"))
        handle.returned.connect(self._on_bundle_returned)
        handle.errored.connect(lambda message, _details: QMessageBox.warning(self, self.tr("Export failed"), message))
        self.status.setText(self.tr("Exporting %n work(s)…", "", len(ids)))
        handle.start()
        return handle

    def _on_bundle_returned(self, summary) -> None:
        message = self.tr("Bundle {0}: %n work(s)", "", len(summary.written)).format(summary.path.name)
        if summary.skipped:
            message += self.tr("; {0} left out (their files are gone)").format(len(summary.skipped))
        self.status.setText(message)

    # -- originality and the board ---------------------------------------------------------
    def works(self, items: list[GalleryItem]):
        """Job inputs for ``items``: each with the installed model that made it ("" if none is)."""
        from artdesk.core.originality import index_cards
        from artdesk.ml.originality import Work

        cards = self.context.discover().cards
        works = []
        for item in items:
            card, _ = find_card(item.provenance, cards)
            note, unavailable, also = "", "", ()
            named = str(item.provenance.get("model") or "")
            if card is not None and card.domain == item.panel:
                found, note = index_cards(card, cards)
                card, also = found[0], tuple(str(c.path) for c in found[1:])
            elif card is not None:
                unavailable = (f"{card.name} is a {card.domain} model: originality is measured for works of the "
                               "canvas, music and poem models.")
                card = None
            elif named:
                unavailable = f"The model that made this work ({named}) is not installed, so its training data is unknown."
            else:
                unavailable = "This work carries no record of the model that made it."
            settings = item.provenance.get("settings") if isinstance(item.provenance.get("settings"), dict) else {}
            wanted = tuple((k, str(settings[k])) for k in ("form", "heads") if settings.get(k) not in (None, ""))
            works.append(Work(item.id, item.panel, item.title, str(self.gallery.path(item)),
                              str(card.path) if card is not None else "", item.rating, wanted, note, unavailable,
                              also))
        return tuple(works)

    def _submit(self, request, title: str, returned, progress=None):
        from artdesk.ml.originality import board_job

        handle = self.context.runner.submit(board_job, request, title)
        handle.returned.connect(returned)
        handle.errored.connect(self._on_job_errored)
        if progress is not None:
            handle.progress.connect(progress)
        return handle

    def check_originality(self):
        """Judge the selected work against its model's training data, on the worker; the answer shows below."""
        from artdesk.ml.originality import BoardRequest

        items = self.selected_items()
        if len(items) != 1:
            return None
        if self.originality_job is not None:
            self.originality_job.cancel()
        self.originality.show_message(self.tr("Comparing with the training data…"))
        handle = self._submit(BoardRequest(self.works(items)), self.tr("Check originality"),
                              lambda result, item=items[0]: self._on_originality_returned(item, result))
        handle.finished.connect(lambda h=handle: self._on_originality_finished(h))
        self.originality_job = handle
        handle.start()
        return handle

    def _on_originality_returned(self, item: GalleryItem, result) -> None:
        row = result.rows[0]
        answer = result.originality.get(item.id)
        if answer is None:
            self.originality.show_message(row.problem)
            return
        self.originality.show_answer(answer, self.model.thumbnail_now(item) if item.panel == "canvas" else None)

    def _on_originality_finished(self, handle) -> None:
        if self.originality_job is handle:
            self.originality_job = None

    def _on_job_errored(self, message: str, _details: str) -> None:
        self.status.setText(message)

    def open_board(self):
        """Judge a batch on the worker (the selection, or the newest works shown) and open the board when done."""
        from artdesk.ml.originality import BoardRequest

        items = self.selected_items()
        if len(items) < 2:
            while len(self.model.items) < BOARD_LIMIT and self.model.canFetchMore():
                self.model.fetchMore()
            items = self.model.items[:BOARD_LIMIT]
        if not items:
            return None
        if self.board_job is not None:
            self.board_job.cancel()
        handle = self._submit(BoardRequest(self.works(items)), self.tr("Evaluation board"), self._on_board_returned,
                              self._on_board_progress)
        handle.finished.connect(lambda h=handle: self._on_board_finished(h))
        self.board_job = handle
        self.status.setText(self.tr("Judging {0} works…").format(len(items)))
        handle.start()
        return handle

    def _on_board_progress(self, progress) -> None:
        self.status.setText(progress_text(progress.message))

    def _on_board_returned(self, result) -> None:
        measured = sum(r.label != "" for r in result.rows)
        self.status.setText(self.tr("Board: {0} of {1} works measured").format(measured, len(result.rows)))
        self.board = BoardDialog(result.rows, self._rate, self)
        self.board.select_requested.connect(self.select_ids)
        self.board.show()

    def _on_board_finished(self, handle) -> None:
        if self.board_job is handle:
            self.board_job = None

    def select_ids(self, item_ids: list[str]) -> None:
        """Select these items in the view (those loaded in it), e.g. the keepers picked on the board."""
        wanted = set(item_ids)
        selection = self.view.selectionModel()
        selection.clearSelection()
        for row, item in enumerate(self.model.items):
            if item.id in wanted:
                selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        self.status.setText(self.tr("{0} works selected from the board").format(len(self.selected_items())))

    def _rate(self, item_id: str, rating: int) -> None:
        self.model.refresh_item(self.gallery.update(item_id, rating=rating))
