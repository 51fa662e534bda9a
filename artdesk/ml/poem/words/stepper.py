"""One token per row of the word model in NumPy float32 (``WordPoemLSTM`` with one layer, in eval mode).

At one token per row a torch step of the embedding, the LSTM and the adaptive softmax is a dozen module calls
whose dispatch costs more than their arithmetic; this does the same float32 arithmetic in a few matrix
products: the LSTM cell (``stepper.lstm_cell``), the head's log-softmax, and each tail cluster's
log-softmax plus its head log-probability, as ``AdaptiveLogSoftmaxWithLoss.log_prob`` computes them.
A token's input to the gates (its embedding times the input weights, plus both biases) is worked out the
first time the token is fed and kept: a poem feeds a few hundred distinct tokens, most of them many times.
"""
from __future__ import annotations

import numpy as np
import torch

from artdesk.ml.poem.stepper import lstm_cell

SMALL_BATCH = 4  # up to this many rows, products with the wide input matrices go row by row


def _rows_times(x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``x @ weight`` for a few rows, one vector-matrix product per row: for 3 rows of 384 times 384x1536,
    OpenBLAS's matrix-matrix kernel took 217 us of CPU against 104 us for three vector-matrix products."""
    if len(x) > SMALL_BATCH:
        return x @ weight
    return np.stack([row @ weight for row in x])


def _log_softmax(x: np.ndarray) -> np.ndarray:
    """``x`` turned into its log-softmax along the last axis, in place."""
    x -= x.max(axis=1, keepdims=True)
    x -= np.log(np.exp(x).sum(axis=1, keepdims=True))
    return x


class NumpyWordStepper:
    """``stepper.step(tokens, h, c) -> (log-probabilities (rows, vocab), h, c)`` for a one-layer word model."""

    def __init__(self, model) -> None:
        rnn, head = model.rnn, model.head
        self.hidden = model.config.hidden
        with torch.no_grad():
            numpy = lambda t: np.ascontiguousarray(t.detach().float().numpy())  # noqa: E731
            self.embed = numpy(model.embed.weight)
            self.w_in, self.w_rec = numpy(rnn.weight_ih_l0.T), numpy(rnn.weight_hh_l0.T)
            self.bias = numpy(rnn.bias_ih_l0 + rnn.bias_hh_l0)
            self.head = numpy(head.head.weight.T)
            self.head_bias = numpy(head.head.bias) if head.head.bias is not None else 0.0
            self.tails = [(numpy(tail[0].weight.T), numpy(tail[1].weight.T)) for tail in head.tail]
        self.shortlist, self.cutoffs, self.size = head.shortlist_size, list(head.cutoffs), head.n_classes
        # filled row by row as tokens are first fed (np.zeros maps its pages only when they are written)
        self.inputs = np.zeros((len(self.embed), len(self.bias)), dtype=np.float32)
        self.known = np.zeros(len(self.embed), dtype=bool)

    @staticmethod
    def fits(model) -> bool:
        """True for a one-layer model (the stepper has no upper layers)."""
        return model.config.layers == 1 and not model.training

    def _input(self, tokens: np.ndarray) -> np.ndarray:
        """The gates' input part for ``tokens`` (rows, 4 * hidden), from the kept rows."""
        for token in np.unique(tokens[~self.known[tokens]]):
            self.inputs[token] = self.embed[token] @ self.w_in + self.bias
            self.known[token] = True  # after the row is written: a reader on another thread never sees it half done
        return self.inputs[tokens]

    def step(self, tokens: np.ndarray, h: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        gates = self._input(tokens)
        gates += _rows_times(h, self.w_rec)
        h, c = lstm_cell(gates, c, self.hidden)
        head = _rows_times(h, self.head)
        head += self.head_bias
        _log_softmax(head)
        out = np.empty((len(tokens), self.size), dtype=np.float32)
        out[:, :self.shortlist] = head[:, :self.shortlist]
        for number, (down, up) in enumerate(self.tails):
            cluster = _log_softmax(_rows_times(h, down) @ up)
            cluster += head[:, self.shortlist + number, None]
            out[:, self.cutoffs[number]:self.cutoffs[number + 1]] = cluster
        return out, h, c
