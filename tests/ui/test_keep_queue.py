"""The shared keep queue: one item per event-loop turn, stops at the first refusal, reports (kept, offered)."""
from PySide6.QtCore import QObject

from artdesk.ui.keep_queue import QtKeepQueue


def test_items_are_kept_in_order_and_done_reports_the_counts(qtbot):
    owner, seen = QObject(), []
    queue = QtKeepQueue(lambda item: seen.append(item) or item, owner)
    with qtbot.waitSignal(queue.done, timeout=2000) as done:
        queue.add(["a", "b", "c"])
    assert seen == ["a", "b", "c"] and done.args == [3, 3]


def test_a_refusal_stops_the_queue_and_flush_keeps_the_rest_at_once(qtbot):
    owner = QObject()
    queue = QtKeepQueue(lambda item: None if item == "full" else item, owner)
    with qtbot.waitSignal(queue.done, timeout=2000) as done:
        queue.add(["a", "full", "never"])
    assert done.args == [1, 3]
    kept = []
    queue = QtKeepQueue(lambda item: kept.append(item) or item, owner)
    queue.add(["x", "y"])
    with qtbot.waitSignal(queue.done, timeout=0, raising=False):
        queue.flush()
    assert kept == ["x", "y"]
