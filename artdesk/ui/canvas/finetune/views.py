"""Views of a running fine-tune: the sample strip with its scrubber, the loss plot, the closest pairs.

They only show what ``Snapshot`` objects carry (see ``artdesk.ml.canvas.finetune.run``); pixmaps are
made here, on the UI thread.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QSlider, QVBoxLayout, QWidget

from artdesk.ui.qimage import array_pixmap

STRIP_CELL = 72


def side_by_side(left: np.ndarray, right: np.ndarray, gap: int = 2) -> np.ndarray:
    """Two pictures in one array, a white gap between (the closest-pair thumbnail)."""
    height = max(left.shape[0], right.shape[0])
    out = np.full((height, left.shape[1] + gap + right.shape[1], 3), 255, np.uint8)
    out[:left.shape[0], :left.shape[1]] = left[..., :3]
    out[:right.shape[0], left.shape[1] + gap:] = right[..., :3]
    return out


class QtSampleStrip(QWidget):
    """The samples of every snapshot so far; a scrubber goes back through them (follows the newest)."""

    shown_changed = Signal(int)  # the index of the snapshot now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshots: list[Any] = []
        self.strip = QListWidget()
        self.strip.setViewMode(QListWidget.ViewMode.IconMode)
        self.strip.setIconSize(QSize(STRIP_CELL, STRIP_CELL))
        self.strip.setMovement(QListWidget.Movement.Static)
        self.strip.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.strip.setMinimumHeight(STRIP_CELL + 28)
        self.strip.setMaximumHeight(2 * STRIP_CELL + 48)  # two rows at most: the plot and the pairs need the room
        self.strip.setAccessibleName("Samples")
        self.strip.setSelectionMode(QListWidget.SelectionMode.NoSelection)  # only to look at: no empty focus box
        self.strip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scrubber = QSlider(Qt.Orientation.Horizontal)
        self.scrubber.setRange(0, 0)
        self.scrubber.setEnabled(False)
        self.scrubber.setAccessibleName("Snapshot")
        self.scrubber.setToolTip(self.tr("Drag back to see what the model drew at earlier steps"))
        self.scrubber.valueChanged.connect(self._on_scrubber_valueChanged)
        self.caption = QLabel(self.tr("Samples appear here as the model learns."))
        row = QHBoxLayout()
        row.addWidget(self.scrubber, 1)
        row.addWidget(self.caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.strip)
        layout.addLayout(row)

    @property
    def shown(self) -> int:
        return self.scrubber.value()

    def add(self, snapshot: Any) -> None:
        """Add a snapshot in step order (one of the same step, republished on resume, replaces it); the view
        follows the newest unless the user scrubbed back."""
        following = not self.snapshots or self.scrubber.value() == len(self.snapshots) - 1
        steps = [s.step for s in self.snapshots]
        if snapshot.step in steps:
            index = steps.index(snapshot.step)
            self.snapshots[index] = snapshot
        else:
            index = sum(step < snapshot.step for step in steps)
            self.snapshots.insert(index, snapshot)
        self.scrubber.setRange(0, len(self.snapshots) - 1)
        self.scrubber.setEnabled(len(self.snapshots) > 1)
        target = len(self.snapshots) - 1 if following else self.scrubber.value()
        if self.scrubber.value() == target:
            self._show(target)
        else:
            self.scrubber.setValue(target)

    def clear(self) -> None:
        self.snapshots = []
        self.strip.clear()
        self.scrubber.setRange(0, 0)
        self.scrubber.setEnabled(False)

    def _show(self, index: int) -> None:
        snapshot = self.snapshots[index]
        self.strip.clear()
        for number, sample in enumerate(snapshot.samples):
            item = QListWidgetItem(QIcon(array_pixmap(sample, STRIP_CELL)), "")
            item.setToolTip(self.tr("Seed {0}").format(number))
            self.strip.addItem(item)
        self.caption.setText(self.tr("Step {0} ({1} of {2})").format(snapshot.step, index + 1, len(self.snapshots)))
        self.shown_changed.emit(index)

    def _on_scrubber_valueChanged(self, value: int) -> None:  # noqa: N802 (Qt naming)
        if 0 <= value < len(self.snapshots):
            self._show(value)


class QtLossPlot(QWidget):
    """The discriminator and generator losses against the step, drawn with QPainter."""

    COLOURS = {"d": QColor(200, 60, 60), "g": QColor(40, 100, 200)}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[tuple[int, float, float]] = []
        self.setMinimumSize(240, 120)
        self.setToolTip(self.tr("Red: how well the critic tells your pictures from the model's; "
                                "blue: the model's loss. Wild swings or one line running away mean trouble."))

    def set_history(self, history: Sequence[tuple[int, float, float]]) -> None:
        self.history = [(int(s), float(d), float(g)) for s, d, g in history
                        if np.isfinite(d) and np.isfinite(g)]
        self.update()

    def scaled_points(self, column: int) -> list[QPointF]:
        """Points of loss ``column`` (1: d, 2: g) in widget coordinates, with a margin."""
        if len(self.history) < 2:
            return []
        steps = [h[0] for h in self.history]
        values = [v for h in self.history for v in h[1:]]
        low, high = min(values), max(values)
        span_x, span_y = max(1, steps[-1] - steps[0]), max(1e-9, high - low)
        margin, width, height = 6.0, self.width() - 12.0, self.height() - 24.0
        return [QPointF(margin + (h[0] - steps[0]) / span_x * width, margin + (high - h[column]) / span_y * height)
                for h in self.history]

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if len(self.history) < 2:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("The losses appear after a few steps."))
            return
        for column, key in ((1, "d"), (2, "g")):
            points = self.scaled_points(column)
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.setPen(QPen(self.COLOURS[key], 1.5))
            painter.drawPath(path)
        painter.setPen(self.palette().text().color())
        caption = self.tr("step {0}: critic {1:.3f}, model {2:.3f}").format(*self.history[-1])
        painter.drawText(6, self.height() - 4, caption)
        self._draw_legend(painter, 6 + painter.fontMetrics().horizontalAdvance(caption) + 16)

    def _draw_legend(self, painter: QPainter, left: int) -> None:
        """The lines' names in their colours, bottom right, if they fit right of ``left``."""
        metrics = painter.fontMetrics()
        names = ((self.tr("critic"), "d"), (self.tr("model"), "g"))
        x = self.width() - 8 - sum(metrics.horizontalAdvance(name) for name, _ in names) - 12
        if x < left:
            return
        for name, key in names:
            painter.setPen(self.COLOURS[key])
            painter.drawText(x, self.height() - 4, name)
            x += metrics.horizontalAdvance(name) + 12


class QtClosestPairs(QWidget):
    """Generated pictures beside the training picture nearest to each, with the distance: copying shows here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pairs = QListWidget()
        self.pairs.setViewMode(QListWidget.ViewMode.IconMode)
        self.pairs.setIconSize(QSize(2 * STRIP_CELL + 4, STRIP_CELL))
        self.pairs.setMovement(QListWidget.Movement.Static)
        self.pairs.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.pairs.setMinimumHeight(STRIP_CELL + 36)
        self.pairs.setAccessibleName("Closest pairs")
        self.metrics = QLabel()
        self.metrics.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fff3cd; color: #533f03; padding: 4px; }")
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.metrics)
        layout.addWidget(self.pairs)
        layout.addWidget(self.warning)

    def show_snapshot(self, snapshot: Any) -> None:
        """Metrics, pairs and the copying warning of one snapshot (the one the strip shows)."""
        parts = [self.tr("Step {0}").format(snapshot.step)]
        if snapshot.kid is not None and snapshot.base_kid is None:
            parts.append(self.tr("the base model, before training"))
        elif snapshot.kid is not None:
            parts.append(self.tr("closer to your held-out pictures than the base model") if snapshot.kid < snapshot.base_kid
                         else self.tr("not closer to your held-out pictures than the base model yet"))
        if snapshot.diversity is not None and snapshot.user_diversity:
            parts.append(self.tr("variety {0:.0%} of your pictures").format(snapshot.diversity / snapshot.user_diversity))
        if snapshot.too_close is not None:
            parts.append(self.tr("too close to a training picture: {0:.0%}").format(snapshot.too_close))
        if snapshot.kid is None and snapshot.too_close is None:
            parts.append(self.tr("no measurement at this step"))
        self.metrics.setText(" · ".join(parts))
        self.pairs.clear()
        for generated, training, distance in snapshot.closest_pairs:
            item = QListWidgetItem(QIcon(array_pixmap(side_by_side(generated, training), 2 * STRIP_CELL + 4)),
                                   f"{distance:.3f}")
            item.setToolTip(self.tr("Left: generated; right: the nearest of your pictures (distance {0:.3f})")
                            .format(distance))
            self.pairs.addItem(item)
        warnings = "\n".join(w for w in (snapshot.copying_warning, snapshot.collapse_warning) if w)
        self.warning.setText(warnings)
        self.warning.setVisible(bool(warnings))
