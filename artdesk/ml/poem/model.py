"""The poem language model: a character-level recurrent network (GRU or LSTM) with a prefix of
form tag and theme keywords (``<bos> <form> keywords <sep> body <eos>``)."""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class PoemConfig:
    vocab_size: int
    language: str = "zh"  # "zh" or "en"
    embed: int = 256
    hidden: int = 512
    layers: int = 2
    dropout: float = 0.1
    cell: str = "gru"  # "gru" or "lstm"


class PoemRNN(nn.Module):
    """Embedding -> stacked GRU/LSTM -> linear over the vocabulary; ``state`` carries the recurrence."""

    def __init__(self, config: PoemConfig) -> None:
        super().__init__()
        if config.cell not in ("gru", "lstm"):
            raise ValueError(f"unknown cell {config.cell!r}")
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.embed)
        rnn = nn.GRU if config.cell == "gru" else nn.LSTM
        self.rnn = rnn(config.embed, config.hidden, config.layers, batch_first=True,
                       dropout=config.dropout if config.layers > 1 else 0.0)
        self.drop = nn.Dropout(config.dropout)
        self.head = nn.Linear(config.hidden, config.vocab_size)

    def forward(self, ids: torch.Tensor, state=None):
        """``ids`` (batch, time) -> logits (batch, time, vocab), new state."""
        out, state = self.rnn(self.drop(self.embed(ids)), state)
        return self.head(self.drop(out)), state

    @staticmethod
    def select_state(state, index: torch.Tensor):
        """The state rows ``index`` (for beams and candidate batches)."""
        if isinstance(state, tuple):
            return tuple(s.index_select(1, index) for s in state)
        return state.index_select(1, index)
