"""Back and Forward through the image-model grids, like a browser: Vary pick, Breed or Walk make a new grid
without losing the one the picks came from."""
from __future__ import annotations

from typing import Any

LIMIT = 30  # grids remembered (each is a few dozen 64 px pictures)


class GridHistory:
    def __init__(self) -> None:
        self.grids: list[Any] = []
        self.position = -1  # the grid shown now

    def push(self, grid: Any) -> None:
        """A new grid is shown: the ones ahead of the current one are dropped, as in a browser."""
        self.grids = self.grids[: self.position + 1] + [grid]
        if len(self.grids) > LIMIT:
            self.grids = self.grids[-LIMIT:]
        self.position = len(self.grids) - 1

    def can_back(self) -> bool:
        return self.position > 0

    def can_forward(self) -> bool:
        return self.position < len(self.grids) - 1

    def back(self) -> Any:
        if not self.can_back():
            raise IndexError("no earlier grid")
        self.position -= 1
        return self.grids[self.position]

    def forward(self) -> Any:
        if not self.can_forward():
            raise IndexError("no later grid")
        self.position += 1
        return self.grids[self.position]
