"""A session's settings that tell their views when they change (napari's evented model, without Qt or pydantic).

A session keeps its settings in a frozen dataclass; ``set(**changes)`` replaces it and calls every listener
with the names that changed. Views bind each widget to one name, both ways (``artdesk.ui.binding``).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Generic, TypeVar

S = TypeVar("S")


class Settings(Generic[S]):
    """``value``: a frozen dataclass; ``set`` changes fields and tells the listeners which."""

    def __init__(self, value: S) -> None:
        self.value = value
        self._listeners: list[Callable[[set[str]], None]] = []

    def connect(self, listener: Callable[[set[str]], None]) -> None:
        self._listeners.append(listener)

    def get(self, name: str) -> Any:
        return getattr(self.value, name)

    def set(self, **changes: Any) -> None:
        """Change fields (unknown names are a programming error: TypeError); listeners hear of real changes."""
        old, self.value = self.value, replace(self.value, **changes)
        changed = {name for name in changes if getattr(old, name) != getattr(self.value, name)}
        if changed:
            for listener in list(self._listeners):
                listener(changed)
