"""Second tries inside a line of the word sampler, for the two ways a left-to-right model spoils a line's end.

- **Taking a word back.** A word after which only the marks that end the line fit, where the model gives
  those marks less than ``END_FLOOR`` together ("And the summer is."), is taken back with the row's model
  state and log-probabilities, and another word is drawn in its place (``MAX_TAKEN_BACK`` a row and line).
- **Starting the ending again.** A line keeps a restart point ``RESTART_ROOM`` syllables before its
  shortest length. When a line that answers a rhyme has only rhyme words left to write and the model gives
  the likeliest of them less than ``FORCED_RHYME`` ("the sky worth"), or a line's last word is still one it
  cannot end on after ``MAX_TAKEN_BACK`` words taken back, the row goes back to that point and writes its
  ending again (``RESTARTS`` a row and line), since the clause, not the last word, has to change.

Both put back exactly what was there: the row, its model state (``WordPoet._keep`` / ``_put``) and the
log-probabilities it drew from, so a line's score stays the model's own.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

END_FLOOR = 0.1  # a line's last word is taken back when the model gives the marks that may end the line less
MAX_TAKEN_BACK = 3  # words taken back per row and line
RESTART_ROOM = 3  # a rhyme-answering line's restart point: this many syllables before its shortest length
RESTARTS = 1  # endings written again per row and line
FORCED_RHYME = -6.2  # log 1/500: a rhyme word the model gave less is forced onto its line ("the sky worth")


@dataclass
class Back:
    """A row as it was before its last word, to take that word back (``refused``: the words taken back at
    that place)."""

    total: float
    length: int
    syl: int
    last_word: int | None
    word_logprob: float
    prev: str
    line_first: int | None
    word: int
    bonus: float
    state: object  # the model's state of the row (``WordPoet._keep``)
    logp: np.ndarray
    refused: set[int]

    @classmethod
    def before(cls, row, word: int, state, logp: np.ndarray, last: Back | None) -> Back:
        """The row before ``word`` is written, with its model state and log-probabilities; a word written in
        place of a refused one keeps the refusals."""
        refused = last.refused if last is not None and last.length == len(row.out) else set()
        return cls(row.total, len(row.out), row.syl, row.last_word, row.word_logprob, row.prev, row.line_first, word,
                   float(row.bonus[word]), state, logp.copy(), refused | {word})

    def undo(self, row) -> None:
        """Put the row back as it was before the word."""
        row.total, row.syl, row.last_word, row.word_logprob = self.total, self.syl, self.last_word, self.word_logprob
        row.prev, row.line_first = self.prev, self.line_first
        del row.out[self.length:]
        row.bonus[self.word] = self.bonus


@dataclass
class RowMending:
    """One row's second tries in the current line."""

    back: Back | None = None
    taken_back: int = 0
    restart: tuple | None = None  # (row, model state, log-probabilities) at the restart point
    restarts: int = 0

    def mend(self, poet, rows: list, number: int, state, logp: np.ndarray):
        """Row ``number`` of ``rows`` (batch row ``number`` of ``state`` and ``logp``), mended if its line's end
        went wrong, and the tokens it may write next: ``(row, allowed)``."""
        row = rows[number]
        allowed = poet._allowed(row)
        if row.spec.locked is None and self.restart is None and row.syl >= row.spec.min_syllables - RESTART_ROOM:
            self.restart = (row.fork(), poet._keep(state, number), logp[number].copy())
        stuck = self.back is not None and dangling(poet, row, allowed, logp[number])
        answering = row.spec.letter in row.anchors
        if self.restart is not None and self.restarts < RESTARTS and (
                (answering and forced(poet, row, allowed, logp[number])) or (stuck and self.taken_back >= MAX_TAKEN_BACK)):
            self.restarts += 1
            kept_row, kept_state, kept_logp = self.restart
            row = rows[number] = kept_row.fork()
            poet._put(state, number, kept_state)
            logp[number] = kept_logp
            self.back = None
            return row, poet._allowed(row)
        if stuck and self.taken_back < MAX_TAKEN_BACK:
            self.taken_back += 1
            back = self.back
            back.undo(row)
            poet._put(state, number, back.state)
            logp[number] = back.logp
            allowed = poet._allowed(row)
            others = allowed.copy()
            others[list(back.refused)] = False
            return row, others if others.any() else allowed
        return row, allowed

    def before(self, poet, row, token: int, state, logp: np.ndarray, number: int) -> None:
        """Note the row as it is before ``token``, if that is a word that may end its line."""
        t = poet.tables
        if t.word[token] and row.may_end[token] and row.syl + t.syllables[token] >= row.spec.min_syllables:
            self.back = Back.before(row, token, poet._keep(state, number), logp[number], self.back)


def dangling(poet, row, allowed: np.ndarray, logp: np.ndarray) -> bool:
    """True when the row's last word must end its line and the model gives the marks that may end it less
    than ``END_FLOOR`` together."""
    if row.prev != "word" or (allowed & poet.tables.word).any():
        return False
    return float(np.exp(logp[allowed]).sum()) < END_FLOOR


def forced(poet, row, allowed: np.ndarray, logp: np.ndarray) -> bool:
    """True when only words that end the line are left and the model gives the likeliest of them less than
    ``FORCED_RHYME``."""
    words = allowed & poet.tables.word
    if row.prev == "cap" or not words.any() or (words & ~row.may_end).any():
        return False
    return float(logp[words].max()) < FORCED_RHYME
