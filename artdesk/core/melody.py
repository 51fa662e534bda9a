"""A monophonic melody on a 16th-note grid, shared by the music models, the piano roll and MIDI I/O."""
from __future__ import annotations

from dataclasses import dataclass, field

STEPS_PER_QUARTER = 4  # the grid is 16th notes


@dataclass(frozen=True)
class Note:
    pitch: int  # MIDI pitch 0-127
    start: int  # in 16th-note steps from the melody's start
    duration: int  # in steps, >= 1
    velocity: int = 90

    @property
    def end(self) -> int:
        return self.start + self.duration


@dataclass(frozen=True)
class Melody:
    notes: tuple[Note, ...] = ()
    tempo_bpm: float = 120.0
    time_signature: tuple[int, int] = (4, 4)
    metadata: dict = field(default_factory=dict, compare=False, hash=False)  # provenance, title, style

    @property
    def steps_per_bar(self) -> int:
        numerator, denominator = self.time_signature
        return numerator * STEPS_PER_QUARTER * 4 // denominator

    @property
    def length_steps(self) -> int:
        return max((n.end for n in self.notes), default=0)
