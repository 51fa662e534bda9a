"""The poem language model: a character-level recurrent network (GRU or LSTM) with a prefix of
form tag and theme keywords (``<bos> <form> keywords <sep> body <eos>``)."""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from artdesk.ml.onednn import onednn_disabled


@dataclass(frozen=True)
class PoemConfig:
    vocab_size: int
    language: str = "zh"  # "zh" or "en"
    embed: int = 256
    hidden: int = 512
    layers: int = 2
    dropout: float = 0.1
    cell: str = "gru"  # "gru" or "lstm"
    head: str = "full"  # "full" softmax, or "adaptive" softmax (cheaper for thousands of characters)
    cutoffs: tuple[int, ...] = (400, 1600)  # adaptive clusters, in frequency ranks


class PoemRNN(nn.Module):
    """Embedding -> stacked GRU/LSTM -> softmax over the vocabulary; ``state`` carries the recurrence.

    With an adaptive head the clusters are by frequency rank: ``rank[id]`` (a saved buffer, set by
    :meth:`set_frequency_order` before training) maps a vocabulary id to its rank."""

    def __init__(self, config: PoemConfig) -> None:
        super().__init__()
        if config.cell not in ("gru", "lstm"):
            raise ValueError(f"unknown cell {config.cell!r}")
        if config.head not in ("full", "adaptive"):
            raise ValueError(f"unknown head {config.head!r}")
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.embed)
        rnn = nn.GRU if config.cell == "gru" else nn.LSTM
        self.rnn = rnn(config.embed, config.hidden, config.layers, batch_first=True,
                       dropout=config.dropout if config.layers > 1 else 0.0)
        self.drop = nn.Dropout(config.dropout)
        if config.head == "adaptive":
            cutoffs = [c for c in config.cutoffs if 0 < c < config.vocab_size]
            self.head = nn.AdaptiveLogSoftmaxWithLoss(config.hidden, config.vocab_size, cutoffs, div_value=4.0)
            self.register_buffer("rank", torch.arange(config.vocab_size))
        else:
            self.head = nn.Linear(config.hidden, config.vocab_size)

    def set_frequency_order(self, counts) -> None:
        """Order the adaptive clusters by ``counts`` (occurrences per id, most frequent first)."""
        if self.config.head == "adaptive":
            order = torch.argsort(torch.as_tensor(counts, dtype=torch.float64), descending=True, stable=True)
            self.rank[order] = torch.arange(len(order), device=self.rank.device)

    def _features(self, ids: torch.Tensor, state):
        x = self.drop(self.embed(ids))
        if ids.shape[1] == 1 and not torch.is_grad_enabled():
            with onednn_disabled():  # one token at a time: ~20x faster on CPU
                out, state = self.rnn(x, state)
        else:
            out, state = self.rnn(x, state)
        return self.drop(out), state

    def forward(self, ids: torch.Tensor, state=None):
        """``ids`` (batch, time) -> logits (batch, time, vocab), new state. The adaptive head returns
        log-probabilities, which serve as logits."""
        out, state = self._features(ids, state)
        if self.config.head == "full":
            return self.head(out), state
        logp = self.head.log_prob(out.reshape(-1, out.shape[-1])).index_select(-1, self.rank)
        return logp.view(*out.shape[:-1], -1), state

    def token_nll(self, ids: torch.Tensor, targets: torch.Tensor, state=None):
        """Negative log-likelihood (nats) of ``targets`` after ``ids``, per position (batch, time); new state."""
        out, state = self._features(ids, state)
        flat = out.reshape(-1, out.shape[-1])
        if self.config.head == "full":
            nll = F.cross_entropy(self.head(flat).float(), targets.reshape(-1), reduction="none")
        else:
            nll = -self.head(flat.float(), self.rank[targets.reshape(-1)]).output
        return nll.view(targets.shape), state

    @staticmethod
    def select_state(state, index: torch.Tensor):
        """The state rows ``index`` (for beams and candidate batches)."""
        if isinstance(state, tuple):
            return tuple(s.index_select(1, index) for s in state)
        return state.index_select(1, index)
