"""The word-level English poem model: embedding -> LSTM -> adaptive softmax over the word vocabulary.

Token ids are ordered specials, form tags, characters, then words by falling frequency, so the
adaptive softmax clusters by id: the first ``cutoffs[0]`` ids (every special, character and the most
frequent words) form the head."""
from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from artdesk.ml.onednn import onednn_disabled


@dataclass(frozen=True)
class WordPoemConfig:
    vocab_size: int
    embed: int = 256
    hidden: int = 512
    layers: int = 1
    dropout: float = 0.0
    cutoffs: tuple[int, ...] = (2000, 6000)
    div_value: float = 4.0
    language: str = "en"


class WordPoemLSTM(nn.Module):
    """``ids`` (batch, time) -> log-probabilities over the vocabulary; ``state`` carries the recurrence."""

    def __init__(self, config: WordPoemConfig) -> None:
        super().__init__()
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.embed)
        self.rnn = nn.LSTM(config.embed, config.hidden, config.layers, batch_first=True,
                           dropout=config.dropout if config.layers > 1 else 0.0)
        self.drop = nn.Dropout(config.dropout)
        cutoffs = [c for c in config.cutoffs if 0 < c < config.vocab_size]
        self.head = nn.AdaptiveLogSoftmaxWithLoss(config.hidden, config.vocab_size, cutoffs, div_value=config.div_value)

    def features(self, ids: torch.Tensor, state=None):
        x = self.drop(self.embed(ids))
        if ids.shape[1] == 1 and not torch.is_grad_enabled():
            with onednn_disabled():  # one token at a time is much faster without oneDNN on CPU
                out, state = self.rnn(x, state)
        else:
            out, state = self.rnn(x, state)
        return self.drop(out), state

    def forward(self, ids: torch.Tensor, state=None):
        """Log-probabilities (batch, time, vocab) and the new state."""
        out, state = self.features(ids, state)
        logp = self.head.log_prob(out.reshape(-1, out.shape[-1]).float())
        return logp.view(*out.shape[:-1], -1), state

    def token_nll(self, ids: torch.Tensor, targets: torch.Tensor, state=None):
        """Negative log-likelihood (nats) of ``targets`` after ``ids``, per position (batch, time); new state."""
        out, state = self.features(ids, state)
        nll = -self.head(out.reshape(-1, out.shape[-1]).float(), targets.reshape(-1)).output
        return nll.view(targets.shape), state

    @staticmethod
    def select_state(state, index: torch.Tensor):
        return tuple(s.index_select(1, index) for s in state)
