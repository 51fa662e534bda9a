"""The keyboard shortcuts help page, listed from the window's live actions so it never goes stale.

Every ``QAction`` under the main window that has a shortcut appears, grouped by the menu holding it
(panel actions that are in no menu are grouped under "Panels").
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


def clean_text(text: str) -> str:
    """Menu text without its mnemonic ampersand or trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def shortcut_groups(window: QMainWindow, others_title: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(group title, [(action text, shortcut text), ...]), ...]: menus in order, then each panel's actions."""
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[int] = set()
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = []
        for action in menu.actions():
            seen.add(id(action))
            if not action.shortcuts() or not action.text():
                continue
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            rows.append((clean_text(action.text()), keys))
        if rows:
            groups.append((clean_text(menu.title()), rows))
    by_panel: dict[str, set[tuple[str, str]]] = {}
    for action in window.findChildren(QAction):
        if id(action) in seen or not action.shortcuts() or not action.text():
            continue
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
        by_panel.setdefault(_panel_title(window, action) or others_title, set()).add((clean_text(action.text()), keys))
    groups += [(title, sorted(rows)) for title, rows in by_panel.items()]
    return groups


def _panel_title(window: QMainWindow, action: QAction) -> str:
    """The tab title of the panel an action lives in, or "" if it is in none."""
    tabs = getattr(window, "tabs", None)
    node = action.parent()
    while node is not None and tabs is not None:
        index = tabs.indexOf(node) if isinstance(node, QWidget) else -1
        if index >= 0:
            return tabs.tabText(index).replace("&", "")
        node = node.parent()
    return ""


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 560)
        intro = QLabel(self.tr("These keys work anywhere in the window. Panels may add their own while they are open."))
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        for title, rows in shortcut_groups(window, self.tr("Panels")):
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for text, keys in rows:
                group.addChild(QTreeWidgetItem([text, keys]))
            group.setExpanded(True)
        self.tree.setItemsExpandable(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str]]:
        """Every (action, shortcut) shown, for tests and for screen readers' summaries."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out += [(group.child(j).text(0), group.child(j).text(1)) for j in range(group.childCount())]
        return out
